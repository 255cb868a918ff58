//! What a run was asked to do, as plain data: the command line after parsing and
//! validation, with every default filled in.
//!
//! `cli.rs` is the only place that knows clap; it converts its parse into these types,
//! so the commands can be called (and tested) without a command line.

use std::path::PathBuf;

use crate::stream::StdinFormat;

/// One run of the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Config {
    Extract(ExtractConfig),
    Fixtures(FixturesConfig),
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
    pub quiet: bool,
}

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
