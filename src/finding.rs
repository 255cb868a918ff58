//! What `check` and `audit` report: findings, each resting on spans a reader can open.
//!
//! A finding has a stable rule id (scripts filter on it; the ids never change meaning), a
//! severity, one sentence a journalist understands, and the evidence: every number it
//! rests on, by path and byte span, with the text found there. The same finding prints as
//! a text block for people or as one JSON line for programs.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::record::ByteSpan;

/// How much a finding should worry the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The numbers cannot all be right (or the source no longer says what the record says).
    Error,
    /// The numbers are unlikely to be right, or agree only if something the article does
    /// not say is assumed.
    Warning,
    /// Not a fault: something a person should look at (a number no figure accounts for).
    Review,
    /// Not a fault: an agreement, reported so the reader sees what was checked.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Review => "review",
            Severity::Info => "info",
        }
    }

    /// Errors and warnings make the exit status 1; review items and agreements do not.
    pub fn is_fault(self) -> bool {
        matches!(self, Severity::Error | Severity::Warning)
    }
}

/// One number (or other stretch of text) a finding rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub path: String,
    /// `None` where the finding concerns the whole file (it is missing or changed).
    pub span: Option<ByteSpan>,
    /// What the record says stands at the span.
    pub text: Option<String>,
    /// What the number is in the finding: "Rupa Huq's share", "stated majority".
    pub role: String,
}

/// One result of a check or an audit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub evidence: Vec<Evidence>,
}

impl Finding {
    pub fn new(rule: &str, severity: Severity, message: String) -> Finding {
        Finding { rule: rule.to_string(), severity, message, evidence: Vec::new() }
    }

    pub fn with(mut self, evidence: Evidence) -> Finding {
        self.evidence.push(evidence);
        self
    }

    /// The path the finding is listed under: that of its first evidence.
    pub fn path(&self) -> &str {
        self.evidence.first().map_or("", |e| e.path.as_str())
    }

    /// `path: severity [rule] message`, then one indented line per piece of evidence.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}: {} [{}] {}\n", self.path(), self.severity.as_str(), self.rule, self.message);
        for e in &self.evidence {
            let at = match e.span {
                Some([s, end]) if e.path == self.path() => format!("{s}..{end}"),
                Some([s, end]) => format!("{}:{s}..{end}", e.path),
                None => e.path.clone(),
            };
            let text = e.text.as_deref().map(|t| format!(" {:?}", shorten(t))).unwrap_or_default();
            let _ = writeln!(out, "    {at}{text}  {}", e.role);
        }
        out
    }
}

/// Long quotations are cut in the text listing (the JSON keeps them whole).
fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text.to_string(),
    }
}

/// Sorts findings by path, then by where their first evidence starts, then by rule, so
/// the listing is the same whatever order the rules ran in.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let key = |f: &Finding| (f.path().to_string(), f.evidence.first().and_then(|e| e.span).unwrap_or([0, 0]));
        key(a).cmp(&key(b)).then_with(|| a.rule.cmp(&b.rule)).then_with(|| a.message.cmp(&b.message))
    });
}

/// Counts by severity, for the closing summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub review: usize,
    pub info: usize,
}

impl Tally {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Review => self.review += 1,
            Severity::Info => self.info += 1,
        }
    }

    pub fn faults(&self) -> usize {
        self.errors + self.warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(path: &str, span: [usize; 2], text: &str) -> Evidence {
        Evidence { path: path.into(), span: Some(span), text: Some(text.into()), role: "share".into() }
    }

    #[test]
    fn text_form_names_path_rule_and_spans() {
        let f = Finding::new("share-vs-votes", Severity::Error, "does not fit".into())
            .with(evidence("a.txt", [3, 8], "51.3%"))
            .with(evidence("b.txt", [9, 15], "28,132"));
        let text = f.to_text();
        assert!(text.starts_with("a.txt: error [share-vs-votes] does not fit\n"), "{text}");
        assert!(text.contains("    3..8 \"51.3%\"  share\n"), "{text}");
        assert!(text.contains("    b.txt:9..15 \"28,132\""), "{text}");
    }

    #[test]
    fn json_form_uses_lower_case_severity() {
        let f = Finding::new("x", Severity::Review, "m".into());
        assert!(serde_json::to_string(&f).unwrap().contains("\"severity\":\"review\""));
        assert!(!Severity::Review.is_fault() && Severity::Warning.is_fault());
    }

    #[test]
    fn sorting_is_by_path_then_position() {
        let mut all = vec![
            Finding::new("b", Severity::Error, "m".into()).with(evidence("z.txt", [1, 2], "1")),
            Finding::new("a", Severity::Error, "m".into()).with(evidence("a.txt", [9, 10], "1")),
            Finding::new("a", Severity::Error, "m".into()).with(evidence("a.txt", [2, 3], "1")),
        ];
        sort(&mut all);
        let order: Vec<_> = all.iter().map(|f| (f.path().to_string(), f.evidence[0].span.unwrap()[0])).collect();
        assert_eq!(order, [("a.txt".to_string(), 2), ("a.txt".to_string(), 9), ("z.txt".to_string(), 1)]);
    }
}
