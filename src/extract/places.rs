//! Contest areas: the constituencies, wards, districts and states an article's contests
//! are fought in.
//!
//! Two sources. The names in `data/constituencies.tsv` (every UK Westminster seat of the
//! 2017, 2019 and 2024 boundaries, and the US states; users add their own) are found as
//! whole words, longest first ("Ealing Central and Acton", not "Ealing"). And names the
//! text itself marks as an area, whatever they are: "the Harbridge and Wyvern seat",
//! "Ashdown ward", "MP for Putney", "has won Northmere", "the 23rd Congressional
//! District", "In St Anne's, ..."; once marked, a name counts wherever it appears.

use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use super::boundaries::{self, WordRegex};
use super::forms::{AhoCorasickKind, FormSearch};

use crate::extract::figures::PlaceMention;
use crate::lexicon::Lexicon;

/// A capitalised name of one or more words, joined by "and", "&", "upon", "on", "in",
/// "of" or hyphens ("Harbridge and Wyvern", "Newcastle upon Tyne", "St Anne's").
const NAME: &str = r"\p{Lu}[\p{L}'’.-]*(?:(?:\x20and\x20|\x20&\x20|\x20upon\x20|\x20on\x20|\x20in\x20|\x20of\x20|\x20)\p{Lu}[\p{L}'’-]*){0,5}";

/// The ways a text marks a name as an area, in order of preference; each pattern's one
/// group is the name. They were one pattern of ten alternatives, but its capture state
/// (ten groups over every state of its Unicode form) cost 3.4 MB per thread; as ten
/// patterns of one group they cost a fraction, and [`MarkedAreas`] makes the same choice
/// between them that the one pattern made.
static MARKED: LazyLock<[MarkedPattern; 10]> = LazyLock::new(|| {
    [
        (format!(r"(?:\b[Tt]he\ )?({NAME})\ (?:seat|constituency|ward|division|by-election|parish|borough\ council|district\ council)\b"), SEAT_WORDS),
        (format!(r"\b(?:seat|constituency|ward|division|district)\ of\ ({NAME})"), &[]),
        (format!(r"\b(?:MP|MPs|MSP|MS|AM|councillor|candidate|member|Member\ of\ Parliament|mayor|Mayor)\ for\ ({NAME})"), &[]),
        (format!(r"\b(?:has\ |have\ |had\ )?(?:won|held|held\ on\ to|holding\ on\ to|hung\ on\ to|retained|gained|captured|regained|lost|took|taken|carried|flipped)\ ({NAME})\b"), &[]),
        (format!(r"\b(?:[Mm]ayor|MP|[Cc]ouncil|[Bb]orough)\ of\ ({NAME})"), &[]),
        (r"\b(\d+(?:st|nd|rd|th)\ (?:Congressional\ |State\ House\ |State\ Senate\ |Assembly\ |Council\ |Senate\ |House\ )?District)\b".to_string(), &[]),
        (r"\b(District\ \d+)\b".to_string(), &[]),
        (format!(r"\b({NAME}\ (?:County|Parish|Township|City|Community\ School\ District|School\ District|Unified\ School\ District))\b"), COUNTY_WORDS),
        (format!(r"({NAME})\ \((?:[\p{{L}}]+\ )?(?:hold|gain|HOLD|GAIN)\b"), &[]),
        (format!(r"(?:^|[.!?]\ |\n)In\ ({NAME}),"), &[]),
    ]
    .map(|(pattern, needs)| MarkedPattern::new(pattern, needs))
});

/// What the first [`MARKED`] pattern cannot match without: "the Harbridge seat".
const SEAT_WORDS: &[&str] = &["seat", "constituency", "ward", "division", "by-election", "parish", "borough council", "district council"];
/// What the county pattern cannot match without: "Clark County".
const COUNTY_WORDS: &[&str] = &["County", "Parish", "Township", "City", "School District"];

/// One of the [`MARKED`] patterns, and the words it cannot match without.
struct MarkedPattern {
    regex: WordRegex,
    /// The words every match holds, for the two patterns that start with a name: the
    /// regex engine finds no literal to look for first in those, and read every byte of
    /// every election report with its automaton (8 ms each over 1,182 reports; the
    /// others skip ahead to their first word). They are run only on the stretches of
    /// text around these words ([`captures_in_stretches`]).
    needs: Option<aho_corasick::AhoCorasick>,
}

impl MarkedPattern {
    fn new(pattern: String, needs: &[&str]) -> MarkedPattern {
        // Leftmost-first, although any match answers: only that kind gets the vectorised
        // search for several words (the standard kind looked at every space).
        let needs = (!needs.is_empty()).then(|| {
            aho_corasick::AhoCorasick::builder().match_kind(aho_corasick::MatchKind::LeftmostFirst).build(needs).expect("the words build an automaton")
        });
        MarkedPattern { regex: WordRegex::new(pattern), needs }
    }

    /// The compilation for `text` and the words to look for first, or none where the
    /// pattern cannot match in `text`.
    fn for_text(&'static self, text: &str) -> Option<MarkedSearch> {
        let needs = self.needs.as_ref();
        needs.is_none_or(|words| words.is_match(text)).then(|| MarkedSearch { regex: self.regex.for_text(text), needs })
    }
}

/// A [`MarkedPattern`] ready to search one text.
#[derive(Clone, Copy)]
struct MarkedSearch {
    regex: &'static regex::Regex,
    needs: Option<&'static aho_corasick::AhoCorasick>,
}

impl MarkedSearch {
    /// The first match at or after `from`, as (whole, name): `regex.captures_at(text,
    /// from)`.
    fn captures_at(self, text: &str, from: usize) -> Option<(Range<usize>, Range<usize>)> {
        let caps = match self.needs {
            Some(words) => captures_in_stretches(self.regex, words, text, from)?,
            None => self.regex.captures_at(text, from)?,
        };
        Some((caps.get(0)?.range(), caps.get(1)?.range()))
    }
}

/// A character a name-led pattern's match may hold: a letter, or one of the name's marks
/// ("'", "’", ".", "-", "&") or a space. (Any letter, which takes in every letter class of
/// the patterns in both their forms; a wider set only makes the stretches longer.)
fn may_be_in_a_name_match(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '\'' | '’' | '.' | '-' | '&' | ' ')
}

/// `regex.captures_at(text, from)`, for a pattern whose every match holds one of
/// `words` and only characters of [`may_be_in_a_name_match`]: such a match lies in one
/// stretch of those characters around one of the words, so only those stretches are
/// searched, in order. Each search sees the character after its stretch, so that a
/// word boundary at the stretch's end reads as it does in the whole text (the
/// characters before the stretch it sees anyway), and finds what the search of the
/// whole text finds there: no match can go on past the stretch.
fn captures_in_stretches<'t>(regex: &regex::Regex, words: &aho_corasick::AhoCorasick, text: &'t str, from: usize) -> Option<regex::Captures<'t>> {
    let mut at = from;
    while let Some(word) = words.find(aho_corasick::Input::new(text).range(at..)) {
        let (stretch, seen) = boundaries::stretch_around(text, word.start()..word.end(), may_be_in_a_name_match);
        if let Some(caps) = regex.captures_at(&text[..seen], stretch.start.max(from)) {
            return Some(caps);
        }
        at = stretch.end;
    }
    None
}

/// The names the [`MARKED`] patterns find in a text, as the single pattern `p1|p2|...`
/// found them: leftmost first, and of the patterns that match there, the earliest in
/// the list; the search then goes on after that match. Each pattern's next match is kept
/// until the search passes its start, so each pattern reads the text about once.
struct MarkedAreas<'t> {
    text: &'t str,
    /// None for a pattern that cannot match in the text.
    patterns: Vec<Option<MarkedSearch>>,
    /// Each pattern's next match at or after some earlier position, as (whole, name).
    next: Vec<Option<(Range<usize>, Range<usize>)>>,
    pos: usize,
}

impl<'t> MarkedAreas<'t> {
    fn new(text: &'t str) -> Self {
        let patterns: Vec<Option<MarkedSearch>> = MARKED.iter().map(|p| p.for_text(text)).collect();
        let mut areas = MarkedAreas { text, next: vec![None; patterns.len()], patterns, pos: 0 };
        for i in 0..areas.patterns.len() {
            areas.next[i] = areas.search(i);
        }
        areas
    }

    fn search(&self, i: usize) -> Option<(Range<usize>, Range<usize>)> {
        self.patterns[i]?.captures_at(self.text, self.pos)
    }
}

impl<'t> Iterator for MarkedAreas<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        for i in 0..self.next.len() {
            if self.next[i].as_ref().is_some_and(|(whole, _)| whole.start < self.pos) {
                self.next[i] = self.search(i);
            }
        }
        // The leftmost start; of equal starts, the first pattern (min_by_key keeps the first).
        let first = (0..self.next.len()).filter(|&i| self.next[i].is_some()).min_by_key(|&i| self.next[i].as_ref().map(|(whole, _)| whole.start))?;
        let (whole, name) = self.next[first].clone()?;
        self.pos = whole.end;
        Some(&self.text[name])
    }
}

/// The area matcher, built from the lexicon when the first election article needs it:
/// the automaton of some two thousand names is a fifth of the start-up time, and a run
/// over articles that report no election never uses it.
pub struct PlaceMatcher {
    matcher: OnceLock<FormSearch>,
    names: Vec<String>,
}

impl PlaceMatcher {
    pub fn new(lexicon: &Lexicon) -> PlaceMatcher {
        PlaceMatcher { matcher: OnceLock::new(), names: lexicon.constituencies.clone() }
    }

    /// A contiguous NFA: a DFA of this many names would cost megabytes per process.
    fn matcher(&self) -> &FormSearch {
        self.matcher.get_or_init(|| FormSearch::new(self.names.iter().map(String::as_str), AhoCorasickKind::ContiguousNFA))
    }

    /// Every area named in `text`, in order, without overlaps. `lexicon` supplies the
    /// words that cannot be an area (function words, months, parties' names are checked
    /// by the caller).
    pub fn find(&self, text: &str, lexicon: &Lexicon) -> Vec<PlaceMention> {
        let mut out: Vec<PlaceMention> = self
            .matcher()
            .find_iter(text)
            .filter(|m| is_whole(text, m.start(), m.end()))
            .map(|m| PlaceMention { span: m.start()..m.end(), name: self.names[m.pattern().as_usize()].clone(), marked: false })
            .collect();
        let marked = marked_names(text, lexicon);
        for name in &marked {
            for (at, _) in text.match_indices(name.as_str()) {
                if is_whole(text, at, at + name.len()) {
                    out.push(PlaceMention { span: at..at + name.len(), name: name.clone(), marked: true });
                }
            }
        }
        out.sort_by_key(|p| (p.span.start, std::cmp::Reverse(p.span.end)));
        let mut kept: Vec<PlaceMention> = Vec::new();
        for p in out {
            if kept.last().is_none_or(|k| p.span.start >= k.span.end) {
                kept.push(p);
            }
        }
        kept
    }
}

/// Names the text marks as contest areas.
fn marked_names(text: &str, lexicon: &Lexicon) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for marked in MarkedAreas::new(text) {
        let name = cut_at_common_word(marked, lexicon).trim_end_matches(['.', '\'', '’']);
        // "Sheriff of Milwaukee County" is an office of the area "Milwaukee County".
        let name = match name.split_once(" of ") {
            Some((head, area)) if lexicon.titles.contains_key(head) => area,
            _ => name,
        };
        let first = crate::lexicon::strip_possessive(name.split_whitespace().next().unwrap_or(""));
        if name.is_empty() {
            continue;
        }
        if lexicon.not_names.contains(first) || lexicon.first_names.contains_key(first) || lexicon.canonical_party(first).is_some() || lexicon.canonical_party(name).is_some() {
            continue;
        }
        if seen.insert(name.to_string()) {
            names.push(name.to_string());
        }
    }
    names
}

/// "Millbrook on Saturday" -> "Millbrook": a name ends before a joiner whose next word
/// is a common capitalised word (a day, a month, a function word).
fn cut_at_common_word<'a>(name: &'a str, lexicon: &Lexicon) -> &'a str {
    let mut end = 0;
    let mut words = name.split(' ').peekable();
    let mut pos = 0;
    while let Some(word) = words.next() {
        let joiner = matches!(word, "and" | "&" | "upon" | "on" | "in" | "of");
        let next_common = words.peek().is_some_and(|n| lexicon.not_names.contains(*n));
        if (joiner && next_common) || lexicon.not_names.contains(word) && pos > 0 {
            break;
        }
        pos += word.len() + 1;
        if !joiner {
            end = pos - 1;
        }
    }
    &name[..end]
}

/// Not part of a longer word, and not followed by another capitalised word ("Tooting
/// Broadway" is a street, not the seat).
fn is_whole(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
    let next_word_capital = text[end..].strip_prefix(' ').is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()));
    !joined(before) && !joined(after) && !next_word_capital
}

impl super::ahead::Compile for MarkedPattern {
    fn compile(&self) {
        self.regex.compile_common_form();
    }
}

impl super::ahead::Compile for PlaceMatcher {
    /// The automaton of the names.
    fn compile(&self) {
        self.matcher();
    }
}

// The patterns to compile ahead in a large run (see `ahead`).
super::ahead::patterns!(MARKED);

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let lex = Lexicon::builtin();
        PlaceMatcher::new(&lex).find(text, &lex).into_iter().map(|p| p.name).collect()
    }

    #[test]
    fn the_listed_names_are_what_an_unanchored_search_finds() {
        let lex = Lexicon::builtin();
        let places = PlaceMatcher::new(&lex);
        let plain = aho_corasick::AhoCorasick::builder().match_kind(aho_corasick::MatchKind::LeftmostLongest).build(&lex.constituencies).unwrap();
        let mut pieces: Vec<&str> = lex.constituencies.iter().step_by(23).map(String::as_str).collect();
        pieces.extend(["Ealing", "Ealing Central and Acton", " and ", "Acton", "Central", " ", "x", "-", "’s", "Put", "Putney", "é"]);
        for text in crate::generated::texts(&pieces, 20_000, 8) {
            let fast: Vec<_> = places.matcher().find_iter(&text).map(|m| (m.range(), m.pattern())).collect();
            let expected: Vec<_> = plain.find_iter(&text).map(|m| (m.range(), m.pattern())).collect();
            assert_eq!(fast, expected, "{text:?}");
        }
    }

    #[test]
    fn listed_names_longest_first() {
        assert_eq!(names("She retained her Ealing Central and Acton seat."), ["Ealing Central and Acton"]);
        assert_eq!(names("Fleur Anderson took the seat for Putney."), ["Putney"]);
    }

    #[test]
    fn names_the_text_marks_as_areas() {
        assert_eq!(names("Labour won the Harbridge and Wyvern seat. Turnout in Harbridge and Wyvern rose."), ["Harbridge and Wyvern", "Harbridge and Wyvern"]);
        assert_eq!(names("The Ashdown ward by-election was close."), ["Ashdown"]);
        assert_eq!(names("Labour's Daniel Osei has won Northmere."), ["Northmere"]);
        assert_eq!(names("Labour has taken Harbridge from the Conservatives."), ["Harbridge"]);
        assert_eq!(names("She was elected mayor of Millbrook on Saturday."), ["Millbrook"]);
        assert_eq!(names("She ran for Sheriff of Milwaukee County in 2016."), ["Milwaukee County"]);
        assert_eq!(names("Turnout in the 23rd Congressional District was 48 percent."), ["23rd Congressional District"]);
        assert_eq!(names("In St Anne's, Labour held on. In Nevada, Democrats won."), ["St Anne's", "Nevada"]);
    }

    /// The names the ten patterns find as one alternation (the former single pattern).
    fn as_one_pattern(text: &str) -> Vec<String> {
        let joined = MARKED.iter().map(|p| format!("(?:{})", p.regex.for_text(text).as_str())).collect::<Vec<_>>().join("|");
        let one = regex::Regex::new(&joined).unwrap();
        one.captures_iter(text).map(|c| c.iter().skip(1).flatten().next().unwrap().as_str().to_string()).collect()
    }

    #[test]
    fn the_patterns_choose_between_them_as_one_alternation_would() {
        for text in [
            "Labour held the Harbridge seat. The Ashdown ward by-election was won by Kim Lee.",
            "She was MP for Putney and won Putney ward twice, then the seat of Tooting in 2017.",
            "Mayor of Millbrook Jane Doe (Lab) held on. In St Anne's, the 23rd Congressional District flipped.",
            "The Conservatives took Harbridge and Wyvern (Con gain) from the Liberal Democrats; District 9 and Milwaukee County followed.",
            "In Nevada, Democrats won the Clark County seat and held on to Reno.\nIn Ösel, the Dubé ward fell.",
            // Two patterns match at "Dane": the seat pattern is first and takes "ward" with
            // it, so "ward of Madison" is never read.
            "Dane County ward of Madison was close.",
            "Nothing here marks an area at all.",
        ] {
            let found: Vec<String> = MarkedAreas::new(text).map(str::to_string).collect();
            assert_eq!(found, as_one_pattern(text), "{text}");
            assert!(!found.is_empty() || text.starts_with("Nothing"), "{text}");
        }
    }

    #[test]
    fn a_name_led_pattern_searched_by_stretches_finds_what_it_finds_in_the_whole_text() {
        const PIECES: &[&str] = &[
            "Harbridge", "Wyvern", " and ", " & ", " of ", " ", "  ", "seat", "seats", "the ", "The ", "County", "City", "ward", "by-election", "Clark",
            "School District", "St", ".", "'", "’s", ",", "5", "_", "é", "Ösel", "Dubé", "\n", "-", "x", "(", "“",
        ];
        let name_led: Vec<&MarkedPattern> = MARKED.iter().filter(|p| p.needs.is_some()).collect();
        assert_eq!(name_led.len(), 2);
        let ranges = |caps: Option<regex::Captures>| caps.map(|c| (c.get(0).unwrap().range(), c.get(1).unwrap().range()));
        let mut matched = 0;
        for text in crate::generated::texts(PIECES, 20_000, 12) {
            for pattern in &name_led {
                let (regex, words) = (pattern.regex.for_text(&text), pattern.needs.as_ref().unwrap());
                for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    let whole = ranges(regex.captures_at(&text, from));
                    matched += usize::from(whole.is_some());
                    assert_eq!(ranges(captures_in_stretches(regex, words, &text, from)), whole, "{text:?} from {from}");
                }
            }
        }
        assert!(matched > 1_000, "the texts hold matches: {matched}");
    }

    #[test]
    fn each_word_a_pattern_needs_lets_it_run() {
        // Each alternative of the patterns, written out here, not taken from the lists.
        for word in ["seat", "constituency", "ward", "division", "by-election", "parish", "borough council", "district council"] {
            let text = format!("Labour held the Harbridge {word} on Thursday.");
            assert_eq!(MarkedAreas::new(&text).collect::<Vec<_>>(), ["Harbridge"], "{text}");
        }
        for word in ["County", "Parish", "Township", "City", "Community School District", "School District", "Unified School District"] {
            let text = format!("She won in Clark {word}, again.");
            assert_eq!(MarkedAreas::new(&text).collect::<Vec<_>>(), [format!("Clark {word}")], "{text}");
        }
    }

    #[test]
    fn the_bundled_reports_give_what_one_alternation_gives() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut found = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let names: Vec<String> = MarkedAreas::new(&text).map(str::to_string).collect();
            assert_eq!(names, as_one_pattern(&text));
            found += names.len();
        }
        assert!(found > 10, "the reports mark areas: {found}");
    }

    #[test]
    fn parts_of_words_streets_and_people_are_not_areas() {
        assert!(names("Puttney and Tooting Broadway and Battersea-born").is_empty());
        assert!(names("The result was won Tuesday by the Labour candidate.").is_empty());
    }
}
