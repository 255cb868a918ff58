//! `newsfacts report RECORDS...`: the review page of [`newsfacts::report`], and the
//! page `extract --html` and `check --html` write beside their usual output.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{bail, Context};
use newsfacts::finding::Severity;
use newsfacts::records::RecordLine;
use newsfacts::report::{html, Entry, Report, ReportOptions};

use super::{open_records, Outcome};
use crate::config::ReportConfig;
use crate::output::RecordSink;

pub fn run(config: &ReportConfig) -> anyhow::Result<Outcome> {
    let sink = page_sink(config.output.as_deref())?;
    let mut lines = Vec::new();
    for path in &config.records {
        open_records(path, &mut |line| lines.push(line))?;
    }
    let options = ReportOptions { title: config.title.clone(), review: config.review };
    let written = write_page(lines, config.root.as_deref(), &options, sink)?;
    if !config.quiet {
        eprintln!("newsfacts: {written}");
    }
    Ok(Outcome::Clean)
}

/// Where a page goes: a file (written whole or not at all), or standard output when
/// that is not a terminal (a megabyte of HTML is no use on a screen). Opened before any
/// record is read, so a bad folder is reported at once.
pub(super) fn page_sink(target: Option<&Path>) -> anyhow::Result<RecordSink> {
    match target {
        Some(path) => RecordSink::file(path),
        None if std::io::stdout().is_terminal() => bail!(
            "the review page is HTML for a browser, not for the terminal; write it to a file with -o report.html"
        ),
        None => Ok(RecordSink::stdout()),
    }
}

/// Builds the page of `lines` and writes it to `sink`; returns the sentence that says so.
pub(super) fn write_page(
    lines: Vec<RecordLine>,
    root: Option<&Path>,
    options: &ReportOptions,
    mut sink: RecordSink,
) -> anyhow::Result<String> {
    let report = Report::build(lines, root, options);
    let destination = sink.describe();
    html::write_page(&report, sink.writer()).with_context(|| format!("cannot write the page to {destination}"))?;
    sink.finish()?;
    let articles = report.entries.iter().filter(|e| matches!(e, Entry::Article(_))).count();
    let count = |severity| report.findings.iter().filter(|f| f.severity == severity).count();
    Ok(format!(
        "review page of {articles} articles ({} errors, {} warnings, {} numbers to review) written to {destination}",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Review)
    ))
}
