//! A pattern that cannot match without one of a few words, tried only where one occurs.
//!
//! The candidate rules read the words after every mention of every person with patterns
//! that allow a bounded gap before their verb (`[^.;]{0,100}?, securing`). For such a gap
//! the fast engine builds its states as it meets new text, and in the election reports
//! it built tens of thousands of them, most for sentence tails that hold none of the
//! verbs the pattern is about. A literal search for those verbs (Aho-Corasick, no states
//! to build) says so first; only where one occurs does the pattern run. Where none does,
//! the pattern could not have matched, so the answers are the same. The rules ask about
//! many tails of one article, so the words of all their patterns are found in the article
//! once ([`GateWords`]) and each tail's gate is answered from that list. A pattern that
//! starts with its gap (`^[^.;]{0,100}?`) runs as a [`GapRegex`], which counts the gap
//! by hand.

use std::ops::Range;

use aho_corasick::{AhoCorasick, Input, MatchKind};

use super::boundaries::WordRegex;
use super::gap::GapRegex;

/// `gated!(NAME, r"pattern", &["word", ...])`: a [`GatedRegex`] compiled on first use.
/// Every match of the pattern must contain one of the words, as written.
/// `gated!(NAME, gap N, r"rest", &["word", ...])`: the same for the pattern
/// `^[^.;]{0,N}?(?:rest)`, searched as a [`GapRegex`].
macro_rules! gated {
    ($name:ident, $pat:expr, $words:expr) => {
        static $name: std::sync::LazyLock<$crate::extract::gated::GatedRegex> =
            std::sync::LazyLock::new(|| $crate::extract::gated::GatedRegex::new($pat, $words));
    };
    ($name:ident, gap $max_chars:expr, $rest:expr, $words:expr) => {
        static $name: std::sync::LazyLock<$crate::extract::gated::GatedRegex> =
            std::sync::LazyLock::new(|| $crate::extract::gated::GatedRegex::after_gap($max_chars, $rest, $words));
    };
}
pub(crate) use gated;

/// A pattern behind a literal search for words every match contains.
#[derive(Debug)]
pub struct GatedRegex {
    /// The words, as given; a [`GateWords`] searches for them.
    listed: Vec<String>,
    pattern: Pattern,
}

#[derive(Debug)]
enum Pattern {
    Whole(WordRegex),
    AfterGap(GapRegex),
}

impl GatedRegex {
    /// `pattern` must not match any text that holds none of `words` (case as written):
    /// each word is part of every match of one branch, and every branch has one.
    pub fn new(pattern: &str, words: &[&str]) -> GatedRegex {
        GatedRegex::with(Pattern::Whole(WordRegex::small(pattern, super::SMALL_PATTERN_CACHE)), words)
    }

    /// The pattern `^[^.;]{0,max_chars}?(?:rest)` (see [`GapRegex`]), gated as
    /// [`GatedRegex::new`] gates it.
    pub fn after_gap(max_chars: usize, rest: &str, words: &[&str]) -> GatedRegex {
        GatedRegex::with(Pattern::AfterGap(GapRegex::new(max_chars, rest)), words)
    }

    fn with(pattern: Pattern, words: &[&str]) -> GatedRegex {
        assert!(!words.is_empty() && words.iter().all(|w| !w.is_empty()), "a gate needs words");
        GatedRegex { listed: words.iter().map(|w| w.to_string()).collect(), pattern }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        match &self.pattern {
            Pattern::Whole(regex) => regex.as_str(),
            Pattern::AfterGap(regex) => regex.as_str(),
        }
    }

    /// Compiles the form most texts need (see [`WordRegex::compile_common_form`]).
    pub fn compile_common_form(&self) {
        match &self.pattern {
            Pattern::Whole(regex) => regex.compile_common_form(),
            Pattern::AfterGap(regex) => regex.compile_common_form(),
        }
    }

    /// Where the pattern matches first, if one of the words occurs: the gate on its own,
    /// for one text (the rules use [`GatedRegex::find_in`]).
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        self.admits(text).then(|| self.find_ungated(text)).flatten()
    }

    /// Whether the pattern matches, if one of the words occurs.
    pub fn is_match(&self, text: &str) -> bool {
        self.admits(text) && self.is_match_ungated(text)
    }

    fn admits(&self, text: &str) -> bool {
        self.listed.iter().any(|word| text.contains(word.as_str()))
    }

    /// [`GatedRegex::find`] of a part of the text `found` was read from: `text` is that
    /// text's bytes from `at`. The gate is answered from `found`, without a search.
    pub fn find_in(&self, text: &str, at: usize, found: &WordsFound) -> Option<Range<usize>> {
        found.admits(self, at..at + text.len()).then(|| self.find_ungated(text)).flatten()
    }

    /// [`GatedRegex::is_match`] of a part of the text `found` was read from, as
    /// [`GatedRegex::find_in`] reads it.
    pub fn is_match_in(&self, text: &str, at: usize, found: &WordsFound) -> bool {
        found.admits(self, at..at + text.len()) && self.is_match_ungated(text)
    }

    fn find_ungated(&self, text: &str) -> Option<Range<usize>> {
        match &self.pattern {
            Pattern::Whole(regex) => regex.find(text).map(|m| m.range()),
            Pattern::AfterGap(regex) => regex.find(text),
        }
    }

    fn is_match_ungated(&self, text: &str) -> bool {
        match &self.pattern {
            Pattern::Whole(regex) => regex.is_match(text),
            Pattern::AfterGap(regex) => regex.is_match(text),
        }
    }
}

/// The words of several gated patterns in one automaton. A rule that asks its patterns
/// about many parts of one text (the words after every mention of every person) finds
/// all their words in the text once, instead of once per part and pattern.
pub struct GateWords {
    gates: Vec<&'static GatedRegex>,
    /// Finds the next place a word starts. A leftmost search is used (an overlapping
    /// one, which would report every word at once, took twice the time).
    starts: AhoCorasick,
    /// Every word once, with the gates it opens (one bit per gate), by its first byte.
    by_first_byte: Vec<Vec<(String, u32)>>,
}

impl GateWords {
    pub fn new(gates: &[&'static GatedRegex]) -> GateWords {
        assert!(gates.len() <= 32, "one bit per gate");
        let mut by_first_byte: Vec<Vec<(String, u32)>> = vec![Vec::new(); 256];
        for (bit, gate) in gates.iter().enumerate() {
            for word in &gate.listed {
                let same_start = &mut by_first_byte[usize::from(word.as_bytes()[0])];
                match same_start.iter_mut().find(|(w, _)| w == word) {
                    Some((_, opens)) => *opens |= 1 << bit,
                    None => same_start.push((word.clone(), 1 << bit)),
                }
            }
        }
        let words = by_first_byte.iter().flatten().map(|(w, _)| w.as_str());
        let starts = AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(words).expect("gate words build an automaton");
        GateWords { gates: gates.to_vec(), starts, by_first_byte }
    }

    /// Where the words occur in `text`, words inside words included ("won" in "wont").
    pub fn find(&self, text: &str) -> WordsFound<'_> {
        self.find_within(text, std::slice::from_ref(&(0..text.len())))
    }

    /// Where the words occur inside `parts` of `text` (in order, apart): the gates of
    /// parts of those parts are answered as [`GateWords::find`]'s list answers them.
    pub fn find_within(&self, text: &str, parts: &[Range<usize>]) -> WordsFound<'_> {
        let bytes = text.as_bytes();
        let mut at: Vec<(Range<usize>, u32)> = Vec::new();
        for part in parts {
            let mut from = part.start;
            // The leftmost match from `from` starts at the first place a word of the part
            // starts; every word starting there is then taken, and the search goes on from
            // the next byte. (One that runs past the part is never inside a part of it.)
            while let Some(m) = self.starts.find(Input::new(bytes).range(from..part.end)) {
                let start = m.start();
                for (word, opens) in &self.by_first_byte[usize::from(bytes[start])] {
                    if bytes[start..].starts_with(word.as_bytes()) {
                        at.push((start..start + word.len(), *opens));
                    }
                }
                from = start + 1;
            }
        }
        WordsFound { words: self, at }
    }
}

/// The gate words of one text, by start.
pub struct WordsFound<'w> {
    words: &'w GateWords,
    at: Vec<(Range<usize>, u32)>,
}

impl WordsFound<'_> {
    /// Whether a word of `gate` lies wholly inside `range`: whether the gate's own
    /// search of those bytes would find one.
    fn admits(&self, gate: &GatedRegex, range: Range<usize>) -> bool {
        let bit = self.words.gates.iter().position(|g| std::ptr::eq(*g, gate)).expect("the gate is one of the set the words were found for");
        let first = self.at.partition_point(|(word, _)| word.start < range.start);
        self.at[first..].iter().take_while(|(word, _)| word.start < range.end).any(|(word, opens)| word.end <= range.end && opens & 1 << bit != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pattern_runs_only_where_a_word_occurs() {
        let gated = GatedRegex::new(r"^[^.;]{0,20}?,\s*(?:winning|taking)\b", &["winning", "taking"]);
        let after_gap = GatedRegex::after_gap(20, r",\s*(?:winning|taking)\b", &["winning", "taking"]);
        for gated in [gated, after_gap] {
            assert_eq!(gated.find(" easily, winning the seat"), Some(0..16));
            assert!(gated.is_match(", taking it") && !gated.is_match(", holding it"));
            assert!(!gated.is_match(" far too many words to fit, winning"));
        }
        // A gate that leaves out a word the pattern needs loses its matches: the words
        // are what decides, before the pattern.
        let wrong = GatedRegex::new(r"^, (?:winning|taking)\b", &["winning"]);
        assert!(!wrong.is_match(", taking it") && wrong.is_match(", winning it"));
    }

    #[test]
    fn words_found_once_answer_every_gate_on_every_part_of_the_text() {
        static WIN: std::sync::LazyLock<GatedRegex> = std::sync::LazyLock::new(|| GatedRegex::new(r"^\s*(?:won|wont|holding on)\b", &["won", "wont", "holding on"]));
        static HELD: std::sync::LazyLock<GatedRegex> = std::sync::LazyLock::new(|| GatedRegex::new(r"^\s*(?:held|on)\b", &["held", "on"]));
        let words = GateWords::new(&[&*WIN, &*HELD]);
        let text = "Kim wont say. Lee won, holding on; Ann held on. Bo wonholding onheld";
        let found = words.find(text);
        // Only the words inside the parts: those of "Lee won, holding on;" and of "held".
        let (first_part, second_part) = (14..34, 43..68);
        let found_within = words.find_within(text, &[first_part.clone(), second_part.clone()]);
        for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            for end in (start..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let part = &text[start..end];
                let within = [&first_part, &second_part].iter().any(|p| p.start <= start && end <= p.end);
                for gate in [&*WIN, &*HELD] {
                    assert_eq!(gate.find_in(part, start, &found), gate.find(part), "{part:?}");
                    assert_eq!(gate.is_match_in(part, start, &found), gate.is_match(part), "{part:?}");
                    if within {
                        assert_eq!(gate.is_match_in(part, start, &found_within), gate.is_match(part), "{part:?}");
                    }
                }
            }
        }
        assert!(HELD.is_match_in("held", 39, &found) && !HELD.is_match_in("held", 39, &found_within), "a word outside the parts is not found");
    }
}
