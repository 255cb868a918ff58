//! `newsfacts check` and `newsfacts audit` end to end: exit statuses, what each prints
//! for clean and for broken input, the mutation test (one digit changed in a copied
//! source is named by file and span), and the Ealing seed against the official table.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn newsfacts() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsfacts"))
}

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const EALING: &str = "003_17ea8528a2aea9bd.txt";

/// Copies corpus articles into `dir/articles` and extracts them there (paths relative to
/// `dir`), returning the records file.
fn extract_copies(dir: &Path, names: &[&str]) -> PathBuf {
    fs::create_dir_all(dir.join("articles")).unwrap();
    for name in names {
        fs::copy(repo_root().join("corpus").join(name), dir.join("articles").join(name)).unwrap();
    }
    let records = dir.join("records.jsonl");
    newsfacts().current_dir(dir).args(["extract", "articles", "-q", "-o", "records.jsonl"]).assert().success();
    records
}

fn findings(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout).lines().map(|l| serde_json::from_str(l).expect("one JSON finding per line")).collect()
}

#[test]
fn check_finds_nothing_wrong_in_the_bundled_corpus() {
    newsfacts()
        .current_dir(repo_root())
        .args(["check", "corpus/"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("17 records checked").and(predicate::str::contains("0 errors, 0 warnings")));
}

#[test]
fn check_reports_a_doctored_record_with_rule_severity_and_spans() {
    let dir = tempfile::tempdir().unwrap();
    let records = extract_copies(dir.path(), &[EALING]);
    // Give Rupa Huq 20,000 votes: at 51.3% that means 38,900 votes cast, fewer than the
    // 46,675 the listed candidates have between them.
    let text = fs::read_to_string(&records).unwrap();
    let mut record: Value = serde_json::from_str(text.trim()).unwrap();
    for f in record["figures"].as_array_mut().unwrap() {
        if f["text"] == "28,132" {
            f["value"] = 20000.into();
        }
    }
    for c in record["candidates"].as_array_mut().unwrap() {
        if c["name"] == "Rupa Huq" {
            c["votes"] = 20000.into();
        }
    }
    fs::write(&records, format!("{record}\n")).unwrap();
    let out = newsfacts().args(["check", "--format", "jsonl"]).arg(&records).assert().code(1).get_output().stdout.clone();
    let found = findings(&out);
    let rules: Vec<&str> = found.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"share-vs-votes"), "{found:?}");
    let share = found.iter().find(|f| f["rule"] == "share-vs-votes").unwrap();
    assert_eq!(share["severity"], "error");
    assert!(share["evidence"].as_array().unwrap().iter().any(|e| e["text"] == "51.3%" && e["span"].is_array()));
}

#[test]
fn check_extracts_folders_on_the_way_and_matches_the_records_run() {
    let dir = tempfile::tempdir().unwrap();
    let records = extract_copies(dir.path(), &[EALING, "000_e4e4c2bace613ec0.txt"]);
    let from_records = newsfacts().args(["check", "-q"]).arg(&records).assert().success().get_output().stdout.clone();
    let from_articles =
        newsfacts().current_dir(dir.path()).args(["check", "-q", "articles"]).assert().success().get_output().stdout.clone();
    assert_eq!(from_records, from_articles);
}

#[test]
fn check_refuses_input_that_is_not_records() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    fs::write(&bad, "{\"path\": \"x\"}\n").unwrap();
    newsfacts()
        .args(["check"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 1 is not a newsfacts record"));
}

#[test]
fn audit_of_fresh_records_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let records = extract_copies(dir.path(), &[EALING, "002_5952afed447a7110.txt"]);
    newsfacts()
        .args(["audit", "--root"])
        .arg(dir.path())
        .arg(&records)
        .assert()
        .success()
        .stderr(predicate::str::contains("2 records audited: 0 errors"));
}

#[test]
fn mutation_one_changed_digit_is_named_by_file_and_span() {
    let dir = tempfile::tempdir().unwrap();
    let records = extract_copies(dir.path(), &[EALING, "002_5952afed447a7110.txt"]);
    let record: Value =
        serde_json::from_str(fs::read_to_string(&records).unwrap().lines().find(|l| l.contains(EALING)).unwrap()).unwrap();
    let figure = record["figures"].as_array().unwrap().iter().find(|f| f["text"] == "14,832").unwrap().clone();
    let [start, end] = [figure["span"][0].as_u64().unwrap() as usize, figure["span"][1].as_u64().unwrap() as usize];
    let source = dir.path().join("articles").join(EALING);
    let mut bytes = fs::read(&source).unwrap();
    assert_eq!(&bytes[start..end], b"14,832");
    bytes[start + 1] = b'9'; // 14,832 -> 19,832
    fs::write(&source, bytes).unwrap();

    let out = newsfacts()
        .args(["audit", "--format", "jsonl", "--root"])
        .arg(dir.path())
        .arg(&records)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let found = findings(&out);
    let path = format!("articles/{EALING}");
    assert!(found.iter().any(|f| f["rule"] == "source-changed" && f["evidence"][0]["path"] == path.as_str()), "{found:?}");
    let mismatch = found.iter().find(|f| f["rule"] == "span-mismatch").expect("the changed span is named");
    assert_eq!(mismatch["evidence"][0]["path"], path.as_str());
    assert_eq!(mismatch["evidence"][0]["span"], serde_json::json!([start, end]));
    assert!(mismatch["message"].as_str().unwrap().contains("19,832"));
    assert_eq!(found.iter().filter(|f| f["rule"] == "span-mismatch").count(), 1, "one digit, one span: {found:?}");
    let faults_elsewhere =
        found.iter().filter(|f| f["severity"] == "error").any(|f| f["evidence"][0]["path"].as_str().unwrap().contains("002_"));
    assert!(!faults_elsewhere, "the other file is clean: {found:?}");
}

#[test]
fn audit_names_a_missing_source() {
    let dir = tempfile::tempdir().unwrap();
    let records = extract_copies(dir.path(), &[EALING]);
    fs::remove_file(dir.path().join("articles").join(EALING)).unwrap();
    newsfacts()
        .args(["audit", "--root"])
        .arg(dir.path())
        .arg(&records)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("[source-missing]"));
}

#[test]
fn ealing_seed_agrees_with_the_official_table() {
    let dir = tempfile::tempdir().unwrap();
    let records = extract_copies(dir.path(), &[EALING]);
    let out = newsfacts()
        .args(["audit", "--format", "jsonl", "--no-review", "--year", "2019", "--kind", "general", "--root"])
        .arg(dir.path())
        .arg(&records)
        .arg("--reference")
        .arg(repo_root().join("tests/data/HoC-GE2019-excerpt.csv"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let found = findings(&out);
    let agreed: Vec<&str> = found.iter().filter(|f| f["rule"] == "reference-agrees").map(|f| f["evidence"][0]["text"].as_str().unwrap()).collect();
    assert_eq!(agreed, ["51.3%", "28,132", "14,832", "9,444", "1,735", "664"], "{found:?}");
    assert_eq!(found.len(), 6, "nothing but the six agreements: {found:?}");
}

#[test]
fn a_reference_table_without_usable_columns_is_bad_usage() {
    let dir = tempfile::tempdir().unwrap();
    let records = extract_copies(dir.path(), &[EALING]);
    let table = dir.path().join("t.csv");
    fs::write(&table, "place,person\nx,y\n").unwrap();
    newsfacts()
        .args(["audit", "--reference"])
        .arg(&table)
        .arg(&records)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("constituency_name"));
}

#[test]
fn audit_of_the_bundled_corpus_has_no_faults() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records.jsonl");
    newsfacts().current_dir(repo_root()).args(["extract", "corpus/", "-q", "-o"]).arg(&records).assert().success();
    newsfacts()
        .current_dir(repo_root())
        .args(["audit", "--no-review"])
        .arg(&records)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("17 records audited: 0 errors, 0 warnings"));
}
