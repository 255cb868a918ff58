//! Whether an article reports an election at all.
//!
//! Figures and candidates are read only from articles that talk about an election: a
//! sports report's "won the race by six points" or a company's "87% of the vote" in a
//! readers' poll use the same words as a result, and the surest way to keep them out is
//! to ask first whether the article is about voting. The test is a count of election
//! words (election, constituency, ballot, candidate, turnout, MP... and the words shows and
//! sport share: vote, voters, seat), with a party mention counting once: an article needs
//! [`MIN_ELECTION_WORDS`] of them, one at least a word only elections use.

use std::sync::LazyLock;

use super::boundaries::WordRegex;

/// How many election words make an article an election report.
pub const MIN_ELECTION_WORDS: usize = 3;

/// Words only election reports use.
const STRONG: &str = r"elections?|elected|re-elected|by-elections?|electoral|electorate|constituency|constituencies|ballots?|polling station|turnout|candidates?|candidacy|incumbent|MPs?|MSPs?|councillors?|primary|primaries|caucus(?:es)?|referendum|hustings|re-election|nominee|running mate|precincts|recount|returning officer";

/// Words that reality shows, awards and sport share with elections. No word of either
/// list holds a word of the other, so a text's matches of both are the matches of each.
const SHARED: &str = r"voters?|votes?|voted|voting|polls|seats?|landslide|nomination|delegates";

static STRONG_WORDS: LazyLock<WordRegex> = LazyLock::new(|| WordRegex::new(format!(r"(?i)\b(?:{STRONG})\b")));
static SHARED_WORDS: LazyLock<WordRegex> = LazyLock::new(|| WordRegex::new(format!(r"(?i)\b(?:{SHARED})\b")));
static ELECTION_WORDS: LazyLock<WordRegex> = LazyLock::new(|| WordRegex::new(format!(r"(?i)\b(?:{STRONG}|{SHARED})\b")));

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
    fn count(&mut self, word: &str) {
        self.all += 1;
        self.strong += usize::from(!SHARED_WORDS.is_match(word));
    }

    fn is_election(&self) -> bool {
        self.strong >= 1 && self.all >= MIN_ELECTION_WORDS
    }
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
    let mut score = Score { strong: 0, all: usize::from(names_a_party) };
    // The counts only grow, so the search stops once they suffice: an election report
    // usually says so in its first sentences, and the rest of it is not read.
    ELECTION_WORDS.find_iter(text).any(|word| {
        score.count(word.as_str());
        score.is_election()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
