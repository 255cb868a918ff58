//! Holding a record against its source file: is the file the one extracted, does every
//! span still hold the record's text, and does every value say what its text says?
//!
//! Each number is checked on its own, so a one-digit change in a source is reported at
//! the span it touched, not only as "the file changed".

use std::path::{Path, PathBuf};

use crate::extract::numbers::parse_number;
use crate::extract::sha256_hex;
use crate::finding::{Evidence, Finding, Severity};
use crate::record::{ArticleRecord, ByteSpan};

/// Where a record's source is: its `path` under `root` when one is given.
pub fn source_path(record: &ArticleRecord, root: Option<&Path>) -> PathBuf {
    match root {
        Some(root) => root.join(&record.path),
        None => PathBuf::from(&record.path),
    }
}

/// A stretch of the record that claims to be the text at a span.
struct Claim<'r> {
    span: ByteSpan,
    text: &'r str,
    role: String,
    /// The value the record reads from the text, where it reads one.
    value: Option<f64>,
}

/// Every span-and-text claim in the record: figures, quotes, the election's words and
/// both sides of each stated ratio.
fn claims(record: &ArticleRecord) -> Vec<Claim<'_>> {
    let mut out: Vec<Claim> = record
        .figures
        .iter()
        .map(|f| Claim { span: f.span, text: &f.text, role: format!("{} figure", f.kind.as_str()), value: Some(f.value) })
        .collect();
    out.extend(record.quotes.iter().map(|q| Claim { span: q.span, text: &q.text, role: "quote".into(), value: None }));
    if let Some(e) = &record.election {
        if let (Some(span), Some(text)) = (e.span, &e.text) {
            out.push(Claim { span, text, role: "election words".into(), value: None });
        }
    }
    for c in &record.comparisons {
        out.push(Claim { span: c.span, text: &c.text, role: "ratio words".into(), value: None });
        for (o, role) in [(&c.base, "ratio base"), (&c.result, "ratio result")] {
            out.push(Claim { span: o.span, text: &o.text, role: role.into(), value: Some(o.value) });
        }
    }
    out
}

/// The findings of one record against the bytes of its source (`raw`).
pub fn audit_source(record: &ArticleRecord, raw: &[u8]) -> Vec<Finding> {
    let mut out = Vec::new();
    let actual = sha256_hex(raw);
    if actual != record.sha256 {
        out.push(
            Finding::new(
                "source-changed",
                Severity::Error,
                format!(
                    "the file is not the one extracted (sha256 {}..., the record says {}...); re-extract it or restore it",
                    &actual[..12],
                    record.sha256.get(..12).unwrap_or(&record.sha256)
                ),
            )
            .with(Evidence { path: record.path.clone(), span: None, text: None, role: "source file".into() }),
        );
    }
    for claim in claims(record) {
        out.extend(audit_claim(record, raw, &claim));
    }
    out
}

fn audit_claim(record: &ArticleRecord, raw: &[u8], claim: &Claim) -> Option<Finding> {
    let evidence = Evidence {
        path: record.path.clone(),
        span: Some(claim.span),
        text: Some(claim.text.to_string()),
        role: claim.role.clone(),
    };
    let [start, end] = claim.span;
    let Some(found) = decode_span(raw, claim.span, &record.encoding) else {
        let message = format!("the span {start}..{end} of a {} is not inside the {}-byte file", claim.role, raw.len());
        return Some(Finding::new("span-out-of-range", Severity::Error, message).with(evidence));
    };
    if found != claim.text {
        let message = format!("the bytes at {start}..{end} read {found:?}, the record says {:?}", claim.text);
        return Some(Finding::new("span-mismatch", Severity::Error, message).with(evidence));
    }
    let value = claim.value?;
    match parse_number(claim.text) {
        Some(read) if (read - value).abs() <= 1e-9 * value.abs().max(1.0) => None,
        Some(read) => Some(
            Finding::new(
                "value-mismatch",
                Severity::Error,
                format!("the record's value {value} is not what {:?} says ({read})", claim.text),
            )
            .with(evidence),
        ),
        None => Some(
            Finding::new("value-unparsable", Severity::Error, format!("{:?} does not read as one number", claim.text))
                .with(evidence),
        ),
    }
}

/// The text of `raw[span]` in the file's encoding, or `None` when the span lies outside
/// the file or cuts a character.
pub fn decode_span(raw: &[u8], [start, end]: ByteSpan, encoding: &str) -> Option<String> {
    let bytes = raw.get(start..end)?;
    let codec = match encoding {
        "windows-1252" => encoding_rs::WINDOWS_1252,
        "utf-16le" => encoding_rs::UTF_16LE,
        "utf-16be" => encoding_rs::UTF_16BE,
        _ => return std::str::from_utf8(bytes).ok().map(str::to_string),
    };
    let (text, had_errors) = codec.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pipeline;

    const ARTICLE: &str = "Labour's Jane Doe won the by-election with 5,123 votes, a majority of 1,234 over the Conservative candidate, Tom Roe, who polled 3,889.";

    fn record() -> ArticleRecord {
        Pipeline::builtin().extract("a.txt", ARTICLE.as_bytes()).unwrap()
    }

    fn rules(record: &ArticleRecord, raw: &[u8]) -> Vec<String> {
        audit_source(record, raw).into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn an_unchanged_source_passes() {
        let r = record();
        assert!(!r.figures.is_empty());
        assert!(rules(&r, ARTICLE.as_bytes()).is_empty());
    }

    #[test]
    fn a_changed_digit_is_named_at_its_span() {
        let r = record();
        let target = r.figures.iter().find(|f| f.text == "1,234").expect("the majority");
        let mut raw = ARTICLE.as_bytes().to_vec();
        raw[target.span[0] + 2] = b'9';
        let found = audit_source(&r, &raw);
        assert_eq!(found.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["source-changed", "span-mismatch"]);
        assert_eq!(found[1].evidence[0].span, Some(target.span));
        assert!(found[1].message.contains("\"1,934\""), "{}", found[1].message);
    }

    #[test]
    fn a_value_that_its_text_does_not_say_fails() {
        let mut r = record();
        r.figures[0].value += 1.0;
        assert_eq!(rules(&r, ARTICLE.as_bytes()), ["value-mismatch"]);
        r.figures[0].text = "many".into();
        let span = r.figures[0].span;
        r.figures[0].span = [span[0], span[0]];
        r.figures[0].text = String::new();
        assert_eq!(rules(&r, ARTICLE.as_bytes()), ["value-unparsable"]);
    }

    #[test]
    fn spans_past_the_end_fail() {
        let mut r = record();
        r.figures[0].span = [ARTICLE.len(), ARTICLE.len() + 5];
        assert_eq!(rules(&r, ARTICLE.as_bytes()), ["span-out-of-range"]);
    }

    #[test]
    fn other_encodings_decode_their_spans() {
        assert_eq!(decode_span(b"caf\xe9 5,000", [0, 4], "windows-1252").as_deref(), Some("caf\u{e9}"));
        assert_eq!(decode_span(b"caf\xe9", [0, 4], "utf-8"), None);
        assert_eq!(decode_span(b"a\0b\0", [0, 4], "utf-16le").as_deref(), Some("ab"));
    }
}
