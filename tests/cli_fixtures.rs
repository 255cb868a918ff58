//! `newsfacts fixtures` end to end, on a temporary repository of two articles: writing
//! fixtures, checking them, and reporting edits, missing fixtures and stale ones.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{json, Value};

fn newsfacts() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsfacts"))
}

/// A repository with `corpus/a.txt` and `corpus/b.txt`, fixtures already written.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    fs::write(dir.path().join("corpus/a.txt"), "Jane Smith (Labour) won with 12,345 votes.\n").unwrap();
    fs::write(dir.path().join("corpus/b.txt"), "\"We did it,\" said John Brown.\n").unwrap();
    fixtures(dir.path(), &["--update"]).success();
    dir
}

fn fixtures(repo: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    newsfacts().current_dir(repo).arg("fixtures").args(args).assert()
}

fn fixture(repo: &Path, stem: &str) -> PathBuf {
    repo.join("fixtures").join(format!("{stem}.json"))
}

fn edit_fixture(repo: &Path, stem: &str, edit: impl FnOnce(&mut Value)) {
    let path = fixture(repo, stem);
    let mut value: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    edit(&mut value);
    fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
}

#[test]
fn update_writes_one_pretty_fixture_per_article() {
    let dir = repo();
    let mut names: Vec<_> =
        fs::read_dir(dir.path().join("fixtures")).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["a.json", "b.json"]);
    let text = fs::read_to_string(fixture(dir.path(), "a")).unwrap();
    assert!(text.starts_with("{\n  \"schema\"") && text.ends_with("}\n"), "{text}");
    let record: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(record["path"], "corpus/a.txt");
}

#[test]
fn check_passes_after_update_and_is_the_default() {
    let dir = repo();
    fixtures(dir.path(), &["--check"]).success().stdout("fixtures: 2 articles, 0 differ\n");
    fixtures(dir.path(), &[]).success().stdout("fixtures: 2 articles, 0 differ\n");
}

#[test]
fn fixture_paths_do_not_depend_on_where_the_repo_is() {
    let dir = repo();
    let elsewhere = tempfile::tempdir().unwrap();
    let (corpus, fixtures_dir) = (dir.path().join("corpus"), dir.path().join("fixtures"));
    newsfacts()
        .current_dir(elsewhere.path())
        .arg("fixtures")
        .arg("--corpus")
        .arg(&corpus)
        .arg("--fixtures")
        .arg(&fixtures_dir)
        .assert()
        .success();
}

#[test]
fn an_item_missing_from_the_fresh_record_is_named() {
    let dir = repo();
    let quote = json!({"text": "We did it,", "span": [1, 11], "speaker": "John Brown", "speaker_span": [18, 28],
                       "cue": "said", "partial": false, "rule": "after-cue"});
    edit_fixture(dir.path(), "b", |record| record["quotes"].as_array_mut().unwrap().push(quote));
    fixtures(dir.path(), &["--check"])
        .code(1)
        .stdout(predicate::str::contains("corpus/b.txt: - quote [1..11] \"We did it,\"\n"))
        .stdout(predicate::str::contains("fixtures: 2 articles, 1 differ\n"))
        .stdout(predicate::str::contains("corpus/a.txt").not());
}

#[test]
fn a_changed_field_is_named_with_old_and_new_values() {
    let dir = repo();
    edit_fixture(dir.path(), "a", |record| record["bytes"] = json!(1));
    fixtures(dir.path(), &[]).code(1).stdout(predicate::str::contains("corpus/a.txt: ~ bytes: 1 -> 43\n"));
}

#[test]
fn a_changed_speaker_is_shown_as_a_change_of_the_same_quote() {
    let quote = |speaker: &str| json!({"text": "We did it,", "span": [1, 11], "speaker": speaker});
    let record = |speaker: &str| json!({"path": "corpus/b.txt", "quotes": [quote(speaker)]});
    let changes = newsfacts::fixtures::diff_records(&record("John Brown"), &record("Jane Smith"));
    let lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
    assert_eq!(lines, [r#"~ quote [1..11] speaker: "John Brown" -> "Jane Smith""#]);
}

#[test]
fn an_unparsable_fixture_is_reported_not_fatal() {
    let dir = repo();
    fs::write(fixture(dir.path(), "a"), "{ not json").unwrap();
    fixtures(dir.path(), &[]).code(1).stdout(predicate::str::contains("corpus/a.txt: cannot read the fixture"));
}

#[test]
fn a_deleted_article_leaves_a_stale_fixture_that_update_removes() {
    let dir = repo();
    fs::remove_file(dir.path().join("corpus/b.txt")).unwrap();
    fixtures(dir.path(), &["--check"])
        .code(1)
        .stdout(predicate::str::contains("b.json: stale fixture"))
        .stdout(predicate::str::contains("fixtures: 1 articles, 0 differ, 1 stale fixture\n"));
    fixtures(dir.path(), &["--update"]).success().stdout(predicate::str::contains("b.json: removed"));
    assert!(!fixture(dir.path(), "b").exists());
    fixtures(dir.path(), &["--check"]).success();
}

#[test]
fn a_new_article_without_fixture_is_reported() {
    let dir = repo();
    fs::write(dir.path().join("corpus/c.txt"), "Turnout was 61 per cent.\n").unwrap();
    fixtures(dir.path(), &[])
        .code(1)
        .stdout(predicate::str::contains("corpus/c.txt: no fixture"))
        .stdout(predicate::str::contains("fixtures: 3 articles, 1 differ\n"));
}

#[test]
fn update_and_check_together_or_a_missing_corpus_are_usage_errors() {
    let dir = repo();
    fixtures(dir.path(), &["--update", "--check"]).code(2);
    fixtures(dir.path(), &["--corpus", "nope"])
        .code(2)
        .stderr(predicate::str::contains("newsfacts: cannot list the corpus folder nope"));
}
