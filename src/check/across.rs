//! The checks across articles: does one article contradict another?
//!
//! Records are fed one at a time and only small keys are kept (a name, a party, a contest
//! and its numbers), so checking a million records holds what they say, not the records.
//! Two articles are compared only where the records say they describe the same thing:
//! the same person (same name, and the same seat where both give one) or the same contest
//! (same area and the same election year, which both must state).

use std::collections::BTreeMap;

use super::contest::{contests, ContestKey};
use super::precision::{stated_range, Range};
use crate::finding::{Evidence, Finding, Severity};
use crate::record::{ArticleRecord, FigureKind};

/// What one article says of a candidate.
#[derive(Debug, Clone)]
struct Standing {
    path: String,
    name: String,
    party: String,
    constituency: Option<String>,
    year: Option<i32>,
    mention: Option<[usize; 2]>,
}

/// One figure of a contest, as an article states it.
#[derive(Debug, Clone)]
struct Stated {
    path: String,
    span: [usize; 2],
    text: String,
    range: Range,
}

/// The cross-article index, filled by [`Across::add`], read by [`Across::finish`].
#[derive(Debug, Default)]
pub struct Across {
    /// By normalised name: the first article giving each party.
    standings: BTreeMap<String, Vec<Standing>>,
    /// By (area, year, kind, subject): the first article giving each distinct value.
    figures: BTreeMap<(String, i32, FigureKind, String), Vec<Stated>>,
}

fn normal(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl Across {
    pub fn add(&mut self, record: &ArticleRecord) {
        let year = record.election.as_ref().and_then(|e| e.year);
        for c in &record.candidates {
            let Some(party) = &c.party else { continue };
            let entry = self.standings.entry(normal(&c.name)).or_default();
            if !entry.iter().any(|s| &s.party == party) {
                entry.push(Standing {
                    path: record.path.clone(),
                    name: c.name.clone(),
                    party: party.clone(),
                    constituency: c.constituency.clone(),
                    year,
                    mention: c.mentions.first().copied(),
                });
            }
        }
        for contest in contests(record) {
            let ContestKey { area: Some(area), party: _ } = &contest.key else { continue };
            let Some(year) = year else { continue };
            for f in contest.figures.iter().map(|&i| &record.figures[i]) {
                let Some(subject) = &f.subject else { continue };
                let stated = Stated {
                    path: record.path.clone(),
                    span: f.span,
                    text: f.text.clone(),
                    range: stated_range(f.value, &f.text, f.approx),
                };
                let entry = self.figures.entry((normal(area), year, f.kind, normal(subject))).or_default();
                if !entry.iter().any(|s| s.range.overlaps(&stated.range)) {
                    entry.push(stated);
                }
            }
        }
    }

    /// The findings, once every record has been added.
    pub fn finish(self) -> Vec<Finding> {
        let mut out: Vec<Finding> = self.standings.values().flat_map(|s| party_conflicts(s)).collect();
        for ((area, year, kind, subject), stated) in &self.figures {
            out.extend(figure_conflicts(area, *year, *kind, subject, stated));
        }
        out
    }
}

/// Rule `party-differs`: one person, two parties. A warning, not an error: people change
/// parties between elections, so only standings in the same seat (or with no seat given)
/// and the same year (or none given) are compared.
fn party_conflicts(standings: &[Standing]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, a) in standings.iter().enumerate() {
        for b in &standings[i + 1..] {
            let other_seat = matches!((&a.constituency, &b.constituency), (Some(x), Some(y)) if normal(x) != normal(y));
            let other_year = matches!((a.year, b.year), (Some(x), Some(y)) if x != y);
            if a.path == b.path || other_seat || other_year {
                continue;
            }
            let message = format!("{} is {} in one article and {} in another", a.name, a.party, b.party);
            let evidence = |s: &Standing| Evidence {
                path: s.path.clone(),
                span: s.mention,
                text: None,
                role: format!("{} ({})", s.name, s.party),
            };
            out.push(Finding::new("party-differs", Severity::Warning, message).with(evidence(a)).with(evidence(b)));
        }
    }
    out
}

/// Rule `contest-figures-differ`: two articles give the same contest's same number
/// differently (beyond either's rounding).
fn figure_conflicts(area: &str, year: i32, kind: FigureKind, subject: &str, stated: &[Stated]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, a) in stated.iter().enumerate() {
        for b in &stated[i + 1..] {
            if a.path == b.path {
                continue;
            }
            let message = format!(
                "the {year} contest in {area}: one article gives the {} of {subject} as {}, another as {}",
                kind.as_str(),
                a.text,
                b.text
            );
            let evidence = |s: &Stated| Evidence {
                path: s.path.clone(),
                span: Some(s.span),
                text: Some(s.text.clone()),
                role: format!("{} of {subject}", kind.as_str()),
            };
            out.push(Finding::new("contest-figures-differ", Severity::Error, message).with(evidence(a)).with(evidence(b)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::contest::tests::{figure, record};
    use super::*;
    use crate::record::{Election, SubjectType};

    fn article(path: &str, party: &str, votes: f64, year: Option<i32>) -> ArticleRecord {
        let mut r = record(&[("Rosena Allin-Khan", Some(party), Some("Tooting"), Some(true), Some(votes as u64))]);
        r.path = path.into();
        r.election = Some(Election { kind: Some("general".into()), year, span: None, text: None });
        r.figures.push(figure(FigureKind::Votes, votes, "34,694", Some(("Rosena Allin-Khan", SubjectType::Candidate))));
        r.figures[0].text = super::super::precision::thousands(votes);
        r
    }

    fn rules(records: &[ArticleRecord]) -> Vec<String> {
        let mut across = Across::default();
        records.iter().for_each(|r| across.add(r));
        across.finish().into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn agreeing_articles_pass() {
        assert!(rules(&[article("a", "Labour", 34694.0, Some(2019)), article("b", "Labour", 34694.0, Some(2019))]).is_empty());
    }

    #[test]
    fn two_parties_for_one_candidate_warn() {
        let found = rules(&[article("a", "Labour", 34694.0, Some(2019)), article("b", "Conservative", 34694.0, Some(2019))]);
        assert_eq!(found, ["party-differs"]);
    }

    #[test]
    fn different_years_or_seats_are_not_compared() {
        assert!(rules(&[article("a", "Labour", 34694.0, Some(2019)), article("b", "Green", 30000.0, Some(2017))]).is_empty());
        let mut b = article("b", "Green", 34694.0, None);
        b.candidates[0].constituency = Some("Putney".into());
        assert!(rules(&[article("a", "Labour", 34694.0, None), b]).is_empty());
    }

    #[test]
    fn one_contest_with_two_numbers_fails_citing_both_spans() {
        let mut across = Across::default();
        across.add(&article("a", "Labour", 34694.0, Some(2019)));
        across.add(&article("b", "Labour", 34649.0, Some(2019)));
        let found = across.finish();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "contest-figures-differ");
        let paths: Vec<_> = found[0].evidence.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["a", "b"]);
    }

    #[test]
    fn contests_without_a_year_are_not_compared() {
        assert!(rules(&[article("a", "Labour", 34694.0, None), article("b", "Labour", 30000.0, None)]).is_empty());
    }
}
