//! Sentence boundaries of news text, exactly as `unicode-segmentation` finds them
//! (UAX #29), at a fraction of the cost.
//!
//! The crate looks every character up in the full Unicode tables; on news text that was
//! a sixth of the whole run. In ASCII text only a handful of characters matter, and a
//! boundary can only follow a sentence terminator (`.`, `!`, `?`) or a line break, so a
//! byte table and a look at those few places give the same boundaries. News text outside
//! ASCII is mostly curly quotes, dashes, a pound sign and accented letters: a paragraph
//! whose other characters are all in [`wide_class`] is split the same way, each byte of
//! such a character taking its class. The tests compare both on many generated texts;
//! a paragraph with any other character still goes to the crate.

/// Sentence_Break classes of the ASCII characters (UAX #29, table 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

/// The class of an ASCII byte, from [`ASCII_CLASSES`].
fn class(b: u8) -> Class {
    ASCII_CLASSES[usize::from(b & 0x7F)]
}

/// [`ascii_class`] of every ASCII byte, looked up rather than matched: the class of
/// every byte near a terminator is asked for.
static ASCII_CLASSES: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = ascii_class(b as u8);
        b += 1;
    }
    table
};

const fn ascii_class(b: u8) -> Class {
    match b {
        b'\r' => Class::Cr,
        b'\n' => Class::Lf,
        b'\t' | 0x0B | 0x0C | b' ' => Class::Sp,
        b'a'..=b'z' => Class::Lower,
        b'A'..=b'Z' => Class::Upper,
        b'0'..=b'9' => Class::Numeric,
        b'.' => Class::ATerm,
        b'!' | b'?' => Class::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Class::Close,
        b',' | b'-' | b':' | b';' => Class::SContinue,
        _ => Class::Other,
    }
}

fn is_para_sep(c: Class) -> bool {
    matches!(c, Class::Cr | Class::Lf)
}

fn is_sa_term(c: Class) -> bool {
    matches!(c, Class::ATerm | Class::STerm)
}

/// The sentences of `text` as `(offset, sentence)`, as
/// `UnicodeSegmentation::split_sentence_bound_indices` gives them, or `None` when `text`
/// holds a character outside ASCII and [`wide_class`]. The tests compare it with the crate.
#[cfg(test)]
fn split_sentence_bound_indices(text: &str) -> Option<Vec<(usize, &str)>> {
    let mut out = Vec::new();
    push_sentence_bound_indices(text, &mut out).then_some(out)
}

/// The sentences of `text` as `(offset, sentence)`, as
/// `UnicodeSegmentation::split_sentence_bound_indices` gives them, pushed onto `out`,
/// which a caller splitting one paragraph after another keeps; `false`, with nothing
/// pushed, when `text` holds a character outside ASCII and [`wide_class`].
pub fn push_sentence_bound_indices<'t>(text: &'t str, out: &mut Vec<(usize, &'t str)>) -> bool {
    if text.is_ascii() {
        let bytes = text.as_bytes();
        split_by_classes(text, |i| class(bytes[i]), out);
        return true;
    }
    if !text.chars().all(|c| c.is_ascii() || wide_class(c).is_some()) {
        return false;
    }
    // Only the bytes next to a terminator or line break are asked about; the class of a
    // byte of a wider character is found from that character when asked.
    let bytes = text.as_bytes();
    let class_at = |i: usize| {
        if bytes[i].is_ascii() {
            return class(bytes[i]);
        }
        let start = (0..=i).rev().find(|&k| text.is_char_boundary(k)).unwrap_or(0);
        text[start..].chars().next().and_then(wide_class).unwrap_or(Class::Other)
    };
    split_by_classes(text, class_at, out);
    true
}

/// The Sentence_Break class of the characters outside ASCII that news text uses most
/// (UAX #29, table 4); `None` for the rest. None of them ends a sentence or a paragraph,
/// and none is ignored (Extend, Format), so the rules read them like ASCII characters.
fn wide_class(c: char) -> Option<Class> {
    match c {
        '\u{A0}' => Some(Class::Sp),
        '‘' | '’' | '“' | '”' => Some(Class::Close),
        '–' | '—' => Some(Class::SContinue),
        '£' | '€' | '°' | '×' | '÷' => Some(Class::Other),
        'À'..='ÿ' => Some(if c.is_uppercase() { Class::Upper } else { Class::Lower }),
        _ => None,
    }
}

/// The sentences of `text` onto `out`, given the class of the character each byte
/// belongs to.
fn split_by_classes<'t>(text: &'t str, class_at: impl Fn(usize) -> Class, out: &mut Vec<(usize, &'t str)>) {
    let bytes = text.as_bytes();
    let mut start = 0;
    // A boundary can only follow a line break, or a terminator and the closing marks and
    // spaces after it; everywhere else rule SB998 holds (no break). So jump from one
    // such place to the next and test only the positions just after it. (Every
    // terminator and line break is ASCII.)
    let mut from = 0;
    let mut stops = Stops { bytes, terminator: None, line_break: None };
    while let Some(at) = stops.next_at_or_after(from) {
        let mut end = at + 1;
        if is_sa_term(class_at(at)) {
            while end < bytes.len() && class_at(end) == Class::Close {
                end += 1;
            }
            while end < bytes.len() && class_at(end) == Class::Sp {
                end += 1;
            }
        }
        for i in at + 1..=end.min(bytes.len().saturating_sub(1)) {
            if text.is_char_boundary(i) && breaks_before(bytes.len(), i, &class_at) {
                out.push((start, &text[start..i]));
                start = i;
            }
        }
        from = end;
        if from >= bytes.len() {
            break;
        }
    }
    if start < bytes.len() {
        out.push((start, &text[start..]));
    }
}

/// The next sentence terminator (`.`, `!`, `?`) or line break, by two vector searches
/// whose last answers are kept until the scan passes them.
struct Stops<'a> {
    bytes: &'a [u8],
    terminator: Option<Option<usize>>,
    line_break: Option<Option<usize>>,
}

impl Stops<'_> {
    fn next_at_or_after(&mut self, from: usize) -> Option<usize> {
        let bytes = self.bytes;
        let terminator = next_from(&mut self.terminator, from, |from| memchr::memchr3(b'.', b'!', b'?', &bytes[from..]).map(|i| from + i));
        let line_break = next_from(&mut self.line_break, from, |from| memchr::memchr2(b'\r', b'\n', &bytes[from..]).map(|i| from + i));
        match (terminator, line_break) {
            (Some(t), Some(l)) => Some(t.min(l)),
            (t, l) => t.or(l),
        }
    }
}

/// The kept answer of a search, or a new search when the scan has passed it.
fn next_from(kept: &mut Option<Option<usize>>, from: usize, search: impl Fn(usize) -> Option<usize>) -> Option<usize> {
    match *kept {
        Some(None) => None,
        Some(Some(at)) if at >= from => Some(at),
        _ => {
            let found = search(from);
            *kept = Some(found);
            found
        }
    }
}

/// Whether a sentence boundary falls between the characters that end and start at byte
/// `i` of a text of `len` bytes.
fn breaks_before(len: usize, i: usize, class_at: &impl Fn(usize) -> Class) -> bool {
    let (prev, cur) = (class_at(i - 1), class_at(i));
    // SB3, SB4: CR x LF; otherwise a break after every line break.
    if prev == Class::Cr && cur == Class::Lf {
        return false;
    }
    if is_para_sep(prev) {
        return true;
    }
    if !matches!(prev, Class::ATerm | Class::STerm | Class::Close | Class::Sp) {
        return false; // SB998
    }
    // Match "SATerm Close* Sp*" ending just before i, from the back.
    let mut j = i;
    while j > 0 && class_at(j - 1) == Class::Sp {
        j -= 1;
    }
    let spaces = j < i;
    while j > 0 && class_at(j - 1) == Class::Close {
        j -= 1;
    }
    if j == 0 || !is_sa_term(class_at(j - 1)) {
        return false; // SB998
    }
    let term_at = j - 1;
    let term = class_at(term_at);
    let bare = term_at + 1 == i;
    // SB6: ATerm x Numeric.
    if term == Class::ATerm && bare && cur == Class::Numeric {
        return false;
    }
    // SB7: (Upper | Lower) ATerm x Upper.
    if term == Class::ATerm
        && bare
        && cur == Class::Upper
        && term_at > 0
        && matches!(class_at(term_at - 1), Class::Upper | Class::Lower)
    {
        return false;
    }
    // SB8: ATerm Close* Sp* x (not OLetter, Upper, Lower, ParaSep, SATerm)* Lower.
    if term == Class::ATerm {
        let next_deciding = (i..len).map(class_at).find(|&c| {
            matches!(c, Class::Upper | Class::Lower) || is_para_sep(c) || is_sa_term(c)
        });
        if next_deciding == Some(Class::Lower) {
            return false;
        }
    }
    // SB8a: SATerm Close* Sp* x (SContinue | SATerm).
    if cur == Class::SContinue || is_sa_term(cur) {
        return false;
    }
    // SB9: SATerm Close* x (Close | Sp | ParaSep).
    if !spaces && (cur == Class::Close || cur == Class::Sp || is_para_sep(cur)) {
        return false;
    }
    // SB10: SATerm Close* Sp* x (Sp | ParaSep).
    if cur == Class::Sp || is_para_sep(cur) {
        return false;
    }
    // SB11: SATerm Close* Sp* ParaSep? ÷
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn crate_split(text: &str) -> Vec<(usize, &str)> {
        text.split_sentence_bound_indices().collect()
    }

    fn split(text: &str) -> Vec<(usize, &str)> {
        split_sentence_bound_indices(text).expect("a text this module splits")
    }

    #[test]
    fn sentences_are_pushed_after_what_the_buffer_holds() {
        let (first, second) = ("One. Two.", "Three! Four “quoted.” Five");
        let mut out = Vec::new();
        assert!(push_sentence_bound_indices(first, &mut out) && push_sentence_bound_indices(second, &mut out));
        let both: Vec<(usize, &str)> = first.split_sentence_bound_indices().chain(second.split_sentence_bound_indices()).collect();
        assert_eq!(out, both);
        assert!(!push_sentence_bound_indices("Ἀ. B", &mut out));
        assert_eq!(out, both, "a text left to the crate pushes nothing");
    }

    #[test]
    fn plain_sentences_split_after_their_terminators() {
        assert_eq!(
            split("He won. She lost! Why? \"Yes.\" (No.) e.g. the U.S. team"),
            crate_split("He won. She lost! Why? \"Yes.\" (No.) e.g. the U.S. team")
        );
        assert_eq!(split("One.\r\nTwo."), [(0, "One.\r\n"), (6, "Two.")]);
        assert!(split("").is_empty());
    }

    /// Every character class and the sequences the rules look at, in many random
    /// combinations: the byte table must give the crate's boundaries on all of them.
    #[test]
    fn same_boundaries_as_the_crate_on_generated_text() {
        const PIECES: &[&str] = &[
            "a", "b", "A", "Z", "7", ".", ".", "!", "?", " ", " ", "\t", "\x0B", "\x0C", "\n", "\r", "\r\n", "\"",
            "'", "(", ")", "[", "]", "{", "}", ",", "-", ":", ";", "_", "#", "$", "%", "&", "*", "+", "/", "<", "=",
            ">", "@", "\\", "^", "`", "|", "~", "\x00", "\x07", "\x1F", "\x7F", "word", "Word", "U.S.", "e.g. ",
            ". ", ".\" ", ".) ", "? ", "!\n",
        ];
        for text in crate::generated::texts(PIECES, 200_000, 12) {
            assert_eq!(split(&text), crate_split(&text), "{text:?}");
        }
        for b in 0u8..128 {
            for text in [format!("x.{}", b as char), format!("{}. a", b as char), format!("A. {}b", b as char)] {
                assert_eq!(split(&text), crate_split(&text), "{text:?}");
            }
        }
    }

    /// The characters of [`wide_class`] among ASCII ones: the boundaries must still be
    /// the crate's, and a text with any other character is left to the crate.
    #[test]
    fn same_boundaries_as_the_crate_with_curly_quotes_dashes_and_accents() {
        const PIECES: &[&str] = &[
            "a", "A", "7", ".", ".", "!", "?", " ", "\n", "\r\n", "\"", "(", ")", ",", "-", ":", "\u{A0}", "‘", "’", "“", "”", "–", "—",
            "£", "€", "°", "×", "÷", "é", "É", "ß", "ÿ", "À", "Þ", "word", "Word", "Éclair", "“Yes.” ", ". ", ".” ", "! ", "é. É",
        ];
        for text in crate::generated::texts(PIECES, 200_000, 12) {
            assert_eq!(split(&text), crate_split(&text), "{text:?}");
        }
        for c in ('\u{80}'..='\u{3000}').filter(|&c| wide_class(c).is_some()) {
            for text in [format!("x.{c}"), format!("{c}. a"), format!("A. {c}b"), format!("x.{c} Y"), format!("x. {c}Y")] {
                assert_eq!(split(&text), crate_split(&text), "{text:?}");
            }
        }
        assert_eq!(split_sentence_bound_indices("One. Two…"), None, "an ellipsis character goes to the crate");
        assert_eq!(split_sentence_bound_indices("Ἀ. B"), None);
    }
}
