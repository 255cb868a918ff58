//! `check`: do the extracted numbers agree with each other, within an article and across
//! articles?
//!
//! The checks read records only, never sources (that is `audit`'s job), so they run on
//! records from any machine. Each rule is one function with a stable id, listed in
//! [`RULES`]; [`article`] holds the within-article rules and [`across`] the cross-article
//! ones; [`contest`] decides which numbers belong to one race and [`precision`] how much
//! rounding the article's own words allow.

pub mod across;
pub mod article;
pub mod contest;
pub mod precision;

use crate::finding::Finding;
use crate::record::ArticleRecord;

/// Every rule id, with what it holds. Ids are stable: scripts filter on them.
pub const RULES: &[(&str, &str)] = &[
    ("share-vs-votes", "each candidate's votes over their share imply one total, between the listed votes and the turnout"),
    ("majority-vs-votes", "a stated majority is the winner's votes minus the runner-up's"),
    ("turnout-below-votes", "the number who voted is at least the candidates' votes together"),
    ("winner-not-first", "a candidate said to have won has more votes than those said to have lost"),
    ("shares-over-100", "one contest's shares sum to at most 100, give or take rounding"),
    ("percent-out-of-range", "shares and turnouts lie within 0-100, swings within +-100 points"),
    ("turnout-pct-vs-count", "turnout in percent is the number who voted over the electorate"),
    ("stated-ratio", "words such as \"almost doubling\" or \"twice as many\" fit the two numbers they relate"),
    ("party-differs", "one candidate has one party across articles (same seat and year)"),
    ("contest-figures-differ", "one contest (area and year) has the same numbers in every article"),
];

/// Checks a stream of records: call [`Checker::add`] for each, then [`Checker::finish`].
#[derive(Debug, Default)]
pub struct Checker {
    across: across::Across,
}

impl Checker {
    /// The within-article findings of `record`; it is also remembered for the
    /// cross-article checks.
    pub fn add(&mut self, record: &ArticleRecord) -> Vec<Finding> {
        self.across.add(record);
        article::check_article(record)
    }

    /// The cross-article findings.
    pub fn finish(self) -> Vec<Finding> {
        self.across.finish()
    }
}
