//! Which election an article reports: its kind and year, from the words that name it.
//!
//! `check` needs both: two articles' figures for Tooting disagree only if they describe
//! the same year's contest, and in primaries each party's candidates run separately, so
//! their shares do not add up to one whole. Reports name their election early ("the 2019
//! general election", "Tuesday's Democratic primary"), so the first words that name one
//! decide; later mentions are mostly comparisons with earlier elections.

use std::sync::LazyLock;

use super::boundaries::WordRegex;

use crate::doc::Span;

/// What the words say of the reported election, in text offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElectionMention {
    pub kind: Option<&'static str>,
    pub year: Option<i32>,
    /// The words that named the kind (or, failing that, the year).
    pub span: Option<Span>,
}

/// Modifiers and head nouns, longest first where one is a prefix of another.
const MODIFIERS: &str = r"general|local|council|county council|district council|borough council|city council|mayoral|municipal|presidential|parliamentary|congressional|midterm|mid-term|assembly|European|European Parliament|Scottish Parliament|Senedd|state|gubernatorial|Senate|House|Democratic|Republican|leadership|party|snap|national|federal|US|U\.S\.|UK";
const HEADS: &str = r"elections?|by-elections?|primar(?:y|ies)|caucus(?:es)?|referendum|leadership (?:contest|race|election)";

/// "the 2019 general election", "2020 Nevada caucuses", "May 2022 local elections": the
/// year, up to three modifiers or capitalised names, the head noun.
static YEAR_FIRST: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(format!(r"\b((?:19|20)\d\d)(?:'s)?\s+((?:(?:(?i:{MODIFIERS})|[A-Z][a-z]+)\s+){{0,3}})(?i:({HEADS}))\b"))
});

/// "the election of 2017", "elections in May 2021".
static YEAR_AFTER: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(format!(r"(?i:\b((?:(?:{MODIFIERS})\s+){{0,3}})({HEADS})\s+(?:of|in)\s+(?:[A-Z][a-z]+\s+)?)((?:19|20)\d\d)\b"))
});

/// "the general election", "Tuesday's Republican primary", "a by-election".
static KIND_ONLY: LazyLock<WordRegex> =
    LazyLock::new(|| WordRegex::new(format!(r"(?i)\b((?:(?:{MODIFIERS})\s+){{0,3}})({HEADS})\b")));

/// A part of every head in [`HEADS`] ("by-election" holds "election") that has no "k"
/// or "s": those two are the ASCII letters whose other cases include letters outside
/// ASCII (the Kelvin sign, the long s), so an ASCII search without case finds every
/// head the case-blind patterns can match.
const HEAD_STARTS: &[&str] = &["election", "primar", "cauc", "referendum", "leader"];

/// [`HEAD_STARTS`] in any ASCII case. (The regex engine's literal search for the case
/// variants ran at 2.5 times the speed of Aho-Corasick's case-blind one.)
static HEAD_SEARCH: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(&format!("(?i-u:{})", HEAD_STARTS.join("|"))).expect("the heads compile"));

/// `re.captures_iter(text)`, for a pattern whose every match is some modifiers and then a
/// head noun ([`KIND_ONLY`]). Such a pattern offers the regex engine no literal to look
/// for first, and it read every byte of every election report. Here each search starts
/// at the run of letters, spaces, dots and hyphens that holds the next head: a match
/// cannot start before that run (its modifiers are all such characters), nor earlier for
/// a later head (a later run starts no earlier). A search runs on until it matches, so
/// this pays only for a pattern that matches at almost every head: [`YEAR_AFTER`], which
/// matches at few, would read on to the end of the text from every head.
fn captures_at_heads<'t>(re: &'static regex::Regex, text: &'t str) -> impl Iterator<Item = regex::Captures<'t>> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let head = HEAD_SEARCH.find_at(text, pos)?;
        // (A head found part-way into "by-election" starts the run at "by-" all the same.)
        let from = modifier_run_start(text, head.start()).max(pos);
        let found = re.captures_at(text, from)?;
        pos = found.get(0)?.end().max(pos + 1);
        Some(found)
    })
}

/// A year as [`YEAR_AFTER`] ends in one.
static YEAR: LazyLock<WordRegex> = LazyLock::new(|| WordRegex::new(r"(?:19|20)\d\d"));

/// `YEAR_AFTER.captures_iter(text)`, read back from each year rather than forward over
/// the whole text (the pattern has no literal the regex engine could look for first).
/// A match ends in a year that follows white space and a word boundary follows, so
/// only such years are tried (two of them cannot overlap: a year's first digit would
/// follow the other's digit, not white space). Before the year stand only letters,
/// spaces, dots and hyphens, so the match starts in the run of those before it (see
/// [`modifier_run_start`]), and no match that ends at an earlier year can start there.
/// The search reads the text up to the year's end: cut there, the text ends in a word
/// boundary, as the uncut text does after such a year.
fn captures_at_years<'t>(text: &'t str) -> impl Iterator<Item = regex::Captures<'t>> {
    let (re, years) = (YEAR_AFTER.for_text(text), YEAR.for_text(text));
    let mut pos = 0;
    years.find_iter(text).filter_map(move |year| {
        let after_space = text[..year.start()].ends_with(char::is_whitespace);
        let boundary_after = !text[year.end()..].starts_with(regex_syntax::is_word_character);
        if year.start() < pos || !after_space || !boundary_after {
            return None;
        }
        let from = modifier_run_start(text, year.start()).max(pos);
        let found = re.captures_at(&text[..year.end()], from)?;
        pos = found.get(0)?.end();
        Some(found)
    })
}

/// Where the run of characters a modifier is made of (letters, white space, "." and
/// "-") that ends at `end` starts.
fn modifier_run_start(text: &str, end: usize) -> usize {
    let in_run = |c: char| c.is_alphabetic() || c.is_whitespace() || c == '.' || c == '-';
    text[..end].char_indices().rev().take_while(|&(_, c)| in_run(c)).last().map_or(end, |(i, _)| i)
}

/// The reported election, or `None` when no words name one.
///
/// `past_years` are the years the article's figures tie to other elections ("her 2016
/// by-election majority"): words naming those years name a past election, not this one.
/// The first remaining words with a kind give the kind, the first with a year the year; a
/// primary named anywhere beats "presidential election", the cycle it belongs to.
pub fn find_election(text: &str, past_years: &[i32]) -> Option<ElectionMention> {
    let all = mentions(text);
    let is_past = |m: &ElectionMention| m.year.is_some_and(|y| past_years.contains(&y));
    let past: Vec<Span> = all.iter().filter(|m| is_past(m)).filter_map(|m| m.span.clone()).collect();
    // "2016 by-election" also matched as plain "by-election": both go.
    let overlaps_past = |m: &ElectionMention| {
        m.span.as_ref().is_some_and(|s| past.iter().any(|p| p.start < s.end && s.start < p.end))
    };
    let all: Vec<ElectionMention> = all.into_iter().filter(|m| !overlaps_past(m)).collect();
    let named = all.iter().find(|m| m.kind.is_some()).or(all.first())?;
    let mut kind = named.kind;
    if kind == Some("presidential") && all.iter().any(|m| m.kind == Some("primary")) {
        kind = Some("primary");
    }
    let year = all.iter().find_map(|m| m.year);
    Some(ElectionMention { kind, year, span: named.span.clone() })
}

/// Every naming of an election, in text order.
fn mentions(text: &str) -> Vec<ElectionMention> {
    let mention = |span: Span, year: Option<&str>, kind| ElectionMention {
        kind,
        year: year.and_then(|y| y.parse().ok()),
        span: Some(span),
    };
    // The ASCII forms where they mean the same: see `boundaries`.
    let mut all: Vec<ElectionMention> = YEAR_FIRST
        .for_text(text)
        .captures_iter(text)
        .map(|c| mention(c.get(0).unwrap().range(), Some(&c[1]), kind_of(&c[2], &c[3])))
        .chain(captures_at_years(text).map(|c| mention(c.get(0).unwrap().range(), Some(&c[3]), kind_of(&c[1], &c[2]))))
        .chain(captures_at_heads(KIND_ONLY.for_text(text), text).map(|c| mention(c.get(0).unwrap().range(), None, kind_of(&c[1], &c[2]))))
        .filter(|m| m.kind.is_some() || m.year.is_some())
        .collect();
    all.sort_by_key(|m| m.span.as_ref().map_or(0, |s| s.start));
    all
}

/// The kind the words name: the head noun decides for primaries, by-elections and
/// referendums; otherwise the modifiers do.
fn kind_of(modifiers: &str, head: &str) -> Option<&'static str> {
    let head = head.to_lowercase();
    let modifiers = modifiers.to_lowercase();
    let has = |word: &str| modifiers.split_whitespace().any(|m| m == word);
    if head.starts_with("primar") || head.starts_with("caucus") {
        return Some("primary");
    }
    if head.starts_with("by-election") {
        return Some("by-election");
    }
    if head == "referendum" {
        return Some("referendum");
    }
    if head.starts_with("leadership") || has("leadership") {
        return Some("leadership");
    }
    if has("presidential") {
        return Some("presidential");
    }
    if ["local", "council", "mayoral", "municipal"].iter().any(|w| has(w)) {
        return Some("local");
    }
    if ["general", "parliamentary", "congressional", "midterm", "mid-term", "snap", "federal"].iter().any(|w| has(w)) {
        return Some("general");
    }
    None
}

// The patterns to compile ahead in a large run (see `ahead`).
super::ahead::patterns!(YEAR_FIRST, YEAR_AFTER, KIND_ONLY, HEAD_SEARCH, YEAR);

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_year(text: &str) -> (Option<&'static str>, Option<i32>) {
        find_election(text, &[]).map_or((None, None), |e| (e.kind, e.year))
    }

    #[test]
    fn uk_reports_name_kind_and_year() {
        assert_eq!(kind_year("Labour held the seat at the 2019 general election."), (Some("general"), Some(2019)));
        assert_eq!(kind_year("In the May 2022 local elections the Greens gained Nelson ward."), (Some("local"), Some(2022)));
        assert_eq!(kind_year("Results of the Batley and Spen by-election, held on Thursday."), (Some("by-election"), None));
        assert_eq!(kind_year("The general election of 2017 left a hung parliament."), (Some("general"), Some(2017)));
    }

    #[test]
    fn us_reports_name_primaries_and_presidential_races() {
        assert_eq!(kind_year("Joe Biden won Saturday's South Carolina Democratic primary."), (Some("primary"), None));
        assert_eq!(kind_year("Sanders won the 2020 Nevada caucuses."), (Some("primary"), Some(2020)));
        assert_eq!(kind_year("Trump won the 2016 presidential election."), (Some("presidential"), Some(2016)));
    }

    #[test]
    fn the_first_naming_decides() {
        let text = "Rupa Huq held Ealing in the 2019 general election, up on the 2017 election.";
        assert_eq!(kind_year(text), (Some("general"), Some(2019)));
        let span = find_election(text, &[]).unwrap().span.unwrap();
        assert_eq!(&text[span], "2019 general election");
    }

    fn find_election_now(text: &str) -> Option<ElectionMention> {
        find_election(text, &[])
    }

    #[test]
    fn past_elections_and_cycles_give_way() {
        let text = "Dr Allin-Khan won the 2016 by-election with 17,894 votes. On Thursday, at the general election, she won 34,694.";
        assert_eq!(find_election(text, &[2016]).map(|e| (e.kind, e.year)), Some((Some("general"), None)));
        let text = "2020 United States presidential election: Sanders wins New Hampshire primary";
        assert_eq!(kind_year(text), (Some("primary"), Some(2020)));
    }

    #[test]
    fn the_searches_from_the_heads_find_what_the_patterns_find() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut texts: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
        // Case-blind heads, modifiers with dots and hyphens, wide spaces, the letters whose
        // other case is outside ASCII, heads inside words, and no head at all.
        const PIECES: &[&str] = &[
            "the ", "General ", "U.S. ", "mid-term ", "county council ", "ELECTION", "elections", "By-Election", "primaries", "CAUCUS", "caucuſ", "Caucuses",
            "referendum", "leadership contest", "leaderſhip race", "\u{212A}", "re", "of 2019", " in May 2021", "\u{A0}", "\n", ", ", ". ", "2019 ", "Labour ", "é", "-", "x",
            " of ", "in ", "1920", "20", "19", "7", "s", "٣", "May ", " 2017s", "election of 1999",
        ];
        texts.extend(crate::generated::texts(PIECES, 5_000, 12));
        for text in &texts {
            for re in [&YEAR_AFTER, &KIND_ONLY] {
                let re = re.for_text(text);
                let plain: Vec<_> = re.captures_iter(text).map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>()).collect();
                let fast: Vec<_> = captures_at_heads(re, text).map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>()).collect();
                assert_eq!(fast, plain, "{text:?}");
            }
            let re = YEAR_AFTER.for_text(text);
            let plain: Vec<_> = re.captures_iter(text).map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>()).collect();
            let fast: Vec<_> = captures_at_years(text).map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>()).collect();
            assert_eq!(fast, plain, "{text:?}");
        }
        assert!(texts.iter().any(|t| KIND_ONLY.for_text(t).is_match(t)));
        assert!(texts.iter().filter(|t| YEAR_AFTER.for_text(t).is_match(t)).count() > 100);
    }

    #[test]
    fn other_years_and_words_are_not_elections() {
        assert_eq!(find_election_now("The company was founded in 2019 and floated in 2021."), None);
        assert_eq!(kind_year("Voters went to the polls on a rainy day."), (None, None));
        assert_eq!(kind_year("He was elected in 2015."), (None, None));
    }
}
