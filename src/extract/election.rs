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
        .chain(YEAR_AFTER.for_text(text).captures_iter(text).map(|c| mention(c.get(0).unwrap().range(), Some(&c[3]), kind_of(&c[1], &c[2]))))
        .chain(KIND_ONLY.for_text(text).captures_iter(text).map(|c| mention(c.get(0).unwrap().range(), None, kind_of(&c[1], &c[2]))))
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
    fn other_years_and_words_are_not_elections() {
        assert_eq!(find_election_now("The company was founded in 2019 and floated in 2021."), None);
        assert_eq!(kind_year("Voters went to the polls on a rainy day."), (None, None));
        assert_eq!(kind_year("He was elected in 2015."), (None, None));
    }
}
