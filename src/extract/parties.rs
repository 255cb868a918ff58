//! Party mentions: every written form from `data/parties.tsv` found in the text, with
//! its canonical name, whether it is possessive ("Labour's Ian Murray", "the
//! Conservatives' 18,006") and whether it stands in brackets after a name ("(Lab)",
//! "(R-Texas)").
//!
//! Forms match case-sensitively as whole words, so "this conservative government" is
//! not a party mention while "the Conservative Dan Watkins" is.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::boundaries::WordRegex;
use super::forms::{AhoCorasickKind, FormSearch};

use crate::doc::Span;
use crate::lexicon::Lexicon;

/// One party named in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyMention {
    /// The form as written, without a possessive ending or brackets.
    pub span: Span,
    /// The span including a possessive ending, if any ("Labour's").
    pub full: Span,
    pub canonical: String,
    pub possessive: bool,
    /// Written in brackets: "Stephen Doughty (Lab)", "Ted Cruz (R-Texas)".
    pub bracketed: bool,
}

/// The compiled party matcher, built once from the lexicon.
pub struct PartyMatcher {
    /// The forms a party may be written in outside brackets.
    free: FormSearch,
    /// canonical name of each pattern in `free`
    free_canonical: Vec<String>,
    /// form -> canonical for forms allowed inside brackets (all forms; the first row of
    /// a form that is listed twice)
    bracket_forms: FxHashMap<String, String>,
}

/// "(Lab)", "(Lab Co-op)", "(R-Texas)", "(D-Calif.)", "(I-Vt.)".
/// A [`WordRegex`]: its letter classes narrow to ASCII on the usual article, where the
/// Unicode ones took 3 ms to compile.
static BRACKETED: LazyLock<WordRegex> = LazyLock::new(|| WordRegex::new(r"\(\s*([A-Z][\p{L} &'’.-]*?)(?:\s*[-–]\s*[A-Z][\p{L}. ]*)?\s*\)"));

impl PartyMatcher {
    pub fn new(lexicon: &Lexicon) -> PartyMatcher {
        let free: Vec<_> = lexicon.parties.iter().filter(|p| !p.bracket_only).collect();
        PartyMatcher {
            // A contiguous NFA, not a DFA: the DFA of the 351 free forms is a table of
            // 1.8 MB (built in 3.4 ms) that a search of ten bytes or so reads in a different
            // place at each byte; the NFA takes 82 KB (0.8 ms). Timed inside the 100k bench
            // run, its searches took no longer, a few per cent less.
            free: FormSearch::new(free.iter().map(|p| p.form.as_str()), AhoCorasickKind::ContiguousNFA),
            free_canonical: free.iter().map(|p| p.canonical.clone()).collect(),
            bracket_forms: lexicon.parties.iter().rev().map(|p| (p.form.clone(), p.canonical.clone())).collect(),
        }
    }

    /// Every party mention in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<PartyMention> {
        let mut out: Vec<PartyMention> = self
            .free
            .find_iter(text)
            .filter(|m| is_whole_word(text, m.start(), m.end()))
            .map(|m| {
                let poss = possessive_len(&text[m.end()..]);
                PartyMention {
                    span: m.start()..m.end(),
                    full: m.start()..m.end() + poss,
                    canonical: self.free_canonical[m.pattern().as_usize()].clone(),
                    possessive: poss > 0,
                    bracketed: false,
                }
            })
            .collect();
        // A bracketed form replaces the free mention starting where it does.
        let mut bracketed: Vec<PartyMention> = Vec::new();
        for caps in BRACKETED.captures_iter(text) {
            let form = caps.get(1).unwrap();
            let Some(canonical) = self.bracket_forms.get(form.as_str().trim()) else {
                continue;
            };
            bracketed.push(PartyMention {
                span: form.start()..form.start() + form.as_str().trim().len(),
                full: caps.get(0).unwrap().range(),
                canonical: canonical.clone(),
                possessive: false,
                bracketed: true,
            });
        }
        let replaced: std::collections::HashSet<usize> = bracketed.iter().map(|p| p.span.start).collect();
        out.retain(|p| !replaced.contains(&p.span.start));
        out.extend(bracketed);
        out.sort_by_key(|p| p.span.start);
        out
    }
}

fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !joined(before) && !joined(after) && !matches!(before, Some('-'))
}

/// Length in bytes of a possessive ending at the start of `rest`: "'s", "’s", "'" or "’".
fn possessive_len(rest: &str) -> usize {
    for suffix in ["'s", "’s"] {
        if rest.starts_with(suffix) && !rest[suffix.len()..].starts_with(char::is_alphanumeric) {
            return suffix.len();
        }
    }
    for suffix in ["'", "’"] {
        if rest.starts_with(suffix) && !rest[suffix.len()..].starts_with(char::is_alphanumeric) {
            return suffix.len();
        }
    }
    0
}

// The patterns to compile ahead in a large run (see `ahead`).
super::ahead::patterns!(BRACKETED);

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};

    fn found(text: &str) -> Vec<(String, String, bool)> {
        let m = PartyMatcher::new(&Lexicon::builtin());
        m.find(text).into_iter().map(|p| (text[p.span].to_string(), p.canonical, p.possessive)).collect()
    }

    /// The anchored searches at the forms' first bytes find what one unanchored search
    /// finds, including matches inside words and forms that overlap.
    #[test]
    fn form_matches_are_the_unanchored_matches() {
        let lex = Lexicon::builtin();
        let m = PartyMatcher::new(&lex);
        let forms = lex.parties.iter().filter(|p| !p.bracket_only).map(|p| p.form.as_str());
        let unanchored = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(forms).unwrap();
        const PIECES: &[&str] = &[
            "Labour", "Labour Party", "Lab", "Conservative", "Conservatives", "Tory", "Tor", "Lib Dem", "Lib Dems", "Liberal Democrats", "Green",
            "Green Party", "Reform UK", "Reform", "SNP", "Plaid Cymru", "Democrat", "Democratic", "Republican", "GOP", "x", "X", " ", "'s", "’",
            "-", "é", "McGreen", "the ",
        ];
        let mut found = 0;
        for text in crate::generated::texts(PIECES, 20_000, 10) {
            let expected: Vec<_> = unanchored.find_iter(&text).map(|x| (x.span(), x.pattern())).collect();
            assert_eq!(m.free.find_iter(&text).map(|x| (x.span(), x.pattern())).collect::<Vec<_>>(), expected, "{text:?}");
            found += expected.len();
        }
        assert!(found > 10_000, "the texts hold many forms: {found}");
    }

    /// The canonical names found in `text` with one more row in `parties.tsv`.
    fn canonicals_with_row(row: &str, text: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("parties.tsv"), row).unwrap();
        let m = PartyMatcher::new(&Lexicon::with_extra_dir(dir.path()).unwrap());
        m.find(text).into_iter().map(|p| p.canonical).collect()
    }

    #[test]
    fn a_form_in_lower_case_is_found_by_the_byte_by_byte_scan() {
        assert_eq!(canonicals_with_row("Independent\tindependent\n", "an independent beat Labour"), ["Independent", "Labour"]);
    }

    #[test]
    fn adjectives_possessives_and_plurals() {
        assert_eq!(
            found("the Conservative Dan Watkins beat Labour's Ian Murray and the Lib Dems’ candidate"),
            [
                ("Conservative".into(), "Conservative".into(), false),
                ("Labour".into(), "Labour".into(), true),
                ("Lib Dems".into(), "Liberal Democrats".into(), true),
            ]
        );
        assert_eq!(found("compared to the Conservatives’ 18,006")[0].1, "Conservative");
        assert_eq!(found("Green Party’s Kate Crossland")[0].0, "Green Party");
    }

    #[test]
    fn brackets_after_names() {
        let got = found("Stephen Doughty (Lab) and Sen. Ted Cruz (R-Texas) and Bernie Sanders (I-Vt.)");
        let canon: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(canon, ["Labour", "Republican", "Independent"]);
    }

    #[test]
    fn a_form_listed_twice_in_brackets_keeps_its_first_row() {
        assert_eq!(canonicals_with_row("Lab Party\tLab\tbracket\n", "Stephen Doughty (Lab) won"), ["Labour"]);
    }

    #[test]
    fn lower_case_words_and_word_parts_are_not_parties() {
        assert!(found("this conservative government and a green belt").is_empty());
        assert!(found("Laboured breathing, Toryism and non-Labour voters").is_empty());
        assert!(found("He said (I think) it was fine").is_empty());
    }

    #[test]
    fn us_parties() {
        let got = found("Democrat Joe Biden and the Republican Party and the GOP");
        let canon: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(canon, ["Democratic", "Republican", "Republican"]);
    }
}
