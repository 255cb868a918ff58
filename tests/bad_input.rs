//! Bad input costs nothing: each kind of file a real-world dump holds is built in a
//! temporary folder and run through `newsfacts extract`, asserting exactly what the user
//! gets for it (a record with which encoding and warnings, or an error entry with which
//! code) and the exit status: 0 when every file was read, 1 when some was not, 2 when
//! the run could not start.
//!
//! The big cases are cut to sizes that keep the suite fast; `scripts/bad_inputs.py`
//! builds the real sizes (a 5 MB line, a 200 MB file, 100,000 files) for measured runs.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Output, Stdio};

use assert_cmd::Command;
use newsfacts::audit::source::decode_span;
use newsfacts::ArticleRecord;
use serde_json::Value;

fn newsfacts() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsfacts"))
}

/// A temporary folder with `articles/` holding the given files.
fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("articles")).unwrap();
    for (name, body) in files {
        fs::write(dir.path().join("articles").join(name), body).unwrap();
    }
    dir
}

/// Runs `extract articles` (plus `args`) in `dir`: the JSON lines and the exit status.
fn extract(dir: &Path, args: &[&str]) -> (Vec<Value>, i32) {
    let out = newsfacts().current_dir(dir).arg("extract").arg("articles").args(args).output().unwrap();
    (lines(&out), out.status.code().expect("an exit status, not a signal"))
}

fn lines(out: &Output) -> Vec<Value> {
    let text = std::str::from_utf8(&out.stdout).expect("output is UTF-8");
    text.lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect()
}

/// The only entry of a run over one file.
fn only(entries: &[Value]) -> &Value {
    assert_eq!(entries.len(), 1, "{entries:?}");
    &entries[0]
}

/// `entry` is an error entry for `path` with `code`, whose message says `says`.
fn assert_error(entry: &Value, path: &str, code: &str, says: &str) {
    assert_eq!((entry["path"].as_str(), entry["error"]["code"].as_str()), (Some(path), Some(code)), "{entry}");
    let message = entry["error"]["message"].as_str().unwrap();
    assert!(message.contains(says), "{message:?} does not say {says:?}");
}

/// The warning codes of a record (none for an error entry).
fn warning_codes(record: &Value) -> Vec<&str> {
    record["warnings"].as_array().into_iter().flatten().map(|w| w["code"].as_str().unwrap()).collect()
}

/// The record's spans each hold their text, decoded as the record's encoding says.
fn assert_spans_hold(record: &Value, raw: &[u8]) {
    let record: ArticleRecord = serde_json::from_value(record.clone()).expect("an article record");
    assert!(!record.spans().is_empty(), "the case has something to find");
    for (span, text) in record.spans() {
        assert!(span[0] < span[1] && span[1] <= raw.len(), "span {span:?}");
        if let Some(text) = text {
            assert_eq!(decode_span(raw, span, &record.encoding).as_deref(), Some(text), "span {span:?}");
        }
    }
}

const ARTICLE: &str = "Labour\u{2019}s Jane Smith won the Harbridge by-election with 12,345 votes.\n\
    Turnout was 61.2%.\n\
    \u{201C}We did it,\u{201D} she said after the count.\n";

/// (kind, value, text) of every figure, and the quote texts: what must not change when
/// only the encoding or the line ends do.
fn facts(record: &Value) -> (Vec<(String, f64, String)>, Vec<String>) {
    let figures = record["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["kind"].as_str().unwrap().into(), f["value"].as_f64().unwrap(), f["text"].as_str().unwrap().into()))
        .collect();
    let quotes = record["quotes"].as_array().unwrap().iter().map(|q| q["text"].as_str().unwrap().into()).collect();
    (figures, quotes)
}

fn utf8_facts() -> (Vec<(String, f64, String)>, Vec<String>) {
    let dir = folder(&[("a.txt", ARTICLE.as_bytes())]);
    let (entries, _) = extract(dir.path(), &[]);
    let got = facts(only(&entries));
    assert_eq!(got.0.len(), 2, "votes and turnout: {got:?}");
    assert_eq!(got.1, ["We did it,"]);
    got
}

#[test]
fn utf8_with_and_without_bom() {
    let expected = utf8_facts();
    let mut raw = b"\xEF\xBB\xBF".to_vec();
    raw.extend(ARTICLE.as_bytes());
    let dir = folder(&[("a.txt", &raw)]);
    let (entries, code) = extract(dir.path(), &[]);
    let record = only(&entries);
    assert_eq!((record["encoding"].as_str(), code), (Some("utf-8-bom"), 0));
    assert_eq!(facts(record), expected);
    assert!(warning_codes(record).is_empty());
    assert_spans_hold(record, &raw);
}

#[test]
fn utf16_with_bom_both_byte_orders() {
    let expected = utf8_facts();
    for (bom, encoding) in [([0xFF, 0xFE], "utf-16le"), ([0xFE, 0xFF], "utf-16be")] {
        let mut raw = bom.to_vec();
        for unit in ARTICLE.encode_utf16() {
            raw.extend(if encoding == "utf-16le" { unit.to_le_bytes() } else { unit.to_be_bytes() });
        }
        let dir = folder(&[("a.txt", &raw)]);
        let (entries, code) = extract(dir.path(), &[]);
        let record = only(&entries);
        assert_eq!((record["encoding"].as_str(), code), (Some(encoding), 0));
        assert_eq!(facts(record), expected, "{encoding}");
        assert_spans_hold(record, &raw);
    }
}

#[test]
fn windows_1252_is_decoded_with_a_warning() {
    // The curly marks and the apostrophe are single bytes in Windows-1252.
    let raw: Vec<u8> = ARTICLE
        .chars()
        .map(|c| match c {
            '\u{2019}' => 0x92,
            '\u{201C}' => 0x93,
            '\u{201D}' => 0x94,
            c => c as u8,
        })
        .collect();
    let dir = folder(&[("a.txt", &raw)]);
    let (entries, code) = extract(dir.path(), &[]);
    let record = only(&entries);
    assert_eq!((record["encoding"].as_str(), code), (Some("windows-1252"), 0));
    assert_eq!(warning_codes(record), ["not-utf8"]);
    assert_eq!(facts(record), utf8_facts());
    assert_spans_hold(record, &raw);
}

#[test]
fn utf8_with_a_stray_byte_stays_utf8_with_a_warning() {
    let mut raw = ARTICLE.as_bytes().to_vec();
    raw.extend(b"It cost \xA35 a head.\n");
    let dir = folder(&[("a.txt", &raw)]);
    let (entries, code) = extract(dir.path(), &[]);
    let record = only(&entries);
    assert_eq!((record["encoding"].as_str(), code), (Some("utf-8"), 0));
    assert_eq!(warning_codes(record), ["invalid-utf8"]);
    assert_eq!(facts(record).1, ["We did it,"], "the curly quotes still read as quotes");
    assert_spans_hold(record, &raw);
}

#[test]
fn crlf_and_lone_cr_line_ends_read_as_lf_does() {
    let expected = utf8_facts();
    for end in ["\r\n", "\r"] {
        let raw = ARTICLE.replace('\n', end);
        let dir = folder(&[("a.txt", raw.as_bytes())]);
        let (entries, code) = extract(dir.path(), &[]);
        let record = only(&entries);
        assert_eq!(code, 0);
        assert_eq!(facts(record), expected, "line ends {end:?}");
        assert_spans_hold(record, raw.as_bytes());
    }
}

#[test]
fn nul_bytes_make_a_binary_error_entry_and_the_rest_is_read() {
    let dir = folder(&[("a.txt", ARTICLE.as_bytes()), ("b.txt", b"\x7fELF\x02\x01\x01\0\0\0\0binary"), ("c.txt", ARTICLE.as_bytes())]);
    let (entries, code) = extract(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(entries.len(), 3);
    assert_error(&entries[1], "articles/b.txt", "binary", "NUL");
    assert!(entries[0]["schema"].is_string() && entries[2]["schema"].is_string());
}

#[test]
fn empty_and_blank_files_give_empty_records_with_a_warning() {
    let dir = folder(&[("empty.txt", b""), ("blank.txt", b"  \r\n\n\t\n")]);
    let (entries, code) = extract(dir.path(), &[]);
    assert_eq!(code, 0, "an empty file was read: nothing failed");
    assert_eq!(entries.len(), 2);
    for record in &entries {
        assert_eq!(warning_codes(record), ["empty"], "{record}");
        assert_eq!(facts(record), (vec![], vec![]));
        assert!(record["candidates"].as_array().unwrap().is_empty());
    }
    assert_eq!(entries[1]["bytes"], 0);
}

#[test]
fn a_file_over_max_bytes_is_skipped_and_the_rest_is_read() {
    let big = ARTICLE.repeat(20);
    let dir = folder(&[("a.txt", ARTICLE.as_bytes()), ("big.txt", big.as_bytes())]);
    let limit = (ARTICLE.len() * 10).to_string();
    let (entries, code) = extract(dir.path(), &["--max-bytes", &limit]);
    assert_eq!(code, 1);
    assert!(entries[0]["schema"].is_string());
    assert_error(&entries[1], "articles/big.txt", "too-large", &format!("{} bytes, more than --max-bytes", big.len()));
    // The same file under a higher limit is read.
    let (entries, code) = extract(dir.path(), &["--max-bytes", "1M"]);
    assert_eq!((entries.len(), code), (2, 0));
}

#[test]
fn a_200_megabyte_file_is_refused_from_its_size_without_being_read() {
    let dir = folder(&[("a.txt", ARTICLE.as_bytes())]);
    // Sparse: 200 MB on paper, nothing on disk.
    let huge = fs::File::create(dir.path().join("articles/huge.txt")).unwrap();
    huge.set_len(200 * 1024 * 1024).unwrap();
    let (entries, code) = extract(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_error(&entries[1], "articles/huge.txt", "too-large", "209715200 bytes");
    // Unread means unopened: a user who may not read it still gets "too-large".
    #[cfg(unix)]
    if let Some(nobody) = Nobody::when_root(dir.path()) {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir.path().join("articles/huge.txt"), fs::Permissions::from_mode(0o000)).unwrap();
        let out = nobody.run(dir.path(), &["extract", "articles"]);
        let entries = lines(&out);
        assert_eq!(entries[1]["error"]["code"], "too-large", "{entries:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_stream_longer_than_max_bytes_is_cut_off_at_the_limit() {
    let dir = folder(&[]);
    let fifo = dir.path().join("stream.txt");
    mkfifo(&fifo);
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let mut pipe = fs::OpenOptions::new().write(true).open(fifo).unwrap();
        // Far more than the limit; the reader stops, so the writer sees a broken pipe.
        for _ in 0..1000 {
            if pipe.write_all(ARTICLE.as_bytes()).is_err() {
                break;
            }
        }
    });
    let out = newsfacts().current_dir(dir.path()).args(["extract", "stream.txt", "--max-bytes", "4K"]).output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_error(only(&lines(&out)), "stream.txt", "too-large", "at least 4097 bytes (it is a stream, or it grew while read), more than --max-bytes 4096; reading stopped there");
}

#[cfg(unix)]
#[test]
fn a_pipe_inside_a_folder_is_listed_unread() {
    let dir = folder(&[("a.txt", ARTICLE.as_bytes())]);
    // Nobody writes to it: reading it would wait forever.
    mkfifo(&dir.path().join("articles/pipe.txt"));
    let (entries, code) = extract(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_error(&entries[1], "articles/pipe.txt", "unreadable", "not a regular file");
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_unreadable_for_whoever_may_not_read_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder(&[("a.txt", ARTICLE.as_bytes()), ("b.txt", ARTICLE.as_bytes())]);
    fs::set_permissions(dir.path().join("articles/a.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    let root = unsafe { libc::geteuid() } == 0;
    let (entries, code) = extract(dir.path(), &[]);
    if root {
        // Permissions do not bind root: the file is read like any other.
        assert_eq!(code, 0);
        assert!(entries[0]["schema"].is_string());
        let nobody = Nobody::when_root(dir.path()).expect("root can run as nobody");
        let out = nobody.run(dir.path(), &["extract", "articles"]);
        let entries = lines(&out);
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        assert_unreadable(&entries);
    } else {
        assert_eq!(code, 1);
        assert_unreadable(&entries);
    }
}

fn assert_unreadable(entries: &[Value]) {
    assert_eq!(entries.len(), 2);
    assert_error(&entries[0], "articles/a.txt", "unreadable", "Permission denied");
    assert!(entries[1]["schema"].is_string(), "the other file is read");
}

#[cfg(unix)]
#[test]
fn dangling_links_are_unreadable_and_say_where_they_lead() {
    let dir = folder(&[("a.txt", ARTICLE.as_bytes())]);
    std::os::unix::fs::symlink("gone.txt", dir.path().join("articles/link.txt")).unwrap();
    for args in [&["extract", "articles"][..], &["extract", "articles/a.txt", "articles/link.txt"][..]] {
        let out = newsfacts().current_dir(dir.path()).args(args).output().unwrap();
        let entries = lines(&out);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(entries.len(), 2, "{args:?}");
        assert_error(&entries[1], "articles/link.txt", "unreadable", "symbolic link to gone.txt, which does not exist");
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops_end_and_cost_nothing_else() {
    let dir = folder(&[("a.txt", ARTICLE.as_bytes())]);
    let articles = dir.path().join("articles");
    fs::create_dir(articles.join("sub")).unwrap();
    fs::write(articles.join("sub/b.txt"), ARTICLE).unwrap();
    // A folder link back up the tree, and two file links that point at each other.
    std::os::unix::fs::symlink("..", articles.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("y.txt", articles.join("x.txt")).unwrap();
    std::os::unix::fs::symlink("x.txt", articles.join("y.txt")).unwrap();
    let (entries, code) = extract(dir.path(), &[]);
    let paths: Vec<&str> = entries.iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["articles/a.txt", "articles/sub/b.txt", "articles/x.txt", "articles/y.txt"], "each file once");
    assert_eq!(code, 1);
    for looped in &entries[2..] {
        assert_error(looped, looped["path"].as_str().unwrap(), "unreadable", "round in a loop");
    }
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_escaped_and_kept_exactly() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = folder(&[]);
    // Two names that a lossy conversion would make one: "caf\xE9.txt" and "caf\xE8.txt".
    for name in [&b"caf\xE9.txt"[..], &b"caf\xE8.txt"[..]] {
        fs::write(dir.path().join("articles").join(OsStr::from_bytes(name)), ARTICLE).unwrap();
    }
    let (entries, code) = extract(dir.path(), &[]);
    assert_eq!(code, 0);
    let paths: Vec<&str> = entries.iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["articles/caf\\xE8.txt", "articles/caf\\xE9.txt"]);
    let bytes: Vec<u8> = entries[1]["path_bytes"].as_array().unwrap().iter().map(|b| b.as_u64().unwrap() as u8).collect();
    assert_eq!(bytes, b"articles/caf\xE9.txt");
    // audit finds the files again by their bytes.
    newsfacts().current_dir(dir.path()).args(["extract", "articles", "-o", "records.jsonl"]).assert().success();
    newsfacts().current_dir(dir.path()).args(["audit", "records.jsonl"]).assert().success();
    // A UTF-8 name carries no path_bytes.
    let dir = folder(&[("café.txt", ARTICLE.as_bytes())]);
    let (entries, _) = extract(dir.path(), &[]);
    assert_eq!(only(&entries)["path"], "articles/café.txt");
    assert!(only(&entries).get("path_bytes").is_none());
}

#[test]
fn every_one_of_many_small_files_is_accounted_for() {
    let dir = folder(&[]);
    let count = 3000;
    for i in 0..count {
        let body: &[u8] = match i % 100 {
            0 => b"\0binary",
            1 => b"",
            _ => ARTICLE.as_bytes(),
        };
        fs::write(dir.path().join(format!("articles/{i:05}.txt")), body).unwrap();
    }
    let (entries, code) = extract(dir.path(), &["--quiet"]);
    assert_eq!(code, 1);
    let paths: Vec<String> = entries.iter().map(|e| e["path"].as_str().unwrap().to_string()).collect();
    let expected: Vec<String> = (0..count).map(|i| format!("articles/{i:05}.txt")).collect();
    assert_eq!(paths, expected, "one entry per file, in path order");
    assert_eq!(entries.iter().filter(|e| e["error"]["code"] == "binary").count(), count / 100);
    assert_eq!(entries.iter().filter(|e| warning_codes(e) == ["empty"]).count(), count / 100);
}

#[test]
fn a_long_line_and_many_unbalanced_quote_marks_give_records_whose_spans_hold() {
    // A megabyte with no line break (a 5 MB one is in the measured runs), and 10,000
    // quote marks of each kind that never pair up.
    let line = ARTICLE.replace('\n', " ").repeat(1_000_000 / ARTICLE.len());
    let straight = "votes \" ".repeat(10_000);
    let opening = "\u{201C}we won ".repeat(10_000);
    let singles = "the voters' 'choice ".repeat(10_000);
    let dir = folder(&[("line.txt", line.as_bytes()), ("opening.txt", opening.as_bytes()), ("singles.txt", singles.as_bytes()), ("straight.txt", straight.as_bytes())]);
    let (entries, code) = extract(dir.path(), &[]);
    assert_eq!(code, 0);
    let raws = [&line, &opening, &singles, &straight];
    for (record, raw) in entries.iter().zip(raws) {
        let parsed: ArticleRecord = serde_json::from_value(record.clone()).unwrap();
        for (span, text) in parsed.spans() {
            assert!(span[1] <= raw.len());
            if let Some(text) = text {
                assert_eq!(decode_span(raw.as_bytes(), span, "utf-8").as_deref(), Some(text));
            }
        }
    }
    assert!(!entries[0]["figures"].as_array().unwrap().is_empty(), "the long line is read, not skipped");
}

#[test]
fn output_into_a_read_only_file_fails_before_any_work() {
    let dir = folder(&[("a.txt", ARTICLE.as_bytes())]);
    let target = dir.path().join("out.jsonl");
    fs::write(&target, "keep me\n").unwrap();
    let mut permissions = fs::metadata(&target).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&target, permissions).unwrap();
    let out = newsfacts().current_dir(dir.path()).args(["extract", "articles", "-o", "out.jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("read-only"));
    assert_eq!(fs::read_to_string(&target).unwrap(), "keep me\n");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file is left");
}

#[cfg(unix)]
#[test]
fn output_into_a_folder_one_may_not_write_fails_before_any_work() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder(&[("a.txt", ARTICLE.as_bytes())]);
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    let out = match Nobody::when_root(dir.path()) {
        Some(nobody) => nobody.run(dir.path(), &["extract", "articles", "-o", "locked/out.jsonl"]),
        None if unsafe { libc::geteuid() } != 0 => {
            StdCommand::new(env!("CARGO_BIN_EXE_newsfacts")).current_dir(dir.path()).args(["extract", "articles", "-o", "locked/out.jsonl"]).output().unwrap()
        }
        None => unreachable!("root can always run as nobody"),
    };
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot write into the folder") && stderr.contains("locked"), "{stderr}");
    assert_eq!(fs::read_dir(&locked).unwrap().count(), 0);
}

#[test]
fn a_run_that_fails_after_opening_its_output_leaves_no_file() {
    let dir = folder(&[("a.txt", ARTICLE.as_bytes())]);
    let out = newsfacts().current_dir(dir.path()).args(["extract", "articles", "missing.txt", "-o", "out.jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["articles"], "neither the output nor its temporary file");
}

#[cfg(unix)]
#[test]
fn output_into_a_pipe_is_written_in_place() {
    let dir = folder(&[("a.txt", ARTICLE.as_bytes())]);
    let fifo = dir.path().join("records.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let out = newsfacts().current_dir(dir.path()).args(["extract", "articles", "-o", "records.fifo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let written = reader.join().unwrap();
    assert!(written.starts_with("{\"schema\""), "{written}");
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the pipe is still a pipe, not a file renamed over it");
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_partial_output() {
    for (signal, status) in [(libc::SIGINT, 130), (libc::SIGTERM, 143)] {
        let dir = folder(&[("a.txt", ARTICLE.as_bytes())]);
        // An article that is a pipe nobody writes to, named on the command line: the run
        // waits on it, with its output half-done, until it is interrupted.
        mkfifo(&dir.path().join("wait.txt"));
        let mut child = StdCommand::new(env!("CARGO_BIN_EXE_newsfacts"))
            .current_dir(dir.path())
            .args(["extract", "articles", "wait.txt", "-o", "out.jsonl", "--html", "page.html"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The temporary output files (records and page) appear once the run has started.
        while temporary_files(dir.path()).len() < 2 {
            assert!(child.try_wait().unwrap().is_none(), "the run waits on its pipe");
            std::thread::yield_now();
        }
        unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        let exit = child.wait().unwrap();
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(exit.signal().map(|s| 128 + s).or(exit.code()), Some(status), "{exit:?}");
        assert!(temporary_files(dir.path()).is_empty(), "the temporary files are removed");
        assert!(!dir.path().join("out.jsonl").exists() && !dir.path().join("page.html").exists(), "no output file");
    }
}

fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.to_string_lossy().ends_with(".tmp")).collect()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

/// Runs newsfacts as the unprivileged user `nobody`, so that permission cases mean
/// something when the tests run as root (as CI does): a copy of the binary the user may
/// execute, in a folder it may enter.
#[cfg(unix)]
struct Nobody {
    binary: PathBuf,
}

#[cfg(unix)]
impl Nobody {
    const UID: u32 = 65534;

    fn when_root(dir: &Path) -> Option<Nobody> {
        use std::os::unix::fs::PermissionsExt;
        if unsafe { libc::geteuid() } != 0 {
            return None;
        }
        fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
        let binary = dir.join("newsfacts-as-nobody");
        fs::copy(env!("CARGO_BIN_EXE_newsfacts"), &binary).unwrap();
        fs::set_permissions(&binary, fs::Permissions::from_mode(0o755)).unwrap();
        Some(Nobody { binary })
    }

    /// Tries again while the kernel says the copy is busy (ETXTBSY): a test on another
    /// thread that forks while `fs::copy` holds the copy open for writing gives its child
    /// that descriptor until the child's exec closes it, and so for that moment the copy
    /// cannot be executed.
    fn run(&self, dir: &Path, args: &[&str]) -> Output {
        use std::os::unix::process::CommandExt;
        let mut tries = 0;
        loop {
            match StdCommand::new(&self.binary).current_dir(dir).args(args).uid(Self::UID).gid(Self::UID).output() {
                Err(e) if e.raw_os_error() == Some(libc::ETXTBSY) && tries < 200 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                result => return result.unwrap(),
            }
        }
    }
}
