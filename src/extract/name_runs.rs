//! The capitalised runs of words that may hold a person's name, found in one forward scan.
//!
//! A run is what this pattern matches, leftmost first, one run after another:
//!
//! ```text
//! word ( [ \t]+ (particle [ \t]+)* word )*      word = \p{Lu}[\p{L}'’]*(-\p{Lu}[\p{L}'’]*)*\.?
//! ```
//!
//! ("Sen. Walt Brennan", "Marsha de Cordova", "Jean-Luc O’Neill"). It ran as a regex, with a
//! scan for capitals and an anchored search from each, and was the largest single cost of
//! finding names: some 200,000 searches over the BBC corpus. Every part of the pattern is
//! optional after its first word, every particle is lower case and no word is, so the
//! greedy reading is the only one: each word takes every letter it can, and a run takes
//! each next word that follows its blanks and particles, or stops. That is a few lines of
//! code reading each byte once. [`tests`] compares it with the regex.

use std::ops::Range;

use super::boundaries::CharClass;
use super::capitals::next_capital_or_non_ascii;

/// Lower-case words that join the words of a name: "Marsha de Cordova", "Ursula von der Leyen".
pub const PARTICLES: &[&str] = &[
    "de", "del", "della", "der", "den", "di", "da", "dos", "das", "du", "la", "le", "van", "von", "bin", "ibn", "al", "el", "ter", "ten", "af", "y", "ap", "ab",
    "ní", "nic", "ó",
];

/// The longest particle, in bytes.
const LONGEST_PARTICLE: usize = 5;

/// The scanner, with the Unicode letter and capital classes it needs beyond ASCII.
#[derive(Debug)]
pub struct NameRuns {
    letters: CharClass,
    capitals: CharClass,
}

impl Default for NameRuns {
    fn default() -> Self {
        NameRuns::new()
    }
}

impl NameRuns {
    pub fn new() -> NameRuns {
        NameRuns { letters: CharClass::new(r"\p{L}"), capitals: CharClass::new(r"\p{Lu}") }
    }

    /// The runs of `text`, in order.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        let mut at = 0;
        let mut words = Vec::new();
        std::iter::from_fn(move || {
            let run = self.next_run(text, at, &mut words)?;
            at = run.end;
            Some(run)
        })
    }

    /// The first run that starts at or after `from`, its words in `words` (what parting
    /// the run at its blanks gives: the words, particles included). The scan meets each
    /// word's ends anyway; the names' rules read the words, and parting the runs again
    /// cost them 1.3% of a run's time.
    pub fn next_run(&self, text: &str, from: usize, words: &mut Vec<Range<usize>>) -> Option<Range<usize>> {
        words.clear();
        let start = self.next_capital(text, from)?;
        Some(start..self.run_end(text, start, words))
    }

    /// Where the first capital letter at or after `from` is.
    fn next_capital(&self, text: &str, from: usize) -> Option<usize> {
        let mut at = from;
        loop {
            let i = next_capital_or_non_ascii(text.as_bytes(), at)?;
            if text.as_bytes()[i].is_ascii() {
                return Some(i);
            }
            let c = char_at(text, i).expect("the scan stops at the first byte of a character");
            if self.capitals.holds(c) {
                return Some(i);
            }
            at = i + c.len_utf8();
        }
    }

    /// The end of the run whose first word starts at `start`, a capital; its words are
    /// pushed onto `words`.
    fn run_end(&self, text: &str, start: usize, words: &mut Vec<Range<usize>>) -> usize {
        let mut end = self.word_end(text, start).expect("a run starts at a capital");
        words.push(start..end);
        loop {
            let mut at = skip_blanks(text, end);
            if at == end {
                return end;
            }
            let words_before_particles = words.len();
            while let Some(after) = particle_end(text, at) {
                words.push(at..after);
                at = skip_blanks(text, after);
            }
            match self.word_end(text, at) {
                Some(word_end) => {
                    words.push(at..word_end);
                    end = word_end;
                }
                None => {
                    // Particles that lead to no word are not the run's.
                    words.truncate(words_before_particles);
                    return end;
                }
            }
        }
    }

    /// The end of the word starting at `at`, if a capital starts one there.
    fn word_end(&self, text: &str, at: usize) -> Option<usize> {
        let first = self.capital_at(text, at)?;
        let mut end = self.skip_letters(text, at + first);
        // "-Luc": a hyphen and a capital go on; a hyphen before anything else ends the word.
        while text.as_bytes().get(end) == Some(&b'-') {
            let Some(capital) = self.capital_at(text, end + 1) else { break };
            end = self.skip_letters(text, end + 1 + capital);
        }
        if text.as_bytes().get(end) == Some(&b'.') {
            end += 1;
        }
        Some(end)
    }

    /// The length of the capital letter at `at`, if one is there.
    fn capital_at(&self, text: &str, at: usize) -> Option<usize> {
        // An ASCII byte is a character of its own: no decoding.
        let byte = *text.as_bytes().get(at)?;
        if byte.is_ascii() {
            return byte.is_ascii_uppercase().then_some(1);
        }
        let c = char_at(text, at)?;
        self.capitals.holds(c).then_some(c.len_utf8())
    }

    /// Past the letters and apostrophes from `at`.
    fn skip_letters(&self, text: &str, mut at: usize) -> usize {
        let bytes = text.as_bytes();
        while at < bytes.len() {
            let b = bytes[at];
            if b.is_ascii_alphabetic() || b == b'\'' {
                at += 1;
                continue;
            }
            if b.is_ascii() {
                break;
            }
            let c = char_at(text, at).expect("a lead byte starts a character");
            if c != '’' && !self.letters.holds(c) {
                break;
            }
            at += c.len_utf8();
        }
        at
    }
}

/// The character starting at byte `at`, if `at` is in the text.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

fn skip_blanks(text: &str, from: usize) -> usize {
    from + text.as_bytes()[from..].iter().take_while(|&&b| b == b' ' || b == b'\t').count()
}

/// The end of the particle at `at`: a particle must be followed by a blank.
fn particle_end(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // Most words after a name start with a letter no particle starts with.
    if !PARTICLE_STARTS[usize::from(*bytes.get(at)?)] {
        return None;
    }
    let window = &bytes[at..bytes.len().min(at + LONGEST_PARTICLE + 1)];
    let len = window.iter().position(|&b| b == b' ' || b == b'\t')?;
    let word = &window[..len];
    PARTICLES.iter().any(|particle| particle.as_bytes() == word).then_some(at + len)
}

/// The first bytes of [`PARTICLES`].
static PARTICLE_STARTS: [bool; 256] = {
    let mut starts = [false; 256];
    let mut i = 0;
    while i < PARTICLES.len() {
        starts[PARTICLES[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    starts
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The pattern the scanner reads, as a regex: the oracle.
    fn pattern() -> regex::Regex {
        let word = r"\p{Lu}[\p{L}'’]*(?:-\p{Lu}[\p{L}'’]*)*\.?";
        let particles = PARTICLES.join("|");
        regex::Regex::new(&format!(r"{word}(?:[ \t]+(?:(?:{particles})[ \t]+)*{word})*")).unwrap()
    }

    fn both(runs: &NameRuns, re: &regex::Regex, text: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        assert_words_are_parted_at_blanks(runs, text);
        (runs.find_iter(text).collect(), re.find_iter(text).map(|m| m.range()).collect())
    }

    /// Each run's words are the run parted at its spaces and tabs.
    fn assert_words_are_parted_at_blanks(runs: &NameRuns, text: &str) {
        let (mut at, mut words) = (0, Vec::new());
        while let Some(run) = runs.next_run(text, at, &mut words) {
            let parted: Vec<&str> = text[run.clone()].split([' ', '\t']).filter(|w| !w.is_empty()).collect();
            assert_eq!(words.iter().map(|w| &text[w.clone()]).collect::<Vec<_>>(), parted, "{text:?}");
            at = run.end;
        }
    }

    #[test]
    fn runs_hold_names_with_particles_hyphens_and_titles() {
        let text = "Sen. Walt Brennan met Marsha de Cordova, Ursula von der Leyen and Jean-Luc O’Neill. Élodie Ní Bhraonáin said: Zoë–Ösel ΣΑΣ";
        let runs = NameRuns::new();
        let found: Vec<&str> = runs.find_iter(text).map(|r| &text[r]).collect();
        assert_eq!(found, ["Sen. Walt Brennan", "Marsha de Cordova", "Ursula von der Leyen", "Jean-Luc O’Neill. Élodie Ní Bhraonáin", "Zoë", "Ösel ΣΑΣ"]);
        let (fast, plain) = both(&runs, &pattern(), text);
        assert_eq!(fast, plain);
    }

    #[test]
    fn particles_blanks_and_hyphens_that_lead_nowhere_end_the_run() {
        let runs = NameRuns::new();
        let found = |text: &'static str| runs.find_iter(text).map(|r| &text[r]).collect::<Vec<_>>();
        assert_eq!(found("Ursula von der said"), ["Ursula"]);
        let mut words = Vec::new();
        assert_eq!(runs.next_run("Ursula von der said", 0, &mut words), Some(0..6));
        assert_eq!(words.len(), 1, "the particles that lead nowhere are no words of the run");
        assert_eq!(found("Anna del\tToro and Anna dell Toro"), ["Anna del\tToro", "Anna", "Toro"]);
        assert_eq!(found("Smith-jones Smith- Jones"), ["Smith", "Smith", "Jones"]);
        assert_eq!(found("Anna de\nCruz"), ["Anna", "Cruz"]);
        assert_eq!(found("no capitals here"), Vec::<&str>::new());
    }

    #[test]
    fn generated_texts_give_the_regex_matches() {
        const PIECES: &[&str] = &[
            "A", "b", "É", "é", "Σ", "σ", "ǅ", "ª", "\u{301}", " ", "\t", "-", ".", "'", "’", "de ", "del", "della ", "von ", "ní ", "ó ", "Ó", "y", "£", "1", "\n", "x",
        ];
        let (runs, re) = (NameRuns::new(), pattern());
        for text in crate::generated::texts(PIECES, 50_000, 16) {
            let (fast, plain) = both(&runs, &re, &text);
            assert_eq!(fast, plain, "{text:?}");
        }
    }

    #[test]
    fn the_bundled_corpus_gives_the_regex_matches() {
        let (runs, re) = (NameRuns::new(), pattern());
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut read = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let (fast, plain) = both(&runs, &re, &text);
            assert_eq!(fast, plain);
            read += 1;
        }
        assert!(read >= 10);
    }

    #[test]
    fn classes_hold_what_the_regex_classes_hold() {
        let (letters, capitals) = (CharClass::new(r"\p{L}"), CharClass::new(r"\p{Lu}"));
        let (l, lu) = (regex::Regex::new(r"^\p{L}$").unwrap(), regex::Regex::new(r"^\p{Lu}$").unwrap());
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(letters.holds(c), l.is_match(&s), "{c:?}");
            assert_eq!(capitals.holds(c), lu.is_match(&s), "{c:?}");
        }
    }
}
