//! `newsfacts extract PATH...`: one JSON line per article, in path order.
//!
//! Everything that can make the run pointless (an unwritable `-o`, a bad `--data` list,
//! a path that does not exist) is checked before the first article is read. After that,
//! an article that fails only costs its own line: it gets an error entry in its place and
//! the exit status becomes 1.

use std::fs::File;
use std::io::{self, Read};
use std::panic::{self, AssertUnwindSafe};

use anyhow::Context;
use newsfacts::record::ErrorDetail;
use newsfacts::{ArticleRecord, ErrorRecord, Pipeline};

use super::{load_pipeline, Outcome};
use crate::config::ExtractConfig;
use crate::input::{self, InputFile};
use crate::interrupt;
use crate::output::{for_each_in_order, Entry, RecordSink, Summary};

pub fn run(config: &ExtractConfig) -> anyhow::Result<Outcome> {
    let mut sink = match &config.output {
        Some(target) => interrupt::remove_on_signal(|| RecordSink::file(target), RecordSink::temp_path)?,
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
        |input| Entry::new(&extract_one(&pipeline, input, config.max_bytes)),
        |entry| {
            summary.add(&entry.summary);
            sink.write_line(&entry.line)
        },
    )
    .with_context(|| format!("cannot write the records to {destination}"))?;
    let finished = sink.finish();
    interrupt::forget();
    finished?;

    if !config.quiet {
        eprintln!("newsfacts: {summary}");
    }
    Ok(if summary.errors > 0 { Outcome::Failures } else { Outcome::Clean })
}

/// The record of one article, or the error entry that takes its place.
pub(super) fn extract_one(pipeline: &Pipeline, input: &InputFile, max_bytes: u64) -> Result<ArticleRecord, ErrorRecord> {
    if let Some(reason) = &input.walk_error {
        return Err(error_entry(input, "unreadable", reason.clone()));
    }
    let raw = read_article(input, max_bytes)?;
    // An extractor bug on one article must not cost the user the other records; the
    // panic message itself still reaches stderr through the default hook.
    let result = panic::catch_unwind(AssertUnwindSafe(|| pipeline.extract(&input.label, &raw))).unwrap_or_else(|_| {
        Err(error_entry(
            input,
            "internal",
            "the extractor crashed on this article; please report it with the file".into(),
        ))
    });
    result
        .map(|record| ArticleRecord { path_bytes: input.label_bytes.clone(), ..record })
        .map_err(|error| ErrorRecord { path_bytes: input.label_bytes.clone(), ..error })
}

/// The bytes of an article of at most `max_bytes`. A larger file is refused from its
/// size alone, unopened; a pipe or a device, whose size is not known, is read up to one
/// byte past the limit, so that nothing ever reads more than `max_bytes + 1`.
fn read_article(input: &InputFile, max_bytes: u64) -> Result<Vec<u8>, ErrorRecord> {
    let unreadable = |e: io::Error| {
        let message = input::dangling_link(&input.path).unwrap_or_else(|| format!("cannot read this file: {e}"));
        error_entry(input, "unreadable", message)
    };
    let too_large = |size: &str| {
        let message = format!("the file is {size}, more than --max-bytes {max_bytes}; it was skipped unread (raise --max-bytes to read it)");
        error_entry(input, "too-large", message)
    };
    let meta = std::fs::metadata(&input.path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(error_entry(input, "unreadable", "this is a folder, not an article; name the folder itself to read the articles in it".into()));
    }
    if meta.is_file() && meta.len() > max_bytes {
        return Err(too_large(&format!("{} bytes", meta.len())));
    }
    let file = File::open(&input.path).map_err(unreadable)?;
    let expected = if meta.is_file() { meta.len() } else { 0 };
    let mut raw = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(max_bytes + 1).read_to_end(&mut raw).map_err(unreadable)?;
    if raw.len() as u64 > max_bytes {
        return Err(too_large("larger than that (it grew, or it is a stream)"));
    }
    Ok(raw)
}

fn error_entry(input: &InputFile, code: &str, message: String) -> ErrorRecord {
    ErrorRecord {
        path: input.label.clone(),
        path_bytes: input.label_bytes.clone(),
        error: ErrorDetail { code: code.to_string(), message },
    }
}
