//! The flat tables of `extract --format csv --table ...`: one row per candidate, figure
//! or quote, for spreadsheets and DuckDB.
//!
//! Every row starts with the article's `path` and carries the byte span its item came
//! from, so a row can be joined back to the JSON record or the source. Empty cells are
//! JSON's `null`; numbers are written as in the JSON (`28132`, `51.3`). The quoting is
//! RFC 4180, by the `csv` crate, with CRLF line ends; the columns are listed in README.md.

use crate::record::{ArticleRecord, ByteSpan, Candidate, Figure, Quote};

/// Which items a table lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Candidates,
    Figures,
    Quotes,
}

impl Table {
    /// The header row.
    pub fn headers(self) -> &'static [&'static str] {
        match self {
            Table::Candidates => &[
                "path",
                "name",
                "party",
                "constituency",
                "elected",
                "votes",
                "share_pct",
                "span_start",
                "span_end",
                "mentions",
                "evidence",
            ],
            Table::Figures => &[
                "path",
                "kind",
                "value",
                "approx",
                "subject",
                "subject_type",
                "year",
                "span_start",
                "span_end",
                "text",
                "rule",
            ],
            Table::Quotes => &[
                "path",
                "speaker",
                "cue",
                "partial",
                "span_start",
                "span_end",
                "speaker_span_start",
                "speaker_span_end",
                "rule",
                "text",
            ],
        }
    }

    /// The rows of one record, each as long as [`Table::headers`].
    pub fn rows(self, record: &ArticleRecord) -> Vec<Vec<String>> {
        let path = &record.path;
        match self {
            Table::Candidates => record.candidates.iter().map(|c| candidate_row(path, c)).collect(),
            Table::Figures => record.figures.iter().map(|f| figure_row(path, f)).collect(),
            Table::Quotes => record.quotes.iter().map(|q| quote_row(path, q)).collect(),
        }
    }
}

/// A writer of RFC 4180 CSV: quotes only where needed, CRLF line ends.
pub fn csv_writer<W: std::io::Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out)
}

/// The CSV text of `rows` (no header), ready to append to the output.
pub fn to_csv(rows: &[Vec<String>]) -> String {
    let mut writer = csv_writer(Vec::new());
    for row in rows {
        writer.write_record(row).expect("writing to memory does not fail");
    }
    let bytes = writer.into_inner().expect("flushing to memory does not fail");
    String::from_utf8(bytes).expect("the cells are strings")
}

/// The span of a candidate's row is their first mention; `mentions` lists them all as
/// `start-end` pairs separated by `;`.
fn candidate_row(path: &str, c: &Candidate) -> Vec<String> {
    let first = c.mentions.first().copied();
    vec![
        path.to_string(),
        c.name.clone(),
        opt(&c.party),
        opt(&c.constituency),
        c.elected.map(|e| e.to_string()).unwrap_or_default(),
        c.votes.map(|v| v.to_string()).unwrap_or_default(),
        c.share_pct.map(number).unwrap_or_default(),
        first.map(|s| s[0].to_string()).unwrap_or_default(),
        first.map(|s| s[1].to_string()).unwrap_or_default(),
        c.mentions.iter().map(|[s, e]| format!("{s}-{e}")).collect::<Vec<_>>().join(";"),
        c.evidence.join(";"),
    ]
}

fn figure_row(path: &str, f: &Figure) -> Vec<String> {
    vec![
        path.to_string(),
        f.kind.as_str().to_string(),
        number(f.value),
        f.approx.to_string(),
        opt(&f.subject),
        f.subject_type.map(|t| t.as_str().to_string()).unwrap_or_default(),
        f.year.map(|y| y.to_string()).unwrap_or_default(),
        f.span[0].to_string(),
        f.span[1].to_string(),
        f.text.clone(),
        f.rule.clone(),
    ]
}

fn quote_row(path: &str, q: &Quote) -> Vec<String> {
    let [speaker_start, speaker_end] = span_cells(q.speaker_span);
    vec![
        path.to_string(),
        opt(&q.speaker),
        opt(&q.cue),
        q.partial.to_string(),
        q.span[0].to_string(),
        q.span[1].to_string(),
        speaker_start,
        speaker_end,
        q.rule.clone(),
        q.text.clone(),
    ]
}

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn span_cells(span: Option<ByteSpan>) -> [String; 2] {
    span.map_or_else(Default::default, |[s, e]| [s.to_string(), e.to_string()])
}

/// Whole numbers without a decimal point, as the JSON writes them.
pub(crate) fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        format!("{}", value as i64)
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pipeline;

    const ARTICLE: &str = "Labour's Jane Doe won the by-election with 5,123 votes, a majority of 1,234 over the \
        Conservative candidate, Tom Roe, who polled 3,889. \"We did it, together,\" said Ms Doe.";

    fn record() -> ArticleRecord {
        Pipeline::builtin().extract("a \"quoted\", name.txt", ARTICLE.as_bytes()).unwrap()
    }

    fn parse(text: &str) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
    }

    #[test]
    fn every_row_is_as_long_as_the_header_and_round_trips() {
        let record = record();
        for table in [Table::Candidates, Table::Figures, Table::Quotes] {
            let rows = table.rows(&record);
            assert!(!rows.is_empty(), "{table:?}");
            assert!(rows.iter().all(|r| r.len() == table.headers().len()), "{table:?}");
            assert_eq!(parse(&to_csv(&rows)), rows, "{table:?}");
        }
    }

    #[test]
    fn cells_with_quotes_and_commas_are_quoted_rfc_4180_style() {
        let text = to_csv(&Table::Quotes.rows(&record()));
        assert!(text.starts_with("\"a \"\"quoted\"\", name.txt\",Jane Doe,said,false,"), "{text}");
        assert!(text.ends_with(",\"We did it, together,\"\r\n"), "{text:?}");
        let plain = to_csv(&[vec!["a".into(), "b c".into()]]);
        assert_eq!(plain, "a,b c\r\n", "no quotes where none are needed");
    }

    #[test]
    fn figures_keep_spans_and_json_numbers() {
        let record = record();
        let rows = Table::Figures.rows(&record);
        let votes = rows.iter().find(|r| r[9] == "5,123").expect("the winner's votes");
        assert_eq!(&votes[1..6], ["votes", "5123", "false", "Jane Doe", "candidate"]);
        let [start, end]: [usize; 2] = [votes[7].parse().unwrap(), votes[8].parse().unwrap()];
        assert_eq!(&ARTICLE[start..end], "5,123");
        assert_eq!(number(51.3), "51.3");
        assert_eq!(number(-2.0), "-2");
    }

    #[test]
    fn candidates_list_every_mention_and_leave_unknowns_empty() {
        let rows = Table::Candidates.rows(&record());
        let roe = rows.iter().find(|r| r[1] == "Tom Roe").expect("the runner-up");
        assert_eq!(roe[2], "Conservative");
        assert_eq!(roe[3], "", "no constituency named");
        assert_eq!(roe[4], "false");
        assert_eq!(roe[5], "3889");
        assert_eq!(roe[9], format!("{}-{}", roe[7], roe[8]));
    }
}
