//! Ratios the text states between two of its numbers: "almost doubling its vote from
//! 8,000 to 15,000", "twice as many votes (12,000) as the Tories (6,000)".
//!
//! Words like these are claims about numbers printed beside them, and a fact-checker wants
//! them held against those numbers (`check`'s `stated-ratio` rule). This stage only reads
//! what is claimed and which two numbers the claim relates; it never judges. A claim is
//! kept only when its sentence makes the two numbers clear: "from X to Y", or exactly two
//! numbers of the same unit.

use std::sync::LazyLock;

use super::boundaries::WordRegex;

use super::numbers::{NumberMention, NumberUnit};
use crate::doc::{Document, Span};

/// A stated ratio and the two numbers it relates, in text offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundRatio {
    pub span: Span,
    /// The stated factor: result = factor x base (2 for doubled, 0.5 for halved).
    pub factor: f64,
    pub bound: Bound,
    pub base: usize,
    pub result: usize,
    pub rule: &'static str,
}

/// How the hedge before the ratio words bounds the true ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// "doubled": about the factor.
    About,
    /// "almost doubled": the factor or a little less.
    AtMost,
    /// "more than doubled": the factor or more.
    AtLeast,
}

impl Bound {
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::About => "about",
            Bound::AtMost => "at-most",
            Bound::AtLeast => "at-least",
        }
    }
}

/// Verbs of change ("doubled") and comparisons ("twice as many", "half as likely"). "Twice
/// the size of" is left out: it compares things more often than the numbers beside it.
static RATIO_WORDS: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(
        r"(?i)\b(?:(almost|nearly|close to|just under|more than|over|just over|roughly|about|around|some)\s+)?(?:(doubl|tripl|quadrupl|halv)(?:e|ed|es|ing)\b|(twice|three times|four times|five times|ten times|half)\s+as\s+(?:many|much|large|high|big|likely)\b)",
    )
});

/// Every stated ratio in the text whose two numbers its sentence makes clear.
pub fn find_ratios(doc: &Document, numbers: &[NumberMention]) -> Vec<FoundRatio> {
    let text: &str = &doc.text;
    // The ASCII form where it means the same: see `boundaries`.
    RATIO_WORDS
        .for_text(text)
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0).unwrap();
            let factor = factor_of(c.get(2).or(c.get(3)).unwrap().as_str())?;
            let bound = bound_of(c.get(1).map(|m| m.as_str()));
            let sentence = &doc.sentences()[doc.sentence_at(whole.start())].span;
            let (base, result, rule) = operands(text, numbers, sentence, &whole.range(), c.get(3).is_some())?;
            Some(FoundRatio { span: whole.range(), factor, bound, base, result, rule })
        })
        .collect()
}

fn factor_of(word: &str) -> Option<f64> {
    Some(match word.to_lowercase().as_str() {
        "doubl" | "twice" => 2.0,
        "tripl" | "three times" => 3.0,
        "quadrupl" | "four times" => 4.0,
        "five times" => 5.0,
        "ten times" => 10.0,
        "halv" | "half" => 0.5,
        _ => return None,
    })
}

fn bound_of(hedge: Option<&str>) -> Bound {
    match hedge.map(str::to_lowercase).as_deref() {
        Some("almost" | "nearly" | "close to" | "just under") => Bound::AtMost,
        Some("more than" | "over" | "just over") => Bound::AtLeast,
        _ => Bound::About,
    }
}

/// Units a ratio can relate: counts with counts, percentages with percentages, money with
/// money. Years, dates, ages and times never.
fn comparable(unit: NumberUnit) -> bool {
    matches!(unit, NumberUnit::Count | NumberUnit::Percent | NumberUnit::Money)
}

/// The (base, result) numbers of a ratio in its sentence, as indexes into `numbers`.
///
/// A verb of change needs its numbers marked: "from X" is the base and "to Y" the result,
/// in either order ("rose to Y, up from X"). A comparison ("twice as many ... as") needs
/// one number of the unit before the words (the result) and one after (the base). Any
/// other sentence is too unclear to judge, and gives nothing.
fn operands(
    text: &str,
    numbers: &[NumberMention],
    sentence: &Span,
    words: &Span,
    comparison_form: bool,
) -> Option<(usize, usize, &'static str)> {
    let inside: Vec<usize> = crate::extract::cover::indexes_starting_in(numbers, sentence, |n| n.start)
        .filter(|&i| {
            let n = &numbers[i];
            sentence.start <= n.start && n.end <= sentence.end && comparable(n.unit) && (n.end <= words.start || n.start >= words.end)
        })
        .collect();
    if comparison_form {
        // "twice as many as Y" and "twice as high, at X" put the result on either side,
        // so the larger number is the result of a factor above one, the smaller of "half".
        let [a, b] = inside[..] else { return None };
        if numbers[a].unit != numbers[b].unit {
            return None;
        }
        let (small, large) = if numbers[a].value <= numbers[b].value { (a, b) } else { (b, a) };
        let growing = !text[words.clone()].to_lowercase().contains("half");
        return Some(if growing { (small, large, "ratio-as-many-as") } else { (large, small, "ratio-as-many-as") });
    }
    let marked = |word: &str| {
        let found: Vec<usize> = inside.iter().copied().filter(|&i| preceded_by(text, numbers[i].start, word)).collect();
        match found[..] {
            [one] => Some(one),
            _ => None,
        }
    };
    let (base, result) = (marked("from")?, marked("to")?);
    let last = numbers[base].end.max(numbers[result].end);
    let another_change = OTHER_CHANGE.is_match(&text[words.end.min(last)..last]);
    (numbers[base].unit == numbers[result].unit && !another_change).then_some((base, result, "ratio-from-to"))
}

// A verb of change between the ratio words and the numbers owns them instead: "doubling
// the money, while cutting the limit from 20m to 15m". The stems share one `\w*`: each
// copy of the Unicode word class is hundreds of automaton states, and eleven of them
// made this the costliest pattern of the program to compile (7 ms). Every alternative
// ends at the end of its word, so the order of the alternatives decides nothing.
re!(
    OTHER_CHANGE,
    r"(?i)\b(?:cut|cuts|cutting|fell|rose|ris(?:e|es|ing)|grew|(?:reduc|rais|increas|decreas|fall|grow|climb|dropp?|jump|slash|lower)\w*)\b"
);

/// Whether the word right before `at` (ignoring a hedge such as "almost") is `word`.
fn preceded_by(text: &str, at: usize, word: &str) -> bool {
    // The hedge, the word and the character before it are at the end: lower-casing the
    // whole text before would cost time in proportion to the article, per number.
    let before = crate::extract::cover::tail(text[..at].trim_end(), 200).to_lowercase();
    let before = ["almost", "nearly", "about", "around", "just over", "just under", "more than", "over"]
        .iter()
        .find_map(|hedge| before.strip_suffix(hedge))
        .map_or(before.as_str(), str::trim_end);
    before.ends_with(word) && !before[..before.len() - word.len()].ends_with(|c: char| c.is_alphanumeric())
}

// The patterns to compile ahead in a large run (see `ahead`).
super::ahead::patterns!(RATIO_WORDS, OTHER_CHANGE);

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    use crate::extract::numbers::find_numbers;

    #[test]
    fn the_change_verbs_match_where_one_stem_per_alternative_matched() {
        let written = Regex::new(r"(?i)\b(?:cut|cuts|cutting|reduc\w*|rais\w*|increas\w*|decreas\w*|fell|fall\w*|rose|ris(?:e|es|ing)|grew|grow\w*|climb\w*|dropp?\w*|jump\w*|slash\w*|lower\w*)\b").unwrap();
        let pieces = ["cut", "s", "ting", "reduc", "ed", "Rais", "FALL", "rose", "ris", "e", "es", "ing", "grew", "drop", "p", "é", "_", "1", " ", ",", "-", "’", "lower", "jump"];
        for text in crate::generated::texts(&pieces, 20_000, 6) {
            assert_eq!(OTHER_CHANGE.is_match(&text), written.is_match(&text), "{text:?}");
        }
    }

    fn ratios(text: &str) -> Vec<(String, f64, Bound, f64, f64)> {
        let doc = Document::parse(text.as_bytes()).unwrap();
        let numbers = find_numbers(text);
        find_ratios(&doc, &numbers)
            .into_iter()
            .map(|r| (text[r.span].to_string(), r.factor, r.bound, numbers[r.base].value, numbers[r.result].value))
            .collect()
    }

    #[test]
    fn change_from_one_number_to_another() {
        let found = ratios("The Greens almost doubled their vote, from 8,000 to 15,000.");
        assert_eq!(found, [("almost doubled".to_string(), 2.0, Bound::AtMost, 8000.0, 15000.0)]);
        let found = ratios("Turnout more than halved, from 60% to 25%.");
        assert_eq!(found, [("more than halved".to_string(), 0.5, Bound::AtLeast, 60.0, 25.0)]);
    }

    #[test]
    fn comparisons_take_the_larger_number_as_result() {
        let found = ratios("Labour won 12,000 votes, twice as many as the Conservatives' 6,000.");
        assert_eq!(found, [("twice as many".to_string(), 2.0, Bound::About, 6000.0, 12000.0)]);
        let found = ratios("On average 10 percent had no opinion, but the share is nearly twice as high in Utah, at 19 percent.");
        assert_eq!(found, [("nearly twice as high".to_string(), 2.0, Bound::AtMost, 10.0, 19.0)]);
    }

    #[test]
    fn a_verb_needs_its_base_and_result_marked() {
        let found = ratios("Its vote tripled to 9,300, up from 3,100 last time.");
        assert_eq!(found, [("tripled".to_string(), 3.0, Bound::About, 3100.0, 9300.0)]);
        assert!(ratios("Its vote tripled to 9,300 after 3,100 last time.").is_empty(), "no base named");
    }

    #[test]
    fn unclear_or_unrelated_numbers_give_nothing() {
        assert!(ratios("The party doubled its efforts in 2019.").is_empty());
        assert!(ratios("Membership doubled to 40,000.").is_empty());
        assert!(ratios("He won 5,000 votes, 300 more than in 2017 and 40% of the total, doubling his lead.").is_empty());
        assert!(ratios("Half the voters stayed at home; 5,000 of 10,000.").is_empty(), "a fraction, not a ratio");
        assert!(ratios("She is twice the candidate he is, with 4,000 and 2,000.").is_empty());
        assert!(ratios("Allergan, about half the size of Pfizer, will have 11 of the 15 board seats.").is_empty());
        let other_verb = "The report suggests doubling the money candidates spend, while cutting national limits from 20,000 to 15,000.";
        assert!(ratios(other_verb).is_empty(), "the numbers belong to cutting");
    }
}
