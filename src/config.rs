//! What a run was asked to do, as plain data: the command line after parsing and
//! validation, with every default filled in.
//!
//! `cli.rs` is the only place that knows clap; it converts its parse into these types,
//! so the commands can be called (and tested) without a command line.

use std::path::PathBuf;

/// One run of the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Config {
    Extract(ExtractConfig),
    Fixtures(FixturesConfig),
    Check(CheckConfig),
    Audit(AuditConfig),
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
    /// Files and folders, as the user typed them.
    pub inputs: Vec<PathBuf>,
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
