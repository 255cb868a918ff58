//! The commands, one file each, and what they share: how a run ends and how the word
//! lists are loaded.
//!
//! A command's `run` takes its plain configuration and returns an [`Outcome`] for runs
//! that went through (some inputs may have failed), or an error when it could not run at
//! all; `main` turns the two into exit statuses 0/1 and 2.

pub mod audit;
pub mod check;
pub mod extract;
pub mod fixtures;
pub mod report;

use std::fs::File;
use std::io::{self, BufReader, Write};
use std::path::Path;

use anyhow::{bail, Context};
use newsfacts::finding::{self, Finding, Tally};
use newsfacts::lexicon::LexiconError;
use newsfacts::records::{read_records, RecordLine};
use newsfacts::{Lexicon, Pipeline};

use crate::config::{Config, FindingFormat};

/// How a run that went through ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every input was processed; the fixtures match.
    Clean,
    /// Some input produced an error entry, or some fixture differs.
    Failures,
}

pub fn run(config: &Config) -> anyhow::Result<Outcome> {
    match config {
        Config::Extract(config) => extract::run(config),
        Config::Fixtures(config) => fixtures::run(config),
        Config::Check(config) => check::run(config),
        Config::Audit(config) => audit::run(config),
        Config::Report(config) => report::run(config),
    }
}

/// Reads a records file (`-` is standard input), handing each line to `take`.
fn open_records(path: &Path, take: &mut impl FnMut(RecordLine)) -> anyhow::Result<()> {
    if path.as_os_str() == "-" {
        return Ok(read_records(io::stdin().lock(), "standard input", take)?);
    }
    let file = File::open(path)
        .with_context(|| format!("cannot open the records file {}; pass the output of `newsfacts extract -o FILE`", path.display()))?;
    Ok(read_records(BufReader::new(file), &path.display().to_string(), take)?)
}

/// Sorts and prints the findings on stdout; returns their counts.
fn print_findings(findings: &mut [Finding], format: FindingFormat) -> anyhow::Result<Tally> {
    finding::sort(findings);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut tally = Tally::default();
    for f in findings.iter() {
        tally.add(f.severity);
        match format {
            FindingFormat::Text => out.write_all(f.to_text().as_bytes())?,
            FindingFormat::Jsonl => writeln!(out, "{}", serde_json::to_string(f)?)?,
        }
    }
    out.flush()?;
    Ok(tally)
}

/// The built-in word lists, plus those of `--data DIR` when given.
fn load_pipeline(data: Option<&Path>) -> anyhow::Result<Pipeline> {
    let Some(dir) = data else { return Ok(Pipeline::builtin()) };
    if !dir.is_dir() {
        bail!(
            "the --data folder {} does not exist or is not a folder; pass a folder of word lists such as data/",
            dir.display()
        );
    }
    match Lexicon::with_extra_dir(dir) {
        Ok(lexicon) => Ok(Pipeline::new(lexicon)),
        Err(LexiconError::Malformed { file, line, message }) => bail!(
            "the word list {} has a malformed line {line} ({message}); fix or remove that line",
            dir.join(file).display()
        ),
        Err(err @ LexiconError::Read { .. }) => bail!("{err}; check the files in the --data folder {}", dir.display()),
    }
}
