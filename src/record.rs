//! The record contract of `../shared/SPEC.md` as Rust types.
//!
//! These types are what users' scripts and the scorer read, so field names are fixed:
//! add fields, never rename or drop one. Spans are `[start, end)` byte offsets of the raw
//! file, and every `text` is exactly the bytes at its span (decoded).

use serde::{Deserialize, Serialize, Serializer};

/// The `schema` value of every article record.
pub const SCHEMA: &str = "newsfacts.article/1";

/// A byte span `[start, end)` into the raw source file.
pub type ByteSpan = [usize; 2];

/// One article's extracted facts: one JSON Lines row of `newsfacts extract`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub schema: String,
    pub path: String,
    /// The path's exact bytes, present only when the file name is not UTF-8 (then `path`
    /// shows each byte that is not UTF-8 as `\xNN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<Vec<u8>>,
    pub sha256: String,
    pub bytes: u64,
    /// How the raw bytes were decoded: `utf-8`, `utf-8-bom`, `utf-16le`, `windows-1252`.
    #[serde(default = "default_encoding")]
    pub encoding: String,
    /// The election the article reports, when it reports one: `null` for other articles.
    #[serde(default)]
    pub election: Option<Election>,
    pub candidates: Vec<Candidate>,
    pub figures: Vec<Figure>,
    pub quotes: Vec<Quote>,
    /// Ratios the text states between two of its numbers ("almost doubling", "twice as
    /// many"), so `check` can hold the words against the numbers.
    #[serde(default)]
    pub comparisons: Vec<Comparison>,
    pub warnings: Vec<Warning>,
}

/// What the article says of the election it reports: its kind and year, from the words
/// that name it ("the 2019 general election", "Tuesday's Democratic primary").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Election {
    /// `general`, `local`, `by-election`, `primary` (primaries and caucuses), `leadership`,
    /// `presidential`, `referendum`, or `null` when the words do not say.
    pub kind: Option<String>,
    /// The year the words give the election, or `null`.
    pub year: Option<i32>,
    /// The words that name the election, when some do.
    pub span: Option<ByteSpan>,
    pub text: Option<String>,
}

/// A ratio the text states between two numbers: `result` is said to be `factor` times
/// `base` ("doubled from 8,000 [base] to 15,000 [result]": factor 2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The ratio words: "almost doubling", "twice as many", "halved".
    pub text: String,
    pub span: ByteSpan,
    #[serde(serialize_with = "serialize_number")]
    pub factor: f64,
    /// How the words bound the ratio: `about` (doubled), `at-most` (almost doubled),
    /// `at-least` (more than doubled).
    pub bound: String,
    pub base: Operand,
    pub result: Operand,
    pub rule: String,
}

/// One of the two numbers a comparison relates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operand {
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
    pub span: ByteSpan,
    pub text: String,
}

impl ArticleRecord {
    /// Every span of the record, with the text it says the span holds where it says one
    /// (figures, quotes, election words, comparisons); speaker spans, mentions and
    /// warning spans claim no text.
    pub fn spans(&self) -> Vec<(ByteSpan, Option<&str>)> {
        let mut out: Vec<(ByteSpan, Option<&str>)> = Vec::new();
        out.extend(self.figures.iter().map(|f| (f.span, Some(f.text.as_str()))));
        for q in &self.quotes {
            out.push((q.span, Some(q.text.as_str())));
            out.extend(q.speaker_span.map(|s| (s, None)));
        }
        for c in &self.candidates {
            out.extend(c.mentions.iter().map(|&m| (m, None)));
        }
        if let Some(e) = &self.election {
            out.extend(e.span.map(|s| (s, e.text.as_deref())));
        }
        for c in &self.comparisons {
            out.push((c.span, Some(c.text.as_str())));
            out.push((c.base.span, Some(c.base.text.as_str())));
            out.push((c.result.span, Some(c.result.text.as_str())));
        }
        out.extend(self.warnings.iter().filter_map(|w| w.span).map(|s| (s, None)));
        out
    }
}

fn default_encoding() -> String {
    "utf-8".to_string()
}

/// A person standing in a contest the article reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub name: String,
    pub party: Option<String>,
    pub constituency: Option<String>,
    pub elected: Option<bool>,
    pub votes: Option<u64>,
    pub share_pct: Option<f64>,
    pub mentions: Vec<ByteSpan>,
    /// Why this person was taken for a candidate: `result-figure`, `won-seat-or-election`, `won-votes`,
    /// `was-elected`, `lost`, `standing`, `defeated`, `called-candidate`, `for-constituency`.
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// The kinds of election number the SPEC defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    Votes,
    SharePct,
    TurnoutPct,
    TurnoutVotes,
    Majority,
    Electorate,
    SwingPct,
}

impl FigureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Votes => "votes",
            FigureKind::SharePct => "share_pct",
            FigureKind::TurnoutPct => "turnout_pct",
            FigureKind::TurnoutVotes => "turnout_votes",
            FigureKind::Majority => "majority",
            FigureKind::Electorate => "electorate",
            FigureKind::SwingPct => "swing_pct",
        }
    }

    /// Percent kinds hold a number in 0..=100; the others count people or votes.
    pub fn is_percent(self) -> bool {
        matches!(self, FigureKind::SharePct | FigureKind::TurnoutPct | FigureKind::SwingPct)
    }
}

/// What a figure's `subject` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectType {
    Candidate,
    Party,
    Constituency,
}

impl SubjectType {
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectType::Candidate => "candidate",
            SubjectType::Party => "party",
            SubjectType::Constituency => "constituency",
        }
    }
}

/// One election number stated in the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub kind: FigureKind,
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
    pub approx: bool,
    pub subject: Option<String>,
    pub subject_type: Option<SubjectType>,
    pub year: Option<i32>,
    pub span: ByteSpan,
    pub text: String,
    /// The name of the rule that read this number as this kind, so a user can see why.
    #[serde(default)]
    pub rule: String,
}

/// One direct quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub span: ByteSpan,
    pub speaker: Option<String>,
    pub speaker_span: Option<ByteSpan>,
    pub cue: Option<String>,
    pub partial: bool,
    /// How the speaker was found (`after-cue`, `before-colon`, `previous-quote`, ...).
    #[serde(default)]
    pub rule: String,
}

/// Something the user should know about one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub code: String,
    pub message: String,
    pub span: Option<ByteSpan>,
}

/// The entry written instead of a record when a file could not be processed at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    pub path: String,
    /// As in [`ArticleRecord::path_bytes`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<Vec<u8>>,
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
}

/// Writes whole numbers as JSON integers (`34694`, not `34694.0`) and others as floats.
fn serialize_number<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_values_serialize_as_integers() {
        let f = Figure {
            kind: FigureKind::Votes,
            value: 34694.0,
            approx: false,
            subject: None,
            subject_type: None,
            year: None,
            span: [0, 6],
            text: "34,694".into(),
            rule: "votes-noun".into(),
        };
        let json = serde_json::to_string(&f).unwrap();
        assert!(json.contains("\"value\":34694,"), "{json}");
        let share = Figure { value: 51.3, kind: FigureKind::SharePct, ..f };
        assert!(serde_json::to_string(&share).unwrap().contains("\"value\":51.3,"));
    }

    #[test]
    fn kinds_use_spec_names() {
        assert_eq!(serde_json::to_string(&FigureKind::TurnoutVotes).unwrap(), "\"turnout_votes\"");
        assert_eq!(FigureKind::SwingPct.as_str(), "swing_pct");
        assert_eq!(serde_json::to_string(&SubjectType::Constituency).unwrap(), format!("\"{}\"", SubjectType::Constituency.as_str()));
    }
}
