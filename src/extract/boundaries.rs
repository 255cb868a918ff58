//! Word boundaries and letter classes at DFA speed, their Unicode meaning unchanged.
//!
//! The regex crate's fast engine (the lazy DFA) cannot look at a Unicode word boundary
//! once the text holds a non-ASCII byte: it gives up and the search runs again in a
//! slower engine. A single "£" or curly quote in an article is enough, and for the big
//! patterns that read a whole article (places, the topic test) that fallback was a third
//! of the running time. The ASCII boundary `(?-u:\b)` has no such limit, and it means the
//! same thing as `\b` on any text whose non-ASCII characters are none of them word
//! characters (letters, digits, marks): the usual news article. On such a text the
//! letter classes (`\p{L}`, `\p{Lu}`) can be narrowed to ASCII as well, which shrinks a
//! big pattern's automaton, its memory and the cost of building its states tenfold.
//! [`WordRegex`] holds both compilations of one pattern and picks, per text, the ASCII
//! one when they agree.
//!
//! Every `re!` pattern is one too: the result rules read a sentence at a time, but
//! they read it for every mention, and a curly quote in the sentence sent each of them
//! to the slow engine.

use std::cell::Cell;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

/// The most memory the fast engine of the Unicode form of a [`WordRegex`] may use per
/// thread. The crate's default (2 MB) is too small for the state sets of a big pattern
/// such as the places' one, and without the fast engine every search runs in the slowest
/// one. The cache grows on demand up to this size. The ASCII form, a fraction of the
/// size, does with the default.
const FAST_ENGINE_MEMORY: usize = 16 << 20;

/// One pattern compiled twice, each on first use: with Unicode word boundaries, and with
/// ASCII ones.
#[derive(Debug)]
pub struct WordRegex {
    pattern: String,
    /// Whether the ASCII form differs from the pattern; when it does not, one
    /// compilation serves every text.
    has_ascii_form: bool,
    /// The most memory each form's fast engine may use per thread (`None`: the ASCII
    /// form gets the crate's default, the Unicode form [`FAST_ENGINE_MEMORY`]).
    cache: Option<usize>,
    unicode: OnceLock<Regex>,
    ascii: OnceLock<Regex>,
}

impl WordRegex {
    /// `pattern`, whose `\b` are Unicode word boundaries. Each compilation is made when a
    /// text first needs it (a big pattern takes milliseconds to compile, and many texts
    /// need only one of the two); a bad pattern panics then, like a bad `re!` pattern.
    pub fn new(pattern: impl Into<String>) -> WordRegex {
        WordRegex::with_cache(pattern, None)
    }

    /// A pattern that reads a sentence or a few words at a time (the `re!` patterns):
    /// both forms keep a small fast-engine cache, `cache` bytes per thread.
    pub fn small(pattern: impl Into<String>, cache: usize) -> WordRegex {
        WordRegex::with_cache(pattern, Some(cache))
    }

    fn with_cache(pattern: impl Into<String>, cache: Option<usize>) -> WordRegex {
        let pattern = pattern.into();
        let has_ascii_form = ascii_form(&pattern) != pattern;
        WordRegex { pattern, has_ascii_form, cache, unicode: OnceLock::new(), ascii: OnceLock::new() }
    }

    /// The compilation to run on `text`: both find exactly the same matches in it.
    pub fn for_text(&self, text: &str) -> &Regex {
        if self.has_ascii_form && word_characters_are_ascii(text) {
            self.ascii()
        } else {
            self.unicode()
        }
    }

    /// Compiles now the form most texts need: the ASCII one, where it differs.
    pub fn compile_common_form(&self) {
        if self.has_ascii_form {
            self.ascii();
        } else {
            self.unicode();
        }
    }

    fn ascii(&self) -> &Regex {
        self.ascii.get_or_init(|| build(&ascii_form(&self.pattern), self.cache))
    }

    fn unicode(&self) -> &Regex {
        self.unicode.get_or_init(|| build(&self.pattern, Some(self.cache.unwrap_or(FAST_ENGINE_MEMORY))))
    }

    /// The pattern as written, with its Unicode word boundaries.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// [`Regex::is_match`] with the compilation [`WordRegex::for_text`] picks.
    pub fn is_match(&self, text: &str) -> bool {
        self.for_text(text).is_match(text)
    }

    /// [`Regex::find`] with the compilation [`WordRegex::for_text`] picks.
    pub fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        self.for_text(text).find(text)
    }

    /// [`Regex::find_iter`] with the compilation [`WordRegex::for_text`] picks.
    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> regex::Matches<'r, 't> {
        self.for_text(text).find_iter(text)
    }

    /// [`Regex::captures`] with the compilation [`WordRegex::for_text`] picks.
    pub fn captures<'t>(&self, text: &'t str) -> Option<regex::Captures<'t>> {
        self.for_text(text).captures(text)
    }

    /// [`Regex::captures_iter`] with the compilation [`WordRegex::for_text`] picks.
    pub fn captures_iter<'r, 't>(&'r self, text: &'t str) -> regex::CaptureMatches<'r, 't> {
        self.for_text(text).captures_iter(text)
    }

    /// [`Regex::replace`] with the compilation [`WordRegex::for_text`] picks.
    pub fn replace<'t>(&self, text: &'t str, rep: impl regex::Replacer) -> std::borrow::Cow<'t, str> {
        self.for_text(text).replace(text, rep)
    }
}

/// `cache`: the fast engine's most memory per thread; `None` is the crate's default.
fn build(pattern: &str, cache: Option<usize>) -> Regex {
    let mut builder = RegexBuilder::new(pattern);
    if let Some(bytes) = cache {
        builder.dfa_size_limit(bytes);
    }
    builder.build().expect("built-in pattern compiles")
}

thread_local! {
    /// The bytes of the text this thread is analysing, when [`ascii_boundaries_suffice`]
    /// holds for all of it (empty otherwise): it then holds for every part of it too.
    static ASCII_TEXT: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

/// Marks `text` as the one this thread analyses until the guard is dropped. The rules
/// search the same sentence again for every mention in it, and checking the sentence
/// each time cost more than some of the searches; a text that holds only punctuation
/// outside ASCII is checked once instead.
pub fn analysing(text: &str) -> AnalysedText {
    let range = if ascii_boundaries_suffice(text) { address_range(text) } else { (0, 0) };
    AnalysedText { previous: ASCII_TEXT.with(|current| current.replace(range)) }
}

/// Ends what [`analysing`] began, when the analysis ends or unwinds: the text's memory
/// may then hold another text.
pub struct AnalysedText {
    previous: (usize, usize),
}

impl Drop for AnalysedText {
    fn drop(&mut self) {
        ASCII_TEXT.with(|current| current.set(self.previous));
    }
}

/// Whether every word character of `text` is ASCII: [`ascii_boundaries_suffice`],
/// answered without reading `text` when it lies inside the text being analysed and that
/// holds for all of it.
pub fn word_characters_are_ascii(text: &str) -> bool {
    inside_ascii_text(text) || ascii_boundaries_suffice(text)
}

/// Whether `text` lies inside the text [`analysing`] found to need only ASCII
/// boundaries.
fn inside_ascii_text(text: &str) -> bool {
    let (start, end) = address_range(text);
    ASCII_TEXT.with(|current| {
        let (known_start, known_end) = current.get();
        known_start < known_end && known_start <= start && end <= known_end
    })
}

/// The first byte's address and the one past the last's.
fn address_range(text: &str) -> (usize, usize) {
    let start = text.as_ptr() as usize;
    (start, start + text.len())
}

/// Whether no character of `text` outside ASCII is a word character, so that `\b` and
/// `(?-u:\b)` find the same boundaries in it.
pub fn ascii_boundaries_suffice(text: &str) -> bool {
    // Only the non-ASCII characters are decoded, and the ASCII between them is skipped a
    // chunk at a time: this runs before every search of a pattern, and most of a text
    // with a curly quote in it is still ASCII.
    let mut rest = text;
    loop {
        let at = ascii_prefix_len(rest.as_bytes());
        let Some(c) = rest[at..].chars().next() else { return true };
        if regex_syntax::is_word_character(c) {
            return false;
        }
        rest = &rest[at + c.len_utf8()..];
    }
}

/// How many bytes at the start of `bytes` are ASCII.
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    let mut len = 0;
    for chunk in bytes.chunks(32) {
        if !chunk.is_ascii() {
            return len + chunk.iter().take_while(|b| b.is_ascii()).count();
        }
        len += chunk.len();
    }
    len
}

/// `pattern` in its ASCII form: each `\b` written `(?-u:\b)`, and the letter, capital,
/// digit and word classes (`\p{L}`, `\p{Lu}`, `\d`, `\w`) narrowed to their ASCII
/// members. On a text whose non-ASCII characters are no word characters, both forms
/// match the same: none of those characters belongs to any of these classes. The ASCII
/// classes also make the pattern's automaton a fraction of the size (the Unicode letter
/// class alone is hundreds of states, copied at every use), which is memory per thread.
/// Everything else is left as written, which is always correct.
fn ascii_form(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut in_class = 0usize;
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        let narrowed = [(r"\p{Lu}", "A-Z"), (r"\p{L}", "A-Za-z"), (r"\d", "0-9"), (r"\w", "0-9A-Za-z_")]
            .into_iter()
            .find(|(class, _)| rest.starts_with(class));
        if let Some((class, members)) = narrowed {
            if in_class > 0 {
                out.push_str(members);
            } else {
                out.push_str(&format!("[{members}]"));
            }
            rest = &rest[class.len()..];
            continue;
        }
        if rest.starts_with(r"\b") && in_class == 0 {
            out.push_str(r"(?-u:\b)");
            rest = &rest[2..];
            continue;
        }
        if c == '\\' {
            // Any other escape is copied whole, so `\\`, `\[` and `\]` are not misread.
            let escaped = rest[1..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&rest[..1 + escaped]);
            rest = &rest[1 + escaped..];
            continue;
        }
        match c {
            '[' => in_class += 1,
            ']' if in_class > 0 => in_class -= 1,
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_and_classes_are_narrowed_but_escapes_are_not() {
        assert_eq!(ascii_form(r"\bMP\b"), r"(?-u:\b)MP(?-u:\b)");
        assert_eq!(ascii_form(r"a\\b\."), r"a\\b\.");
        assert_eq!(ascii_form(r"\p{Lu}[\p{L}'’\]-]*\d+[\b]"), r"[A-Z][A-Za-z'’\]-]*[0-9]+[\b]");
        assert_eq!(ascii_form(r"\p{Greek}\s"), r"\p{Greek}\s");
    }

    #[test]
    fn the_search_methods_pick_the_compilation_per_text() {
        let re = WordRegex::small(r"\bwon\b", 64 << 10);
        assert!(re.is_match("Labour won £5m") && re.is_match("Ms Dubé won"));
        assert!(!re.is_match("éwon") && !re.is_match("wonder"));
        assert_eq!(re.find("“They won”").map(|m| m.range()), Some(8..11));
        assert_eq!(re.find_iter("won – won, éwon").count(), 2);
        assert_eq!(re.captures("Dubé won").map(|c| c.get(0).unwrap().start()), Some(6));
        assert_eq!(re.replace("£ won", "lost"), "£ lost");
        // With nothing to narrow, one compilation serves every text.
        let plain = WordRegex::small(r"majority of", 64 << 10);
        assert!(std::ptr::eq(plain.for_text("£ majority of"), plain.for_text("Dubé majority of")));
    }

    #[test]
    fn ascii_suffices_unless_a_non_ascii_character_is_a_word_character() {
        assert!(ascii_boundaries_suffice("Labour won £5m – “a record”"));
        assert!(!ascii_boundaries_suffice("Ms Dubé won"));
        assert!(!ascii_boundaries_suffice("“Quote” – £5, then Zoë"));
        assert!(ascii_boundaries_suffice("“Quote” – £5, then €6…"));
        let long = format!("{}Zoë{}", "a".repeat(40), "b".repeat(40));
        assert!(!ascii_boundaries_suffice(&long), "a letter past the first chunk");
        assert!(ascii_boundaries_suffice(&long.replace('ë', "’")));
        assert_eq!(ascii_prefix_len(long.as_bytes()), 42);
        assert!(!ascii_boundaries_suffice("२०१९ election"));
    }

    #[test]
    fn an_analysed_text_is_known_to_need_only_ascii_in_all_its_parts_until_it_ends() {
        let article = String::from("Labour won £5m – “a record” in Putney.");
        let accented = String::from("Ms Dubé won.");
        {
            let _analysing = analysing(&article);
            assert!(inside_ascii_text(&article) && inside_ascii_text(&article[7..20]));
            assert!(!inside_ascii_text(&accented) && !inside_ascii_text("Labour won"));
            {
                // A text with a letter outside ASCII is checked search by search.
                let _inner = analysing(&accented);
                assert!(!inside_ascii_text(&accented[..5]) && !inside_ascii_text(&article));
                let re = WordRegex::small(r"\bwon\b", 64 << 10);
                assert!(std::ptr::eq(re.for_text(&accented), re.unicode()));
                assert!(!std::ptr::eq(re.for_text(&accented[..5]), re.unicode()));
            }
            assert!(inside_ascii_text(&article[1..]), "the outer text is known again");
        }
        assert!(!inside_ascii_text(&article[1..]), "its memory may hold another text now");
    }

    #[test]
    fn both_compilations_agree_where_the_fast_one_is_chosen() {
        let re = WordRegex::new(r"(?i)\b(?:votes?|elected)\b");
        for text in ["£5 votes – “Elected” and unelected", "Ms Dubé votes", "évotes votesé votes"] {
            let got: Vec<_> = re.for_text(text).find_iter(text).map(|m| m.range()).collect();
            let unicode: Vec<_> = re.unicode().find_iter(text).map(|m| m.range()).collect();
            assert_eq!(got, unicode, "{text}");
        }
        let names = WordRegex::new(r"\p{Lu}[\p{L}'’-]*\ (?:seat|ward)\b");
        for text in ["£5m for the Harbridge seat, O’Neill ward – “Ash ward”", "the Ösel seat and Dubé ward", "ÖSEL seat"] {
            let got: Vec<_> = names.for_text(text).find_iter(text).map(|m| m.range()).collect();
            let unicode: Vec<_> = names.unicode().find_iter(text).map(|m| m.range()).collect();
            assert_eq!(got, unicode, "{text}");
            assert!(!got.is_empty());
        }
        // The case that needs the slow one: next to "é" the ASCII boundary would match.
        let text = "évotes";
        assert_eq!(re.unicode().find_iter(text).count(), 0);
        assert_eq!(build(&ascii_form(&re.pattern), None).find_iter(text).count(), 1);
        assert!(std::ptr::eq(re.for_text(text), re.unicode()));
    }
}
