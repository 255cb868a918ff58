//! What a run was asked to do, as plain data: the command line after parsing and
//! validation, with every default filled in.
//!
//! `cli.rs` is the only place that knows clap; it converts its parse into these types,
//! so the commands can be called (and tested) without a command line.

use std::path::PathBuf;

use newsfacts::table::Table;

use crate::stream::StdinFormat;

/// One run of the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Config {
    Extract(ExtractConfig),
    Fixtures(FixturesConfig),
    Check(CheckConfig),
    Audit(AuditConfig),
    Report(ReportConfig),
}

/// What `extract` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFormat {
    /// One JSON record per article.
    Jsonl,
    /// One CSV row per item of the table.
    Csv(Table),
}

/// `newsfacts report`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportConfig {
    /// Records files (`-` for stdin).
    pub records: Vec<PathBuf>,
    /// `None` writes to stdout.
    pub output: Option<PathBuf>,
    /// The folder the records' paths are relative to (default: the current one).
    pub root: Option<PathBuf>,
    pub title: String,
    /// List the numbers no figure accounts for.
    pub review: bool,
    pub quiet: bool,
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingFormat {
    /// A block per finding: `path: severity [rule] message`, then its evidence.
    Text,
    /// One JSON object per finding.
    Jsonl,
}

/// `newsfacts check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckConfig {
    /// Records files (`.jsonl`, `.ndjson`, `.json`, `-` for stdin) and article files or
    /// folders, which are extracted on the way.
    pub inputs: Vec<PathBuf>,
    pub format: FindingFormat,
    pub extensions: Vec<String>,
    pub data: Option<PathBuf>,
    pub threads: Option<usize>,
    /// Also write the review page here.
    pub html: Option<PathBuf>,
    /// The folder the records' paths are relative to, for the page.
    pub root: Option<PathBuf>,
    pub quiet: bool,
}

/// `newsfacts audit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditConfig {
    /// Records files (`-` for stdin).
    pub records: Vec<PathBuf>,
    /// The folder the records' paths are relative to (default: the current one).
    pub root: Option<PathBuf>,
    /// An official results table to hold votes and shares against.
    pub reference: Option<PathBuf>,
    /// The year and kind of the table's election: records that say they report another
    /// election are not held against it.
    pub reference_year: Option<i32>,
    pub reference_kind: Option<String>,
    pub format: FindingFormat,
    /// Leave out `review` items (numbers no figure accounts for).
    pub no_review: bool,
    pub quiet: bool,
}

/// `newsfacts extract`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractConfig {
    /// Files and folders, as the user typed them (empty with `stdin`).
    pub inputs: Vec<PathBuf>,
    /// Read articles from standard input in this format instead of `inputs`.
    pub stdin: Option<StdinFormat>,
    /// `None` writes to stdout.
    pub output: Option<PathBuf>,
    /// `None` uses one thread per core.
    pub threads: Option<usize>,
    /// Lower-case, without a leading dot: `txt`, `md`.
    pub extensions: Vec<String>,
    /// A folder of extra word lists.
    pub data: Option<PathBuf>,
    /// Articles larger than this many bytes are skipped with a `too-large` error entry.
    pub max_bytes: u64,
    pub format: RecordFormat,
    /// Also write the review page here.
    pub html: Option<PathBuf>,
    pub quiet: bool,
}

/// The default of `--max-bytes`: 10 MiB, twenty times the longest article in the shared
/// corpus, and about 90 MB of memory per thread for an article that size.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// `newsfacts fixtures`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixturesConfig {
    pub mode: FixturesMode,
    pub corpus: PathBuf,
    pub fixtures: PathBuf,
    pub data: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixturesMode {
    /// Compare fresh records with the stored fixtures.
    Check,
    /// Rewrite the fixtures from fresh records.
    Update,
}
