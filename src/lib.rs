//! newsfacts reads local news reports and pulls out the facts of the elections they
//! report: candidates, parties, vote figures and direct quotations, each with the byte
//! span it came from so that every number can be audited against its source.
//!
//! The pipeline, in one paragraph: [`doc::Document::parse`] decodes an article once and
//! splits it into paragraphs, sentences and tokens. The extractors in [`extract`] then run
//! in a fixed order over that one document, each adding one kind of finding to a shared
//! [`extract::Analysis`]: numbers, parties, person names, quotes (with speakers), figures
//! (numbers read as votes, shares, turnout...), and last the candidates. [`Pipeline`]
//! turns the analysis into the [`record::ArticleRecord`] of `SPEC.md`. Word lists live in
//! `data/` ([`lexicon`]) so users extend them without touching the rules.
//!
//! Readers of records: [`check`] holds the numbers against each other, [`audit`] against
//! their sources, [`report`] shows both on an HTML page beside the highlighted text, and
//! [`table`] flattens records into CSV rows.

mod sentence_breaks;
pub mod audit;
pub mod check;
pub mod doc;
pub mod extract;
pub mod finding;
pub mod fixtures;
#[cfg(test)]
mod generated;
pub mod lexicon;
pub mod record;
pub mod records;
pub mod report;
pub mod table;

pub use extract::Pipeline;
pub use lexicon::Lexicon;
pub use record::{ArticleRecord, ErrorRecord};
