//! Sentence boundaries of ASCII text, exactly as `unicode-segmentation` finds them
//! (UAX #29), at a fraction of the cost.
//!
//! The crate looks every character up in the full Unicode tables; on news text that was
//! a sixth of the whole run. In ASCII text only a handful of characters matter, and a
//! boundary can only follow a sentence terminator (`.`, `!`, `?`) or a line break, so a
//! byte table and a look at those few places give the same boundaries. The tests compare
//! both on many generated texts; other text still goes to the crate.

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

fn class(b: u8) -> Class {
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

/// The sentences of `text` as `(offset, sentence)`, like
/// `UnicodeSegmentation::split_sentence_bound_indices`. `text` must be ASCII.
pub fn split_ascii_sentence_bound_indices(text: &str) -> Vec<(usize, &str)> {
    debug_assert!(text.is_ascii());
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    // A boundary can only follow a line break, or a terminator and the closing marks and
    // spaces after it; everywhere else rule SB998 holds (no break). So jump from one
    // such place to the next and test only the positions just after it.
    let mut from = 0;
    while let Some(found) = bytes[from..].iter().position(|&b| matches!(b, b'.' | b'!' | b'?' | b'\r' | b'\n')) {
        let at = from + found;
        let mut end = at + 1;
        if is_sa_term(class(bytes[at])) {
            while end < bytes.len() && class(bytes[end]) == Class::Close {
                end += 1;
            }
            while end < bytes.len() && class(bytes[end]) == Class::Sp {
                end += 1;
            }
        }
        for i in at + 1..=end.min(bytes.len().saturating_sub(1)) {
            if breaks_before(bytes, i) {
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
    out
}

/// Whether a sentence boundary falls between `bytes[i - 1]` and `bytes[i]`.
fn breaks_before(bytes: &[u8], i: usize) -> bool {
    let (prev, cur) = (class(bytes[i - 1]), class(bytes[i]));
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
    while j > 0 && class(bytes[j - 1]) == Class::Sp {
        j -= 1;
    }
    let spaces = j < i;
    while j > 0 && class(bytes[j - 1]) == Class::Close {
        j -= 1;
    }
    if j == 0 || !is_sa_term(class(bytes[j - 1])) {
        return false; // SB998
    }
    let term_at = j - 1;
    let term = class(bytes[term_at]);
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
        && matches!(class(bytes[term_at - 1]), Class::Upper | Class::Lower)
    {
        return false;
    }
    // SB8: ATerm Close* Sp* x (not OLetter, Upper, Lower, ParaSep, SATerm)* Lower.
    if term == Class::ATerm {
        let next_deciding = bytes[i..].iter().map(|&b| class(b)).find(|&c| {
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

    #[test]
    fn plain_sentences_split_after_their_terminators() {
        assert_eq!(
            split_ascii_sentence_bound_indices("He won. She lost! Why? \"Yes.\" (No.) e.g. the U.S. team"),
            crate_split("He won. She lost! Why? \"Yes.\" (No.) e.g. the U.S. team")
        );
        assert_eq!(split_ascii_sentence_bound_indices("One.\r\nTwo."), [(0, "One.\r\n"), (6, "Two.")]);
        assert!(split_ascii_sentence_bound_indices("").is_empty());
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
            assert_eq!(split_ascii_sentence_bound_indices(&text), crate_split(&text), "{text:?}");
        }
        for b in 0u8..128 {
            for text in [format!("x.{}", b as char), format!("{}. a", b as char), format!("A. {}b", b as char)] {
                assert_eq!(split_ascii_sentence_bound_indices(&text), crate_split(&text), "{text:?}");
            }
        }
    }
}
