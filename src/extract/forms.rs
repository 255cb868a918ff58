//! Every leftmost-longest match of a list of written forms (party names, constituency
//! names), without walking an automaton over every byte of the text.
//!
//! A match starts at a byte some form starts with (a capital letter, for the built-in
//! lists), so only those bytes are tried, each with an anchored search: the first that
//! matches is the leftmost match, and the anchored search gives its longest form. Three
//! tables turn most capitals away before the search: the bytes forms start with, the
//! pairs of bytes they start with ("La", "Co", but not "Mr"), and their first four
//! bytes ("Labo", "Cons", but not "Come"). The last cut the searches of both lists
//! from 384,000 to 99,700 over the bench's 10,000 articles (12,600 match); the
//! instructions went down 0.4% over its election reports, 0.06% over the others.

pub use aho_corasick::AhoCorasickKind;
use aho_corasick::{AhoCorasick, Anchored, Input, Match, MatchKind, StartKind};

use super::capitals::next_capital_or_non_ascii;

/// The compiled forms.
#[derive(Debug)]
pub struct FormSearch {
    /// Anchored searches only: it is only ever started at a form's first byte.
    automaton: AhoCorasick,
    /// The bytes a form starts with.
    starts: [bool; 256],
    /// Every form starts with a capital or a non-ASCII letter (the built-in ones do), so
    /// the scan for first bytes may skip eight bytes at a time.
    starts_are_capitals: bool,
    /// The first two bytes of every form, as bits (a form of one byte allows any second).
    pairs: Vec<u64>,
    /// The first four bytes of every form, or all of a shorter one, as bits of a hash
    /// ([`head_bit`]): a filter that may let a head through that no form has, never the
    /// other way. (Four hash sets, one per length, cost a look-up each.)
    heads: Vec<u64>,
    /// By length less one: whether some form's head has that length (a head is a whole
    /// form of up to three bytes, or the first four of a longer one).
    head_lengths: [bool; 4],
}

impl FormSearch {
    /// `forms` must not be empty strings; a match's pattern is the form's index.
    /// `kind`: a DFA reads a byte fastest while its table is in the cache; a contiguous
    /// NFA is a twentieth of its size, and for searches of a few bytes between other
    /// work it was no slower (see `parties`).
    pub fn new<'a>(forms: impl IntoIterator<Item = &'a str>, kind: AhoCorasickKind) -> FormSearch {
        let forms: Vec<&str> = forms.into_iter().collect();
        assert!(forms.iter().all(|f| !f.is_empty()), "a form is never empty");
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(kind))
            .start_kind(StartKind::Anchored)
            .build(&forms)
            .expect("the forms build an automaton");
        let mut starts = [false; 256];
        let mut pairs = vec![0u64; 65536 / 64];
        for form in &forms {
            let bytes = form.as_bytes();
            starts[usize::from(bytes[0])] = true;
            let seconds = match bytes.get(1) {
                Some(&second) => second..=second,
                None => 0..=255,
            };
            for second in seconds {
                let pair = pair_index(bytes[0], second);
                pairs[pair / 64] |= 1 << (pair % 64);
            }
        }
        let starts_are_capitals = (0..=255u8).all(|b| !starts[usize::from(b)] || b.is_ascii_uppercase() || !b.is_ascii());
        let mut heads = vec![0u64; HEAD_BITS / 64];
        let mut head_lengths = [false; 4];
        for form in &forms {
            let head = &form.as_bytes()[..form.len().min(4)];
            let bit = head_bit(head);
            heads[bit / 64] |= 1 << (bit % 64);
            head_lengths[head.len() - 1] = true;
        }
        FormSearch { automaton, starts, starts_are_capitals, pairs, heads, head_lengths }
    }

    /// Every match in `text`, in order, as an unanchored leftmost-longest search of the
    /// forms finds them.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Match> + 'a {
        let bytes = text.as_bytes();
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < bytes.len() {
                let start = self.next_start(bytes, at)?;
                if bytes.get(start + 1).is_some_and(|&second| !self.starts_pair(bytes[start], second)) || !self.starts_head(&bytes[start..]) {
                    at = start + 1;
                    continue;
                }
                match self.automaton.find(Input::new(text).range(start..).anchored(Anchored::Yes)) {
                    Some(m) => {
                        at = m.end();
                        return Some(m);
                    }
                    None => at = start + 1,
                }
            }
            None
        })
    }

    /// Whether some form starts with these two bytes.
    fn starts_pair(&self, first: u8, second: u8) -> bool {
        let pair = pair_index(first, second);
        self.pairs[pair / 64] & (1 << (pair % 64)) != 0
    }

    /// Whether `rest` may start with the first four bytes of some form, or with the whole
    /// of a shorter one: false only if it does not.
    fn starts_head(&self, rest: &[u8]) -> bool {
        let holds = |bit: usize| self.heads[bit / 64] & (1 << (bit % 64)) != 0;
        (0..4).any(|shorter| self.head_lengths[shorter] && rest.get(..=shorter).is_some_and(|head| holds(head_bit(head))))
    }

    /// The first byte at or after `from` that some form starts with.
    fn next_start(&self, bytes: &[u8], from: usize) -> Option<usize> {
        if !self.starts_are_capitals {
            return bytes[from..].iter().position(|&b| self.starts[usize::from(b)]).map(|k| from + k);
        }
        let mut at = from;
        loop {
            let i = next_capital_or_non_ascii(bytes, at)?;
            if self.starts[usize::from(bytes[i])] {
                return Some(i);
            }
            at = i + 1;
        }
    }
}

/// The bits of [`FormSearch::heads`]: 8 KB. The built-in lists set a few hundred (the
/// parties) or about a thousand (the constituencies), so that a head no form has passes
/// once in 60 or fewer.
const HEAD_BITS: usize = 1 << 16;

/// The bit of up to four bytes in [`FormSearch::heads`]: a multiplicative hash of the
/// bytes and their number.
fn head_bit(head: &[u8]) -> usize {
    let packed = head.iter().fold(head.len() as u64, |n, &b| n << 8 | u64::from(b));
    (packed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - HEAD_BITS.trailing_zeros())) as usize
}

/// The bit of a pair of bytes in [`FormSearch::pairs`].
fn pair_index(first: u8, second: u8) -> usize {
    usize::from(first) << 8 | usize::from(second)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each match as its span and form index.
    type Found = Vec<(std::ops::Range<usize>, usize)>;

    fn both(forms: &[&str], text: &str) -> (Found, Found) {
        let fast = FormSearch::new(forms.iter().copied(), AhoCorasickKind::DFA);
        let small = FormSearch::new(forms.iter().copied(), AhoCorasickKind::ContiguousNFA);
        assert!(small.find_iter(text).eq(fast.find_iter(text)), "{text:?}");
        let plain = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(forms).unwrap();
        (
            fast.find_iter(text).map(|m| (m.range(), m.pattern().as_usize())).collect(),
            plain.find_iter(text).map(|m| (m.range(), m.pattern().as_usize())).collect(),
        )
    }

    #[test]
    fn generated_texts_give_the_unanchored_matches() {
        // Capitals, a one-byte form, a lower-case form (the byte-by-byte scan), forms that
        // are prefixes of others and forms that overlap.
        let lists: [&[&str]; 3] = [&["Lab", "Labour", "Labour Party", "Lib Dem", "Lib Dems", "Green", "Green Party", "SNP", "Éire", "Ab", "Abc Def"], &["X", "Xa", "Lab"], &["lab", "Lab", "abour", "Labo"]];
        const PIECES: &[&str] = &["Lab", "Labour", " Party", "Party", "Lib", " Dem", "Dems", "Green", "SNP", "Éire", "É", "Ab", "c", " Def", "X", "x", "a", " ", "-", "our", "lab"];
        for forms in lists {
            for text in crate::generated::texts(PIECES, 20_000, 10) {
                let (fast, plain) = both(forms, &text);
                assert_eq!(fast, plain, "{forms:?} {text:?}");
            }
        }
        assert!(!FormSearch::new(["lab", "Lab"], AhoCorasickKind::DFA).starts_are_capitals);
        assert!(FormSearch::new(["Lab", "Éire"], AhoCorasickKind::DFA).starts_are_capitals);
    }
}
