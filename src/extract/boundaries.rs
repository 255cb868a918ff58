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
//! A third compilation serves the texts between: those whose letters beyond ASCII are
//! all Latin ones ("Zoë", "Siân", "Dubé"), the usual exception in UK and US news. Their
//! letter classes are narrowed to the Latin letters and the word boundaries kept. The
//! Unicode letter class is what makes a pattern slow to build, and one article with a
//! "é" had every pattern it met built in the Unicode form: some 28 ms, more than the
//! article itself took (see BENCHMARKS.md, tenth round).
//!
//! Every `re!` pattern is one too: the result rules read a sentence at a time, but
//! they read it for every mention, and a curly quote in the sentence sent each of them
//! to the slow engine.

use std::cell::Cell;
use std::sync::{LazyLock, OnceLock};

use regex::{Regex, RegexBuilder};

use super::openings::Openings;

/// The most memory the fast engine of the Unicode form of a [`WordRegex`] may use per
/// thread. The crate's default (2 MB) is too small for the state sets of a big pattern
/// such as the places' one, and without the fast engine every search runs in the slowest
/// one. The cache grows on demand up to this size. The ASCII form, a fraction of the
/// size, does with the default.
const FAST_ENGINE_MEMORY: usize = 16 << 20;

/// One pattern compiled in up to three forms, each on first use: as written, with
/// Unicode word boundaries and classes; with ASCII ones; and with the letter classes
/// narrowed to Latin letters ([`WordChars`]).
#[derive(Debug)]
pub struct WordRegex {
    pattern: String,
    /// Whether the ASCII form differs from the pattern; when it does not, one
    /// compilation serves every text.
    has_ascii_form: bool,
    /// The most memory each form's fast engine may use per thread (`None`: the ASCII
    /// and Latin forms get the crate's default, the Unicode form [`FAST_ENGINE_MEMORY`]).
    cache: Option<usize>,
    /// What every match begins with, for a pattern anchored at the start: a text that
    /// begins otherwise is answered without a search ([`Openings`]).
    openings: Option<Openings>,
    unicode: OnceLock<Regex>,
    /// `None` when the pattern has no class to narrow, and its Latin form is the
    /// pattern.
    latin: OnceLock<Option<Regex>>,
    ascii: OnceLock<Regex>,
}

impl WordRegex {
    /// `pattern`, whose `\b` are Unicode word boundaries. Each compilation is made when a
    /// text first needs it (a big pattern takes milliseconds to compile, and many texts
    /// need only one of the forms); a bad pattern panics then, like a bad `re!` pattern.
    pub fn new(pattern: impl Into<String>) -> WordRegex {
        WordRegex::with_cache(pattern, None)
    }

    /// A pattern that reads a sentence or a few words at a time (the `re!` patterns):
    /// every form keeps a small fast-engine cache, `cache` bytes per thread.
    pub fn small(pattern: impl Into<String>, cache: usize) -> WordRegex {
        WordRegex::with_cache(pattern, Some(cache))
    }

    fn with_cache(pattern: impl Into<String>, cache: Option<usize>) -> WordRegex {
        let pattern = pattern.into();
        let has_ascii_form = narrowed_form(&pattern, &ASCII_NARROWING) != pattern;
        // The pattern as written matches wherever a narrowed form does: its openings are
        // every form's.
        let openings = Openings::of(&pattern);
        WordRegex { pattern, has_ascii_form, cache, openings, unicode: OnceLock::new(), latin: OnceLock::new(), ascii: OnceLock::new() }
    }

    /// The compilation to run on `text`: all find exactly the same matches in it.
    pub fn for_text(&self, text: &str) -> &Regex {
        if !self.has_ascii_form {
            return self.unicode();
        }
        match word_chars_of(text) {
            WordChars::Ascii => self.ascii(),
            WordChars::Latin => self.latin().unwrap_or_else(|| self.unicode()),
            WordChars::Other => self.unicode(),
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
        self.ascii.get_or_init(|| build(&narrowed_form(&self.pattern, &ASCII_NARROWING), self.cache))
    }

    fn latin(&self) -> Option<&Regex> {
        let build_form = || {
            let form = narrowed_form(&self.pattern, &LATIN.narrowing);
            (form != self.pattern).then(|| build(&form, self.cache))
        };
        self.latin.get_or_init(build_form).as_ref()
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
        self.may_match(text) && self.for_text(text).is_match(text)
    }

    /// [`Regex::find`] with the compilation [`WordRegex::for_text`] picks.
    pub fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        self.may_match(text).then(|| self.for_text(text).find(text)).flatten()
    }

    /// False when the pattern's openings say it cannot match `text`.
    fn may_match(&self, text: &str) -> bool {
        self.openings.as_ref().is_none_or(|openings| openings.admits(text))
    }

    /// [`Regex::find_iter`] with the compilation [`WordRegex::for_text`] picks.
    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> regex::Matches<'r, 't> {
        self.for_text(text).find_iter(text)
    }

    /// [`Regex::captures`] with the compilation [`WordRegex::for_text`] picks.
    pub fn captures<'t>(&self, text: &'t str) -> Option<regex::Captures<'t>> {
        self.may_match(text).then(|| self.for_text(text).captures(text)).flatten()
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

/// What the word characters of a text are, which decides the compilation that may read
/// it: each kind's texts are also texts of every later kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WordChars {
    /// Every word character is ASCII: the ASCII form.
    Ascii,
    /// Every word character beyond ASCII is one of [`Latin`]'s: the Latin form.
    Latin,
    /// Some other: only the pattern as written.
    Other,
}

thread_local! {
    /// The bytes of the text this thread is analysing and what its word characters are
    /// ([`WordChars::Other`] when no text is being analysed). What holds for all of it
    /// holds for every part of it.
    static ANALYSED_TEXT: Cell<(usize, usize, WordChars)> = const { Cell::new((0, 0, WordChars::Other)) };
}

/// Marks `text` as the one this thread analyses until the guard is dropped. The rules
/// search the same sentence again for every mention in it, and checking the sentence
/// each time cost more than some of the searches; a text that holds only punctuation
/// outside ASCII is checked once instead.
pub fn analysing(text: &str) -> AnalysedText {
    let (start, end) = address_range(text);
    AnalysedText { previous: ANALYSED_TEXT.with(|current| current.replace((start, end, word_chars(text)))) }
}

/// Ends what [`analysing`] began, when the analysis ends or unwinds: the text's memory
/// may then hold another text.
pub struct AnalysedText {
    previous: (usize, usize, WordChars),
}

impl Drop for AnalysedText {
    fn drop(&mut self) {
        ANALYSED_TEXT.with(|current| current.set(self.previous));
    }
}

/// Whether every word character of `text` is ASCII: [`ascii_boundaries_suffice`],
/// answered without reading `text` when it lies inside the text being analysed and that
/// holds for all of it.
pub fn word_characters_are_ascii(text: &str) -> bool {
    word_chars_of(text) == WordChars::Ascii
}

/// [`word_chars`] of `text`, read no further than need be when `text` lies inside the
/// text being analysed: not at all when that one's are ASCII, and only to the first
/// letter beyond ASCII when they are Latin.
fn word_chars_of(text: &str) -> WordChars {
    match analysed_word_chars(text) {
        Some(WordChars::Ascii) => WordChars::Ascii,
        Some(WordChars::Latin) if first_word_char_beyond_ascii(text).is_none() => WordChars::Ascii,
        Some(WordChars::Latin) => WordChars::Latin,
        Some(WordChars::Other) | None => word_chars(text),
    }
}

/// What the word characters of the text being analysed are, if `text` lies inside it.
fn analysed_word_chars(text: &str) -> Option<WordChars> {
    let (start, end) = address_range(text);
    ANALYSED_TEXT.with(|current| {
        let (known_start, known_end, chars) = current.get();
        (known_start < known_end && known_start <= start && end <= known_end).then_some(chars)
    })
}

/// The first byte's address and the one past the last's.
fn address_range(text: &str) -> (usize, usize) {
    let start = text.as_ptr() as usize;
    (start, start + text.len())
}

/// The stretch of characters that `holds` around `around` (a part of `text` made of
/// them), and where a search of that stretch must stop reading: one character past it,
/// so that a word boundary at its end reads as in the whole text (a search sees the
/// characters before its start anyway). A pattern whose every match holds some word and
/// only such characters matches, near an occurrence of that word, only inside the
/// stretch around it: searching the stretches finds what a search of the whole text
/// finds there.
pub fn stretch_around(text: &str, around: std::ops::Range<usize>, holds: impl Fn(char) -> bool) -> (std::ops::Range<usize>, usize) {
    let start = text[..around.start].char_indices().rev().take_while(|&(_, c)| holds(c)).last().map_or(around.start, |(i, _)| i);
    let end = text[around.end..].find(|c: char| !holds(c)).map_or(text.len(), |k| around.end + k);
    let seen = end + text[end..].chars().next().map_or(0, char::len_utf8);
    (start..end, seen)
}

/// Whether no character of `text` outside ASCII is a word character, so that `\b` and
/// `(?-u:\b)` find the same boundaries in it.
pub fn ascii_boundaries_suffice(text: &str) -> bool {
    first_word_char_beyond_ascii(text).is_none()
}

/// What the word characters of `text` are.
fn word_chars(text: &str) -> WordChars {
    let mut rest = text;
    while let Some(at) = first_word_char_beyond_ascii(rest) {
        let c = rest[at..].chars().next().expect("a character starts there");
        if !LATIN.holds(c) {
            return WordChars::Other;
        }
        rest = &rest[at + c.len_utf8()..];
    }
    if rest.len() == text.len() {
        WordChars::Ascii
    } else {
        WordChars::Latin
    }
}

/// Where the first word character of `text` beyond ASCII starts.
fn first_word_char_beyond_ascii(text: &str) -> Option<usize> {
    // Only the non-ASCII characters are decoded, and the ASCII between them is skipped a
    // chunk at a time: this runs before every search of a pattern, and most of a text
    // with a curly quote in it is still ASCII.
    let mut at = 0;
    loop {
        at += ascii_prefix_len(&text.as_bytes()[at..]);
        let c = text[at..].chars().next()?;
        if regex_syntax::is_word_character(c) {
            return Some(at);
        }
        at += c.len_utf8();
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

/// How a form narrows the pattern: what each `\b` becomes, if anything, and the members
/// each narrowed class keeps, written to go inside brackets.
#[derive(Debug)]
struct Narrowing {
    boundary: Option<&'static str>,
    /// For `\p{Lu}`, `\p{L}`, `\d` and `\w`, in that order ([`CLASSES`]).
    members: [String; 4],
}

/// The classes a form narrows, as the patterns write them.
const CLASSES: [&str; 4] = [r"\p{Lu}", r"\p{L}", r"\d", r"\w"];

/// The ASCII form: each `\b` written `(?-u:\b)`, and the classes narrowed to their ASCII
/// members. On a text whose non-ASCII characters are no word characters, both forms
/// match the same: none of those characters belongs to any of these classes. The ASCII
/// classes also make the pattern's automaton a fraction of the size (the Unicode letter
/// class alone is hundreds of states, copied at every use), which is memory per thread.
static ASCII_NARROWING: LazyLock<Narrowing> = LazyLock::new(|| Narrowing {
    boundary: Some(r"(?-u:\b)"),
    members: ["A-Z", "A-Za-z", "0-9", "0-9A-Za-z_"].map(String::from),
});

/// The Latin letters, and the Latin form's narrowing.
static LATIN: LazyLock<Latin> = LazyLock::new(Latin::new);

/// The word characters beyond ASCII that a text may hold and still be read by the Latin
/// form: those of the Latin blocks (Latin-1, Extended-A and -B, Extended Additional) and
/// the combining accents, less any that a pattern's `(?i)` would match differently in the
/// narrowed classes: "µ", whose capital is the Greek "Μ", is a case of a capital letter
/// as the pattern is written, but not of one among the Latin letters.
///
/// On such a text a class and its members among these characters match the same
/// characters, in either case mode: the text holds no other word character. The
/// boundaries stay Unicode ones.
#[derive(Debug)]
struct Latin {
    admitted: CharClass,
    narrowing: Narrowing,
}

impl Latin {
    fn new() -> Latin {
        let blocks = [('\u{0}', '\u{24F}'), ('\u{300}', '\u{36F}'), ('\u{1E00}', '\u{1EFF}')];
        let classes = CLASSES.map(CharClass::new);
        // Drop each character whose cases meet a class only outside the characters kept,
        // until none is left to drop (dropping one may change another's answer).
        let mut admitted: Vec<char> = blocks.iter().flat_map(|&(lo, hi)| lo..=hi).collect();
        loop {
            let kept = CharClass::of(&admitted);
            let agrees = |&c: &char| {
                let cases = cases_of(c);
                classes.iter().all(|class| cases.iter().any(|&v| class.holds(v)) == cases.iter().any(|&v| class.holds(v) && kept.holds(v)))
            };
            let before = admitted.len();
            admitted.retain(agrees);
            if admitted.len() == before {
                break;
            }
        }
        let members = classes.map(|class| CharClass::of(&admitted.iter().copied().filter(|&c| class.holds(c)).collect::<Vec<char>>()).written());
        Latin { admitted: CharClass::of(&admitted), narrowing: Narrowing { boundary: None, members } }
    }

    fn holds(&self, c: char) -> bool {
        self.admitted.holds(c)
    }
}

/// `c` and its other cases, as a pattern's `(?i)` matches them.
fn cases_of(c: char) -> Vec<char> {
    use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
    let mut cases = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    cases.case_fold_simple();
    cases.iter().flat_map(|r| r.start()..=r.end()).collect()
}

/// A class of characters as sorted, disjoint inclusive ranges, asked of one character
/// at a time (the name scanner's letters and capitals, the Latin letters).
#[derive(Debug)]
pub(crate) struct CharClass(Vec<(char, char)>);

impl CharClass {
    /// `class`, a pattern that is one class of characters (`\p{L}`, `(?i)[a-z]`), as the
    /// regex crate reads it.
    pub(crate) fn new(class: &str) -> CharClass {
        match regex_syntax::parse(class).expect("a built-in class parses").into_kind() {
            regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) => CharClass(class.iter().map(|r| (r.start(), r.end())).collect()),
            other => panic!("{class} is no class of characters: {other:?}"),
        }
    }

    /// `chars`, sorted.
    fn of(chars: &[char]) -> CharClass {
        let mut ranges: Vec<(char, char)> = Vec::new();
        for &c in chars {
            match ranges.last_mut() {
                Some((_, hi)) if char::from_u32(u32::from(*hi) + 1) == Some(c) => *hi = c,
                _ => ranges.push((c, c)),
            }
        }
        CharClass(ranges)
    }

    pub(crate) fn holds(&self, c: char) -> bool {
        let at = self.0.partition_point(|&(_, hi)| hi < c);
        self.0.get(at).is_some_and(|&(lo, _)| lo <= c)
    }

    /// As a bracketed class's members.
    fn written(&self) -> String {
        self.0.iter().map(|&(lo, hi)| format!(r"\x{{{:X}}}-\x{{{:X}}}", u32::from(lo), u32::from(hi))).collect()
    }
}

/// `pattern` with its `\b` and its [`CLASSES`] narrowed as `narrowing` says. Everything
/// else is left as written, which is always correct.
fn narrowed_form(pattern: &str, narrowing: &Narrowing) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut in_class = 0usize;
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if let Some((class, members)) = CLASSES.iter().zip(&narrowing.members).find(|(class, _)| rest.starts_with(*class)) {
            if in_class > 0 {
                out.push_str(members);
            } else {
                out.push('[');
                out.push_str(members);
                out.push(']');
            }
            rest = &rest[class.len()..];
            continue;
        }
        if let Some(boundary) = narrowing.boundary.filter(|_| rest.starts_with(r"\b") && in_class == 0) {
            out.push_str(boundary);
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

    fn ascii_form(pattern: &str) -> String {
        narrowed_form(pattern, &ASCII_NARROWING)
    }

    #[test]
    fn boundaries_and_classes_are_narrowed_but_escapes_are_not() {
        assert_eq!(ascii_form(r"\bMP\b"), r"(?-u:\b)MP(?-u:\b)");
        assert_eq!(ascii_form(r"a\\b\."), r"a\\b\.");
        assert_eq!(ascii_form(r"\p{Lu}[\p{L}'’\]-]*\d+[\b]"), r"[A-Z][A-Za-z'’\]-]*[0-9]+[\b]");
        assert_eq!(ascii_form(r"\p{Greek}\s"), r"\p{Greek}\s");
        // The Latin form keeps the Unicode boundaries and narrows the classes.
        let latin = narrowed_form(r"\bMP \p{Lu}[\p{L}'-]*\d", &LATIN.narrowing);
        assert!(latin.starts_with(r"\bMP [\x{41}-\x{5A}\x{C0}-\x{D6}"), "{latin}");
        assert!(latin.ends_with(r"'-]*[\x{30}-\x{39}]"), "{latin}");
        assert_eq!(narrowed_form(r"\bMP\b", &LATIN.narrowing), r"\bMP\b");
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
        // With only boundaries to narrow, the Latin form is the pattern as written.
        assert!(std::ptr::eq(re.for_text("Dubé won"), re.unicode()));
        let names = WordRegex::small(r"\p{Lu}\p{L}+ won", 64 << 10);
        let forms = [names.for_text("Dube won"), names.for_text("Dubé won"), names.for_text("Δ won")];
        assert!(std::ptr::eq(forms[0], names.ascii()) && std::ptr::eq(forms[1], names.latin().unwrap()) && std::ptr::eq(forms[2], names.unicode()));
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
    fn word_characters_are_ascii_latin_or_other() {
        assert_eq!(word_chars("Labour won £5m – “a record” ×2"), WordChars::Ascii);
        assert_eq!(word_chars(""), WordChars::Ascii);
        assert_eq!(word_chars("Ms Dubé won"), WordChars::Latin);
        assert_eq!(word_chars("Siân, Zoë, Łukasz, Şahin, Nguyễn, Straße, ſ, Ÿ and e\u{301}"), WordChars::Latin);
        assert_eq!(word_chars("Dubé and Σ"), WordChars::Other);
        assert_eq!(word_chars("२०१९ election"), WordChars::Other);
        // Its capital is Greek: "(?i)\p{Lu}" holds it, the Latin capitals do not.
        assert_eq!(word_chars("5µg"), WordChars::Other);
    }

    #[test]
    fn an_analysed_text_is_known_in_all_its_parts_until_it_ends() {
        let article = String::from("Labour won £5m – “a record” in Putney.");
        let accented = String::from("Ms Dubé won.");
        let greek = String::from("Mr Δ won.");
        let re = WordRegex::small(r"\p{Lu}\p{L}+ won", 64 << 10);
        {
            let _analysing = analysing(&article);
            assert_eq!(analysed_word_chars(&article[7..20]), Some(WordChars::Ascii));
            assert_eq!(analysed_word_chars(&accented), None);
            assert_eq!(analysed_word_chars("Labour won"), None, "the same words elsewhere are not inside it");
            {
                // Its parts without the accent are read as ASCII ones.
                let _inner = analysing(&accented);
                assert_eq!(analysed_word_chars(&accented[..5]), Some(WordChars::Latin));
                assert_eq!(word_chars_of(&accented[..5]), WordChars::Ascii);
                assert!(std::ptr::eq(re.for_text(&accented), re.latin().unwrap()));
                assert!(std::ptr::eq(re.for_text(&accented[..5]), re.ascii()));
                let _innermost = analysing(&greek);
                assert_eq!(word_chars_of(&greek[..3]), WordChars::Ascii);
                assert!(std::ptr::eq(re.for_text(&greek), re.unicode()));
            }
            assert_eq!(analysed_word_chars(&article[1..]), Some(WordChars::Ascii), "the outer text is known again");
        }
        assert_eq!(analysed_word_chars(&article[1..]), None, "its memory may hold another text now");
    }

    #[test]
    fn a_narrowed_class_holds_what_the_class_holds_of_every_character_its_texts_may_hold() {
        let latin_texts_hold = |c: char| !regex_syntax::is_word_character(c) || LATIN.holds(c);
        let ascii_texts_hold = |c: char| !regex_syntax::is_word_character(c) || c.is_ascii();
        for (narrowing, may_hold) in [(&LATIN.narrowing, &latin_texts_hold as &dyn Fn(char) -> bool), (&*ASCII_NARROWING, &ascii_texts_hold)] {
            for (class, members) in CLASSES.iter().zip(&narrowing.members) {
                for case in ["", "(?i)"] {
                    let (whole, narrowed) = (CharClass::new(&format!("{case}{class}")), CharClass::new(&format!("{case}[{members}]")));
                    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32).filter(|&c| may_hold(c)) {
                        assert_eq!(whole.holds(c), narrowed.holds(c), "{case}{class} {c:?}");
                    }
                }
            }
        }
        assert!((0..128u8).all(|b| LATIN.holds(char::from(b))));
        assert!("éÉßſÿŸłŁğİıễ\u{301}".chars().all(|c| LATIN.holds(c)));
        assert!(!LATIN.holds('µ') && !LATIN.holds('Σ'));
    }

    #[test]
    fn every_compilation_agrees_with_the_pattern_where_it_is_chosen() {
        const PIECES: &[&str] = &["Dub", "é", "É", "Ösel", "ß", "ſ", "ÿ", "Ÿ", "µ", "Σ", "K", "votes", "VOTES", " ", "-", "’", "1", "٣", "seat", " ward", "\u{301}", "£", "x"];
        let patterns = [r"(?i)\b(?:votes?|elected)\b", r"\p{Lu}[\p{L}'’-]*\ (?:seat|ward)\b", r"(?i)\b\w+s\b", r"\b\d+\b", r"(?i)[^\p{L}\s]\p{Lu}+"];
        let regexes = patterns.map(WordRegex::new);
        let mut latin_texts = 0;
        for text in crate::generated::texts(PIECES, 20_000, 10) {
            latin_texts += usize::from(word_chars(&text) == WordChars::Latin);
            for re in &regexes {
                let got: Vec<_> = re.for_text(&text).find_iter(&text).map(|m| m.range()).collect();
                let unicode: Vec<_> = re.unicode().find_iter(&text).map(|m| m.range()).collect();
                assert_eq!(got, unicode, "{} {text:?}", re.as_str());
            }
        }
        assert!(latin_texts > 5_000, "{latin_texts}");
        // The case that needs the slow one: next to "é" the ASCII boundary would match.
        let re = &regexes[0];
        let text = "évotes";
        assert_eq!(re.unicode().find_iter(text).count(), 0);
        assert_eq!(build(&ascii_form(&re.pattern), None).find_iter(text).count(), 1);
        assert!(std::ptr::eq(re.for_text(text), re.unicode()));
    }
}
