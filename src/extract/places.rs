//! Constituency mentions: the names in `data/constituencies.tsv` (every UK Westminster
//! seat of the 2017, 2019 and 2024 boundaries; users add council wards or US districts)
//! found as whole words, longest name first ("Ealing Central and Acton", not "Ealing").

use aho_corasick::{AhoCorasick, MatchKind};

use crate::extract::figures::PlaceMention;
use crate::lexicon::Lexicon;

/// The compiled constituency matcher, built once from the lexicon.
pub struct PlaceMatcher {
    matcher: AhoCorasick,
    names: Vec<String>,
}

impl PlaceMatcher {
    pub fn new(lexicon: &Lexicon) -> PlaceMatcher {
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&lexicon.constituencies)
            .expect("constituency names build an automaton");
        PlaceMatcher { matcher, names: lexicon.constituencies.clone() }
    }

    pub fn find(&self, text: &str) -> Vec<PlaceMention> {
        self.matcher
            .find_iter(text)
            .filter(|m| {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
                // "Tooting Broadway" is a street, not the seat: a capitalised word after it.
                let next_word_capital = text[m.end()..].strip_prefix(' ').is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()));
                !joined(before) && !joined(after) && !next_word_capital
            })
            .map(|m| PlaceMention { span: m.start()..m.end(), name: self.names[m.pattern().as_usize()].clone() })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        PlaceMatcher::new(&Lexicon::builtin()).find(text).into_iter().map(|p| p.name).collect()
    }

    #[test]
    fn longest_whole_name_wins() {
        assert_eq!(names("She retained her Ealing Central and Acton seat."), ["Ealing Central and Acton"]);
        assert_eq!(names("Fleur Anderson took the seat for Putney."), ["Putney"]);
    }

    #[test]
    fn parts_of_words_and_streets_are_not_seats() {
        assert!(names("Puttney and Tooting Broadway and Battersea-born").is_empty());
    }
}
