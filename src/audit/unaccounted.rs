//! The numbers an extractor passed over: every number in a sentence about voting that no
//! figure accounts for, listed for a person to review.
//!
//! These are not faults (most are seat counts, candidates' ages or dates), which is why
//! they have the severity `review` and never change the exit status. Years, dates, times,
//! ordinals, ages and money are left out: none of them can be a vote figure; so are
//! numbers under ten written in words ("two seats", "three candidates").

use crate::doc::Document;
use crate::extract::numbers::{find_numbers, NumberUnit};
use crate::extract::topic::is_election_sentence;
use crate::finding::{Evidence, Finding, Severity};
use crate::record::ArticleRecord;

/// The numbers of `raw`'s election sentences that none of the record's figures covers.
///
/// Only records of election articles are read (those with an `election`): elsewhere the
/// extractor reads no figures on purpose.
pub fn unaccounted_numbers(record: &ArticleRecord, raw: &[u8]) -> Vec<Finding> {
    if record.election.is_none() {
        return Vec::new();
    }
    let Ok(doc) = Document::parse(raw) else { return Vec::new() };
    let text: &str = &doc.text;
    let covered = |span: [usize; 2]| record.figures.iter().any(|f| f.span[0] < span[1] && span[0] < f.span[1]);
    let mut out = Vec::new();
    for sentence in doc.sentences().iter().filter(|s| is_election_sentence(&text[s.span.clone()])) {
        let words = &text[sentence.span.clone()];
        for n in find_numbers(words) {
            if !matches!(n.unit, NumberUnit::Count | NumberUnit::Percent | NumberUnit::Points) || is_small_word(&n) {
                continue;
            }
            let local = sentence.span.start + n.start..sentence.span.start + n.end;
            let span = doc.raw_span(&local);
            if covered(span) {
                continue;
            }
            let shown = doc.slice(&local).to_string();
            out.push(
                Finding::new(
                    "unaccounted-number",
                    Severity::Review,
                    format!("{shown:?} stands in a sentence about voting, and no figure accounts for it"),
                )
                .with(Evidence { path: record.path.clone(), span: Some(span), text: Some(shown), role: "number".into() }),
            );
        }
    }
    out
}

/// "one", "two", "three" count seats, candidates and rounds far more often than votes;
/// listing each would bury the numbers worth a look.
fn is_small_word(n: &crate::extract::numbers::NumberMention) -> bool {
    n.in_words && n.value < 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pipeline;

    fn listed(article: &str) -> Vec<String> {
        let record = Pipeline::builtin().extract("a.txt", article.as_bytes()).unwrap();
        unaccounted_numbers(&record, article.as_bytes()).into_iter().map(|f| f.evidence[0].text.clone().unwrap()).collect()
    }

    #[test]
    fn passed_over_numbers_in_voting_sentences_are_listed() {
        let article = "Labour's Jane Doe won the by-election with 5,123 votes. Twelve candidates stood and 431 ballots were spoilt. The count took place in Leeds.";
        let found = listed(article);
        assert!(found.contains(&"431".to_string()), "{found:?}");
        assert!(!found.contains(&"5,123".to_string()), "a figure accounts for it: {found:?}");
    }

    #[test]
    fn years_dates_and_other_sentences_are_not() {
        let article = "Labour's Jane Doe won the 2019 general election with 5,123 votes on December 12, one of three wins. She is 45 and has 3 children.";
        assert!(listed(article).is_empty(), "{:?}", listed(article));
    }

    #[test]
    fn articles_that_are_not_about_elections_are_skipped() {
        assert!(listed("The team won 3-1 and 40,000 fans voted it the match of the season.").is_empty());
    }
}
