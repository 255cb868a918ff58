//! Patterns that begin with a short gap: `^[^.;]{0,N}?` and then the rest, that is the
//! rest within N characters of the start, before the clause ends. The candidate and
//! figure rules read the words after a verb or a number this way ("won the seat",
//! "held her seat, securing a third term", "... in 2019").
//!
//! The counted gap is what made them slow. The regex engine's fast engine keeps a state
//! for each count crossed with each way the rest may have begun: more states than its
//! cache holds, so it built new ones for nearly every byte it read, 3 to 10 µs a search
//! of some 100 bytes. [`GapRegex`] searches for the rest alone and counts the gap by
//! hand. Where the whole pattern matches, the gap is as short as it can be, so the rest
//! starts at the leftmost place it matches at all; and the rest's leftmost match is the
//! one the whole pattern finds when the gap before it fits, while no match does when it
//! does not (a later place has a longer gap).

use std::ops::Range;

use super::boundaries::WordRegex;

/// `re_gap!(NAME, N, r"rest")`: a [`GapRegex`] compiled on first use, the pattern
/// `^[^.;]{0,N}?(?:rest)`.
macro_rules! re_gap {
    ($name:ident, $max_chars:expr, $rest:expr) => {
        static $name: std::sync::LazyLock<$crate::extract::gap::GapRegex> = std::sync::LazyLock::new(|| $crate::extract::gap::GapRegex::new($max_chars, $rest));
    };
}
pub(crate) use re_gap;

/// `^[^.;]{0,N}?` and the rest, searched as the rest (see the module's comment).
#[derive(Debug)]
pub struct GapRegex {
    /// The whole pattern, as the regex engine would read it.
    pattern: String,
    max_chars: usize,
    rest: WordRegex,
}

impl GapRegex {
    /// The pattern `^[^.;]{0,max_chars}?(?:rest)`: the gap, then `rest` as one group.
    pub fn new(max_chars: usize, rest: &str) -> GapRegex {
        GapRegex { pattern: format!("^[^.;]{{0,{max_chars}}}?(?:{rest})"), max_chars, rest: WordRegex::small(rest, super::SMALL_PATTERN_CACHE) }
    }

    /// The whole pattern, gap included.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// [`WordRegex::compile_common_form`] of the rest.
    pub fn compile_common_form(&self) {
        self.rest.compile_common_form();
    }

    /// The whole pattern's match in `text`: from the start to the end of the rest.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        self.rest_match(text).map(|m| 0..m.end())
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.rest_match(text).is_some()
    }

    /// The groups of the whole pattern's match, as the rest numbers them; group 0 is the
    /// rest's match, after the gap.
    pub fn captures_after_gap<'t>(&self, text: &'t str) -> Option<regex::Captures<'t>> {
        let groups = self.rest.captures(text)?;
        fits_gap(&text[..groups.get(0)?.start()], self.max_chars).then_some(groups)
    }

    fn rest_match<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        self.rest.find(text).filter(|m| fits_gap(&text[..m.start()], self.max_chars))
    }
}

/// Whether `gap` matches `[^.;]{0,max_chars}`.
fn fits_gap(gap: &str, max_chars: usize) -> bool {
    !gap.contains(['.', ';']) && (gap.len() <= max_chars || gap.chars().count() <= max_chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gap's edges: its length in characters (not bytes), the stops, a rest that
    /// matches twice or only past the gap, and word boundaries where the gap ends.
    const PIECES: &[&str] = &["a", "é", " ", ",", ".", ";", "\n", "by", "by winning", "winning", ", winning", "sbywinning", "’", "1999", "in 2019", "x"];

    #[test]
    fn finds_what_the_whole_pattern_finds() {
        for (max_chars, rest) in [(6, r"\bby (?:winning|holding)\b"), (4, r",\s*(?:winning|taking)\b"), (5, r"\b(?:in|at) ((?:19|20)\d\d)\b"), (3, r"\bby\b|x"), (0, "x")] {
            let gap = GapRegex::new(max_chars, rest);
            let whole = regex::Regex::new(gap.as_str()).unwrap();
            let mut matched = 0;
            for text in crate::generated::texts(PIECES, 20_000, 8) {
                let found = whole.find(&text).map(|m| m.range());
                assert_eq!(gap.find(&text), found, "{} on {text:?}", gap.as_str());
                assert_eq!(gap.is_match(&text), found.is_some());
                let groups = |c: regex::Captures| c.iter().skip(1).map(|g| g.map(|g| g.range())).collect::<Vec<_>>();
                assert_eq!(gap.captures_after_gap(&text).map(groups), whole.captures(&text).map(groups), "{text:?}");
                matched += usize::from(found.is_some());
            }
            assert!(matched > 100, "{rest}: the texts exercise the pattern ({matched} matches)");
        }
    }

    #[test]
    fn the_rest_must_start_within_the_gap_and_before_a_stop() {
        let gap = GapRegex::new(10, r"\bseat\b");
        assert_eq!(gap.find(" the seat of power"), Some(0..9));
        assert_eq!(gap.find("éééééééé seat"), Some(0..21), "a gap of 17 bytes but 9 characters");
        assert!(gap.is_match("012345678 seat") && !gap.is_match("0123456789 seat"));
        assert!(!gap.is_match(" the; seat") && !gap.is_match(" the. seat"));
        assert!(!gap.is_match(" the seats"));
    }
}
