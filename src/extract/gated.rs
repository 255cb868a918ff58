//! A pattern that cannot match without one of a few words, tried only where one occurs.
//!
//! The candidate rules read the words after every mention of every person with patterns
//! that allow a bounded gap before their verb (`[^.;]{0,100}?, securing`). For such a gap
//! the fast engine builds its states as it meets new text, and in the election reports
//! it built tens of thousands of them, most for sentence tails that hold none of the
//! verbs the pattern is about. A literal search for those verbs (Aho-Corasick, no states
//! to build) says so first; only where one occurs does the pattern run. Where none does,
//! the pattern could not have matched, so the answers are the same.

use aho_corasick::AhoCorasick;

use super::boundaries::WordRegex;

/// `gated!(NAME, r"pattern", &["word", ...])`: a [`GatedRegex`] compiled on first use.
/// Every match of the pattern must contain one of the words, as written.
macro_rules! gated {
    ($name:ident, $pat:expr, $words:expr) => {
        static $name: std::sync::LazyLock<$crate::extract::gated::GatedRegex> =
            std::sync::LazyLock::new(|| $crate::extract::gated::GatedRegex::new($pat, $words));
    };
}
pub(crate) use gated;

/// A [`WordRegex`] behind a literal search for words every match contains.
#[derive(Debug)]
pub struct GatedRegex {
    words: AhoCorasick,
    regex: WordRegex,
}

impl GatedRegex {
    /// `pattern` must not match any text that holds none of `words` (case as written):
    /// each word is part of every match of one branch, and every branch has one.
    pub fn new(pattern: &str, words: &[&str]) -> GatedRegex {
        assert!(!words.is_empty() && words.iter().all(|w| !w.is_empty()), "a gate needs words");
        GatedRegex {
            words: AhoCorasick::new(words).expect("gate words build an automaton"),
            regex: WordRegex::small(pattern, super::SMALL_PATTERN_CACHE),
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        self.regex.as_str()
    }

    /// [`regex::Regex::find`], where one of the words occurs.
    pub fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        self.words.is_match(text).then(|| self.regex.find(text)).flatten()
    }

    /// [`regex::Regex::is_match`], where one of the words occurs.
    pub fn is_match(&self, text: &str) -> bool {
        self.words.is_match(text) && self.regex.is_match(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pattern_runs_only_where_a_word_occurs() {
        let gated = GatedRegex::new(r"^[^.;]{0,20}?,\s*(?:winning|taking)\b", &["winning", "taking"]);
        assert_eq!(gated.find(" easily, winning the seat").map(|m| m.as_str()), Some(" easily, winning"));
        assert!(gated.is_match(", taking it") && !gated.is_match(", holding it"));
        // A gate that leaves out a word the pattern needs loses its matches: the words
        // are what decides, before the pattern.
        let wrong = GatedRegex::new(r"^, (?:winning|taking)\b", &["winning"]);
        assert!(!wrong.is_match(", taking it") && wrong.is_match(", winning it"));
    }
}
