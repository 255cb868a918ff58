//! The word lists the rules read: parties, titles, reporting verbs, first names,
//! constituencies, and the capitalised words that are never part of a person's name.
//!
//! They are data, not code, so that a user can extend them without recompiling: the
//! files in `data/` are built into the binary, and `--data DIR` adds the rows of any
//! file of the same name found in `DIR` (see README, "Extending the word lists").
//! Every file is UTF-8 TSV; `#` starts a comment line; blank lines are ignored.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rustc_hash::FxBuildHasher;

/// A word list keyed by word. The keys come from the lists, never from an article (an
/// article's words are only looked up), so the fast hash is safe, and it matters: the
/// name rules look up every capitalised word of every article several times.
pub type WordMap<V> = HashMap<String, V, FxBuildHasher>;
/// A set of words; see [`WordMap`].
pub type WordSet = HashSet<String, FxBuildHasher>;

/// Gender as far as a title or first name tells it, for pronoun resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Female,
    Male,
    Unknown,
}

impl Gender {
    fn parse(s: &str) -> Gender {
        match s.trim() {
            "f" | "F" => Gender::Female,
            "m" | "M" => Gender::Male,
            _ => Gender::Unknown,
        }
    }
}

/// What the first-name, organisation, never-a-name and title lists say of one word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordFacts {
    pub first_name: Option<Gender>,
    pub org_word: bool,
    pub not_name: bool,
    /// The word is a one-word title (written without its full stop), of this gender.
    pub title: Option<Gender>,
    /// Some two-word title starts with this word ("Prime" of "Prime Minister"): only then
    /// is [`Lexicon::two_word_title`] worth asking.
    pub opens_two_word_title: bool,
}

/// A title before a name: an honorific ("Dr", "Mrs") or an office ("Senator", "Mayor").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub gender: Gender,
    /// Offices ("Mayor", "President") may be followed by "of X" before the name.
    pub is_office: bool,
}

/// One written form of a party and the canonical name it maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyForm {
    pub form: String,
    pub canonical: String,
    /// Short forms ("Lab", "D") that count only inside brackets: "Stephen Doughty (Lab)".
    pub bracket_only: bool,
}

/// All word lists, loaded once and shared by every article.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub parties: Vec<PartyForm>,
    /// Keyed by the title without its full stop, as written ("Dr", "Sen", "Mayor").
    pub titles: WordMap<Title>,
    /// Reporting verb form -> lemma ("said" -> "say").
    pub reporting_verbs: WordMap<String>,
    pub first_names: WordMap<Gender>,
    pub constituencies: Vec<String>,
    /// The same names, for membership tests.
    pub constituency_set: WordSet,
    /// Words that make a capitalised run an organisation or place ("Council", "Street").
    pub org_words: WordSet,
    /// Capitalised words that never belong to a person's name ("The", "Monday").
    pub not_names: WordSet,
    /// The three lists above by word, so that [`Lexicon::facts`] answers for all of them
    /// with one lookup: the name rules ask about every capitalised word of every article.
    /// Kept by `add_file`, which fills the lists.
    facts: FactsTable,
    /// The short ASCII forms of [`Lexicon::reporting_verbs`] as [`FactsTable::short_key`]s:
    /// the quote and name rules ask of nearly every word near a quotation whether it is
    /// one, and lowering, hashing and comparing it as a string took 36 ns a word. Kept by
    /// `add_file` with the map.
    verb_keys: HashSet<u128, FxBuildHasher>,
}


/// [`WordFacts`] by word. A word of up to 15 bytes is keyed by an integer holding its
/// bytes, so a lookup compares two integers where a string key compared bytes behind a
/// pointer (that comparison was most of the lookup, a tenth of the time of an article
/// with quotes); longer words keep their string.
#[derive(Debug, Clone, Default)]
struct FactsTable {
    short: HashMap<u128, WordFacts, FxBuildHasher>,
    long: WordMap<WordFacts>,
}

impl FactsTable {
    /// A word of up to 15 bytes as one integer: its bytes, then its length in the last
    /// byte, so that no two words share one. Read as two (possibly overlapping) loads of
    /// eight or four bytes: copying the word into a zeroed array cost as much as the
    /// lookup itself.
    fn short_key(word: &str) -> Option<u128> {
        let bytes = word.as_bytes();
        let len = bytes.len();
        let eight = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
        let four = |at: usize| u64::from(u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes")));
        let (low, high) = match len {
            16.. => return None,
            // The second load ends at the word's end; shifted down, it holds bytes 8.. only.
            9..=15 => (eight(0), eight(len - 8) >> (8 * (16 - len))),
            8 => (eight(0), 0),
            // Two loads that overlap agree on the bytes they share.
            4..=7 => (four(0) | four(len - 4) << (8 * (len - 4)), 0),
            _ => (bytes.iter().rev().fold(0, |key, &b| key << 8 | u64::from(b)), 0),
        };
        Some(u128::from(low) | u128::from(high) << 64 | (len as u128) << 120)
    }

    fn get(&self, word: &str) -> Option<&WordFacts> {
        match FactsTable::short_key(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
    }

    fn entry(&mut self, word: &str) -> &mut WordFacts {
        match FactsTable::short_key(word) {
            Some(key) => self.short.entry(key).or_default(),
            None => self.long.entry(word.to_string()).or_default(),
        }
    }
}

/// A word-list file that could not be read or has a malformed line.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read word list {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{file} line {line}: {message}")]
    Malformed { file: String, line: usize, message: String },
}

const PARTIES: &str = include_str!("../data/parties.tsv");
const TITLES: &str = include_str!("../data/titles.tsv");
const REPORTING_VERBS: &str = include_str!("../data/reporting_verbs.tsv");
const FIRST_NAMES: &str = include_str!("../data/first_names.tsv");
const CONSTITUENCIES: &str = include_str!("../data/constituencies.tsv");
const ORG_WORDS: &str = include_str!("../data/org_words.tsv");
const NOT_NAMES: &str = include_str!("../data/not_names.tsv");

/// The file names a `--data` folder may hold.
pub const FILE_NAMES: [&str; 7] = [
    "parties.tsv",
    "titles.tsv",
    "reporting_verbs.tsv",
    "first_names.tsv",
    "constituencies.tsv",
    "org_words.tsv",
    "not_names.tsv",
];

impl Lexicon {
    /// The lists built into the binary.
    pub fn builtin() -> Lexicon {
        let mut lex = Lexicon::default();
        let builtin = [PARTIES, TITLES, REPORTING_VERBS, FIRST_NAMES, CONSTITUENCIES, ORG_WORDS, NOT_NAMES];
        for (name, body) in FILE_NAMES.iter().zip(builtin) {
            lex.add_file(name, body).expect("built-in word lists are well formed (tested)");
        }
        lex
    }

    /// The built-in lists plus the rows of every known file found in `dir`.
    pub fn with_extra_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::builtin();
        for name in FILE_NAMES {
            let path = dir.join(name);
            if !path.exists() {
                continue;
            }
            let body = std::fs::read_to_string(&path).map_err(|source| LexiconError::Read { path: path.clone(), source })?;
            lex.add_file(name, &body)?;
        }
        Ok(lex)
    }

    fn add_file(&mut self, name: &str, body: &str) -> Result<(), LexiconError> {
        for (i, line) in body.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let bad = |message: &str| LexiconError::Malformed { file: name.to_string(), line: i + 1, message: message.to_string() };
            match name {
                "parties.tsv" => {
                    if cols.len() < 2 || cols[0].is_empty() || cols[1].is_empty() {
                        return Err(bad("expected: canonical<TAB>form[<TAB>bracket]"));
                    }
                    let bracket_only = cols.get(2).is_some_and(|s| *s == "bracket");
                    self.parties.push(PartyForm { form: cols[1].into(), canonical: cols[0].into(), bracket_only });
                }
                "titles.tsv" => {
                    if cols.len() < 3 {
                        return Err(bad("expected: title<TAB>gender (f, m or -)<TAB>honorific|office"));
                    }
                    let title = Title { gender: Gender::parse(cols[1]), is_office: cols[2] == "office" };
                    let key = cols[0].trim_end_matches('.');
                    match key.split_once(' ') {
                        Some((first, _)) => self.facts.entry(first).opens_two_word_title = true,
                        None => self.facts.entry(key).title = Some(title.gender),
                    }
                    self.titles.insert(key.to_string(), title);
                }
                "reporting_verbs.tsv" => {
                    if cols.len() < 2 {
                        return Err(bad("expected: form<TAB>lemma"));
                    }
                    let form = cols[0].to_lowercase();
                    if let Some(key) = FactsTable::short_key(&form).filter(|_| form.is_ascii()) {
                        self.verb_keys.insert(key);
                    }
                    self.reporting_verbs.insert(form, cols[1].to_lowercase());
                }
                "first_names.tsv" => {
                    let gender = cols.get(1).map_or(Gender::Unknown, |g| Gender::parse(g));
                    self.first_names.insert(cols[0].to_string(), gender);
                    self.facts.entry(cols[0]).first_name = Some(gender);
                }
                "constituencies.tsv" => {
                    if cols[0].is_empty() {
                        return Err(bad("expected: a constituency name in the first column"));
                    }
                    self.constituencies.push(cols[0].to_string());
                    self.constituency_set.insert(cols[0].to_string());
                }
                "org_words.tsv" => {
                    self.org_words.insert(cols[0].to_string());
                    self.facts.entry(cols[0]).org_word = true;
                }
                "not_names.tsv" => {
                    self.not_names.insert(cols[0].to_string());
                    self.facts.entry(cols[0]).not_name = true;
                }
                _ => unreachable!("FILE_NAMES lists every file"),
            }
        }
        Ok(())
    }

    /// What the first-name, organisation, never-a-name and title lists say of `word`, as
    /// written.
    pub fn facts(&self, word: &str) -> WordFacts {
        self.facts.get(word).copied().unwrap_or_default()
    }

    /// Whether `word`, in any case, is a reporting verb form ("Said", "SAYS").
    pub fn is_reporting_verb(&self, word: &str) -> bool {
        // A short ASCII word lowers to a short ASCII form, which `verb_keys` holds if
        // any list row is that form.
        match FactsTable::short_key(word).filter(|&key| key_is_ascii(key)) {
            Some(key) => self.verb_keys.contains(&ascii_lowercase_key(key)),
            None => with_ascii_lowercase(word, |lower| self.reporting_verbs.contains_key(lower)),
        }
    }

    /// Whether `first second`, in any case, is a two-word reporting verb ("pointed out").
    pub fn is_reporting_verb_pair(&self, first: &str, second: &str) -> bool {
        with_joined(first, second, |pair| self.is_reporting_verb(pair))
    }

    /// The title written as two words ("Lt Gov", "Prime Minister"), if `first second` is one.
    pub fn two_word_title(&self, first: &str, second: &str) -> Option<&Title> {
        with_joined(first, second, |title| self.titles.get(title))
    }

    /// The canonical name of a party form, ignoring a trailing possessive.
    pub fn canonical_party(&self, form: &str) -> Option<&str> {
        let bare = strip_possessive(form);
        self.parties.iter().find(|p| p.form == bare).map(|p| p.canonical.as_str())
    }
}

/// Every byte of the word in a [`FactsTable::short_key`] is ASCII (the length byte is
/// below 16).
fn key_is_ascii(key: u128) -> bool {
    key & u128::from_le_bytes([0x80; 16]) == 0
}

/// A [`FactsTable::short_key`] of ASCII bytes with "A" to "Z" lowered: the key of the
/// word in lower case. Each byte is compared with the bounds in its own lane; as every
/// byte is below 0x80, adding to its low seven bits never carries into the next one.
fn ascii_lowercase_key(key: u128) -> u128 {
    let lanes = |byte: u8| u128::from_le_bytes([byte; 16]);
    let at_least_a = key + lanes(0x80 - b'A');
    let above_z = key + lanes(0x80 - b'Z' - 1);
    let upper = at_least_a & !above_z & lanes(0x80);
    key | upper >> 2
}

/// Calls `f` with `first second`, built on the stack when short.
fn with_joined<T>(first: &str, second: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buffer = [0u8; 64];
    let len = first.len() + 1 + second.len();
    if len > buffer.len() {
        return f(&format!("{first} {second}"));
    }
    buffer[..first.len()].copy_from_slice(first.as_bytes());
    buffer[first.len()] = b' ';
    buffer[first.len() + 1..len].copy_from_slice(second.as_bytes());
    f(std::str::from_utf8(&buffer[..len]).expect("two strings and a space"))
}

/// Calls `f` with `word` in lower case; a short ASCII word (nearly every word of a news
/// article) is lowered on the stack instead of in a new string, as name and quote rules
/// do this for every capitalised word.
pub fn with_ascii_lowercase<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buffer = [0u8; 32];
    if word.len() > buffer.len() || !word.is_ascii() {
        return f(&word.to_lowercase());
    }
    let lower = &mut buffer[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    f(std::str::from_utf8(lower).expect("ASCII stays ASCII"))
}

/// "Labour's" -> "Labour", "Democrats’" -> "Democrats": the word without a final "'s",
/// "’s", "'" or "’". The name rules ask this of every word of every capitalised run,
/// several times; read from the last bytes, it compares no strings.
pub fn strip_possessive(word: &str) -> &str {
    let bytes = word.as_bytes();
    let before_s = match bytes.last() {
        Some(b's') => bytes.len() - 1,
        _ => bytes.len(),
    };
    let head = &bytes[..before_s];
    if head.ends_with(b"'") {
        &word[..before_s - 1]
    } else if head.ends_with("’".as_bytes()) {
        &word[..before_s - "’".len()]
    } else {
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_load_and_are_not_empty() {
        let lex = Lexicon::builtin();
        assert!(lex.parties.len() > 50);
        assert!(lex.first_names.len() > 1000);
        assert!(lex.reporting_verbs.contains_key("said"));
        assert!(lex.titles.contains_key("Dr"));
        assert!(lex.constituencies.iter().any(|c| c == "Ealing Central and Acton"));
    }

    #[test]
    fn party_forms_map_to_canonical_names() {
        let lex = Lexicon::builtin();
        for (form, canonical) in [
            ("Tory", "Conservative"),
            ("Conservatives'", "Conservative"),
            ("Lib Dems", "Liberal Democrats"),
            ("Green Party", "Green"),
            ("Labour's", "Labour"),
            ("Democrat", "Democratic"),
            ("GOP", "Republican"),
        ] {
            assert_eq!(lex.canonical_party(form), Some(canonical), "{form}");
        }
        assert_eq!(lex.canonical_party("Tesco"), None);
    }

    /// The one lookup answers as the lists do, for every word in them (built in, and
    /// added from a `--data` folder) and for words in none.
    #[test]
    fn facts_agree_with_the_lists() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("first_names.tsv"), "Zebedee\tm\nMarch\tf\n").unwrap();
        std::fs::write(dir.path().join("org_words.tsv"), "Zebedee\n").unwrap();
        std::fs::write(dir.path().join("titles.tsv"), "Zebedee\tf\thonorific\nHigh Sheriff\t-\toffice\nDr\tf\thonorific\n").unwrap();
        for lex in [Lexicon::builtin(), Lexicon::with_extra_dir(dir.path()).unwrap()] {
            let title_words: Vec<&str> = lex.titles.keys().flat_map(|t| t.split(' ')).collect();
            let words = lex.first_names.keys().chain(&lex.org_words).chain(&lex.not_names).map(String::as_str).chain(title_words);
            for word in words.chain(["Blair", "", "the", "Éclair", "Abcdefghijklmno", "Abcdefghijklmnop", "Mary\0", "Mary\0\0", "Prime", "Minister"]) {
                let expected = WordFacts {
                    first_name: lex.first_names.get(word).copied(),
                    org_word: lex.org_words.contains(word),
                    not_name: lex.not_names.contains(word),
                    title: lex.titles.get(word).filter(|_| !word.contains(' ')).map(|t| t.gender),
                    opens_two_word_title: lex.titles.keys().any(|t| t.split_once(' ').is_some_and(|(first, _)| first == word)),
                };
                assert_eq!(lex.facts(word), expected, "{word}");
            }
        }
        let extended = Lexicon::with_extra_dir(dir.path()).unwrap();
        assert_eq!(extended.facts("Zebedee"), WordFacts { first_name: Some(Gender::Male), org_word: true, title: Some(Gender::Female), ..WordFacts::default() });
        assert!(extended.facts("High").opens_two_word_title && extended.facts("Prime").opens_two_word_title);
        assert_eq!(extended.facts("Dr").title, Some(Gender::Female), "a title added again takes its new gender");
        assert_eq!(Lexicon::builtin().facts("Dr").title, Some(Gender::Unknown));
    }

    #[test]
    fn a_short_key_holds_the_bytes_then_the_length() {
        let plain = |word: &str| {
            let mut key = [0u8; 16];
            key[..word.len()].copy_from_slice(word.as_bytes());
            key[15] = word.len() as u8;
            u128::from_le_bytes(key)
        };
        let letters = "Abcdefghijklmnopqrst";
        for len in 0..16 {
            assert_eq!(FactsTable::short_key(&letters[..len]), Some(plain(&letters[..len])), "{len}");
        }
        assert_eq!(FactsTable::short_key(&letters[..16]), None);
        for word in ["Zoë", "Éclair", "O’Neill", "Ní Bhriain", "\u{ff}\u{fe}"] {
            assert_eq!(FactsTable::short_key(word), (word.len() < 16).then(|| plain(word)), "{word}");
        }
    }

    #[test]
    fn words_of_every_length_keep_their_own_facts() {
        let mut table = FactsTable::default();
        let words: Vec<String> = (0..20).map(|n| "a".repeat(n)).chain((0..20).map(|n| format!("{}\0", "a".repeat(n)))).collect();
        for (i, word) in words.iter().enumerate() {
            table.entry(word).org_word = i % 2 == 0;
            table.entry(word).not_name = i % 3 == 0;
        }
        for (i, word) in words.iter().enumerate() {
            assert_eq!(table.get(word).map(|f| (f.org_word, f.not_name)), Some((i % 2 == 0, i % 3 == 0)), "{word:?}");
        }
        assert!(table.get("b").is_none() && table.get(&"a".repeat(30)).is_none());
        assert_eq!(table.short.len() + table.long.len(), words.len());
    }

    #[test]
    fn lowered_keys_are_the_keys_of_lowered_words() {
        // Every ASCII byte, the letters' bounds above all, in every position.
        for byte in 0..0x80u8 {
            for len in 1..16 {
                for at in 0..len {
                    let mut word = vec![b'm'; len];
                    word[at] = byte;
                    let word = String::from_utf8(word).unwrap();
                    let key = FactsTable::short_key(&word).unwrap();
                    assert!(key_is_ascii(key));
                    assert_eq!(ascii_lowercase_key(key), FactsTable::short_key(&word.to_ascii_lowercase()).unwrap(), "{word:?}");
                }
            }
        }
        assert!(!key_is_ascii(FactsTable::short_key("Saïd").unwrap()));
    }

    #[test]
    fn reporting_verbs_are_found_in_any_case_as_the_list_says() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("reporting_verbs.tsv"), "DÉCLARA\tdéclarer\nsnapped back at\tsnap back\nrejoindered-in-writing\trejoinder\n").unwrap();
        let lex = Lexicon::with_extra_dir(dir.path()).unwrap();
        let forms: Vec<&String> = lex.reporting_verbs.keys().collect();
        let mut words: Vec<String> = vec!["".into(), "x".repeat(40), "Table".into(), "saïd".into(), "Said.".into()];
        for form in forms {
            words.extend([form.clone(), form.to_uppercase(), form.to_ascii_uppercase()]);
            let mut chars = form.chars();
            words.extend(chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()));
        }
        for word in &words {
            assert_eq!(lex.is_reporting_verb(word), lex.reporting_verbs.contains_key(&word.to_lowercase()), "{word}");
        }
        assert!(lex.is_reporting_verb("Déclara") && lex.is_reporting_verb("SNAPPED BACK AT") && lex.is_reporting_verb("Rejoindered-In-Writing"));
    }

    #[test]
    fn lookups_without_allocating_agree_with_plain_ones() {
        let lex = Lexicon::builtin();
        for word in ["Said", "SAYS", "said", "Told", "Table", "Éclair", "x".repeat(40).as_str(), ""] {
            assert_eq!(lex.is_reporting_verb(word), lex.reporting_verbs.contains_key(&word.to_lowercase()), "{word}");
        }
        assert!(lex.two_word_title("Prime", "Minister").is_some());
        assert!(lex.two_word_title("Lt", "Gov").is_some());
        assert!(lex.two_word_title("Table", "Cloth").is_none());
        assert!(lex.is_reporting_verb_pair("Pointed", "out") && !lex.is_reporting_verb_pair("pointed", "at"));
        assert!(lex.two_word_title(&"y".repeat(40), &"z".repeat(40)).is_none());
        assert_eq!(with_ascii_lowercase("ÀB", str::to_string), "àb");
        assert_eq!(with_ascii_lowercase("AB", str::to_string), "ab");
    }

    #[test]
    fn a_possessive_ending_is_dropped_as_the_four_suffixes_say() {
        fn by_suffix(word: &str) -> &str {
            ["'s", "’s", "'", "’"].iter().find_map(|suffix| word.strip_suffix(suffix)).unwrap_or(word)
        }
        let pieces = ["s", "S", "'", "’", "‘", "Labour", "é", "x", " ", "’s", "'s"];
        for word in crate::generated::texts(&pieces, 20_000, 5) {
            assert_eq!(strip_possessive(&word), by_suffix(&word), "{word:?}");
        }
        assert_eq!(strip_possessive("Democrats’"), "Democrats");
        assert_eq!(strip_possessive("Jones"), "Jones");
        assert_eq!(strip_possessive(""), "");
    }

    #[test]
    fn extra_dir_adds_rows() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("parties.tsv"), "Yorkshire Party\tYorkshire Party\nYorkshire Party\tYP\tbracket\n").unwrap();
        let lex = Lexicon::with_extra_dir(dir.path()).unwrap();
        assert_eq!(lex.canonical_party("Yorkshire Party"), Some("Yorkshire Party"));
        assert!(lex.parties.iter().any(|p| p.form == "YP" && p.bracket_only));
    }

    #[test]
    fn malformed_line_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("titles.tsv"), "# ok\nDr\n").unwrap();
        let err = Lexicon::with_extra_dir(dir.path()).unwrap_err().to_string();
        assert!(err.contains("titles.tsv line 2"), "{err}");
        std::fs::remove_file(dir.path().join("titles.tsv")).unwrap();
        std::fs::write(dir.path().join("constituencies.tsv"), "Northmere\n\tsouth\n").unwrap();
        let err = Lexicon::with_extra_dir(dir.path()).unwrap_err().to_string();
        assert!(err.contains("constituencies.tsv line 2"), "{err}");
    }
}
