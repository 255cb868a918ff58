//! Whether an article reports an election at all.
//!
//! Figures and candidates are read only from articles that talk about an election: a
//! sports report's "won the race by six points" or a company's "87% of the vote" in a
//! readers' poll use the same words as a result, and the surest way to keep them out is
//! to ask first whether the article is about voting. The test is a count of election
//! words (election, constituency, ballot, candidate, turnout, MP... and the words shows and
//! sport share: vote, voters, seat), with a party mention counting once: an article needs
//! [`MIN_ELECTION_WORDS`] of them, one at least a word only elections use.

use std::cell::RefCell;
use std::sync::LazyLock;

use memchr::memmem::Finder;

use super::boundaries::{self, WordRegex};
use super::part_search::PartSearch;

/// How many election words make an article an election report.
pub const MIN_ELECTION_WORDS: usize = 3;

/// Words only election reports use.
const STRONG: &str = r"elections?|elected|re-elected|by-elections?|electoral|electorate|constituency|constituencies|ballots?|polling station|turnout|candidates?|candidacy|incumbent|MPs?|MSPs?|councillors?|primary|primaries|caucus(?:es)?|referendum|hustings|re-election|nominee|running mate|precincts|recount|returning officer";

/// Words that reality shows, awards and sport share with elections, in lower case. No
/// word of either list holds a word of the other, so a text's matches of both are the
/// matches of each.
const SHARED: [&str; 12] = ["voter", "voters", "vote", "votes", "voted", "voting", "polls", "seat", "seats", "landslide", "nomination", "delegates"];

static STRONG_WORDS: LazyLock<WordRegex> = LazyLock::new(|| WordRegex::new(format!(r"(?i)\b(?:{STRONG})\b")));
static SHARED_WORDS: LazyLock<WordRegex> = LazyLock::new(|| WordRegex::new(format!(r"(?i)\b(?:{})\b", SHARED.join("|"))));
static ELECTION_WORDS: LazyLock<WordRegex> = LazyLock::new(|| WordRegex::new(format!(r"(?i)\b(?:{STRONG}|{})\b", SHARED.join("|"))));

/// The election words in `text` (the strong ones and the shared ones), plus one when any
/// party is named. One pass over the text finds both kinds; each word found is then
/// sorted by the shared pattern, which reads only that word.
pub fn election_score(text: &str, names_a_party: bool) -> (usize, usize) {
    let mut score = Score { strong: 0, all: usize::from(names_a_party) };
    for word in ELECTION_WORDS.find_iter(text) {
        score.count(word.as_str());
    }
    (score.strong, score.all)
}

/// The election words counted so far.
struct Score {
    strong: usize,
    all: usize,
}

impl Score {
    /// `word`: a match of [`ELECTION_WORDS`].
    fn count(&mut self, word: &str) {
        self.all += 1;
        self.strong += usize::from(!is_shared_word(word));
    }

    fn is_election(&self) -> bool {
        self.strong >= 1 && self.all >= MIN_ELECTION_WORDS
    }
}

/// Whether a match of [`ELECTION_WORDS`] is one of the [`SHARED`] words. An ASCII word is
/// compared with the list: a pattern asked of a few bytes cost 400 ns a word, more than
/// the search that found it. (Outside ASCII, "ſ" and "K" (the Kelvin sign) are an "s"
/// and a "k" in any case, and the pattern decides.)
fn is_shared_word(word: &str) -> bool {
    if word.is_ascii() {
        return SHARED.iter().any(|shared| shared.eq_ignore_ascii_case(word));
    }
    SHARED_WORDS.is_match(word)
}

/// Whether one sentence speaks of voting: a strong or shared election word, or a
/// majority. `audit` lists the numbers of such sentences that no figure accounts for.
pub fn is_election_sentence(sentence: &str) -> bool {
    [&STRONG_WORDS, &SHARED_WORDS, &MAJORITY].iter().any(|words| words.for_text(sentence).is_match(sentence))
}

static MAJORITY: LazyLock<WordRegex> = LazyLock::new(|| WordRegex::new(r"(?i)\bmajorit(?:y|ies)\b"));

/// Whether the article reports an election: enough election words, at least one of them
/// words no talent show or sports report uses.
pub fn is_election_article(text: &str, names_a_party: bool) -> bool {
    if !may_hold_strong_word(text) {
        return false;
    }
    let mut score = Score { strong: 0, all: usize::from(names_a_party) };
    // The counts only grow, so the search stops once they suffice: an election report
    // usually says so in its first sentences, and the rest of it is not read.
    ELECTION_WORDS.find_iter(text).any(|word| {
        score.count(word.as_str());
        score.is_election()
    })
}

/// A part of every [`STRONG`] word but "MP" and "MSP" (and their plurals), in lower
/// case: "elect" of "re-elected" and "electorate", "tuenc" of "constituencies". Each is
/// cut so that its first four bytes are rare in English, where the one search for all of
/// them ([`PartSearch`]) looks first: "tuenc", not "constituenc", whose "cons" begins
/// "consumer" and "construction"; "urning officer", not "returning officer". Of the
/// 1,707 BBC articles the full words turn away, these let 5 through ("burnout").
const STRONG_PARTS: [&str; 17] = [
    "elect", "tuenc", "llot", "g station", "rnout", "ndida", "ncumb", "cillor", "imar", "aucus", "endum", "husting", "ominee",
    "unning mate", "cincts", "ecount", "urning officer",
];

static STRONG_PART_SEARCH: LazyLock<PartSearch> = LazyLock::new(|| PartSearch::new(&STRONG_PARTS));

thread_local! {
    /// The lower-case copy of the text [`may_hold_strong_word`] searches, kept from
    /// article to article.
    static LOWERED: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// False only if `text` holds no [`STRONG`] word, and so is no election article: in the
/// bench's corpus, 84 in 100 articles with quotations but no election are turned away
/// here. The whole pattern reads every byte through an automaton (about 1.9 ns a byte);
/// this test searches a lower-case copy for any of [`STRONG_PARTS`] in one pass
/// ([`PartSearch`]), and "MP" and "MSP" apart. A text with a word character beyond
/// ASCII is passed on unread: "ſ" and "K" (the Kelvin sign) match "s" and "k" in any
/// case.
fn may_hold_strong_word(text: &str) -> bool {
    if !boundaries::word_characters_are_ascii(text) {
        return true;
    }
    let search_lowered = |lowered: &mut Vec<u8>| {
        lowered.clear();
        lowered.extend_from_slice(text.as_bytes());
        lowered.make_ascii_lowercase();
        STRONG_PART_SEARCH.starts(lowered).any(|part| holds_strong_word_near(text, part)) || holds_mp_word(lowered)
    };
    LOWERED.with(|buffer| match buffer.try_borrow_mut() {
        Ok(mut lowered) => search_lowered(&mut lowered),
        Err(_) => search_lowered(&mut Vec::new()),
    })
}

/// Whether a [`STRONG`] word holds the part found at byte `part`: the pattern is asked of
/// the few dozen bytes around it, which hold any strong word the part is in. A third of
/// the BBC articles that hold a part hold no strong word ("selected", "electricity",
/// "primarily"), and were read whole by the election-word pattern after the parts were
/// found. (The pattern may see a word cut at the edge of those bytes as whole: that
/// only lets a text through.)
fn holds_strong_word_near(text: &str, part: usize) -> bool {
    let mut start = part.saturating_sub(24);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (part + 40).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let near = &text[start..end];
    STRONG_WORDS.for_text(near).is_match(near)
}

/// Whether `lowered`, a text with its ASCII letters in lower case, holds "mp", "mps",
/// "msp" or "msps" as a whole word, word characters being ASCII ones: whether the text
/// matches `(?i)(?-u:\b)(?:MPs?|MSPs?)(?-u:\b)`. The two pairs of letters are searched
/// for (a stop at every "p" was 1.2% of a run's time).
fn holds_mp_word(lowered: &[u8]) -> bool {
    let is_word = |at: usize| lowered.get(at).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_');
    let whole_word = |start: usize, letters: usize| {
        let end = start + letters;
        let end = if lowered.get(end) == Some(&b's') { end + 1 } else { end };
        (start == 0 || !is_word(start - 1)) && !is_word(end)
    };
    MP.find_iter(lowered).any(|at| whole_word(at, 2)) || MSP.find_iter(lowered).any(|at| whole_word(at, 3))
}

static MP: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("mp"));
static MSP: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("msp"));

// The patterns to compile ahead in a large run (see `ahead`).
super::ahead::patterns!(STRONG_WORDS, SHARED_WORDS, ELECTION_WORDS, MAJORITY);

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn result_reports_are_election_articles() {
        assert!(is_election_article("Labour's Jane Doe won the by-election with 5,000 votes, a majority of 1,200.", true));
        assert!(is_election_article("Joe Biden won the South Carolina primary with 48% of the vote and 39 delegates.", false));
    }

    #[test]
    fn one_pass_counts_what_a_pass_per_list_counts() {
        let texts = [
            "Voters re-elected the MPs; the by-election turnout and 3 seats, votes, voted.",
            "The polling station and running mate – “landslide” nomination for re-election.",
            "£5 vote-rigging: elections, ELECTORATE, Seats, primaries’ delegates and caucuses.",
            "Zoë’s candidacy: the returning officer ordered a recount of ballots at precincts.",
            "Nothing here but a match report and a film review.",
        ];
        for text in texts {
            let strong = STRONG_WORDS.find_iter(text).count();
            let shared = SHARED_WORDS.find_iter(text).count();
            assert_eq!(election_score(text, false), (strong, strong + shared), "{text}");
            assert_eq!(election_score(text, true).1, strong + shared + 1);
        }
        assert_eq!(election_score(texts[0], false), (4, 8));
    }

    #[test]
    fn the_list_of_shared_words_answers_as_their_pattern_does() {
        let forms = STRONG.split('|').chain(SHARED).flat_map(|form| [form.to_string(), form.to_uppercase(), format!("{}s", form), form.replace('?', "")]);
        let text = forms.collect::<Vec<_>>().join(" ") + " Voteſ voteſ K-votes";
        let words: Vec<&str> = ELECTION_WORDS.find_iter(&text).map(|m| m.as_str()).collect();
        assert!(words.len() > 100 && words.contains(&"VOTERS") && words.contains(&"Voteſ"), "{words:?}");
        for word in words {
            assert_eq!(is_shared_word(word), SHARED_WORDS.is_match(word), "{word}");
        }
    }

    #[test]
    fn the_early_stop_answers_as_the_whole_count_does() {
        let words = ["vote", "seats", "election", "MPs", "turnout", "film", "polls", "Labour"];
        for text in crate::generated::texts(&words.map(|w| w.to_string() + " ").iter().map(String::as_str).collect::<Vec<_>>(), 3_000, 6) {
            for party in [false, true] {
                let (strong, all) = election_score(&text, party);
                assert_eq!(is_election_article(&text, party), strong >= 1 && all >= MIN_ELECTION_WORDS, "{text:?} {party}");
            }
        }
    }

    #[test]
    fn the_gate_lets_through_every_text_with_a_strong_word() {
        let pieces = [
            "MP", "mP", "Ms", "P", "p", "s", "S", "m", "MSPs", "ELECT", "eLeCtOrAl", "re-", "by-", "polling", " station", "polling station", "Candida", "tes",
            "turnout", "Running Mate", "caucuses", "ſ", "K", "é", "’", "_", "2", " ", "-", ".", "vote", "seats",
        ];
        let mp_words = Regex::new(r"(?i)\b(?:MPs?|MSPs?)\b").unwrap();
        for text in crate::generated::texts(&pieces, 100_000, 8) {
            if STRONG_WORDS.is_match(&text) {
                assert!(may_hold_strong_word(&text), "{text:?}");
            }
            if boundaries::ascii_boundaries_suffice(&text) {
                assert_eq!(holds_mp_word(text.to_ascii_lowercase().as_bytes()), mp_words.is_match(&text), "{text:?}");
            }
            for party in [false, true] {
                let (strong, all) = election_score(&text, party);
                assert_eq!(is_election_article(&text, party), strong >= 1 && all >= MIN_ELECTION_WORDS, "{text:?} {party}");
            }
        }
        // Each strong word, with its optional ending left off, in three cases.
        for word in STRONG.split('|').map(|w| w.replace("(?:es)?", "").replace('?', "")) {
            for written in [word.clone(), word.to_uppercase(), word[..1].to_uppercase() + &word[1..]] {
                let text = format!("The {written}, again.");
                assert!(STRONG_WORDS.is_match(&text) && may_hold_strong_word(&text), "{text:?}");
            }
        }
        // Texts without one are turned away, unread by the pattern.
        let parts_of_other_words = "She selected the electricity firm, primarily for its allotments and a burnout-proof nomineeship.";
        for text in ["The company's campaign was a compromise.", "Seats and votes for the show.", "MPG", "AMP", "SMP", parts_of_other_words] {
            assert!(!may_hold_strong_word(text), "{text:?}");
        }
    }

    #[test]
    fn election_sentences() {
        assert!(is_election_sentence("She won with a majority of 6,000."));
        assert!(is_election_sentence("Turnout was 67%."));
        assert!(!is_election_sentence("The council spent 3,000 pounds on the park."));
    }

    #[test]
    fn sport_and_business_are_not() {
        assert!(!is_election_article("Kelly Holmes won the 800m race by a clear margin and beat her rival.", false));
        assert!(!is_election_article("Apple's iPod took 87% of the market, the company said.", false));
        assert!(!is_election_article("Andy Roddick beat Carlos Moya 6-4 6-2 to win the title.", false));
        assert!(!is_election_article("McCririck faced the public vote and received 67% of the vote; four votes went against Jackie.", false));
    }
}
