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
    let (mut strong, mut all) = (0, 0);
    for word in ELECTION_WORDS.find_iter(text) {
        all += 1;
        strong += usize::from(!SHARED_WORDS.is_match(word.as_str()));
    }
    (strong, all + usize::from(names_a_party))
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
    let (strong, all) = election_score(text, names_a_party);
    strong >= 1 && all >= MIN_ELECTION_WORDS
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
