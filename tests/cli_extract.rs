//! `newsfacts extract` end to end: what reaches stdout or `-o`, in which order, with
//! which exit status, for small made-up folders and for the real `corpus/`.

use std::fs;
use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};

const REAL_CORPUS_ARTICLES: usize = 17;

fn newsfacts() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsfacts"))
}

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary folder holding `articles/` with the given files (paths inside it).
fn articles(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        let path = dir.path().join("articles").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, body).unwrap();
    }
    dir
}

fn small_articles() -> tempfile::TempDir {
    articles(&[
        ("b.txt", b"Jane Smith won 1,234 votes."),
        ("a.txt", b"Turnout was 61.2 per cent."),
        ("sub/c.txt", b"\"We did it,\" she said."),
        ("sub/notes.md", b"Not an article unless asked for."),
    ])
}

fn records(stdout: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(stdout).expect("output is UTF-8");
    text.lines().map(|line| serde_json::from_str(line).expect("each line is one JSON object")).collect()
}

fn paths(records: &[Value]) -> Vec<&str> {
    records.iter().map(|r| r["path"].as_str().expect("every entry has a path")).collect()
}

#[test]
fn one_line_per_article_sorted_by_path() {
    let dir = small_articles();
    let out = newsfacts().current_dir(dir.path()).args(["extract", "articles"]).assert().success();
    let out = out.stderr(predicate::str::contains("newsfacts: 3 articles, ")).get_output().stdout.clone();
    assert_eq!(paths(&records(&out)), ["articles/a.txt", "articles/b.txt", "articles/sub/c.txt"]);
}

#[test]
fn path_is_as_named() {
    let dir = small_articles();
    let out = newsfacts()
        .current_dir(dir.path())
        .args(["extract", "articles/", "./articles/a.txt", "articles/b.txt", "articles/sub/notes.md"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        paths(&records(&out)),
        ["./articles/a.txt", "articles/a.txt", "articles/b.txt", "articles/sub/c.txt", "articles/sub/notes.md"],
        "a folder's files are joined to the folder as typed; named files are kept as typed, once"
    );
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let run = |threads: &str| {
        let cmd =
            newsfacts().current_dir(repo_root()).args(["extract", "corpus/", "--quiet", "--threads", threads]).assert();
        cmd.success().get_output().stdout.clone()
    };
    let one = run("1");
    assert_eq!(records(&one).len(), REAL_CORPUS_ARTICLES);
    assert!(one == run("2"), "--threads 1 and --threads 2 give different bytes");
}

/// A run of over a thousand articles on two threads compiles its patterns on both threads
/// before the first article (`extract::ahead`); its records are those of one thread.
#[test]
fn a_run_large_enough_to_compile_ahead_gives_the_bytes_of_one_thread() {
    let corpus: Vec<_> = fs::read_dir(repo_root().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let count = newsfacts::extract::ahead::WORTH_IT_FROM + 7;
    for i in 0..count {
        let source = &corpus[i % corpus.len()];
        fs::copy(source, dir.path().join(format!("{i:05}_{}", source.file_name().unwrap().to_string_lossy()))).unwrap();
    }
    let run = |threads: &str| {
        let cmd = newsfacts().current_dir(dir.path()).args(["extract", ".", "--quiet", "--threads", threads]).assert();
        cmd.success().get_output().stdout.clone()
    };
    let one = run("1");
    assert_eq!(records(&one).len(), count);
    assert!(one == run("2"), "--threads 1 and --threads 2 give different bytes");
}

#[test]
fn output_into_a_missing_folder_fails_before_any_work() {
    let dir = small_articles();
    newsfacts()
        .current_dir(dir.path())
        .args(["extract", "articles", "-o", "missing/out.jsonl"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("newsfacts: ").and(predicate::str::contains("missing")))
        .stderr(predicate::str::contains("does not exist"));
    assert!(!dir.path().join("missing").exists());
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["articles"], "nothing was written");
}

#[test]
fn output_file_is_written_whole() {
    let dir = small_articles();
    let to_stdout = newsfacts().current_dir(dir.path()).args(["extract", "articles"]).assert().success();
    let expected = to_stdout.get_output().stdout.clone();
    newsfacts().current_dir(dir.path()).args(["extract", "articles", "-o", "out.jsonl"]).assert().success().stdout("");
    assert_eq!(fs::read(dir.path().join("out.jsonl")).unwrap(), expected);
    let mut left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    left.sort();
    assert_eq!(left, ["articles", "out.jsonl"], "no temporary file is left behind");
}

#[test]
fn a_binary_file_gets_an_error_entry_and_the_others_their_records() {
    let dir = articles(&[("a.txt", b"Votes: 12."), ("bin.txt", b"\x7fELF\0\0\0binary"), ("c.txt", b"Turnout 60%.")]);
    let out = newsfacts()
        .current_dir(dir.path())
        .args(["extract", "articles"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("2 articles").and(predicate::str::contains("1 error")))
        .get_output()
        .stdout
        .clone();
    let records = records(&out);
    assert_eq!(paths(&records), ["articles/a.txt", "articles/bin.txt", "articles/c.txt"]);
    assert_eq!(records[1]["error"]["code"], "binary");
    assert!(records[1].get("schema").is_none());
    assert_eq!(records[0]["schema"], "newsfacts.article/1");
    assert_eq!(records[2]["schema"], "newsfacts.article/1");
}

#[cfg(unix)]
#[test]
fn a_vanished_file_gets_an_unreadable_entry() {
    let dir = small_articles();
    std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), dir.path().join("articles/gone.txt")).unwrap();
    let out = newsfacts().current_dir(dir.path()).args(["extract", "articles"]).assert().code(1);
    let records = records(&out.get_output().stdout);
    let gone = records.iter().find(|r| r["path"] == "articles/gone.txt").expect("an entry for the dangling link");
    assert_eq!(gone["error"]["code"], "unreadable");
    let message = gone["error"]["message"].as_str().unwrap();
    assert!(message.contains("symbolic link") && message.contains("nowhere.txt") && message.contains("does not exist"), "{gone}");
    assert_eq!(records.len(), 4);
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_gets_an_unreadable_entry() {
    use std::os::unix::fs::PermissionsExt;
    let dir = small_articles();
    let locked = dir.path().join("articles/a.txt");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_ok() {
        // Running as root (as CI does): permissions do not stop reading, so the file must
        // get an ordinary record. The unreadable path itself is covered by the vanished
        // file test above.
        let out = newsfacts().current_dir(dir.path()).args(["extract", "articles"]).assert().success();
        let records = records(&out.get_output().stdout);
        assert_eq!(records[0]["schema"], "newsfacts.article/1");
        return;
    }
    let out = newsfacts().current_dir(dir.path()).args(["extract", "articles"]).assert().code(1);
    let records = records(&out.get_output().stdout);
    assert_eq!(records[0]["error"]["code"], "unreadable");
    assert!(records[0]["error"]["message"].as_str().unwrap().contains("ermission denied"));
}

#[test]
fn sha256_and_bytes_match_each_file() {
    let out = newsfacts().current_dir(repo_root()).args(["extract", "corpus", "-q"]).assert().success();
    let records = records(&out.get_output().stdout);
    assert_eq!(records.len(), REAL_CORPUS_ARTICLES);
    for record in &records {
        let raw = fs::read(repo_root().join(record["path"].as_str().unwrap())).unwrap();
        let hex: String = Sha256::digest(&raw).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(record["sha256"], hex.as_str(), "{}", record["path"]);
        assert_eq!(record["bytes"], raw.len(), "{}", record["path"]);
    }
}

#[test]
fn ext_chooses_the_files_taken_from_folders() {
    let dir = small_articles();
    let run = |ext: &[&str]| {
        let out = newsfacts().current_dir(dir.path()).args(["extract", "articles"]).args(ext).assert().success();
        records(&out.get_output().stdout).iter().map(|r| r["path"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(run(&["--ext", "md"]), ["articles/sub/notes.md"]);
    assert_eq!(run(&["--ext", "md,txt"]).len(), 4);
    assert_eq!(run(&["--ext", ".MD", "--ext", "txt"]).len(), 4);
}

#[test]
fn quiet_leaves_stderr_empty() {
    let dir = small_articles();
    newsfacts().current_dir(dir.path()).args(["extract", "articles", "--quiet"]).assert().success().stderr("");
}

#[test]
fn a_missing_input_path_is_a_usage_error() {
    let dir = small_articles();
    newsfacts()
        .current_dir(dir.path())
        .args(["extract", "articles", "typo"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("newsfacts: the input path typo does not exist"));
}

#[test]
fn a_folder_without_articles_is_a_usage_error_naming_ext() {
    let dir = articles(&[("notes.md", b"x")]);
    newsfacts()
        .current_dir(dir.path())
        .args(["extract", "articles"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--ext"));
}

#[test]
fn a_malformed_word_list_names_file_and_line() {
    let dir = small_articles();
    fs::create_dir(dir.path().join("lists")).unwrap();
    fs::write(dir.path().join("lists/titles.tsv"), "# comment\nDr\n").unwrap();
    newsfacts()
        .current_dir(dir.path())
        .args(["extract", "articles", "--data", "lists"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("titles.tsv").and(predicate::str::contains("line 2")));
}

#[test]
fn bad_flags_are_usage_errors() {
    newsfacts()
        .args(["extract", "corpus", "--threads", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--threads"));
    newsfacts().args(["extract", "corpus", "--ext", ""]).assert().code(2).stderr(predicate::str::contains("--ext"));
    newsfacts().args(["extract"]).assert().code(2);
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsfacts"))
        .current_dir(repo_root())
        .args(["extract", "corpus", "--quiet"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // like `| head -0`
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
