//! What the page lists beside an article's text: a results table per contest (the
//! grouping `check` uses, from [`crate::check::contest`]), the figures no table holds,
//! and the quotes grouped by speaker.
//!
//! Everything here is an index into the record, so the page can link each cell to the
//! highlighted words it came from.

use crate::check::contest::{self, Contest};
use crate::record::{ArticleRecord, Figure};

/// One contest's candidates, in vote order, and its other figures (turnout, majority...).
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsTable {
    /// "Ealing Central and Acton", "the Democratic contest", "the contest".
    pub label: String,
    pub rows: Vec<ResultRow>,
    /// The contest's figures that are not a row's votes or share, as figure indexes.
    pub figures: Vec<usize>,
    /// False when the group looks like several races lumped together; the page says so
    /// (its order then mixes races), as `check` skips such groups.
    pub single_race: bool,
}

/// One candidate of a table, with the figures that state their votes and share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResultRow {
    pub candidate: usize,
    pub votes: Option<usize>,
    pub share: Option<usize>,
}

/// The record's results tables: one per contest, then one for the candidates no contest
/// holds (a primary's candidates without a party). Rows run from most votes to fewest;
/// candidates without votes follow in the article's order.
pub fn results_tables(record: &ArticleRecord) -> Vec<ResultsTable> {
    let contests = contest::contests(record);
    let mut tables: Vec<ResultsTable> = contests.iter().map(|c| table_of(record, c)).collect();
    let placed: Vec<usize> = contests.iter().flat_map(|c| c.candidates.iter().copied()).collect();
    let unplaced: Vec<usize> = (0..record.candidates.len()).filter(|i| !placed.contains(i)).collect();
    if !unplaced.is_empty() {
        let rows = unplaced.into_iter().map(|candidate| ResultRow { candidate, votes: None, share: None }).collect();
        tables.push(ResultsTable {
            label: "Candidates in no contest the record names".into(),
            rows: in_vote_order(record, rows),
            figures: Vec::new(),
            single_race: false,
        });
    }
    tables
}

fn table_of(record: &ArticleRecord, contest: &Contest) -> ResultsTable {
    let rows: Vec<ResultRow> = contest
        .candidates_of(record)
        .zip(&contest.candidates)
        .map(|(c, &candidate)| ResultRow {
            candidate,
            votes: contest::votes_figure(record, contest, c).and_then(|f| index_of(record, f)),
            share: contest::share_figure(record, contest, c).and_then(|f| index_of(record, f)),
        })
        .collect();
    let in_rows: Vec<usize> = rows.iter().flat_map(|r| [r.votes, r.share]).flatten().collect();
    ResultsTable {
        label: contest.label(),
        figures: contest.figures.iter().copied().filter(|i| !in_rows.contains(i)).collect(),
        rows: in_vote_order(record, rows),
        single_race: contest.is_single_race(record),
    }
}

/// Most votes first; then the highest share; then the article's order.
fn in_vote_order(record: &ArticleRecord, mut rows: Vec<ResultRow>) -> Vec<ResultRow> {
    let key = |r: &ResultRow| {
        let c = &record.candidates[r.candidate];
        (c.votes.is_none(), std::cmp::Reverse(c.votes), c.share_pct.is_none(), std::cmp::Reverse(c.share_pct.map(ordered)))
    };
    rows.sort_by(|a, b| key(a).cmp(&key(b)).then(a.candidate.cmp(&b.candidate)));
    rows
}

/// Shares as integers in thousandths, so they sort (they are never NaN).
fn ordered(share: f64) -> i64 {
    (share * 1000.0).round() as i64
}

fn index_of(record: &ArticleRecord, figure: &Figure) -> Option<usize> {
    record.figures.iter().position(|f| std::ptr::eq(f, figure))
}

/// The figures no results table shows: party figures, past years', and those of
/// contests the record does not tie to one race.
pub fn loose_figures(record: &ArticleRecord, tables: &[ResultsTable]) -> Vec<usize> {
    let shown: Vec<usize> =
        tables.iter().flat_map(|t| t.rows.iter().flat_map(|r| [r.votes, r.share]).flatten().chain(t.figures.iter().copied())).collect();
    (0..record.figures.len()).filter(|i| !shown.contains(i)).collect()
}

/// The quotes of one speaker (`None`: the record names none), as quote indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerQuotes {
    pub speaker: Option<String>,
    pub quotes: Vec<usize>,
}

/// Quotes grouped by speaker, speakers in the order they first speak, the unattributed
/// last.
pub fn quotes_by_speaker(record: &ArticleRecord) -> Vec<SpeakerQuotes> {
    let mut groups: Vec<SpeakerQuotes> = Vec::new();
    for (i, q) in record.quotes.iter().enumerate() {
        match groups.iter_mut().find(|g| g.speaker == q.speaker) {
            Some(group) => group.quotes.push(i),
            None => groups.push(SpeakerQuotes { speaker: q.speaker.clone(), quotes: vec![i] }),
        }
    }
    groups.sort_by_key(|g| g.speaker.is_none());
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::contest::tests::{figure, record};
    use crate::record::{FigureKind, Quote, SubjectType};

    fn names(record: &ArticleRecord, table: &ResultsTable) -> Vec<String> {
        table.rows.iter().map(|r| record.candidates[r.candidate].name.clone()).collect()
    }

    #[test]
    fn rows_run_from_most_votes_to_fewest_then_the_unknown() {
        let r = record(&[
            ("Low", None, Some("Ealing"), Some(false), Some(664)),
            ("Nothing", None, None, None, None),
            ("High", None, None, Some(true), Some(28132)),
            ("Middle", None, None, Some(false), Some(9444)),
        ]);
        let tables = results_tables(&r);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].label, "Ealing");
        assert_eq!(names(&r, &tables[0]), ["High", "Middle", "Low", "Nothing"]);
    }

    #[test]
    fn cells_link_their_figures_and_the_rest_are_listed() {
        let mut r = record(&[("A", None, Some("Ealing"), Some(true), Some(10)), ("B", None, None, Some(false), Some(5))]);
        r.figures.push(figure(FigureKind::Votes, 10.0, "10", Some(("A", SubjectType::Candidate))));
        r.figures.push(figure(FigureKind::TurnoutPct, 60.0, "60%", None));
        r.figures.push(figure(FigureKind::SharePct, 40.0, "40%", Some(("Labour", SubjectType::Party))));
        let tables = results_tables(&r);
        assert_eq!(tables[0].rows[0], ResultRow { candidate: 0, votes: Some(0), share: None });
        assert_eq!(tables[0].rows[1].votes, None, "B's votes are stated by no figure");
        assert_eq!(tables[0].figures, [1], "the turnout");
        assert_eq!(loose_figures(&r, &tables), [2], "the party's share");
    }

    #[test]
    fn candidates_of_no_contest_get_their_own_table() {
        let mut r = record(&[("Trump", Some("Republican"), None, Some(true), Some(9)), ("Warren", None, None, None, Some(3))]);
        r.election = Some(crate::record::Election { kind: Some("primary".into()), year: None, span: None, text: None });
        let tables = results_tables(&r);
        assert_eq!(tables.len(), 2);
        assert_eq!(names(&r, &tables[1]), ["Warren"]);
        assert!(!tables[1].single_race);
    }

    #[test]
    fn quotes_group_by_speaker_with_the_unattributed_last() {
        let mut r = record(&[]);
        let quote = |speaker: Option<&str>| Quote {
            text: "x".into(),
            span: [0, 1],
            speaker: speaker.map(Into::into),
            speaker_span: None,
            cue: None,
            partial: false,
            rule: String::new(),
        };
        r.quotes = vec![quote(None), quote(Some("B")), quote(Some("A")), quote(Some("B"))];
        let groups = quotes_by_speaker(&r);
        let got: Vec<(Option<&str>, &[usize])> = groups.iter().map(|g| (g.speaker.as_deref(), g.quotes.as_slice())).collect();
        assert_eq!(got, [(Some("B"), &[1, 3][..]), (Some("A"), &[2][..]), (None, &[0][..])]);
    }
}
