//! The stretches of an article the page highlights, and how they cut its text into
//! pieces.
//!
//! Records carry raw-file byte spans; the page shows decoded text. Each mark's span is
//! mapped through [`Document::text_span`] and is highlighted only when the source there
//! still reads what the record says: a stale record must not paint the wrong words (the
//! audit findings on the page say what is wrong instead). Marks overlap (a candidate's
//! name inside a quote, a quote over three paragraphs), so the text is cut at every mark
//! boundary and paragraph end, and each piece lists every mark covering it.

use std::ops::Range;

use crate::doc::Document;
use crate::record::{ArticleRecord, ByteSpan};

/// What a highlighted stretch is, with its index into the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkKind {
    /// One mention of `candidates[i]`.
    Candidate(usize),
    Figure(usize),
    Quote(usize),
    /// The speaker named for `quotes[i]`.
    Speaker(usize),
    /// The words that name the election.
    Election,
    /// The ratio words of `comparisons[i]`.
    Ratio(usize),
    /// A stretch only a finding points at, such as a number no figure accounts for.
    Flagged,
}

impl MarkKind {
    /// The CSS class of the kind; the page's legend uses the same names.
    pub fn class(self) -> &'static str {
        match self {
            MarkKind::Candidate(_) => "k-cand",
            MarkKind::Figure(_) => "k-fig",
            MarkKind::Quote(_) => "k-quote",
            MarkKind::Speaker(_) => "k-speaker",
            MarkKind::Election => "k-election",
            MarkKind::Ratio(_) => "k-ratio",
            MarkKind::Flagged => "k-flag",
        }
    }

    /// Which mark a finding's evidence means when several share its span: a figure
    /// before the candidate mention or speaker at the same words.
    fn evidence_rank(self) -> u8 {
        match self {
            MarkKind::Figure(_) => 0,
            MarkKind::Ratio(_) => 1,
            MarkKind::Election => 2,
            MarkKind::Quote(_) => 3,
            MarkKind::Candidate(_) => 4,
            MarkKind::Speaker(_) => 5,
            MarkKind::Flagged => 6,
        }
    }
}

/// One highlighted stretch.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub kind: MarkKind,
    pub span: ByteSpan,
    /// What the record says stands at the span, when it says.
    pub expected: Option<String>,
    /// The findings (indexes into the report's list) that rest on this stretch.
    pub findings: Vec<usize>,
    /// Where the mark stands in the decoded text; `None` until placed, and for ever when
    /// its bytes are not in the source or do not read as `expected`.
    pub text_span: Option<Range<usize>>,
}

impl Mark {
    fn new(kind: MarkKind, span: ByteSpan, expected: Option<&str>) -> Mark {
        Mark { kind, span, expected: expected.map(str::to_string), findings: Vec::new(), text_span: None }
    }
}

/// Every stretch the record points at: figures, candidates' mentions, quotes and their
/// speakers, the election's words and stated ratios.
pub fn record_marks(record: &ArticleRecord) -> Vec<Mark> {
    let mut out: Vec<Mark> =
        record.figures.iter().enumerate().map(|(i, f)| Mark::new(MarkKind::Figure(i), f.span, Some(&f.text))).collect();
    for (i, c) in record.candidates.iter().enumerate() {
        out.extend(c.mentions.iter().map(|&span| Mark::new(MarkKind::Candidate(i), span, None)));
    }
    for (i, q) in record.quotes.iter().enumerate() {
        out.push(Mark::new(MarkKind::Quote(i), q.span, Some(&q.text)));
        out.extend(q.speaker_span.map(|span| Mark::new(MarkKind::Speaker(i), span, None)));
    }
    if let Some(e) = &record.election {
        out.extend(e.span.map(|span| Mark::new(MarkKind::Election, span, e.text.as_deref())));
    }
    for (i, c) in record.comparisons.iter().enumerate() {
        out.push(Mark::new(MarkKind::Ratio(i), c.span, Some(&c.text)));
    }
    out
}

/// The mark a finding's evidence at `span` points at: the record's own at that span, or
/// a new flagged one.
pub fn mark_for_evidence(marks: &mut Vec<Mark>, span: ByteSpan, text: Option<&str>) -> usize {
    let existing = marks.iter().enumerate().filter(|(_, m)| m.span == span).min_by_key(|(_, m)| m.kind.evidence_rank());
    match existing {
        Some((i, _)) => i,
        None => {
            marks.push(Mark::new(MarkKind::Flagged, span, text));
            marks.len() - 1
        }
    }
}

/// A stretch of text covered by the same marks throughout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: Range<usize>,
    /// Indexes of the marks covering it, in mark order.
    pub marks: Vec<usize>,
}

/// One paragraph of the source, cut into pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Range<usize>,
    pub pieces: Vec<Piece>,
}

/// Places every mark that the source bears out, and cuts each paragraph of `doc` into
/// pieces at the marks' ends.
pub fn place(doc: &Document, marks: &mut [Mark]) -> Vec<Paragraph> {
    for mark in marks.iter_mut() {
        mark.text_span = doc
            .text_span(mark.span)
            .filter(|span| !span.is_empty())
            .filter(|span| mark.expected.as_deref().is_none_or(|t| doc.slice(span) == t));
    }
    let placed: Vec<(usize, Range<usize>)> =
        marks.iter().enumerate().filter_map(|(i, m)| m.text_span.clone().map(|s| (i, s))).collect();
    doc.paragraphs
        .iter()
        .map(|para| {
            let mut cuts = vec![para.start, para.end];
            for (_, span) in &placed {
                cuts.extend([span.start, span.end].into_iter().filter(|&x| para.start < x && x < para.end));
            }
            cuts.sort_unstable();
            cuts.dedup();
            let pieces = cuts
                .windows(2)
                .map(|w| Piece {
                    text: w[0]..w[1],
                    marks: placed.iter().filter(|(_, s)| s.start <= w[0] && w[1] <= s.end).map(|(i, _)| *i).collect(),
                })
                .collect();
            Paragraph { span: para.clone(), pieces }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pipeline;

    const ARTICLE: &str = "Labour's Jane Doe won the by-election with 5,123 votes.\n\n\
        \"We did it,\" said Ms Doe. \"Thank you,\n\nall of you.\"\n";

    fn placed(raw: &[u8]) -> (ArticleRecord, Vec<Mark>, Vec<Paragraph>, String) {
        let record = Pipeline::builtin().extract("a.txt", raw).unwrap();
        let doc = Document::parse(raw).unwrap();
        let mut marks = record_marks(&record);
        let paragraphs = place(&doc, &mut marks);
        (record, marks, paragraphs, doc.text.into_owned())
    }

    fn piece_texts<'t>(text: &'t str, para: &Paragraph, marks: &[Mark], kind: impl Fn(MarkKind) -> bool) -> Vec<&'t str> {
        para.pieces.iter().filter(|p| p.marks.iter().any(|&m| kind(marks[m].kind))).map(|p| &text[p.text.clone()]).collect()
    }

    #[test]
    fn pieces_cover_each_paragraph_exactly() {
        let (_, _, paragraphs, text) = placed(ARTICLE.as_bytes());
        assert_eq!(paragraphs.len(), 3);
        for para in &paragraphs {
            let joined: String = para.pieces.iter().map(|p| &text[p.text.clone()]).collect();
            assert_eq!(joined, text[para.span.clone()]);
        }
    }

    #[test]
    fn figures_candidates_and_overlapping_quotes_are_marked() {
        let (record, marks, paragraphs, text) = placed(ARTICLE.as_bytes());
        assert!(marks.iter().all(|m| m.text_span.is_some()), "{marks:?}");
        assert_eq!(piece_texts(&text, &paragraphs[0], &marks, |k| matches!(k, MarkKind::Figure(_))), ["5,123"]);
        assert_eq!(piece_texts(&text, &paragraphs[0], &marks, |k| matches!(k, MarkKind::Candidate(_))), ["Jane Doe"]);
        // The second quote runs over two paragraphs: each holds a piece of it.
        let quote = record.quotes.iter().position(|q| q.text.contains("Thank you")).expect("the second quote");
        let in_quote = |para: &Paragraph| piece_texts(&text, para, &marks, |k| k == MarkKind::Quote(quote)).concat();
        assert_eq!(in_quote(&paragraphs[1]), "Thank you,");
        assert_eq!(in_quote(&paragraphs[2]), "all of you.");
    }

    #[test]
    fn a_span_whose_bytes_changed_is_not_highlighted() {
        let raw = ARTICLE.as_bytes();
        let record = Pipeline::builtin().extract("a.txt", raw).unwrap();
        let changed = ARTICLE.replace("5,123", "5,923");
        let doc = Document::parse(changed.as_bytes()).unwrap();
        let mut marks = record_marks(&record);
        let paragraphs = place(&doc, &mut marks);
        let figure = marks.iter().find(|m| matches!(m.kind, MarkKind::Figure(_))).unwrap();
        assert_eq!(figure.text_span, None);
        assert!(paragraphs[0].pieces.iter().all(|p| p.marks.iter().all(|&m| !matches!(marks[m].kind, MarkKind::Figure(_)))));
        let outside = Mark::new(MarkKind::Flagged, [500, 505], None);
        let mut marks = vec![outside];
        place(&doc, &mut marks);
        assert_eq!(marks[0].text_span, None, "a span past the end");
    }

    #[test]
    fn windows_1252_spans_land_on_their_characters() {
        let raw = b"Ren\xe9e Dupont won the council by-election with 1,204 votes, a majority of 310 over the Labour candidate, Tom Roe.";
        let (_, marks, paragraphs, text) = placed(raw);
        assert_eq!(piece_texts(&text, &paragraphs[0], &marks, |k| matches!(k, MarkKind::Figure(_))), ["1,204", "310"]);
    }

    #[test]
    fn evidence_finds_the_figure_before_other_marks_or_adds_a_flag() {
        let mut marks = vec![
            Mark::new(MarkKind::Candidate(0), [0, 3], None),
            Mark::new(MarkKind::Figure(0), [0, 3], Some("abc")),
        ];
        assert_eq!(mark_for_evidence(&mut marks, [0, 3], None), 1);
        assert_eq!(mark_for_evidence(&mut marks, [5, 7], Some("12")), 2);
        assert_eq!(marks[2].kind, MarkKind::Flagged);
        assert_eq!(marks[2].expected.as_deref(), Some("12"));
    }
}
