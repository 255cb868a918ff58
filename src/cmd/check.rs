//! `newsfacts check RECORDS|PATH...`: the cross-checks of [`newsfacts::check`] over
//! records read from files or extracted on the way.
//!
//! Records are checked as they are read; only the findings and the small cross-article
//! index are kept, so the input can be larger than memory. Findings are printed at the
//! end, sorted, so the listing is the same for any order of threads.

use std::path::Path;

use anyhow::Context;
use newsfacts::check::Checker;
use newsfacts::finding::Finding;
use newsfacts::records::RecordLine;
use newsfacts::report::ReportOptions;

use super::extract::extract_one;
use super::{load_pipeline, open_records, print_findings, report, Outcome};
use crate::config::{CheckConfig, DEFAULT_MAX_BYTES};
use crate::input;
use crate::ordered::for_each_in_order;
use crate::progress::Progress;

/// What was read, for the summary line.
#[derive(Default)]
struct Read {
    records: usize,
    skipped: usize,
}

pub fn run(config: &CheckConfig) -> anyhow::Result<Outcome> {
    let page = config.html.as_deref().map(|target| report::page_sink(Some(target))).transpose()?;
    let mut checker = Checker::default();
    let mut findings: Vec<Finding> = Vec::new();
    let mut read = Read::default();
    // The page needs every record; without one, nothing but the findings is kept.
    let mut kept: Option<Vec<RecordLine>> = page.as_ref().map(|_| Vec::new());
    let mut take = |line: RecordLine| {
        match &line {
            RecordLine::Article(record) => {
                read.records += 1;
                findings.extend(checker.add(record));
            }
            RecordLine::Error(_) => read.skipped += 1,
        }
        if let Some(kept) = &mut kept {
            kept.push(line);
        }
    };
    let (records, articles): (Vec<_>, Vec<_>) = config.inputs.iter().cloned().partition(|p| is_records_file(p));
    for path in &records {
        open_records(path, &mut take)?;
    }
    if !articles.is_empty() {
        extract_on_the_way(config, &articles, &mut take)?;
    }
    findings.extend(checker.finish());
    let tally = print_findings(&mut findings, config.format)?;
    if !config.quiet {
        eprintln!(
            "newsfacts: {} records checked ({} error entries skipped): {} errors, {} warnings",
            read.records, read.skipped, tally.errors, tally.warnings
        );
    }
    if let (Some(page), Some(lines)) = (page, kept) {
        let written = report::write_page(lines, config.root.as_deref(), &ReportOptions::default(), page)?;
        if !config.quiet {
            eprintln!("newsfacts: {written}");
        }
    }
    Ok(if tally.faults() > 0 { Outcome::Failures } else { Outcome::Clean })
}

/// Records files are named so; everything else is an article or a folder of them.
fn is_records_file(path: &Path) -> bool {
    path.as_os_str() == "-"
        || (path.is_file()
            && path
                .extension()
                .is_some_and(|e| ["jsonl", "ndjson", "json"].contains(&e.to_string_lossy().to_lowercase().as_str())))
}

fn extract_on_the_way(
    config: &CheckConfig,
    paths: &[std::path::PathBuf],
    take: &mut impl FnMut(RecordLine),
) -> anyhow::Result<()> {
    let pipeline = load_pipeline(config.data.as_deref())?;
    let inputs = input::walk(paths, &config.extensions)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads.unwrap_or(0))
        .build()
        .context("cannot start the worker threads; try a smaller --threads")?;
    let mut progress = Progress::start(|| input::count(paths, &config.extensions), config.quiet);
    for_each_in_order(
        &pool,
        inputs,
        |input| extract_one(&pipeline, &input, DEFAULT_MAX_BYTES),
        |result| {
            progress.advance(result.as_ref().map_or(0, |r| r.bytes));
            take(match result {
                Ok(record) => RecordLine::Article(Box::new(record)),
                Err(error) => RecordLine::Error(error),
            });
            Ok(())
        },
    )?;
    progress.finish();
    Ok(())
}
