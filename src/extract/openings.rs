//! The literals every match of a pattern anchored at the start begins with.
//!
//! The figure rules ask a dozen such patterns about the words after each number
//! (`^ (?:votes?|ballots)\b`, `^(?:-| )?majority\b`), and most fail at the first word.
//! In the pipeline such a question cost 100 to 200 ns: the fast engine's tables for each
//! pattern are out of the processor's cache by the time the next number asks, and each
//! byte it reads may wait on memory. Comparing the text's first bytes with a few short
//! literals answers most of them from data the caller has just read.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::Look;

/// More literals than this are not worth comparing.
const MOST: usize = 64;

/// What the matches of a pattern anchored at the start begin with: up to eight bytes
/// each, every match beginning with one of them.
#[derive(Debug)]
pub struct Openings(Vec<Opening>);

/// The first bytes of a match: a text opens with them when its first eight bytes, masked,
/// equal `bytes` (and it has as many).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Opening {
    bytes: u64,
    mask: u64,
    len: usize,
}

impl Openings {
    /// `None` when `pattern` is not anchored at the start (`^` in every branch), or when
    /// its matches may begin with anything or with too many different literals.
    pub fn of(pattern: &str) -> Option<Openings> {
        // Only a pattern that starts so is parsed (parsing each would cost start-up time);
        // one whose branches each start with `^` inside a group is left as it is.
        if !pattern.trim_start_matches("(?i)").starts_with('^') {
            return None;
        }
        let hir = regex_syntax::parse(pattern).ok()?;
        if !hir.properties().look_set_prefix().contains(Look::Start) {
            return None;
        }
        // Cut to eight bytes, the literals of a long alternation fall together.
        let literals = Extractor::new().kind(ExtractKind::Prefix).limit_literal_len(8).extract(&hir);
        let literals = literals.literals()?;
        if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
            return None;
        }
        let mut openings: Vec<Opening> = literals.iter().map(|l| Opening::of(l.as_bytes())).collect();
        openings.sort_unstable();
        openings.dedup();
        (openings.len() <= MOST).then_some(Openings(openings))
    }

    /// False when no match can start at the start of `text`.
    pub fn admits(&self, text: &str) -> bool {
        let (head, len) = (first_eight(text.as_bytes()), text.len());
        self.0.iter().any(|o| len >= o.len && head & o.mask == o.bytes)
    }
}

impl Opening {
    /// `literal`: one to eight bytes.
    fn of(literal: &[u8]) -> Opening {
        let len = literal.len().min(8);
        let mask = if len == 8 { u64::MAX } else { (1u64 << (8 * len)) - 1 };
        Opening { bytes: first_eight(literal) & mask, mask, len }
    }
}

/// Up to eight bytes from the start, as a little-endian number (zeros past the end).
fn first_eight(bytes: &[u8]) -> u64 {
    let mut eight = [0u8; 8];
    let n = bytes.len().min(8);
    eight[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(eight)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_anchored_at_the_start_have_openings() {
        let votes = Openings::of(r"^ (?:votes?|ballots|(?:first|second)[- ]preferences?)\b").expect("a finite set");
        assert!(votes.admits(" votes cast") && votes.admits(" ballots") && votes.admits(" first-preference votes"));
        assert!(!votes.admits(" people") && !votes.admits("votes") && !votes.admits(""));
        let either = Openings::of(r"^(?:-| )?majority\b|^ lead\b").expect("both branches anchored");
        assert!(either.admits("majority") && either.admits("-majority") && either.admits(" lead"));
        assert!(!either.admits(" margin"));
        // A long alternation, cut to its first eight bytes.
        let long = Openings::of(r"^ (?:gmt|bst|utc|ballot (?:envelopes|papers|boxes)|envelopes|applications)\b").expect("cut to eight bytes");
        assert!(long.admits(" ballot papers") && long.admits(" ballot boxes") && long.admits(" gmt") && !long.admits(" ballots") && !long.admits(" bs"));
    }

    #[test]
    fn other_patterns_have_none() {
        // Not anchored, anchored in one branch only, at a line's start, or opening with anything.
        for pattern in [r"\bvotes\b", r"^votes|seats", r"(?m)^votes", r"^\s*votes", r"^.", r"^(?:votes)?", r"^\d+"] {
            assert!(Openings::of(pattern).is_none(), "{pattern}");
        }
    }

    #[test]
    fn a_text_turned_away_is_one_the_pattern_does_not_match() {
        const PIECES: &[&str] = &[" ", "-", "vote", "votes", "s", "majority", "Majority", "ſ", "K", "k", "ballot", "first", "second", " preference", "2", ","];
        let patterns = [r"^(?:-| )?(?:vote |votes )?majority\b", r"^ (?:votes?|ballots|(?:first|second)[- ]preferences?)\b", r"(?i)^ ?(?:k|s)\w*", r"^(?:vote|ballot)s?,? (?:\d|first)"];
        let mut admitted_and_matched = 0;
        for pattern in patterns {
            let (openings, regex) = (Openings::of(pattern).expect(pattern), regex::Regex::new(pattern).unwrap());
            for text in crate::generated::texts(PIECES, 20_000, 6) {
                let matched = regex.is_match(&text);
                assert!(openings.admits(&text) || !matched, "{pattern} on {text:?}");
                admitted_and_matched += usize::from(matched);
            }
        }
        assert!(admitted_and_matched > 1000, "the texts exercise the patterns");
    }
}
