//! `newsfacts fixtures [--check | --update]`: the golden files of the corpus.
//!
//! The comparison itself lives in the library ([`newsfacts::fixtures`]) so that
//! `tests/golden.rs` runs exactly the check this command runs.

use std::io::{self, Write};

use newsfacts::fixtures::{self, FixtureDirs};

use super::{load_pipeline, Outcome};
use crate::config::{FixturesConfig, FixturesMode};

pub fn run(config: &FixturesConfig) -> anyhow::Result<Outcome> {
    let pipeline = load_pipeline(config.data.as_deref())?;
    let dirs = FixtureDirs { corpus: config.corpus.clone(), fixtures: config.fixtures.clone() };
    let mut out = io::stdout().lock();
    match config.mode {
        FixturesMode::Check => {
            let report = fixtures::check(&pipeline, &dirs)?;
            write!(out, "{report}")?;
            Ok(if report.is_clean() { Outcome::Clean } else { Outcome::Failures })
        }
        FixturesMode::Update => {
            let report = fixtures::update(&pipeline, &dirs)?;
            for removed in &report.removed {
                writeln!(out, "{}: removed, its article is gone", removed.display())?;
            }
            writeln!(
                out,
                "fixtures: {} written, {} unchanged, {} removed in {}",
                report.written,
                report.unchanged,
                report.removed.len(),
                dirs.fixtures.display()
            )?;
            Ok(Outcome::Clean)
        }
    }
}
