//! `newsfacts extract PATH...`: one JSON line per article, in path order; or, with
//! `--stdin`, one JSON line per input record, in input order.
//!
//! Everything that can make the run pointless (an unwritable `-o`, a bad `--data` list,
//! a path that does not exist) is checked before the first article is read. After that,
//! an article that fails only costs its own line: it gets an error entry in its place and
//! the exit status becomes 1 (0 with `--stdin`, where engines read a non-zero status as
//! a failed task; the error entries are in the stream).

use std::fs;
use std::io;
use std::panic::{self, AssertUnwindSafe};

use anyhow::Context;
use newsfacts::record::ErrorDetail;
use newsfacts::{ArticleRecord, ErrorRecord, Pipeline};
use rayon::ThreadPool;

use super::{load_pipeline, Outcome};
use crate::config::ExtractConfig;
use crate::input::{self, Input, InputList};
use crate::output::{for_each_in_order, window_len, Entry, RecordSink, Summary};
use crate::stream::{RawRecord, Records, StdinFormat};

pub fn run(config: &ExtractConfig) -> anyhow::Result<Outcome> {
    let mut sink = match &config.output {
        Some(target) => RecordSink::file(target)?,
        None => RecordSink::stdout(),
    };
    let pipeline = load_pipeline(config.data.as_deref())?;
    let inputs = match config.stdin {
        Some(_) => InputList::default(),
        None => input::collect(&config.inputs, &config.extensions)?,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads.unwrap_or(0))
        .build()
        .context("cannot start the worker threads; try a smaller --threads")?;

    let destination = sink.describe();
    let mut summary = Summary::default();
    let mut emit = |entry: Entry, sink: &mut RecordSink| {
        summary.add(&entry.summary);
        sink.write_line(&entry.line)
    };
    match config.stdin {
        None => for_each_in_order(
            &pool,
            0..inputs.len(),
            |i| Entry::new(&extract_file(&pipeline, &inputs.get(i))),
            |entry| emit(entry, &mut sink),
        )
        .with_context(|| format!("cannot write the records to {destination}"))?,
        Some(format) => extract_stream(&pool, &pipeline, format, &mut sink, &mut emit)?,
    }
    sink.finish()?;

    if !config.quiet {
        eprintln!("newsfacts: {summary}");
    }
    Ok(if summary.errors > 0 && config.stdin.is_none() { Outcome::Failures } else { Outcome::Clean })
}

/// Standard input, a window at a time, through the same ordered machinery as files.
fn extract_stream(
    pool: &ThreadPool,
    pipeline: &Pipeline,
    format: StdinFormat,
    sink: &mut RecordSink,
    emit: &mut impl FnMut(Entry, &mut RecordSink) -> io::Result<()>,
) -> anyhow::Result<()> {
    let window = window_len(pool);
    let mut records = Records::spawn(io::BufReader::with_capacity(1 << 16, io::stdin()), format, window);
    let destination = sink.describe();
    while let Some(batch) = records.next_batch(window) {
        let batch = batch.context("cannot read the articles from standard input")?;
        for_each_in_order(pool, batch, |record| Entry::new(&extract_record(pipeline, &record, format)), |entry| {
            emit(entry, sink)
        })
        .and_then(|()| if records.is_dry() { sink.flush() } else { Ok(()) })
        .with_context(|| format!("cannot write the records to {destination}"))?;
    }
    Ok(())
}

/// The record of one article file, or the error entry that takes its place.
fn extract_file(pipeline: &Pipeline, input: &Input) -> Result<ArticleRecord, ErrorRecord> {
    if let Some(reason) = input.walk_error {
        return Err(error_entry(input.label, "unreadable", reason.to_string()));
    }
    let raw = fs::read(&input.path)
        .map_err(|e| error_entry(input.label, "unreadable", format!("cannot read this file: {e}")))?;
    extract_guarded(pipeline, input.label, &raw)
}

/// The record of one article of the stream, or the error entry that takes its place.
fn extract_record(pipeline: &Pipeline, record: &RawRecord, format: StdinFormat) -> Result<ArticleRecord, ErrorRecord> {
    let article = record.to_article(format).map_err(|bad| error_entry(&bad.path, "malformed-input", bad.message))?;
    extract_guarded(pipeline, &article.path, &article.bytes)
}

/// An extractor bug on one article must not cost the user the other records; the panic
/// message itself still reaches stderr through the default hook.
fn extract_guarded(pipeline: &Pipeline, path: &str, raw: &[u8]) -> Result<ArticleRecord, ErrorRecord> {
    panic::catch_unwind(AssertUnwindSafe(|| pipeline.extract(path, raw))).unwrap_or_else(|_| {
        Err(error_entry(path, "internal", "the extractor crashed on this article; please report it with the file".into()))
    })
}

fn error_entry(path: &str, code: &str, message: String) -> ErrorRecord {
    ErrorRecord { path: path.to_string(), error: ErrorDetail { code: code.to_string(), message } }
}
