//! `newsfacts report`, `--html`, `extract --format csv` and the closing summary, end to
//! end (what the page looks like in a browser is tests/report_browser.rs).

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const EALING: &str = "003_17ea8528a2aea9bd.txt";
const TOOTING: &str = "000_e4e4c2bace613ec0.txt";

fn newsfacts() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsfacts"))
}

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A folder with `articles/` holding copies of corpus articles.
fn articles(names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("articles")).unwrap();
    for name in names {
        fs::copy(repo_root().join("corpus").join(name), dir.path().join("articles").join(name)).unwrap();
    }
    dir
}

fn in_dir(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    newsfacts().current_dir(dir).args(args).assert()
}

#[test]
fn report_html_extract_html_and_check_html_are_the_same_page() {
    let dir = articles(&[EALING, TOOTING]);
    let d = dir.path();
    in_dir(d, &["extract", "articles", "-q", "-o", "records.jsonl", "--html", "from-extract.html"]).success();
    in_dir(d, &["report", "records.jsonl", "-o", "report.html"])
        .success()
        .stderr(predicate::str::contains("review page of 2 articles").and(predicate::str::contains("written to report.html")));
    in_dir(d, &["check", "records.jsonl", "-q", "--html", "from-check.html"]).success();
    let stdout = in_dir(d, &["report", "records.jsonl", "-q"]).success().get_output().stdout.clone();
    let page = fs::read_to_string(d.join("report.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
    assert!(page.contains(&format!(">articles/{EALING}</a>")));
    assert_eq!(fs::read_to_string(d.join("from-extract.html")).unwrap(), page);
    assert_eq!(fs::read_to_string(d.join("from-check.html")).unwrap(), page);
    assert_eq!(String::from_utf8(stdout).unwrap(), page, "stdout, when it is not a terminal");
}

#[test]
fn report_finds_sources_under_root_and_says_when_it_cannot() {
    let dir = articles(&[EALING]);
    in_dir(dir.path(), &["extract", "articles", "-q", "-o", "records.jsonl"]).success();
    let elsewhere = tempfile::tempdir().unwrap();
    let records = dir.path().join("records.jsonl");
    let page = |root: Option<&Path>| {
        let mut cmd = newsfacts();
        cmd.current_dir(elsewhere.path()).args(["report", "-q", "-o", "page.html"]).arg(&records);
        if let Some(root) = root {
            cmd.arg("--root").arg(root);
        }
        cmd.assert().success();
        fs::read_to_string(elsewhere.path().join("page.html")).unwrap()
    };
    let without = page(None);
    assert!(without.contains("source-missing") && without.contains("pass --root"), "the page says why there is no text");
    assert!(without.contains("Rupa Huq"), "the facts are still listed");
    let with = page(Some(dir.path()));
    assert!(!with.contains("source-missing"));
    assert!(with.contains(">28,132</span>"), "the text is shown and marked");
}

#[test]
fn report_refuses_an_output_folder_that_does_not_exist_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    in_dir(dir.path(), &["report", "missing.jsonl", "-o", "nowhere/page.html"])
        .code(2)
        .stderr(predicate::str::contains("nowhere").and(predicate::str::contains("does not exist")));
    in_dir(dir.path(), &["extract", "missing", "--html", "nowhere/page.html"]).code(2).stderr(predicate::str::contains("nowhere"));
}

#[test]
fn csv_candidates_have_a_header_a_row_each_and_spans_into_the_source() {
    let dir = articles(&[EALING, TOOTING]);
    let out = in_dir(dir.path(), &["extract", "articles", "--format", "csv", "--table", "candidates"]).success();
    let out = out.stderr(predicate::str::contains("newsfacts: 2 articles")).get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("path,name,party,constituency,elected,votes,share_pct,span_start,span_end,mentions,evidence\r\n"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let json = in_dir(dir.path(), &["extract", "articles", "-q"]).success().get_output().stdout.clone();
    let records: Vec<Value> = String::from_utf8(json).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let candidates: usize = records.iter().map(|r| r["candidates"].as_array().unwrap().len()).sum();
    assert_eq!(rows.len(), candidates);
    for row in &rows {
        let source = fs::read(dir.path().join(&row[0])).unwrap();
        let [start, end]: [usize; 2] = [row[7].parse().unwrap(), row[8].parse().unwrap()];
        let surname = row[1].rsplit(' ').next().unwrap();
        let mention = String::from_utf8_lossy(&source[start..end]).into_owned();
        assert!(row[1].contains(&mention) || mention.contains(surname), "{row:?} -> {mention}");
    }
    let huq = rows.iter().find(|r| &r[1] == "Rupa Huq").unwrap();
    assert_eq!((&huq[4], &huq[5], &huq[6]), ("true", "28132", "51.3"));
}

#[test]
fn csv_figures_and_quotes_quote_cells_rfc_4180_style() {
    let dir = articles(&[EALING]);
    let figures = in_dir(dir.path(), &["extract", "articles", "-q", "--table", "figures"]).success().get_output().stdout.clone();
    let figures = String::from_utf8(figures).unwrap();
    assert!(figures.contains(",\"28,132\","), "a comma inside a cell is quoted: {figures}");
    let quotes = in_dir(dir.path(), &["extract", "articles", "-q", "--table", "quotes"]).success().get_output().stdout.clone();
    let mut reader = csv::Reader::from_reader(quotes.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.iter().next_back(), Some("text"));
    let texts: Vec<String> = reader.records().map(|r| r.unwrap()[9].to_string()).collect();
    assert_eq!(texts.len(), 4);
    assert!(texts.iter().any(|t| t.contains("\n\n")), "a quote over paragraphs keeps its line breaks inside one cell");
}

#[test]
fn csv_needs_a_table_and_names_articles_it_cannot_read() {
    let dir = articles(&[EALING]);
    in_dir(dir.path(), &["extract", "articles", "--format", "csv"]).code(2).stderr(predicate::str::contains("--table candidates"));
    fs::write(dir.path().join("articles/broken.txt"), b"\0\0binary").unwrap();
    in_dir(dir.path(), &["extract", "articles", "--table", "figures"])
        .code(1)
        .stderr(predicate::str::contains("articles/broken.txt:").and(predicate::str::contains("no rows")));
}

#[test]
fn the_summary_has_counts_time_and_throughput_and_no_progress_off_a_terminal() {
    let dir = articles(&[EALING, TOOTING]);
    let out = in_dir(dir.path(), &["extract", "articles", "-o", "records.jsonl"]).success().get_output().stderr.clone();
    let stderr = String::from_utf8(out).unwrap();
    assert_eq!(stderr.lines().count(), 1, "only the summary: {stderr:?}");
    assert!(!stderr.contains('\r') && !stderr.contains('\u{1b}'), "no bar drawn into a pipe: {stderr:?}");
    let summary = regex::Regex::new(
        r"^newsfacts: 2 articles, 7 candidates, \d+ figures, \d+ quotes, \d+ warnings?, 0 errors; \d+\.\d\d s, \d+\.\d MB/s\n$",
    )
    .unwrap();
    assert!(summary.is_match(&stderr), "{stderr:?}");
    in_dir(dir.path(), &["extract", "articles", "-q", "-o", "records.jsonl"]).success().stderr("");
}

#[test]
fn every_command_has_help_with_examples() {
    for command in ["extract", "fixtures", "check", "audit", "report"] {
        newsfacts().args([command, "--help"]).assert().success().stdout(predicate::str::contains("Examples:\n  newsfacts "));
    }
    newsfacts()
        .args(["report", "--help"])
        .assert()
        .stdout(predicate::str::contains("newsfacts report records.jsonl -o report.html").and(predicate::str::contains("--root")));
}
