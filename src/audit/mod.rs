//! `audit`: does every number in the records really say what the source says?
//!
//! Where `check` trusts the records and asks whether they agree, `audit` trusts nothing:
//! it re-reads each source ([`source`]: hash, spans, values), lists what the extractor
//! passed over ([`unaccounted`]), and, given an official results table, holds the votes
//! and shares against it ([`reference`]).

pub mod reference;
pub mod source;
pub mod unaccounted;

use std::fs;
use std::path::Path;

use crate::finding::{Evidence, Finding, Severity};
use crate::record::ArticleRecord;

/// Every rule id `audit` can report, with what it means.
pub const RULES: &[(&str, &str)] = &[
    ("source-missing", "the source file cannot be read"),
    ("source-changed", "the source's sha256 is not the record's: it changed since extraction"),
    ("span-out-of-range", "a span lies outside the file"),
    ("span-mismatch", "the bytes at a span are not the record's text"),
    ("value-mismatch", "a figure's value is not what its text says"),
    ("value-unparsable", "a figure's text does not read as one number"),
    ("unaccounted-number", "(review) a number in a sentence about voting that no figure accounts for"),
    ("reference-agrees", "(info) a vote count, share or majority agrees with the results table"),
    ("reference-differs", "a vote count, share or majority differs from the results table"),
    ("reference-unmatched", "(review) a candidate the results table does not list"),
];

/// The findings of one record against its source at `root`/`record.path`.
///
/// Numbers passed over are listed only when the file is the one extracted: in a changed
/// file the offsets no longer line up with the record's figures.
pub fn audit_record(record: &ArticleRecord, root: Option<&Path>) -> Vec<Finding> {
    match read_source(record, root) {
        Ok(raw) => audit_bytes(record, &raw),
        Err(missing) => vec![*missing],
    }
}

/// The bytes of a record's source at `root`/`record.path`, or the `source-missing`
/// finding that says why they cannot be read.
pub fn read_source(record: &ArticleRecord, root: Option<&Path>) -> Result<Vec<u8>, Box<Finding>> {
    let path = source::source_path(record, root);
    fs::read(&path).map_err(|e| {
        let message = format!("cannot read the source {}: {e}; pass --root with the folder extract was run from", path.display());
        Box::new(Finding::new("source-missing", Severity::Error, message).with(Evidence {
            path: record.path.clone(),
            span: None,
            text: None,
            role: "source file".into(),
        }))
    })
}

/// The findings of one record against `raw`, its source's bytes already read.
pub fn audit_bytes(record: &ArticleRecord, raw: &[u8]) -> Vec<Finding> {
    let mut out = source::audit_source(record, raw);
    if !out.iter().any(|f| f.rule == "source-changed") {
        out.extend(unaccounted::unaccounted_numbers(record, raw));
    }
    out
}
