//! Which candidates and figures of one record belong to the same contest.
//!
//! Every arithmetic check (shares summing to 100, majority = first minus second) is only
//! true within one contest, and an article may report several (three seats of a borough,
//! two parties' primaries in one state). Records name a contest only through a
//! candidate's `constituency` and a figure's `subject`, so this module rebuilds the
//! grouping, and leaves out whatever it cannot place: a check that skips a number is
//! better than one that compares numbers from two different races.

use crate::record::{ArticleRecord, Candidate, Figure, FigureKind, SubjectType};

/// One race: an area (or none, when the article reports a single unnamed one) and, in a
/// primary, the party whose nomination it decides.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ContestKey {
    pub area: Option<String>,
    pub party: Option<String>,
}

/// The candidates and the current figures (those with no `year`) of one contest, as
/// indexes into the record.
#[derive(Debug, Clone, PartialEq)]
pub struct Contest {
    pub key: ContestKey,
    pub candidates: Vec<usize>,
    pub figures: Vec<usize>,
}

impl Contest {
    pub fn figures_of<'r>(&'r self, record: &'r ArticleRecord, kind: FigureKind) -> impl Iterator<Item = &'r Figure> + 'r {
        self.figures.iter().map(move |&i| &record.figures[i]).filter(move |f| f.kind == kind)
    }

    pub fn candidates_of<'r>(&'r self, record: &'r ArticleRecord) -> impl Iterator<Item = &'r Candidate> + 'r {
        self.candidates.iter().map(move |&i| &record.candidates[i])
    }

    /// Whether the numbers look like those of one race. Two majorities, two turnouts or
    /// two winners in one group mean the record lumped several races together (a round-up
    /// of wards whose names it could not tie to each candidate), and arithmetic across
    /// races proves nothing. An area-less group in a primary is as unsure: each party's
    /// races (Senate, House, sheriff) share the party. Outside primaries, one party with
    /// two candidates means several races or several seats.
    pub fn is_single_race(&self, record: &ArticleRecord) -> bool {
        let count = |kind| self.figures_of(record, kind).count();
        let mut parties: Vec<&str> = self.candidates_of(record).filter_map(|c| c.party.as_deref()).collect();
        let named = parties.len();
        parties.sort_unstable();
        parties.dedup();
        let party_twice = parties.len() < named && self.key.party.is_none();
        let winners = self.candidates_of(record).filter(|c| c.elected == Some(true)).count();
        let multi_seat = record.election.as_ref().and_then(|e| e.kind.as_deref()) == Some("local");
        count(FigureKind::Majority) <= 1
            && count(FigureKind::TurnoutVotes) <= 1
            && count(FigureKind::TurnoutPct) <= 1
            && (winners <= 1 || multi_seat && self.key.area.is_some())
            && !(self.key.area.is_none() && is_primary(record))
            && !party_twice
    }

    /// The area's name for messages: "Tooting", or "the contest".
    pub fn label(&self) -> String {
        match (&self.key.area, &self.key.party) {
            (Some(area), Some(party)) => format!("the {party} contest in {area}"),
            (Some(area), None) => area.clone(),
            (None, Some(party)) => format!("the {party} contest"),
            (None, None) => "the contest".to_string(),
        }
    }
}

/// Whether the record reports party primaries or caucuses, where each party's candidates
/// run in a race of their own.
pub fn is_primary(record: &ArticleRecord) -> bool {
    record.election.as_ref().and_then(|e| e.kind.as_deref()) == Some("primary")
}

/// The contest a candidate stands in, or `None` when the record does not say enough.
///
/// A candidate without a constituency is placed in the article's only one when all the
/// others that have one agree (a results list names the seat once, for the winner).
pub fn key_of(record: &ArticleRecord, candidate: &Candidate) -> Option<ContestKey> {
    let area = candidate.constituency.clone().or_else(|| sole_area(record));
    let party = if is_primary(record) { Some(candidate.party.clone()?) } else { None };
    Some(ContestKey { area, party })
}

/// The one constituency the record's candidates name, if they name exactly one.
fn sole_area(record: &ArticleRecord) -> Option<String> {
    let mut areas = record.candidates.iter().filter_map(|c| c.constituency.as_ref());
    let first = areas.next()?;
    areas.all(|a| a == first).then(|| first.clone())
}

/// Groups a record's candidates and current figures into contests, in a stable order.
pub fn contests(record: &ArticleRecord) -> Vec<Contest> {
    let mut out: Vec<Contest> = Vec::new();
    for (i, c) in record.candidates.iter().enumerate() {
        if let Some(key) = key_of(record, c) {
            contest_for(&mut out, key).candidates.push(i);
        }
    }
    for (i, f) in record.figures.iter().enumerate() {
        if f.year.is_some() {
            continue;
        }
        if let Some(key) = figure_key(record, f, &out) {
            contest_for(&mut out, key).figures.push(i);
        }
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out
}

fn contest_for(all: &mut Vec<Contest>, key: ContestKey) -> &mut Contest {
    match all.iter().position(|c| c.key == key) {
        Some(i) => &mut all[i],
        None => {
            all.push(Contest { key, candidates: Vec::new(), figures: Vec::new() });
            all.last_mut().expect("just pushed")
        }
    }
}

/// A figure's contest: its candidate's, its constituency's, or the article's only one.
/// Party figures are left out: "Labour's 40%" is a national or council-wide number as
/// often as it is one seat's.
fn figure_key(record: &ArticleRecord, figure: &Figure, known: &[Contest]) -> Option<ContestKey> {
    match figure.subject_type {
        Some(SubjectType::Candidate) => {
            let name = figure.subject.as_deref()?;
            let candidate = record.candidates.iter().find(|c| c.name == name)?;
            key_of(record, candidate)
        }
        Some(SubjectType::Constituency) if !is_primary(record) => {
            Some(ContestKey { area: figure.subject.clone(), party: None })
        }
        None if known.len() == 1 && !is_primary(record) => Some(known[0].key.clone()),
        _ => None,
    }
}

/// The votes the record gives a candidate in the current contest: the candidate's own
/// `votes`, with the figure that states it when there is one.
pub fn votes_figure<'r>(record: &'r ArticleRecord, contest: &'r Contest, candidate: &Candidate) -> Option<&'r Figure> {
    contest
        .figures_of(record, FigureKind::Votes)
        .find(|f| f.subject.as_deref() == Some(candidate.name.as_str()) && Some(f.value as u64) == candidate.votes)
}

/// The share figure of a candidate, like [`votes_figure`].
pub fn share_figure<'r>(record: &'r ArticleRecord, contest: &'r Contest, candidate: &Candidate) -> Option<&'r Figure> {
    contest.figures_of(record, FigureKind::SharePct).find(|f| f.subject.as_deref() == Some(candidate.name.as_str()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::record::{Election, SCHEMA};

    /// A test candidate: (name, party, constituency, elected, votes).
    pub type Row<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<bool>, Option<u64>);

    /// A record for tests, with the given candidates.
    pub fn record(candidates: &[Row]) -> ArticleRecord {
        ArticleRecord {
            schema: SCHEMA.into(),
            path: "a.txt".into(),
            sha256: String::new(),
            bytes: 0,
            encoding: "utf-8".into(),
            election: None,
            candidates: candidates
                .iter()
                .map(|&(name, party, area, elected, votes)| Candidate {
                    name: name.into(),
                    party: party.map(Into::into),
                    constituency: area.map(Into::into),
                    elected,
                    votes,
                    share_pct: None,
                    mentions: Vec::new(),
                    evidence: Vec::new(),
                })
                .collect(),
            figures: Vec::new(),
            quotes: Vec::new(),
            comparisons: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// A figure for tests, at a made-up span.
    pub fn figure(kind: FigureKind, value: f64, text: &str, subject: Option<(&str, SubjectType)>) -> Figure {
        Figure {
            kind,
            value,
            approx: false,
            subject: subject.map(|s| s.0.to_string()),
            subject_type: subject.map(|s| s.1),
            year: None,
            span: [0, text.len()],
            text: text.into(),
            rule: "test".into(),
        }
    }

    #[test]
    fn unplaced_candidates_join_the_only_named_seat() {
        let r = record(&[("A", None, Some("Ealing"), Some(true), None), ("B", None, None, Some(false), None)]);
        let all = contests(&r);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].candidates, [0, 1]);
        assert_eq!(all[0].label(), "Ealing");
    }

    #[test]
    fn two_named_seats_leave_an_unplaced_candidate_alone() {
        let r = record(&[("A", None, Some("Putney"), None, None), ("B", None, Some("Tooting"), None, None), ("C", None, None, None, None)]);
        let all = contests(&r);
        assert_eq!(all.len(), 3, "{all:?}");
        assert!(all.iter().any(|c| c.key.area.is_none() && c.candidates == [2]));
    }

    #[test]
    fn primaries_split_by_party_and_drop_the_partyless() {
        let mut r = record(&[
            ("Trump", Some("Republican"), Some("New Hampshire"), Some(true), None),
            ("Sanders", Some("Democratic"), Some("New Hampshire"), Some(true), None),
            ("Warren", None, None, None, None),
        ]);
        r.election = Some(Election { kind: Some("primary".into()), year: Some(2020), span: None, text: None });
        let all = contests(&r);
        assert_eq!(all.len(), 2);
        assert!(all.iter().all(|c| c.candidates.len() == 1));
    }

    #[test]
    fn lumped_races_are_not_single() {
        let one = record(&[("A", Some("Labour"), Some("X"), Some(true), Some(10)), ("B", Some("Green"), None, Some(false), Some(5))]);
        assert!(contests(&one).iter().all(|c| c.is_single_race(&one)));
        let two_winners = record(&[("A", None, None, Some(true), Some(10)), ("B", None, None, Some(true), Some(5))]);
        assert!(!contests(&two_winners)[0].is_single_race(&two_winners));
        let one_party_twice = record(&[("A", Some("Republican"), None, None, Some(10)), ("B", Some("Republican"), None, None, Some(5))]);
        assert!(!contests(&one_party_twice)[0].is_single_race(&one_party_twice));
        let mut two_majorities = one.clone();
        two_majorities.figures.push(figure(FigureKind::Majority, 5.0, "5", None));
        two_majorities.figures.push(figure(FigureKind::Majority, 9.0, "9", None));
        assert!(!contests(&two_majorities)[0].is_single_race(&two_majorities));
    }

    #[test]
    fn figures_follow_their_subject_and_past_years_stay_out() {
        let mut r = record(&[("A", None, Some("Ealing"), Some(true), Some(10))]);
        r.figures.push(figure(FigureKind::Votes, 10.0, "10", Some(("A", SubjectType::Candidate))));
        let mut old = figure(FigureKind::Votes, 8.0, "8", Some(("A", SubjectType::Candidate)));
        old.year = Some(2017);
        r.figures.push(old);
        r.figures.push(figure(FigureKind::TurnoutPct, 60.0, "60%", None));
        r.figures.push(figure(FigureKind::SharePct, 40.0, "40%", Some(("Labour", SubjectType::Party))));
        let all = contests(&r);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].figures, [0, 2]);
    }
}
