//! Holding extracted votes and shares against an official results table.
//!
//! The table is a CSV with one row per candidate, such as the House of Commons Library's
//! results by candidate. Columns are found by their header, so a user can bring a table
//! of their own (council wards, US counties); [`COLUMNS`] lists the names accepted. A
//! record's candidate is matched on the contest's area and the surname; the first name
//! decides only between two candidates of one surname, because articles and tables often
//! disagree on it ("Liz" and "Elizabeth", a middle name used as the first).

use std::collections::HashMap;
use std::path::Path;

use crate::check::contest::{contests, share_figure, votes_figure, Contest};
use crate::check::precision::{stated_range, thousands};
use crate::finding::{Evidence, Finding, Severity};
use crate::record::{ArticleRecord, Figure, FigureKind};

/// Accepted header names for each column (compared lower-case, with spaces and dashes
/// read as underscores), in order of preference.
pub const COLUMNS: &[(&str, &[&str])] = &[
    ("area", &["constituency_name", "constituency", "ward_name", "ward", "division", "electoral_division", "district", "county_name", "county", "area", "contest"]),
    ("surname", &["surname", "last_name", "lastname", "family_name"]),
    ("full name (when there is no surname column)", &["candidate_name", "candidate", "name"]),
    ("first name (optional)", &["firstname", "first_name", "forename", "forenames", "given_name"]),
    ("votes", &["votes", "candidate_votes", "total_votes", "vote"]),
    ("share (0-1 or 0-100; optional)", &["share", "vote_share", "share_pct", "percent", "pct", "percentage"]),
];

/// One candidate's official result.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceRow {
    pub area: String,
    pub first_name: Option<String>,
    pub surname: String,
    pub votes: Option<f64>,
    pub share_pct: Option<f64>,
    /// The row's line in the file, for messages.
    pub line: usize,
}

/// An official results table, indexed by normalised area.
#[derive(Debug, Default)]
pub struct ReferenceTable {
    pub name: String,
    rows: Vec<ReferenceRow>,
    by_area: HashMap<String, Vec<usize>>,
}

/// Why a table cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    #[error("cannot read the reference table {path}: {source}")]
    Read { path: String, source: csv::Error },
    #[error("the reference table {path} has no {column} column; accepted headers: {accepted}")]
    MissingColumn { path: String, column: &'static str, accepted: String },
}

/// Lower case, "&" as "and", punctuation dropped, spaces collapsed: "Ealing Central &
/// Acton" and "Ealing Central and Acton" meet.
pub fn normal_area(area: &str) -> String {
    let spaced = area.to_lowercase().replace('&', " and ");
    let kept: String = spaced.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn normal_name(name: &str) -> String {
    name.trim().to_lowercase().replace('\u{2019}', "'")
}

impl ReferenceTable {
    pub fn load(path: &Path) -> Result<ReferenceTable, ReferenceError> {
        let shown = path.display().to_string();
        let read_err = |source| ReferenceError::Read { path: shown.clone(), source };
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(path).map_err(read_err)?;
        let headers: Vec<String> =
            reader.headers().map_err(read_err)?.iter().map(|h| h.trim().to_lowercase().replace([' ', '-'], "_")).collect();
        let find = |i: usize| COLUMNS[i].1.iter().find_map(|name| headers.iter().position(|h| h == name));
        let missing = |i: usize| ReferenceError::MissingColumn {
            path: shown.clone(),
            column: COLUMNS[i].0,
            accepted: COLUMNS[i].1.join(", "),
        };
        let area = find(0).ok_or_else(|| missing(0))?;
        let (surname, full) = (find(1), find(2));
        if surname.is_none() && full.is_none() {
            return Err(missing(1));
        }
        let (first, votes, share) = (find(3), find(4), find(5));
        if votes.is_none() && share.is_none() {
            return Err(missing(4));
        }
        let mut table = ReferenceTable { name: shown.clone(), ..ReferenceTable::default() };
        for (i, row) in reader.records().enumerate() {
            let row = row.map_err(read_err)?;
            let cell = |c: Option<usize>| c.and_then(|c| row.get(c)).map(str::trim).filter(|s| !s.is_empty());
            let number = |c: Option<usize>| cell(c).and_then(|s| s.replace(',', "").trim_end_matches('%').parse::<f64>().ok());
            let (first_name, surname) = match (cell(surname), cell(full)) {
                (Some(s), _) => (cell(first).map(str::to_string), s.to_string()),
                (None, Some(full)) => split_full_name(full),
                (None, None) => continue,
            };
            table.rows.push(ReferenceRow {
                area: cell(Some(area)).unwrap_or_default().to_string(),
                first_name,
                surname,
                votes: number(votes),
                share_pct: number(share),
                line: i + 2,
            });
        }
        table.shares_to_percent();
        for (i, row) in table.rows.iter().enumerate() {
            table.by_area.entry(normal_area(&row.area)).or_default().push(i);
        }
        Ok(table)
    }

    /// A share column of fractions (every value at most 1) is turned into percentages.
    fn shares_to_percent(&mut self) {
        if self.rows.iter().filter_map(|r| r.share_pct).all(|s| s <= 1.0) {
            for row in &mut self.rows {
                row.share_pct = row.share_pct.map(|s| s * 100.0);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row of `name` in `area`: the one row of that surname, or, of several, the one
    /// whose first name agrees.
    pub fn find(&self, area: &str, name: &str) -> Option<&ReferenceRow> {
        let name = normal_name(name);
        let first = name.split_whitespace().next().unwrap_or_default();
        let same_surname: Vec<&ReferenceRow> = self
            .by_area
            .get(&normal_area(area))?
            .iter()
            .map(|&i| &self.rows[i])
            .filter(|r| {
                let surname = normal_name(&r.surname);
                name == surname || name.ends_with(&format!(" {surname}"))
            })
            .collect();
        match same_surname[..] {
            [one] => Some(one),
            _ => same_surname.into_iter().find(|r| r.first_name.as_deref().map(normal_name).as_deref() == Some(first)),
        }
    }

    /// The votes of the first two in `area`, for majorities.
    fn top_two(&self, area: &str) -> Option<(f64, f64)> {
        let mut votes: Vec<f64> = self.by_area.get(&normal_area(area))?.iter().filter_map(|&i| self.rows[i].votes).collect();
        votes.sort_by(|a, b| b.total_cmp(a));
        Some((*votes.first()?, *votes.get(1)?))
    }
}

/// "Rupa Huq" -> (Some("Rupa"), "Huq"); a one-word name is all surname.
fn split_full_name(full: &str) -> (Option<String>, String) {
    let words: Vec<&str> = full.split_whitespace().collect();
    match words[..] {
        [] => (None, String::new()),
        [only] => (None, only.to_string()),
        [first, .., last] => (Some(first.to_string()), last.to_string()),
    }
}

/// Which election a table holds, so that articles about other elections are not held
/// against it (a 2016 by-election against 2019's general election results).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableElection {
    pub year: Option<i32>,
    pub kind: Option<String>,
}

impl TableElection {
    /// Whether `record` may report the table's election: records that do not say which
    /// election they report are compared.
    pub fn covers(&self, record: &ArticleRecord) -> bool {
        let election = record.election.as_ref();
        let year_fits = match (self.year, election.and_then(|e| e.year)) {
            (Some(table), Some(article)) => table == article,
            _ => true,
        };
        let kind_fits = match (self.kind.as_deref(), election.and_then(|e| e.kind.as_deref())) {
            (Some(table), Some(article)) => table.eq_ignore_ascii_case(article),
            _ => true,
        };
        year_fits && kind_fits
    }
}

/// Every agreement, disagreement and unmatched candidate of one record.
pub fn compare(record: &ArticleRecord, table: &ReferenceTable) -> Vec<Finding> {
    let mut out = Vec::new();
    for contest in contests(record) {
        for candidate in contest.candidates_of(record) {
            let figures = [votes_figure(record, &contest, candidate), share_figure(record, &contest, candidate)];
            if figures.iter().all(Option::is_none) {
                continue;
            }
            let area = contest.key.area.as_deref();
            match area.and_then(|a| table.find(a, &candidate.name)) {
                Some(row) => out.extend(figures.into_iter().flatten().map(|f| against_row(record, f, &candidate.name, row, table))),
                None => out.push(unmatched(record, &candidate.name, area, figures[0].or(figures[1]), table)),
            }
        }
        out.extend(majorities(record, &contest, table));
    }
    out
}

fn evidence(record: &ArticleRecord, figure: &Figure, role: String) -> Evidence {
    Evidence { path: record.path.clone(), span: Some(figure.span), text: Some(figure.text.clone()), role }
}

fn against_row(record: &ArticleRecord, figure: &Figure, name: &str, row: &ReferenceRow, table: &ReferenceTable) -> Finding {
    let official = if figure.kind == FigureKind::Votes { row.votes } else { row.share_pct };
    let what = if figure.kind == FigureKind::Votes { "votes" } else { "share" };
    let shown = |v: f64| if figure.kind == FigureKind::Votes { thousands(v) } else { format!("{v:.2}%") };
    let source = format!("{} line {}", table.name, row.line);
    let (rule, severity, message) = match official {
        Some(v) if stated_range(figure.value, &figure.text, figure.approx).contains(v) => {
            ("reference-agrees", Severity::Info, format!("{name}'s {what} {} agrees with the table ({})", figure.text, shown(v)))
        }
        Some(v) => (
            "reference-differs",
            Severity::Error,
            format!("{name}'s {what} {} differs from the table's {} ({source})", figure.text, shown(v)),
        ),
        None => ("reference-unmatched", Severity::Review, format!("the table gives no {what} for {name} ({source})")),
    };
    Finding::new(rule, severity, message).with(evidence(record, figure, format!("{name}'s {what}")))
}

fn unmatched(record: &ArticleRecord, name: &str, area: Option<&str>, figure: Option<&Figure>, table: &ReferenceTable) -> Finding {
    let message = match area {
        Some(area) if table.by_area.contains_key(&normal_area(area)) => {
            format!("{name} is not among the candidates the table lists for {area}")
        }
        Some(area) => format!("the table has no contest named {area}; {name} could not be compared"),
        None => format!("the record does not say in which contest {name} stood; not compared"),
    };
    let finding = Finding::new("reference-unmatched", Severity::Review, message);
    match figure {
        Some(f) => finding.with(evidence(record, f, format!("{name}'s figure"))),
        None => finding,
    }
}

/// A stated majority against the table's first minus second.
fn majorities(record: &ArticleRecord, contest: &Contest, table: &ReferenceTable) -> Vec<Finding> {
    let Some(area) = contest.key.area.as_deref() else { return Vec::new() };
    let Some((first, second)) = table.top_two(area) else { return Vec::new() };
    let gap = first - second;
    contest
        .figures_of(record, FigureKind::Majority)
        .map(|m| {
            let (rule, severity, verb) = if stated_range(m.value, &m.text, m.approx).contains(gap) {
                ("reference-agrees", Severity::Info, "agrees with")
            } else {
                ("reference-differs", Severity::Error, "differs from")
            };
            let message = format!("the majority of {} in {area} {verb} the table's {}", m.text, thousands(gap));
            Finding::new(rule, severity, message).with(evidence(record, m, "majority".into()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::contest::tests::{figure, record};
    use crate::record::SubjectType::Candidate as Cand;
    use std::io::Write;

    fn table(csv: &str) -> ReferenceTable {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(csv.as_bytes()).unwrap();
        ReferenceTable::load(file.path()).unwrap()
    }

    const HOC: &str = "ons_id,constituency_name,county_name,party_name,firstname,surname,votes,share\n\
        E1,Ealing Central and Acton,London,Labour,Rupa,Huq,28132,0.5132920977247432\n\
        E1,Ealing Central and Acton,London,Conservative,Julian ,Gallant,14832,0.2706223657561990\n\
        E2,Tooting,London,Labour,Rosena,Allin-Khan,30811,0.527\n\
        E2,Tooting,London,Conservative,Kerry,Briscoe,16504,0.282\n";

    fn ealing(huq_votes: f64, share: &str) -> ArticleRecord {
        let mut r = record(&[
            ("Rupa Huq", Some("Labour"), Some("Ealing Central & Acton"), Some(true), Some(huq_votes as u64)),
            ("Janet Gallant", Some("Conservative"), None, Some(false), Some(14832)),
        ]);
        r.figures = vec![
            figure(FigureKind::Votes, huq_votes, &thousands(huq_votes), Some(("Rupa Huq", Cand))),
            figure(FigureKind::SharePct, share.trim_end_matches('%').parse().unwrap(), share, Some(("Rupa Huq", Cand))),
            figure(FigureKind::Votes, 14832.0, "14,832", Some(("Janet Gallant", Cand))),
            figure(FigureKind::Majority, 13300.0, "13,300", Some(("Rupa Huq", Cand))),
        ];
        r
    }

    fn rules(found: &[Finding]) -> Vec<&str> {
        found.iter().map(|f| f.rule.as_str()).collect()
    }

    #[test]
    fn agreeing_figures_agree_despite_first_name_and_ampersand() {
        let found = compare(&ealing(28132.0, "51.3%"), &table(HOC));
        assert_eq!(rules(&found), ["reference-agrees"; 4], "{found:?}");
    }

    #[test]
    fn differing_figures_are_errors() {
        let found = compare(&ealing(28123.0, "52.3%"), &table(HOC));
        assert_eq!(rules(&found), ["reference-differs", "reference-differs", "reference-agrees", "reference-agrees"]);
    }

    #[test]
    fn unknown_contests_and_candidates_are_unmatched() {
        let mut r = ealing(28132.0, "51.3%");
        r.candidates[0].constituency = Some("Nowhere".into());
        let found = compare(&r, &table(HOC));
        assert!(found.iter().all(|f| f.rule == "reference-unmatched"), "{found:?}");
    }

    #[test]
    fn records_of_other_elections_are_not_covered() {
        use crate::record::Election;
        let table = TableElection { year: Some(2019), kind: Some("general".into()) };
        let mut r = ealing(28132.0, "51.3%");
        assert!(table.covers(&r), "a record that does not say is compared");
        r.election = Some(Election { kind: Some("by-election".into()), year: None, span: None, text: None });
        assert!(!table.covers(&r));
        r.election = Some(Election { kind: Some("general".into()), year: Some(2017), span: None, text: None });
        assert!(!table.covers(&r));
        r.election = Some(Election { kind: Some("General".into()), year: Some(2019), span: None, text: None });
        assert!(table.covers(&r));
    }

    #[test]
    fn a_table_of_full_names_and_percentages_is_read() {
        let t = table("Ward,Candidate,Votes,Percent\nNelson,Jane Doe,\"1,204\",51.2\nNelson,Tom Roe,900,38.3\n");
        assert_eq!(t.len(), 2);
        let row = t.find("Nelson", "Jane Doe").unwrap();
        assert_eq!((row.votes, row.share_pct, row.first_name.as_deref()), (Some(1204.0), Some(51.2), Some("Jane")));
    }

    #[test]
    fn a_table_without_the_needed_columns_is_refused_with_the_accepted_names() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(b"place,person,count\nx,y,1\n").unwrap();
        let err = ReferenceTable::load(file.path()).unwrap_err().to_string();
        assert!(err.contains("no area column") && err.contains("constituency_name"), "{err}");
    }
}
