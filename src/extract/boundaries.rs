//! Word boundaries at DFA speed, with the meaning of Unicode `\b` unchanged.
//!
//! The regex crate's fast engine (the lazy DFA) cannot look at a Unicode word boundary
//! once the text holds a non-ASCII byte: it gives up and the search runs again in a
//! slower engine. A single "£" or curly quote in an article is enough, and for the big
//! patterns that read a whole article (places, the topic test) that fallback was a third
//! of the running time. The ASCII boundary `(?-u:\b)` has no such limit, and it means the
//! same thing as `\b` on any text whose non-ASCII characters are none of them word
//! characters (letters, digits, marks): the usual news article. [`WordRegex`] holds both
//! compilations of one pattern and picks, per text, the fast one when they agree.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

/// The most memory the fast engine of one [`WordRegex`] may use per thread. The crate's
/// default (2 MB) is too small for the state sets of a big pattern such as the places'
/// one, and without the fast engine every search runs in the slowest one. The cache
/// grows on demand up to this size.
const FAST_ENGINE_MEMORY: usize = 16 << 20;

/// One pattern compiled twice, each on first use: with Unicode word boundaries, and with
/// ASCII ones.
#[derive(Debug)]
pub struct WordRegex {
    pattern: String,
    unicode: OnceLock<Regex>,
    ascii: OnceLock<Regex>,
}

impl WordRegex {
    /// `pattern`, whose `\b` are Unicode word boundaries. Each compilation is made when a
    /// text first needs it (a big pattern takes milliseconds to compile, and many texts
    /// need only one of the two); a bad pattern panics then, like a bad `re!` pattern.
    pub fn new(pattern: impl Into<String>) -> WordRegex {
        WordRegex { pattern: pattern.into(), unicode: OnceLock::new(), ascii: OnceLock::new() }
    }

    /// The compilation to run on `text`: both find exactly the same matches in it.
    pub fn for_text(&self, text: &str) -> &Regex {
        if ascii_boundaries_suffice(text) {
            self.ascii.get_or_init(|| build(&with_ascii_boundaries(&self.pattern)))
        } else {
            self.unicode()
        }
    }

    fn unicode(&self) -> &Regex {
        self.unicode.get_or_init(|| build(&self.pattern))
    }
}

fn build(pattern: &str) -> Regex {
    RegexBuilder::new(pattern).dfa_size_limit(FAST_ENGINE_MEMORY).build().expect("built-in pattern compiles")
}

/// Whether no character of `text` outside ASCII is a word character, so that `\b` and
/// `(?-u:\b)` find the same boundaries in it.
pub fn ascii_boundaries_suffice(text: &str) -> bool {
    text.is_ascii() || !text.chars().any(|c| !c.is_ascii() && regex_syntax::is_word_character(c))
}

/// `pattern` with each `\b` written `(?-u:\b)`; escaped backslashes (`\\b`) are left alone.
fn with_ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str(r"(?-u:\b)"),
            Some(escaped) => {
                out.push('\\');
                out.push(escaped);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_are_rewritten_but_escaped_backslashes_are_not() {
        assert_eq!(with_ascii_boundaries(r"\bMP\b"), r"(?-u:\b)MP(?-u:\b)");
        assert_eq!(with_ascii_boundaries(r"a\\b\d\."), r"a\\b\d\.");
    }

    #[test]
    fn ascii_suffices_unless_a_non_ascii_character_is_a_word_character() {
        assert!(ascii_boundaries_suffice("Labour won £5m – “a record”"));
        assert!(!ascii_boundaries_suffice("Ms Dubé won"));
        assert!(!ascii_boundaries_suffice("२०१९ election"));
    }

    #[test]
    fn both_compilations_agree_where_the_fast_one_is_chosen() {
        let re = WordRegex::new(r"(?i)\b(?:votes?|elected)\b");
        for text in ["£5 votes – “Elected” and unelected", "Ms Dubé votes", "évotes votesé votes"] {
            let got: Vec<_> = re.for_text(text).find_iter(text).map(|m| m.range()).collect();
            let unicode: Vec<_> = re.unicode().find_iter(text).map(|m| m.range()).collect();
            assert_eq!(got, unicode, "{text}");
        }
        // The case that needs the slow one: next to "é" the ASCII boundary would match.
        let text = "évotes";
        assert_eq!(re.unicode().find_iter(text).count(), 0);
        assert_eq!(build(&with_ascii_boundaries(&re.pattern)).find_iter(text).count(), 1);
        assert!(std::ptr::eq(re.for_text(text), re.unicode()));
    }
}
