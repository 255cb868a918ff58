//! `newsfacts extract --stdin`: the streaming mode engines (Spark's `RDD.pipe`, Hadoop
//! Streaming) call. One output line per input record, in input order, the same records
//! as reading the files, whatever the thread count, and a bad line costs only its line.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command as Process, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::{json, Value};

fn newsfacts() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsfacts"))
}

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled corpus as (label, bytes), labelled as `extract corpus` labels it.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = fs::read_dir(repo_root().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (format!("corpus/{}", p.file_name().unwrap().to_string_lossy()), fs::read(&p).unwrap()))
        .collect()
}

fn from_files() -> String {
    let out = newsfacts().current_dir(repo_root()).args(["extract", "-q", "corpus"]).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn as_json_lines(articles: &[(String, Vec<u8>)]) -> String {
    articles
        .iter()
        .map(|(id, bytes)| json!({"id": id, "text": std::str::from_utf8(bytes).expect("the corpus is UTF-8")}).to_string() + "\n")
        .collect()
}

fn run_stdin(args: &[&str], input: impl Into<Vec<u8>>) -> (String, String, i32) {
    let out = newsfacts().args(["extract", "--stdin"]).args(args).write_stdin(input).output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.code().unwrap())
}

#[test]
fn json_lines_give_the_records_of_the_files_byte_for_byte() {
    let articles = corpus();
    assert!(articles.len() > 10);
    let input = as_json_lines(&articles);
    for threads in ["1", "3"] {
        let (stdout, stderr, code) = run_stdin(&["-q", "-j", threads], input.clone());
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout == from_files(), "--stdin -j {threads} differs from reading corpus/");
    }
}

#[test]
fn output_follows_input_order_not_path_order() {
    let mut articles = corpus();
    articles.reverse();
    let (stdout, _, _) = run_stdin(&["-q", "-j", "2"], as_json_lines(&articles));
    let paths: Vec<String> =
        stdout.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["path"].as_str().unwrap().to_string()).collect();
    let expected: Vec<String> = articles.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(paths, expected);
}

#[test]
fn nul_separated_text_is_read_like_files_with_ordinals_for_paths() {
    let articles = corpus();
    let mut input = Vec::new();
    for (_, bytes) in &articles {
        input.extend_from_slice(bytes);
        input.push(0);
    }
    let (stdout, stderr, code) = run_stdin(&["-q", "--stdin-format", "text"], input);
    assert_eq!(code, 0, "{stderr}");
    let expected = from_files();
    assert_eq!(stdout.lines().count(), articles.len());
    for (i, (got, want)) in stdout.lines().zip(expected.lines()).enumerate() {
        let mut got: Value = serde_json::from_str(got).unwrap();
        let mut want: Value = serde_json::from_str(want).unwrap();
        assert_eq!(got["path"], json!((i + 1).to_string()));
        got["path"] = Value::Null;
        want["path"] = Value::Null;
        assert_eq!(got, want, "article {}", i + 1);
    }
}

#[test]
fn a_bad_line_gets_an_error_entry_in_its_place_and_the_rest_go_through() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"Jane Smith won the election with 1,234 votes.\"}\n",
        "this is not json\n",
        "\n",
        "{\"id\": \"c\", \"text\": 5}\n",
        "{\"id\": \"d\", \"text\": \"bin\\u0000ary\"}\n",
        "{\"id\": \"e\", \"text\": \"\\\"We won,\\\" she said.\"}",
    );
    let (stdout, stderr, code) = run_stdin(&[], input);
    assert_eq!(code, 0, "error entries are in the stream; the status says the stream was read");
    let entries: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let summary: Vec<(&str, Option<&str>)> =
        entries.iter().map(|e| (e["path"].as_str().unwrap(), e["error"]["code"].as_str())).collect();
    assert_eq!(
        summary,
        [
            ("a", None),
            ("stdin:2", Some("malformed-input")),
            ("stdin:3", Some("malformed-input")),
            ("c", Some("malformed-input")),
            ("d", Some("binary")),
            ("e", None)
        ]
    );
    assert_eq!(entries[5]["quotes"][0]["text"], "We won,");
    assert!(stderr.contains("2 articles") && stderr.contains("4 errors"), "{stderr}");
}

#[test]
fn spans_are_byte_offsets_into_the_utf8_text() {
    let text = "Ms Dubé won 12,345 votes for the Labour Party in the election, a majority of 2,001.";
    let (stdout, _, _) = run_stdin(&["-q"], json!({"id": "x", "text": text}).to_string());
    let record: Value = serde_json::from_str(stdout.trim()).unwrap();
    let figures = record["figures"].as_array().unwrap();
    assert!(!figures.is_empty(), "{record}");
    for figure in figures {
        let [start, end] = [0, 1].map(|i| figure["span"][i].as_u64().unwrap() as usize);
        assert_eq!(&text[start..end], figure["text"].as_str().unwrap());
    }
}

#[test]
fn paths_and_stdin_exclude_each_other() {
    let out = newsfacts().args(["extract", "--stdin", "corpus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A caller that writes one line and waits for its answer (a co-process) gets it before
/// closing the input: the output is flushed whenever the input runs dry.
#[test]
fn each_answer_comes_before_the_input_closes() {
    let mut child = Process::new(env!("CARGO_BIN_EXE_newsfacts"))
        .args(["extract", "--stdin", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (lines_tx, lines_rx) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines_tx.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    for id in ["first", "second"] {
        writeln!(stdin, "{}", json!({"id": id, "text": "Turnout was 61.2 per cent."})).unwrap();
        stdin.flush().unwrap();
        // Generous: this only guards against a hang, it measures nothing.
        let line = lines_rx.recv_timeout(Duration::from_secs(120)).expect("an answer while stdin is still open");
        assert_eq!(serde_json::from_str::<Value>(&line).unwrap()["path"], id);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
    assert!(lines_rx.recv().is_err(), "nothing more after the input closed");
}

#[test]
fn an_article_over_max_bytes_gets_a_too_large_entry_in_its_place() {
    let input = [json!({"id": "small", "text": "Labour won."}), json!({"id": "big", "text": "x".repeat(2000)})]
        .iter()
        .map(|v| v.to_string() + "\n")
        .collect::<String>();
    let (out, _, code) = run_stdin(&["--max-bytes", "1K"], input);
    let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["path"], "small");
    assert!(lines[0]["schema"].is_string());
    assert_eq!((&lines[1]["path"], &lines[1]["error"]["code"]), (&json!("big"), &json!("too-large")));
    assert!(lines[1]["error"]["message"].as_str().unwrap().contains("2000 bytes, more than --max-bytes 1024"));
    assert_eq!(code, 0, "error entries do not fail a stream");
}
