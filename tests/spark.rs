//! The Spark example (`examples/spark/newsfacts_job.py`) run under Spark local mode: its
//! records, ordered by path, must be exactly the records of the single-machine run of the
//! same articles.
//!
//! It needs Python with pyspark and a Java runtime. Without them the test says so loudly
//! and skips, unless `NEWSFACTS_REQUIRE_SPARK=1` (set by `.ci/run`) makes that a failure,
//! so CI can never pass it by not running it. `NEWSFACTS_PYTHON` picks the interpreter.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn python() -> String {
    std::env::var("NEWSFACTS_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

/// Whether Spark can run here; when it cannot, skip loudly or fail when it is required.
fn spark_available() -> bool {
    let probe = Command::new(python()).args(["-c", "import pyspark"]).output();
    let java = Command::new("java").arg("-version").output();
    let missing = match (probe, java) {
        (Ok(p), Ok(j)) if p.status.success() && j.status.success() => return true,
        (Ok(p), _) if !p.status.success() => format!("pyspark cannot be imported by {}", python()),
        (Err(e), _) => format!("{} cannot be run: {e}", python()),
        _ => "no Java runtime (java -version fails)".to_string(),
    };
    if std::env::var("NEWSFACTS_REQUIRE_SPARK").is_ok_and(|v| v == "1") {
        panic!("the Spark test is required (NEWSFACTS_REQUIRE_SPARK=1) but {missing}; pip install pyspark");
    }
    // Written to the real stderr, past the test harness's capture, so a passing run shows it.
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED the Spark integration test: {missing}.\n*** Install it (pip install pyspark; Java 17) or set NEWSFACTS_REQUIRE_SPARK=1 to make this a failure.\n"
    );
    false
}

/// Runs the example job on `input` (relative to the repository) and returns its records
/// ordered by path.
fn spark_records(input: &str, output: &Path) -> Vec<String> {
    let out = Command::new(python())
        .current_dir(repo_root())
        .arg("examples/spark/newsfacts_job.py")
        .arg(input)
        .arg(output)
        .args(["--master", "local[2]", "--partitions", "3", "--newsfacts", env!("CARGO_BIN_EXE_newsfacts")])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(out.status.success(), "the Spark job failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let mut lines = Vec::new();
    for entry in fs::read_dir(output).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap().to_string_lossy().starts_with("part-") {
            lines.extend(fs::read_to_string(path).unwrap().lines().map(str::to_string));
        }
    }
    by_path(lines)
}

fn by_path(mut lines: Vec<String>) -> Vec<String> {
    let path = |line: &String| serde_json::from_str::<Value>(line).unwrap()["path"].as_str().unwrap().to_string();
    lines.sort_by_key(path);
    lines
}

fn single_machine_records() -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_newsfacts")).current_dir(repo_root()).args(["extract", "-q", "corpus"]).output().unwrap();
    assert!(out.status.success());
    by_path(String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect())
}

#[test]
fn a_folder_on_spark_gives_the_records_of_the_single_machine_run() {
    if !spark_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let spark = spark_records("corpus", &dir.path().join("records"));
    let single = single_machine_records();
    assert!(single.len() > 10);
    assert_eq!(spark.len(), single.len());
    for (s, m) in spark.iter().zip(&single) {
        assert_eq!(s, m);
    }
}

#[test]
fn a_json_lines_dump_on_spark_gives_the_same_records_and_keeps_bad_lines() {
    if !spark_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("dump.jsonl");
    let mut lines: Vec<String> = Vec::new();
    let mut names: Vec<_> = fs::read_dir(repo_root().join("corpus")).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for path in names.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let id = format!("corpus/{}", path.file_name().unwrap().to_string_lossy());
        lines.push(json!({"id": id, "text": fs::read_to_string(path).unwrap()}).to_string());
    }
    lines.push("{\"id\": \"zz-broken\", \"text\": 3}".to_string());
    fs::write(&dump, lines.join("\n") + "\n").unwrap();

    let mut spark = spark_records(dump.to_str().unwrap(), &dir.path().join("records"));
    let broken: Value = serde_json::from_str(&spark.pop().unwrap()).unwrap();
    assert_eq!((broken["path"].as_str(), broken["error"]["code"].as_str()), (Some("zz-broken"), Some("malformed-input")));
    assert_eq!(spark, single_machine_records());
}
