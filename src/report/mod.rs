//! The review page of `newsfacts report`: one self-contained HTML file in which a
//! journalist sees each article with its facts highlighted, the results table read from
//! it, its quotes by speaker, and the findings of `check` and `audit` beside the words
//! they concern.
//!
//! [`Report::build`] does the reading and thinking: it re-reads every source (records
//! carry raw byte spans, not text), runs the within- and across-article checks and the
//! source audit, ties each finding's evidence to a highlighted stretch ([`marks`]), and
//! lays out the tables ([`facts`]). [`html`] only writes what was built, escaping every
//! string that came from an article or a record.

pub mod facts;
pub mod html;
pub mod marks;

use std::collections::HashMap;
use std::path::Path;

use crate::audit;
use crate::check::Checker;
use crate::doc::Document;
use crate::finding::{self, Finding, Severity};
use crate::record::{ArticleRecord, ErrorRecord};
use crate::records::RecordLine;

use facts::{ResultsTable, SpeakerQuotes};
use marks::{Mark, Paragraph};

/// What the page should hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// The page's title.
    pub title: String,
    /// List the numbers no figure accounts for (`audit`'s review items).
    pub review: bool,
}

impl Default for ReportOptions {
    fn default() -> ReportOptions {
        ReportOptions { title: "newsfacts report".into(), review: true }
    }
}

/// Everything the page shows.
#[derive(Debug)]
pub struct Report {
    pub title: String,
    /// In the order the records were given.
    pub entries: Vec<Entry>,
    /// Every finding, sorted as `check` prints them.
    pub findings: Vec<Finding>,
    /// For each finding, for each of its evidence: the entry and mark it points at.
    pub links: Vec<Vec<Option<(usize, usize)>>>,
}

/// One line of the records: an article, or a file `extract` could not read.
#[derive(Debug)]
pub enum Entry {
    Article(Box<ArticleView>),
    Unread(ErrorRecord),
}

/// One article, ready to show.
#[derive(Debug)]
pub struct ArticleView {
    pub record: ArticleRecord,
    /// The source's text and paragraphs, or why it cannot be shown.
    pub text: Result<SourceText, String>,
    pub marks: Vec<Mark>,
    /// The findings that concern this article, as indexes into [`Report::findings`].
    pub findings: Vec<usize>,
    pub tables: Vec<ResultsTable>,
    /// Figures no table shows.
    pub loose_figures: Vec<usize>,
    pub speakers: Vec<SpeakerQuotes>,
}

/// The decoded source, cut into highlighted pieces.
#[derive(Debug)]
pub struct SourceText {
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
}

impl ArticleView {
    /// How many of this article's findings have `severity`.
    pub fn count(&self, findings: &[Finding], severity: Severity) -> usize {
        self.findings.iter().filter(|&&i| findings[i].severity == severity).count()
    }
}

/// A record and its source's bytes, when they could be read.
type Source = (Box<ArticleRecord>, Option<Vec<u8>>);

impl Report {
    /// Reads every record's source (paths are relative to `root`, or to the current
    /// folder), checks and audits the records, and lays out the page.
    pub fn build(lines: Vec<RecordLine>, root: Option<&Path>, options: &ReportOptions) -> Report {
        let mut checker = Checker::default();
        let mut findings: Vec<Finding> = Vec::new();
        let mut read: Vec<Result<Source, ErrorRecord>> = Vec::new();
        for line in lines {
            match line {
                RecordLine::Article(record) => {
                    findings.extend(checker.add(&record));
                    let raw = match audit::read_source(&record, root) {
                        Ok(raw) => {
                            findings.extend(audit::audit_bytes(&record, &raw));
                            Some(raw)
                        }
                        Err(missing) => {
                            findings.push(*missing);
                            None
                        }
                    };
                    read.push(Ok((record, raw)));
                }
                RecordLine::Error(error) => read.push(Err(error)),
            }
        }
        findings.extend(checker.finish());
        if !options.review {
            findings.retain(|f| f.severity != Severity::Review);
        }
        finding::sort(&mut findings);

        // Marks first, for every article: a finding's evidence may sit in another one.
        let mut marks: Vec<Vec<Mark>> =
            read.iter().map(|r| r.as_ref().map_or_else(|_| Vec::new(), |(record, _)| marks::record_marks(record))).collect();
        let mut concerns: Vec<Vec<usize>> = vec![Vec::new(); read.len()];
        let mut by_path: HashMap<&str, usize> = HashMap::new();
        for (i, r) in read.iter().enumerate() {
            if let Ok((record, _)) = r {
                by_path.entry(record.path.as_str()).or_insert(i);
            }
        }
        let mut links = Vec::with_capacity(findings.len());
        for (fi, f) in findings.iter().enumerate() {
            let mut finding_links = Vec::with_capacity(f.evidence.len());
            for e in &f.evidence {
                let Some(&entry) = by_path.get(e.path.as_str()) else {
                    finding_links.push(None);
                    continue;
                };
                if !concerns[entry].contains(&fi) {
                    concerns[entry].push(fi);
                }
                finding_links.push(e.span.map(|span| {
                    let mark = marks::mark_for_evidence(&mut marks[entry], span, e.text.as_deref());
                    if !marks[entry][mark].findings.contains(&fi) {
                        marks[entry][mark].findings.push(fi);
                    }
                    (entry, mark)
                }));
            }
            links.push(finding_links);
        }

        let entries = read
            .into_iter()
            .zip(marks)
            .zip(concerns)
            .map(|((r, marks), findings)| match r {
                Ok((record, raw)) => Entry::Article(Box::new(ArticleView::new(*record, raw, marks, findings))),
                Err(error) => Entry::Unread(error),
            })
            .collect();
        Report { title: options.title.clone(), entries, findings, links }
    }
}

impl ArticleView {
    fn new(record: ArticleRecord, raw: Option<Vec<u8>>, mut marks: Vec<Mark>, findings: Vec<usize>) -> ArticleView {
        let text = match raw.as_deref().map(Document::parse) {
            Some(Ok(doc)) => {
                let paragraphs = marks::place(&doc, &mut marks);
                Ok(SourceText { text: doc.text.into_owned(), paragraphs })
            }
            Some(Err(e)) => Err(format!("the source cannot be shown: {e}")),
            None => Err("the source cannot be read (see the finding below); pass --root with the folder extract was run from".into()),
        };
        let tables = facts::results_tables(&record);
        let loose_figures = facts::loose_figures(&record, &tables);
        let speakers = facts::quotes_by_speaker(&record);
        ArticleView { record, text, marks, findings, tables, loose_figures, speakers }
    }

    /// The paragraph holding the first placed mark among `marks`, if any is placed.
    pub fn paragraph_of(&self, marks: impl IntoIterator<Item = usize>) -> Option<usize> {
        let source = self.text.as_ref().ok()?;
        let start = marks.into_iter().filter_map(|m| self.marks[m].text_span.as_ref().map(|s| s.start)).min()?;
        Some(source.paragraphs.partition_point(|p| p.span.start <= start).saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pipeline;
    use std::fs;

    fn write(dir: &Path, name: &str, text: &str) -> RecordLine {
        fs::write(dir.join(name), text).unwrap();
        RecordLine::Article(Box::new(Pipeline::builtin().extract(name, text.as_bytes()).unwrap()))
    }

    const RESULT: &str = "Labour's Jane Doe won the by-election with 5,123 votes, a majority of 1,234 over \
        the Conservative candidate, Tom Roe, who polled 3,889. Turnout was 41%, with 12 spoilt ballots counted.";

    #[test]
    fn findings_are_tied_to_the_marks_they_rest_on() {
        let dir = tempfile::tempdir().unwrap();
        // The majority is wrong (5,123 - 3,889 = 1,234 is right; 1,934 is not).
        let wrong = RESULT.replace("1,234", "1,934");
        let lines = vec![write(dir.path(), "a.txt", &wrong)];
        let report = Report::build(lines, Some(dir.path()), &ReportOptions::default());
        let Entry::Article(view) = &report.entries[0] else { panic!("an article") };
        let majority = report.findings.iter().position(|f| f.rule == "majority-vs-votes").expect("the check fires");
        assert!(view.findings.contains(&majority));
        let linked: Vec<&str> = report.links[majority]
            .iter()
            .flatten()
            .map(|&(_, m)| view.marks[m].expected.as_deref().unwrap_or(""))
            .collect();
        assert!(linked.contains(&"1,934"), "{linked:?}");
        assert!(view.marks.iter().any(|m| m.findings.contains(&majority) && m.text_span.is_some()));
    }

    #[test]
    fn review_items_are_left_out_on_request_and_missing_sources_reported() {
        let dir = tempfile::tempdir().unwrap();
        let lines = || vec![write(dir.path(), "a.txt", RESULT)];
        let with = Report::build(lines(), Some(dir.path()), &ReportOptions::default());
        assert!(with.findings.iter().any(|f| f.rule == "unaccounted-number"), "the 12 spoilt ballots");
        let without = Report::build(lines(), Some(dir.path()), &ReportOptions { review: false, ..ReportOptions::default() });
        assert!(without.findings.iter().all(|f| f.severity != Severity::Review));
        let elsewhere = tempfile::tempdir().unwrap();
        let missing = Report::build(lines(), Some(elsewhere.path()), &ReportOptions::default());
        assert_eq!(missing.findings.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["source-missing"]);
        let Entry::Article(view) = &missing.entries[0] else { panic!("an article") };
        assert!(view.text.is_err());
        assert_eq!(view.tables[0].rows.len(), 2, "the facts are still shown");
    }

    #[test]
    fn a_finding_across_articles_is_shown_in_both_and_links_each_side() {
        let dir = tempfile::tempdir().unwrap();
        let green = RESULT.replace("Labour's", "The Green Party's");
        let lines = vec![write(dir.path(), "a.txt", RESULT), write(dir.path(), "b.txt", &green)];
        let report = Report::build(lines, Some(dir.path()), &ReportOptions::default());
        let differs = report.findings.iter().position(|f| f.rule == "party-differs").expect("the parties differ");
        for entry in [0, 1] {
            let Entry::Article(view) = &report.entries[entry] else { panic!("an article") };
            assert!(view.findings.contains(&differs), "listed in article {entry}");
        }
        let sides: Vec<usize> = report.links[differs].iter().flatten().map(|&(entry, _)| entry).collect();
        assert_eq!(sides, [0, 1], "each piece of evidence points into its own article");
    }

    #[test]
    fn error_entries_stay_in_their_place() {
        let dir = tempfile::tempdir().unwrap();
        let error = ErrorRecord {
            path: "b.bin".into(),
            path_bytes: None,
            error: crate::record::ErrorDetail { code: "binary".into(), message: "m".into() },
        };
        let lines = vec![RecordLine::Error(error), write(dir.path(), "a.txt", RESULT)];
        let report = Report::build(lines, Some(dir.path()), &ReportOptions::default());
        assert!(matches!(&report.entries[0], Entry::Unread(e) if e.path == "b.bin"));
        assert!(matches!(&report.entries[1], Entry::Article(_)));
    }
}
