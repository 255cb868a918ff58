//! `newsfacts extract PATH...`: one JSON line per article, in path order.
//!
//! Everything that can make the run pointless (an unwritable `-o`, a bad `--data` list,
//! a path that does not exist) is checked before the first article is read. After that,
//! an article that fails only costs its own line: it gets an error entry in its place and
//! the exit status becomes 1.

use std::fs;
use std::panic::{self, AssertUnwindSafe};

use anyhow::Context;
use newsfacts::record::ErrorDetail;
use newsfacts::{ArticleRecord, ErrorRecord, Pipeline};

use super::{load_pipeline, Outcome};
use crate::config::ExtractConfig;
use crate::input::{self, InputFile};
use crate::output::{for_each_in_order, Entry, RecordSink, Summary};

pub fn run(config: &ExtractConfig) -> anyhow::Result<Outcome> {
    let mut sink = match &config.output {
        Some(target) => RecordSink::file(target)?,
        None => RecordSink::stdout(),
    };
    let pipeline = load_pipeline(config.data.as_deref())?;
    let inputs = input::collect(&config.inputs, &config.extensions)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads.unwrap_or(0))
        .build()
        .context("cannot start the worker threads; try a smaller --threads")?;

    let destination = sink.describe();
    let mut summary = Summary::default();
    for_each_in_order(
        &pool,
        &inputs,
        |input| Entry::new(&extract_one(&pipeline, input)),
        |entry| {
            summary.add(&entry.summary);
            sink.write_line(&entry.line)
        },
    )
    .with_context(|| format!("cannot write the records to {destination}"))?;
    sink.finish()?;

    if !config.quiet {
        eprintln!("newsfacts: {summary}");
    }
    Ok(if summary.errors > 0 { Outcome::Failures } else { Outcome::Clean })
}

/// The record of one article, or the error entry that takes its place.
pub(super) fn extract_one(pipeline: &Pipeline, input: &InputFile) -> Result<ArticleRecord, ErrorRecord> {
    if let Some(reason) = &input.walk_error {
        return Err(error_entry(input, "unreadable", reason.clone()));
    }
    let raw =
        fs::read(&input.path).map_err(|e| error_entry(input, "unreadable", format!("cannot read this file: {e}")))?;
    // An extractor bug on one article must not cost the user the other records; the
    // panic message itself still reaches stderr through the default hook.
    panic::catch_unwind(AssertUnwindSafe(|| pipeline.extract(&input.label, &raw))).unwrap_or_else(|_| {
        Err(error_entry(
            input,
            "internal",
            "the extractor crashed on this article; please report it with the file".into(),
        ))
    })
}

fn error_entry(input: &InputFile, code: &str, message: String) -> ErrorRecord {
    ErrorRecord { path: input.label.clone(), error: ErrorDetail { code: code.to_string(), message } }
}
