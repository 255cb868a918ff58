//! `newsfacts audit RECORDS...`: every record held against its source, and, with
//! `--reference`, against an official results table.

use newsfacts::audit::reference::{self, ReferenceTable, TableElection};
use newsfacts::audit::{self as audits};
use newsfacts::finding::{Finding, Severity};
use newsfacts::records::RecordLine;

use super::{open_records, print_findings, Outcome};
use crate::config::AuditConfig;

pub fn run(config: &AuditConfig) -> anyhow::Result<Outcome> {
    // A bad table is bad usage: say so before reading a single source.
    let table = config.reference.as_deref().map(ReferenceTable::load).transpose()?;
    let election = TableElection { year: config.reference_year, kind: config.reference_kind.clone() };
    let mut findings: Vec<Finding> = Vec::new();
    let (mut records, mut other_elections) = (0usize, 0usize);
    let mut take = |line: RecordLine| {
        let RecordLine::Article(record) = line else { return };
        records += 1;
        findings.extend(audits::audit_record(&record, config.root.as_deref()));
        match &table {
            Some(table) if election.covers(&record) => findings.extend(reference::compare(&record, table)),
            Some(_) => other_elections += 1,
            None => {}
        }
    };
    for path in &config.records {
        open_records(path, &mut take)?;
    }
    if config.no_review {
        findings.retain(|f| f.severity != Severity::Review);
    }
    let tally = print_findings(&mut findings, config.format)?;
    if !config.quiet {
        let agreements = match &table {
            Some(_) => format!(
                ", {} agreements with the table ({other_elections} records report another election and were not compared)",
                tally.info
            ),
            None => String::new(),
        };
        eprintln!(
            "newsfacts: {records} records audited: {} errors, {} warnings, {} numbers to review{agreements}",
            tally.errors, tally.warnings, tally.review
        );
    }
    Ok(if tally.faults() > 0 { Outcome::Failures } else { Outcome::Clean })
}
