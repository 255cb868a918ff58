//! People: every mention of a person's name, grouped into one person per article with one
//! canonical name ("Dr Allin-Khan" and "Rosena Allin-Khan" are one person), plus the
//! resolution of pronouns and of "the Labour candidate" to the person they refer to.
//!
//! A capitalised run of words is a name when a title stands before it ("Dr Huq"), when it
//! starts with a known first name ("Fleur Anderson"), or when it speaks ("Brafman said").
//! A lone surname counts once the article has named that person in full. Runs ending in an
//! organisation word ("Wandsworth Council"), party names and capitalised function words
//! are not names. A list of names after "by" at the end of a sentence is a byline.

use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use rustc_hash::FxHashMap;

use super::boundaries::WordRegex;
use super::name_runs::NameRuns;
use super::part_search::PartSearch;

use crate::doc::{Document, Span};
use crate::extract::cover::{starting_in, Cover};
use crate::extract::parties::PartyMention;
use crate::lexicon::{strip_possessive, Gender, Lexicon, WordFacts};

/// One person named in the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// The fullest form the article gives, titles removed.
    pub name: String,
    pub gender: Gender,
    /// Every mention of this person is in a byline: an author, not a subject.
    pub byline_only: bool,
}

/// One place the article names a person.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonMention {
    /// The name words, without title or possessive ending.
    pub span: Span,
    /// With the title, if any ("Dr Allin-Khan").
    pub full: Span,
    pub person: usize,
    pub possessive: bool,
    pub in_quote: bool,
    pub byline: bool,
}

/// The people of one article and where they are named.
#[derive(Debug, Clone, Default)]
pub struct People {
    pub persons: Vec<Person>,
    /// Sorted by position, and never overlapping (each comes from its own run of words).
    pub mentions: Vec<PersonMention>,
    /// Each kind of pronoun's [`Antecedents`], built on the first [`People::antecedent`]
    /// question of that kind, from the final mentions: most articles ask of two kinds.
    antecedents: [OnceLock<Antecedents>; 6],
    /// Built on the first [`People::mentions_of`] question: each person's mentions.
    by_person: OnceLock<Vec<Vec<usize>>>,
}

/// A subject pronoun or an anaphoric description found in the text, with the person it
/// refers to.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub span: Span,
    pub person: Option<usize>,
    pub in_quote: bool,
    /// A description ("the Labour candidate") rather than a pronoun.
    pub is_description: bool,
}

/// The compiled name rules, built once from the lexicon.
pub struct NameMatcher {
    /// The capitalised runs of words: see [`super::name_runs`].
    runs: NameRuns,
}

/// Capitalised words that are never a name whatever the word lists say: pronouns and
/// the function words that open sentences.
fn is_never_name(word: &str) -> bool {
    // A match, not a slice scan: the compiler sorts it by length, and it runs for
    // every capitalised word.
    matches!(
        word,
        "I" | "He" | "She" | "It" | "We" | "They" | "You" | "His" | "Her" | "Its" | "Our" | "Their" | "My" | "Your" | "The" | "A" | "An" | "This" | "That" | "These" | "Those" | "But" | "And" | "Or" | "If" | "When" | "While" | "As" | "In" | "On" | "At" | "Of" | "For" | "To" | "By" | "With" | "From" | "After" | "Before" | "So" | "Yet" | "Then" | "There" | "Here" | "What" | "Who" | "Why" | "How" | "Which" | "Where"
    )
}

/// Verbs of speech that, right after a capitalised word, show it is a person speaking
/// ("Brafman said"). Only speech: "Putney celebrated" or "Apple welcomed" says nothing.
fn is_person_verb(word: &str) -> bool {
    // A match, not a slice scan, like `is_never_name`.
    matches!(
        word,
        "said" | "says" | "told" | "tells" | "added" | "adds" | "argued" | "argues" | "wrote" | "writes" | "tweeted" | "insisted" | "insists" | "explained"
        | "explains" | "noted" | "notes" | "asked" | "asks" | "replied" | "replies" | "stated" | "states" | "claimed" | "claims" | "warned" | "warns" | "acknowledged"
        | "recalled" | "recalls" | "continued" | "concluded" | "declared" | "responded" | "answered" | "suggested" | "commented" | "admitted" | "admits" | "countered" | "quipped" | "joked"
        | "remarked" | "conceded" | "concedes" | "exclaimed" | "shouted" | "whispered" | "testified" | "emphasized" | "emphasised" | "stressed" | "posted"
    )
}

/// The nouns that make "the Labour candidate" an anaphor.
const ANAPHOR_HEADS: &str = "candidate|incumbent|MP|winner|nominee|challenger|councillor|senator|congressman|congresswoman|politician|newcomer";

static ANAPHOR: LazyLock<WordRegex> = LazyLock::new(|| WordRegex::new(format!(r"\b[Tt]he (?:(?:[A-Z][\p{{L}}-]+ ){{0,2}})(?:{ANAPHOR_HEADS})\b")));

/// A part of each of [`ANAPHOR_HEADS`] but "MP", whose first four bytes are rare in
/// English ("ndidat" of "candidate", "ssman" of "congressman"): where the anaphor
/// pattern can match is found by one pass of [`PartSearch`] for these, and a search for
/// "MP" (too short for it). A part found inside another word ("winner" of "winners",
/// "llenger" of "challengers") only costs a look at its clause.
const ANAPHOR_HEAD_PARTS: [&str; 11] = ["ndidat", "ncumb", "winne", "ominee", "llenger", "cillor", "enator", "ssman", "sswoman", "tician", "wcomer"];

static ANAPHOR_HEAD_SEARCH: LazyLock<PartSearch> = LazyLock::new(|| PartSearch::new(&ANAPHOR_HEAD_PARTS));

/// What `ANAPHOR.find_iter(text)` finds, read only where it can be. Every match ends in
/// one of [`ANAPHOR_HEADS`] and holds only letters, hyphens and spaces, so it lies in
/// the stretch of such characters around a head, and so around a part of one
/// ([`ANAPHOR_HEAD_PARTS`], "MP"); the pattern is run on those stretches alone, in
/// order ([`super::boundaries::stretch_around`]). The pattern read the whole of every
/// article that named a head anywhere; over the BBC articles the search took 0.66–0.78
/// ns a byte that way and 0.25–0.28 ns this way.
fn anaphors(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut heads: Vec<usize> = ANAPHOR_HEAD_SEARCH.starts(bytes).chain(memchr::memmem::find_iter(bytes, "MP")).collect();
    if heads.is_empty() {
        return Vec::new();
    }
    heads.sort_unstable();
    let in_stretch = |c: char| c.is_alphabetic() || c == '-' || c == ' ';
    let pattern = ANAPHOR.for_text(text);
    let mut found = Vec::new();
    let mut searched_to = 0;
    for head in heads {
        if head < searched_to {
            continue;
        }
        let (stretch, seen) = super::boundaries::stretch_around(text, head..head, in_stretch);
        let mut from = stretch.start;
        while let Some(m) = pattern.find_at(&text[..seen], from) {
            found.push(m.range());
            from = m.end();
        }
        searched_to = stretch.end;
    }
    found
}

/// Where `text` has a subject pronoun ("she", "he", "they", or capitalised) as a whole
/// word (Unicode word boundaries), in order: what `\b(?:[Ss]he|[Hh]e|[Tt]hey)\b` finds.
/// Each holds "he" after its first letter or at its start, so only the letters around a
/// "he" or "He" are read; a regex tried every "he" of "the" and "when" and was most of
/// the time the references took. English has a "he" every sixty bytes or so (the BBC
/// articles: 84,199 in 5 MB, against 187,547 of "h" and "H", where the scan stopped
/// before); each is answered by comparing a byte or two before any character is decoded.
fn pronouns(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut lower = memchr::memmem::find_iter(bytes, "he").peekable();
    let mut upper = memchr::memmem::find_iter(bytes, "He").peekable();
    // Each "he" and "He" of the text, in order.
    let he = std::iter::from_fn(move || match (lower.peek(), upper.peek()) {
        (Some(l), Some(u)) if u < l => upper.next(),
        (Some(_), _) => lower.next(),
        (None, _) => upper.next(),
    });
    he.filter_map(move |h| {
        let lower_h = bytes[h] == b'h';
        let (start, end) = match h.checked_sub(1).map(|before| bytes[before]) {
            // "she", "She"; "sHe" is no word of its own, and nor is its "He".
            Some(b's' | b'S') if lower_h => (h - 1, h + 2),
            Some(b't' | b'T') if lower_h => match bytes.get(h + 2) {
                Some(b'y') => (h - 1, h + 3),
                // "the", "them", "then": "he" inside a word.
                _ => return None,
            },
            _ => (h, h + 2),
        };
        (word_edge_before(text, start) && word_edge_after(text, end)).then_some(start..end)
    })
}

/// No word character ends at `at` (`\b` holds there when one starts at `at`).
fn word_edge_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| !is_word_char(c))
}

/// No word character starts at `at`.
fn word_edge_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_none_or(|c| !is_word_char(c))
}

/// A character `\b` counts as part of a word; ASCII answered without the Unicode table.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        regex_syntax::is_word_character(c)
    }
}

impl NameMatcher {
    pub fn new(_lexicon: &Lexicon) -> NameMatcher {
        // Any capitalised word may end in a full stop in a run; `split_run` keeps the stop
        // for titles and initials ("Sen. Walt Brennan", "Carlton W. Reeves") and ends the
        // run at any other ("... said Trump. Clinton ...").
        NameMatcher { runs: NameRuns::new() }
    }

    /// Finds the people of `doc`. `quotes` are the quotation spans (mentions inside them
    /// are marked), `parties` the party mentions (never names).
    pub fn find(&self, doc: &Document, lexicon: &Lexicon, parties: &[PartyMention], quotes: &[Span]) -> People {
        let text: &str = &doc.text;
        let party_words = Cover::new(parties.iter().map(|p| p.span.start..p.full.end));
        let mut raw = RawMentions::for_text(text);
        let mut buffers = RunBuffers { words: Vec::with_capacity(16), looks: Vec::with_capacity(16) };
        let mut at = 0;
        while let Some(run) = self.runs.next_run(text, at, &mut buffers.words) {
            at = run.end;
            split_run(text, lexicon, &party_words, &mut buffers, &mut raw);
        }
        mark_bylines(text, &mut raw.mentions);
        let mut people = group(text, raw, lexicon);
        let quotes = Cover::new(quotes.iter().cloned());
        for mention in &mut people.mentions {
            mention.in_quote = quotes.contains_span(&mention.span);
        }
        let mut named_outside_bylines = vec![false; people.persons.len()];
        for m in people.mentions.iter().filter(|m| !m.byline) {
            named_outside_bylines[m.person] = true;
        }
        for (person, named) in people.persons.iter_mut().zip(named_outside_bylines) {
            person.byline_only = !named;
        }
        people
    }
}

/// The name candidates of an article before grouping, the words of all of them in one
/// buffer (a vector per candidate was the largest share of the allocations names made).
#[derive(Debug)]
struct RawMentions {
    words: Vec<Span>,
    mentions: Vec<RawMention>,
}

impl RawMentions {
    /// Room for the candidates of a usual article of this length, in one allocation per
    /// buffer rather than the five or six of growing from nothing. In the bench's news
    /// text a capitalised word starts every 34 bytes and a run every 48; not every run
    /// holds a name.
    fn for_text(text: &str) -> RawMentions {
        RawMentions { words: Vec::with_capacity(text.len() / 32 + 4), mentions: Vec::with_capacity(text.len() / 64 + 4) }
    }

    /// The name's words, separated by single spaces ("Jean-Luc O’Neill").
    fn name_text(&self, text: &str, m: &RawMention) -> String {
        name_text(text, &self.words[m.words.clone()])
    }
}

/// A name candidate before grouping.
#[derive(Debug, Clone)]
struct RawMention {
    /// Where its words are in [`RawMentions::words`].
    words: Range<usize>,
    /// Its first and its last word (the same one when it is one word), kept here so
    /// that the rules reading only a name's ends need not be handed the buffer.
    first: Span,
    last: Span,
    title: Option<(Span, Gender)>,
    possessive: bool,
    byline: bool,
    /// A title or first name vouches for it; others need a known surname or a verb.
    strong: bool,
}

/// Cuts one capitalised run into the name it holds, if any: drops leading function
/// words, parties and titles, and starts at a first name when places precede it
/// ("Mayor of London Sadiq Khan", "Vermont Bernie Sanders"). Possessives end a run.
/// `parties` covers each party mention from its first word to its possessive ending;
/// `buffers.words` holds the run's words ([`NameRuns::next_run`]).
fn split_run(text: &str, lex: &Lexicon, parties: &Cover, buffers: &mut RunBuffers, out: &mut RawMentions) {
    let words = &mut buffers.words;
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        // Extend j over one segment: it ends after a possessive, or after a full stop
        // that does not belong to a title or an initial.
        while j < words.len() && !ends_possessive(&text[words[j].clone()]) && !ends_sentence_word(text, &words[j], lex) {
            j += 1;
        }
        if j < words.len() && ends_sentence_word(text, &words[j], lex) {
            words[j].end -= 1;
        }
        let seg_end = (j + 1).min(words.len());
        buffers.looks.clear();
        buffers.looks.extend(words[i..seg_end].iter().map(|w| WordLook::of(&text[w.clone()], lex)));
        take_name(text, &words[i..seg_end], &buffers.looks, lex, parties, out);
        i = seg_end;
    }
}

/// The buffers of [`split_run`], filled for each run and kept from run to run: most
/// runs are a word or two.
struct RunBuffers {
    words: Vec<Span>,
    looks: Vec<WordLook>,
}

/// What the word lists say of one word of a run, looked up once: the rules of
/// [`take_name`] ask about each word up to five times (as a title, a first name, an
/// organisation word...), and each question was a hash look-up of its own.
#[derive(Debug, Clone, Copy)]
struct WordLook {
    /// Of the word without its possessive ending ("Smith's": "Smith").
    word: WordFacts,
    /// Of that word without its full stops ("Sen.": "Sen").
    bare: WordFacts,
    /// Of the word as written without its full stops, where titles are looked up:
    /// "Smith's" is no title even if "Smith" were one.
    as_written: WordFacts,
}

impl WordLook {
    fn of(raw: &str, lex: &Lexicon) -> WordLook {
        let word = strip_possessive(raw);
        let bare = word.trim_end_matches('.');
        let as_written = raw.trim_end_matches('.');
        // All three are prefixes of `raw`: two of the same length are the same word.
        let word_facts = lex.facts(word);
        let bare_facts = if bare.len() == word.len() { word_facts } else { lex.facts(bare) };
        let written_facts = if as_written.len() == bare.len() { bare_facts } else { lex.facts(as_written) };
        WordLook { word: word_facts, bare: bare_facts, as_written: written_facts }
    }
}

/// "Trump." at the end of a sentence, as opposed to "Sen." or the initial "W.".
fn ends_sentence_word(text: &str, word: &Span, lex: &Lexicon) -> bool {
    let w = &text[word.clone()];
    let Some(bare) = w.strip_suffix('.') else { return false };
    let initial = bare.chars().count() == 1;
    !initial && !lex.titles.contains_key(bare)
}

fn ends_possessive(word: &str) -> bool {
    strip_possessive(word).len() != word.len()
}

/// `words` and what the lists say of each (`looks`, one per word).
fn take_name(text: &str, words: &[Span], looks: &[WordLook], lex: &Lexicon, parties: &Cover, out: &mut RawMentions) {
    let word_str = |s: &Span| strip_possessive(&text[s.clone()]);
    let is_party = |s: &Span| parties.contains_span(s);
    let mut k = 0;
    let mut title: Option<(Span, Gender)> = None;
    // Leading titles, parties and function words.
    while k < words.len() {
        let bare = word_str(&words[k]).trim_end_matches('.');
        if let Some((len, t)) = match_title(text, &words[k..], &looks[k..], lex) {
            title = Some((words[k].start..words[k + len - 1].end, t));
            k += len;
            // "Mayor of London Sadiq Khan": the office's "of X" is not part of the name.
            continue;
        }
        let facts = looks[k].bare;
        let skipped = facts.not_name || facts.org_word || is_never_name(bare) || bare == "MP" || bare == "MPs" || is_party(&words[k]);
        // "Continued Stone:", "Said Mr Murray": a capitalised verb opening the sentence.
        let verb = || facts.first_name.is_none() && lex.is_reporting_verb(bare);
        if skipped || verb() {
            title = None;
            k += 1;
            continue;
        }
        break;
    }
    // The name's words are `words[first..]`.
    let mut first = k;
    if first == words.len() {
        return;
    }
    // "Harrogate Mr Kennedy": a title inside the run starts the name.
    if title.is_none() {
        let inner = (first + 1..words.len()).find_map(|p| match_title(text, &words[p..], &looks[p..], lex).map(|found| (p, found)));
        if let Some((p, (len, g))) = inner {
            title = Some((words[p].start..words[p + len - 1].end, g));
            first = p + len;
            while first < words.len() && looks[first].bare.not_name {
                first += 1;
            }
            if first == words.len() {
                return;
            }
        }
    }
    // Start at a first name when the run opens with other capitalised words.
    let first_name_at = looks[first..].iter().position(|look| look.word.first_name.is_some());
    let first_is_name = match first_name_at {
        Some(p) if p > 0 && title.is_none() && words.len() - first - p >= 2 => {
            first += p;
            true
        }
        _ => first_name_at == Some(0),
    };
    let (rest, rest_looks) = (&words[first..], &looks[first..]);
    // "Damian Green", "Kate Green": a party form after a first name is a surname.
    let party_inside = rest.iter().enumerate().any(|(i, s)| is_party(s) && !(i > 0 && first_is_name));
    // An organisation word after the first ("Wandsworth Council"), or a word that is
    // never a name anywhere, is no person's.
    let not_a_name = |(i, (s, look)): (usize, (&Span, &WordLook))| (i > 0 && look.bare.org_word) || look.word.not_name || is_never_name(word_str(s));
    if party_inside || rest.iter().zip(rest_looks).enumerate().any(not_a_name) {
        return;
    }
    if rest.len() == 1 && word_str(&rest[0]).chars().count() < 2 {
        return;
    }
    let strong = title.is_some() || (rest.len() >= 2 && first_is_name);
    let possessive = ends_possessive(&text[rest.last().unwrap().clone()]);
    let from = out.words.len();
    out.words.extend_from_slice(rest);
    let last = out.words.last_mut().expect("a name has a word");
    if possessive {
        last.end = last.start + strip_possessive(&text[last.clone()]).len();
    }
    let (first, last) = (rest[0].clone(), last.clone());
    out.mentions.push(RawMention { words: from..out.words.len(), first, last, title, possessive, byline: false, strong });
}

/// A title at the start of `words` (one or two words, with or without a full stop);
/// `looks` are what the lists say of each word.
fn match_title(text: &str, words: &[Span], looks: &[WordLook], lex: &Lexicon) -> Option<(usize, Gender)> {
    if words.len() >= 3 && looks[0].as_written.opens_two_word_title {
        // "Lt. Gov." is the title "Lt Gov".
        let (first, second) = (text[words[0].clone()].trim_end_matches('.'), text[words[1].clone()].trim_end_matches('.'));
        if let Some(t) = lex.two_word_title(first, second) {
            return Some((2, t.gender));
        }
    }
    // A title needs a name after it.
    if words.len() >= 2 {
        return looks[0].as_written.title.map(|gender| (1, gender));
    }
    None
}

/// "..., by Aman Pathiara, Suzie Tombs and Ronan Barnard." and "By Jane Smith" lines:
/// names listed after "by" to the end of a sentence are authors.
fn mark_bylines(text: &str, raw: &mut [RawMention]) {
    let mut i = 0;
    while i < raw.len() {
        let start = raw[i].first.start;
        let before = text[..start].trim_end();
        if !(before.ends_with(" by") || before.ends_with("\nby") || before.ends_with("By") || before.ends_with(", by")) {
            i += 1;
            continue;
        }
        // Collect the list: names joined by ", " or " and ".
        let mut j = i;
        while j + 1 < raw.len() {
            let gap = &text[raw[j].last.end..raw[j + 1].first.start];
            if matches!(gap.trim(), "," | "and" | ", and" | "&") {
                j += 1;
            } else {
                break;
            }
        }
        let tail = text[raw[j].last.end..].trim_start();
        let ends_sentence = tail.is_empty() || tail.starts_with(['.', '\n']) || tail.starts_with("\r");
        let by_line = before.ends_with("By") && before[..before.len() - 2].ends_with(['\n', '\r']) || before == "By";
        if (j > i && ends_sentence) || by_line {
            for m in &mut raw[i..=j] {
                m.byline = true;
                // A listed author is a person even with a first name we do not know.
                m.strong |= m.words.len() >= 2;
            }
        }
        i = j + 1;
    }
}

/// Groups mentions into persons: full names first, then lone surnames attach to the
/// person last named with that surname (or the next one, when named later).
fn group(text: &str, raw: RawMentions, lex: &Lexicon) -> People {
    let surname = |m: &RawMention| &text[m.last.clone()];
    let full_name = |m: &RawMention| raw.name_text(text, m);
    // A person per candidate at most: room for all of them at once.
    let mut people = People { mentions: Vec::with_capacity(raw.mentions.len()), persons: Vec::with_capacity(raw.mentions.len()), ..People::default() };
    let mut surnames = Surnames::with_capacity(raw.mentions.len());
    let mut assigned: Vec<Option<usize>> = vec![None; raw.mentions.len()];
    // Pass 1: multi-word names and titled names define persons.
    let knighted = |m: &RawMention| m.words.len() == 1 && m.title.as_ref().is_some_and(|t| matches!(text[t.0.clone()].trim_end_matches('.'), "Sir" | "Dame"));
    for (i, m) in raw.mentions.iter().enumerate() {
        // "Sir Julian" names by first name: matched to its person in pass 2.
        if !(m.strong || (m.words.len() >= 2 && speaks_after(text, m))) || knighted(m) {
            continue;
        }
        let sn = surname(m);
        let first = (m.words.len() >= 2).then(|| &text[m.first.clone()]);
        let existing = surnames.newest_first(sn).find(|&id| compatible_first(&people.persons[id].name, first));
        let id = existing.unwrap_or_else(|| {
            people.persons.push(Person { name: full_name(m), gender: Gender::Unknown, byline_only: false });
            surnames.add(sn, people.persons.len() - 1)
        });
        let person = &mut people.persons[id];
        if m.words.len() > person.name.split_whitespace().count() {
            person.name = full_name(m);
        }
        if person.gender == Gender::Unknown {
            person.gender = gender_of(text, m, lex);
        }
        assigned[i] = Some(id);
    }
    // Pass 2: lone surnames. Where each person was named so far, for [`NamedAt::pick`].
    let mut named_at = NamedAt::after_pass_one(&raw.mentions, &assigned, people.persons.len());
    for (i, m) in raw.mentions.iter().enumerate() {
        if let Some(id) = assigned[i] {
            named_at.passed(id, m.first.start);
            continue;
        }
        // "Wasserman Schultz" after "Debbie Wasserman Schultz": the tail of a known name.
        if m.words.len() >= 2 {
            let name = full_name(m);
            let owner = people.persons.iter().position(|p| ends_with_words(&p.name, &name));
            // ... and the other way round: "Caoimhe Ní Bhriain" when "Ní Bhriain" spoke.
            let shorter = people.persons.iter().position(|p| ends_with_words(&name, &p.name));
            if let Some(id) = shorter.filter(|_| owner.is_none()) {
                people.persons[id].name = name;
            }
            assigned[i] = owner.or(shorter);
            if let Some(id) = assigned[i] {
                named_at.passed(id, m.first.start);
            }
            continue;
        }
        let sn = surname(m);
        // "Sir Julian" is Sir Julian Pemberton: a knight or dame goes by the first name.
        let by_first = || people.persons.iter().position(|p| p.name.split_whitespace().count() >= 2 && p.name.split_whitespace().next() == Some(sn));
        if surnames.has(sn) {
            assigned[i] = Some(named_at.pick(surnames.newest_first(sn), m.first.start));
        } else if let Some(id) = knighted(m).then(by_first).flatten() {
            assigned[i] = Some(id);
        } else if speaks_after(text, m) || speaks_before(text, m) || knighted(m) {
            people.persons.push(Person { name: sn.to_string(), gender: Gender::Unknown, byline_only: false });
            assigned[i] = Some(surnames.add(sn, people.persons.len() - 1));
        }
        if let Some(id) = assigned[i] {
            named_at.passed(id, m.first.start);
        }
    }
    for (m, id) in raw.mentions.iter().zip(assigned) {
        let Some(person) = id else { continue };
        let span = m.first.start..m.last.end;
        let full = m.title.as_ref().map_or(span.start, |t| t.0.start)..span.end;
        people.mentions.push(PersonMention { span, full, person, possessive: m.possessive, in_quote: false, byline: m.byline });
    }
    people.mentions.sort_by_key(|m| m.span.start);
    debug_assert!(people.mentions.windows(2).all(|w| w[0].span.end <= w[1].full.start), "mentions overlap");
    order_by_first_mention(&mut people);
    people
}

/// Numbers persons in the order the article first names them, so output follows the text.
fn order_by_first_mention(people: &mut People) {
    // Usually they are in that order already: each person is first named after the one
    // before, and every one is named.
    let first_unnamed = people.mentions.iter().try_fold(0, |next, m| match m.person.cmp(&next) {
        std::cmp::Ordering::Less => Some(next),
        std::cmp::Ordering::Equal => Some(next + 1),
        std::cmp::Ordering::Greater => None,
    });
    if first_unnamed == Some(people.persons.len()) {
        return;
    }
    let mut order: Vec<usize> = Vec::new();
    let mut seen = vec![false; people.persons.len()];
    for m in &people.mentions {
        if !seen[m.person] {
            seen[m.person] = true;
            order.push(m.person);
        }
    }
    let mut new_id = vec![usize::MAX; people.persons.len()];
    for (new, &old) in order.iter().enumerate() {
        new_id[old] = new;
    }
    let mut persons: Vec<Option<Person>> = std::mem::take(&mut people.persons).into_iter().map(Some).collect();
    people.persons = order.iter().map(|&old| persons[old].take().expect("each person is ordered once")).collect();
    for m in &mut people.mentions {
        m.person = new_id[m.person];
    }
}

/// The persons of each surname: the latest of them, and for each person the one before
/// of the same surname. A vector per surname was an allocation per person.
struct Surnames<'t> {
    latest: FxHashMap<&'t str, usize>,
    /// By person, in the order they were added.
    earlier: Vec<Option<usize>>,
}

impl<'t> Surnames<'t> {
    fn with_capacity(persons: usize) -> Surnames<'t> {
        Surnames { latest: FxHashMap::with_capacity_and_hasher(persons, Default::default()), earlier: Vec::with_capacity(persons) }
    }

    /// Adds person `id`, the next one (persons are numbered as they are added); returns it.
    fn add(&mut self, surname: &'t str, id: usize) -> usize {
        debug_assert_eq!(id, self.earlier.len(), "persons are added in order");
        self.earlier.push(self.latest.insert(surname, id));
        id
    }

    fn has(&self, surname: &str) -> bool {
        self.latest.contains_key(surname)
    }

    /// The persons of `surname`, the latest added first.
    fn newest_first(&self, surname: &str) -> impl Iterator<Item = usize> + Clone + '_ {
        std::iter::successors(self.latest.get(surname).copied(), |&id| self.earlier[id])
    }
}

/// Where each person is named, for the lone-surname pass, which reads the mentions in
/// order: the last mention already read, and the later ones the first pass assigned.
struct NamedAt {
    last_read: Vec<Option<usize>>,
    /// The starts of the mentions the first pass assigned, as (person, start), by person
    /// and then in order: one vector, not one per person.
    first_pass: Vec<(usize, usize)>,
}

impl NamedAt {
    fn after_pass_one(raw: &[RawMention], assigned: &[Option<usize>], persons: usize) -> NamedAt {
        let mut first_pass: Vec<(usize, usize)> = raw.iter().zip(assigned).filter_map(|(m, id)| Some(((*id)?, m.first.start))).collect();
        // Stable: each person's starts stay in text order.
        first_pass.sort_by_key(|&(id, _)| id);
        NamedAt { last_read: vec![None; persons], first_pass }
    }

    /// The mention of `id` at `at` has been read (mentions are read in order).
    fn passed(&mut self, id: usize, at: usize) {
        if id >= self.last_read.len() {
            self.last_read.resize(id + 1, None);
        }
        self.last_read[id] = Some(at);
    }

    /// The starts of the first-pass mentions of `id`, in order.
    fn first_pass_of(&self, id: usize) -> &[(usize, usize)] {
        let from = self.first_pass.partition_point(|&(p, _)| p < id);
        let to = from + self.first_pass[from..].partition_point(|&(p, _)| p == id);
        &self.first_pass[from..to]
    }

    /// The person of `ids` (those with this surname) mentioned last before `pos`, else
    /// the first after it, else the one of them added first.
    fn pick(&self, ids: impl Iterator<Item = usize> + Clone, pos: usize) -> usize {
        let before = ids.clone().filter_map(|id| self.last_read.get(id).copied().flatten().map(|at| (at, id))).max();
        let after = || {
            ids.clone()
                .filter_map(|id| {
                    let starts = self.first_pass_of(id);
                    starts.get(starts.partition_point(|&(_, at)| at <= pos)).map(|&(_, at)| (at, id))
                })
                .min()
        };
        let first_added = || ids.clone().last().expect("a known surname has a person");
        before.or_else(after).map_or_else(first_added, |(_, id)| id)
    }
}

/// `name` ends with the whole words of `tail` and has more: "Debbie Wasserman Schultz"
/// ends with "Wasserman Schultz", not with "Schultz Smith" or "serman Schultz".
fn ends_with_words(name: &str, tail: &str) -> bool {
    name.len() > tail.len() && name.ends_with(tail) && name.as_bytes()[name.len() - tail.len() - 1] == b' '
}

fn compatible_first(known_name: &str, first: Option<&str>) -> bool {
    let Some(first) = first else { return true };
    let words: Vec<&str> = known_name.split_whitespace().collect();
    if words.len() < 2 {
        return true;
    }
    let known = words[0];
    known == first || (first.ends_with('.') && known.starts_with(first.trim_end_matches('.')))
}

fn gender_of(text: &str, m: &RawMention, lex: &Lexicon) -> Gender {
    if let Some((_, g)) = m.title {
        if g != Gender::Unknown {
            return g;
        }
    }
    if m.words.len() >= 2 {
        if let Some(g) = lex.facts(&text[m.first.clone()]).first_name {
            return g;
        }
    }
    Gender::Unknown
}

fn name_text(text: &str, words: &[Span]) -> String {
    let mut name = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            name.push(' ');
        }
        name.push_str(&text[w.clone()]);
    }
    name
}

/// "Brafman said", "Brafman told", "Bryne went on to say": a verb right after the name.
fn speaks_after(text: &str, m: &RawMention) -> bool {
    let after = &text[m.last.end..];
    let rest = after.trim_start_matches([',', ' ']);
    let comma = after[..after.len() - rest.len()].contains(',');
    let mut words = rest.split(|c: char| !c.is_alphabetic() && c != '\'').filter(|w| !w.is_empty());
    let next = words.next().unwrap_or("");
    // "Brafman, 62, said" keeps its subject; "Battersea, praising ..." is an adjunct.
    let spoke = is_person_verb;
    // "Brafman, 62, said" only when the name opens its sentence; "... a florist on
    // Church Street, said" ends a clause about someone else.
    let opens_sentence = || text[..m.first.start].trim_end_matches([' ', '“', '"', '‘', '\'']).chars().next_back().is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n'));
    if comma && !opens_sentence() {
        return false;
    }
    spoke(next) || (next == "went" && words.next() == Some("on") && words.next() == Some("to") && words.next().is_some_and(|w| matches!(w, "say" | "tell" | "add" | "write" | "argue" | "explain")))
}

/// "said Brafman", "according to Brafman".
fn speaks_before(text: &str, m: &RawMention) -> bool {
    let before = text[..m.first.start].trim_end();
    ["said", "says", "added", "according to", "asked", "wrote"].iter().any(|v| before.ends_with(v))
}

impl People {
    /// The person a pronoun or description at `pos` refers to. A fitting person named
    /// since `recent_from` (the start of the sentence before) wins by recency; beyond that
    /// the most-mentioned fitting person so far wins, so a voter quoted once does not
    /// take over the "she" of the article's main subject. Mentions inside quotations
    /// count only for pronouns inside quotations; bylines never count.
    pub fn antecedent(&self, text: &str, pos: usize, gender: Gender, in_quote: bool, recent_from: usize) -> Option<usize> {
        let kind = Antecedents::kind(gender, in_quote);
        let fitting = self.antecedents[kind].get_or_init(|| Antecedents::new(self, gender, in_quote));
        // Mentions never overlap, so those ending by `pos` are a prefix of the fitting ones.
        let count = fitting.entries.partition_point(|&(i, _)| self.mentions[i].span.end <= pos);
        let &(latest, leader) = fitting.entries[..count].last()?;
        let latest = &self.mentions[latest];
        if latest.span.start >= recent_from {
            // Among the recent ones, a subject beats an object: "Johnson competed against
            // Jeremy Hunt ... He won" is Johnson.
            let recent = fitting.entries[..count].iter().rev().map(|&(i, _)| &self.mentions[i]).take_while(|m| m.span.start >= recent_from);
            let recent_subject = recent.clone().find(|m| !governed_by_preposition(text, m.full.start));
            return Some(recent_subject.unwrap_or(latest).person);
        }
        Some(leader)
    }

    /// The person mention covering `pos`, if any.
    pub fn mention_at(&self, pos: usize) -> Option<&PersonMention> {
        let k = self.mentions.partition_point(|m| m.span.end <= pos);
        self.mentions.get(k).filter(|m| m.full.start <= pos && pos < m.span.end)
    }

    /// The mentions of one person, in order.
    pub fn mentions_of(&self, person: usize) -> impl Iterator<Item = &PersonMention> {
        let by_person = self.by_person.get_or_init(|| {
            let mut by_person = vec![Vec::new(); self.persons.len()];
            for (i, m) in self.mentions.iter().enumerate() {
                by_person[m.person].push(i);
            }
            by_person
        });
        by_person.get(person).into_iter().flatten().map(|&i| &self.mentions[i])
    }

    /// Mentions within a span, in order.
    pub fn mentions_in(&self, span: &Span) -> impl Iterator<Item = &PersonMention> {
        let span = span.clone();
        // A mention inside starts inside (its title, if any, comes first).
        starting_in(&self.mentions, &span, |m| m.span.start).iter().filter(move |m| span.start <= m.full.start && m.span.end <= span.end)
    }
}

/// For one kind of pronoun (its gender, inside a quotation or not), the mentions it may
/// refer to and, after each of them, the most-mentioned person so far (the latest named
/// wins a tie), so that [`People::antecedent`] answers without counting every mention.
#[derive(Debug, Clone)]
struct Antecedents {
    /// An index into `People::mentions`, in order, and the person leading after the
    /// mentions up to it.
    entries: Vec<(usize, usize)>,
}

impl Antecedents {
    const GENDERS: [Gender; 3] = [Gender::Unknown, Gender::Female, Gender::Male];

    /// The kind's place in `People::antecedents`.
    fn kind(gender: Gender, in_quote: bool) -> usize {
        let g = Self::GENDERS.iter().position(|&g| g == gender).expect("every gender has a kind");
        g * 2 + usize::from(in_quote)
    }

    fn new(people: &People, gender: Gender, in_quote: bool) -> Antecedents {
        let fits = |m: &PersonMention| {
            let g = people.persons[m.person].gender;
            !m.byline && (!m.in_quote || in_quote) && (gender == Gender::Unknown || g == Gender::Unknown || g == gender)
        };
        let mut counts = vec![0usize; people.persons.len()];
        let mut leader: Option<usize> = None;
        let mut entries = Vec::with_capacity(people.mentions.len());
        for (i, m) in people.mentions.iter().enumerate().filter(|(_, m)| fits(m)) {
            let p = m.person;
            counts[p] += 1;
            // `p` was just named, later than anyone: it leads on an equal count.
            let leads = leader.filter(|&l| counts[p] < counts[l]).unwrap_or(p);
            leader = Some(leads);
            entries.push((i, leads));
        }
        Antecedents { entries }
    }
}

fn governed_by_preposition(text: &str, pos: usize) -> bool {
    crate::extract::clause::is_object_position(&text[..pos])
}

/// Subject pronouns ("she", "He", "they") and descriptions ("the Labour candidate") in
/// `span`, each resolved to the person it most likely refers to.
pub fn references(doc: &Document, span: &Span, people: &People, quotes: &[Span]) -> Vec<Reference> {
    let text: &str = &doc.text;
    let slice = &text[span.clone()];
    let recent_from = |pos: usize| doc.previous_sentence_start(pos);
    let quotes = Cover::new(quotes.iter().cloned());
    let in_quote = |pos: usize| quotes.contains_pos(pos);
    let mut out = Vec::new();
    for m in pronouns(slice) {
        let pos = span.start + m.start;
        let gender = match &slice[m.clone()] {
            "she" | "She" => Gender::Female,
            "he" | "He" => Gender::Male,
            _ => Gender::Unknown,
        };
        let person = if gender == Gender::Unknown {
            // "they" refers to a person only when the last person named has no known gender.
            people.antecedent(text, pos, Gender::Unknown, in_quote(pos), recent_from(pos)).filter(|&p| people.persons[p].gender == Gender::Unknown)
        } else {
            people.antecedent(text, pos, gender, in_quote(pos), recent_from(pos))
        };
        out.push(Reference { span: pos..pos + m.len(), person, in_quote: in_quote(pos), is_description: false });
    }
    for m in anaphors(slice) {
        let pos = span.start + m.start;
        // "the Conservative candidate Julian Gallant" names its person: not an anaphor.
        let after = text[pos + m.len()..].trim_start();
        if after.starts_with(|c: char| c.is_uppercase()) || after.starts_with(',') && people.mention_at(pos + m.len() + 2).is_some() {
            continue;
        }
        out.push(Reference { span: pos..pos + m.len(), person: people.antecedent(text, pos, Gender::Unknown, in_quote(pos), recent_from(pos)), in_quote: in_quote(pos), is_description: true });
    }
    out.sort_by_key(|r| r.span.start);
    out
}

// The patterns to compile ahead in a large run (see `ahead`).
super::ahead::patterns!(ANAPHOR);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::parties::PartyMatcher;
    use regex::Regex;

    fn people(text: &str) -> (People, Vec<String>) {
        let lex = Lexicon::builtin();
        let doc = Document::parse(text.as_bytes()).unwrap();
        let parties = PartyMatcher::new(&lex).find(text);
        let p = NameMatcher::new(&lex).find(&doc, &lex, &parties, &[]);
        let names = p.persons.iter().filter(|p| !p.byline_only).map(|p| p.name.clone()).collect();
        (p, names)
    }

    #[test]
    fn run_words_are_parted_by_spaces_and_tabs_only() {
        let text = "said  Jean-Luc\tO’Neill Jr. de  la Cruz, then";
        // The buffer is emptied first.
        let mut words: Vec<Span> = vec![0..1, 2..3];
        let run = NameRuns::new().next_run(text, 0, &mut words);
        assert_eq!(run, Some(6..text.find(',').unwrap()));
        let found: Vec<&str> = words.iter().map(|w| &text[w.clone()]).collect();
        assert_eq!(found, ["Jean-Luc", "O’Neill", "Jr.", "de", "la", "Cruz"]);
        assert_eq!(NameRuns::new().next_run(text, run.unwrap().end, &mut words), None);
        assert!(words.is_empty(), "no run, no words");
    }

    #[test]
    fn titles_and_surnames_join_one_person() {
        let (p, names) = people("Dr Rosena Allin-Khan won. Later Dr Allin-Khan’s team cheered, and Allin-Khan smiled.");
        assert_eq!(names, ["Rosena Allin-Khan"]);
        assert_eq!(p.mentions.len(), 3);
        assert_eq!(p.persons[0].gender, Gender::Female);
    }

    #[test]
    fn particles_hyphens_and_mc() {
        let (_, names) = people("Marsha de Cordova and Siobhain McDonagh met Beto O'Rourke.");
        assert_eq!(names, ["Marsha de Cordova", "Siobhain McDonagh", "Beto O'Rourke"]);
    }

    #[test]
    fn offices_places_and_parties_are_cut_off() {
        let (_, names) = people("Mayor of London Sadiq Khan visited. Labour MP Jo Cox. United States Senator from Vermont Bernie Sanders won.");
        assert_eq!(names, ["Sadiq Khan", "Jo Cox", "Bernie Sanders"]);
        let (_, names) = people("The Conservative Dan Watkins and Liberal Democrats’ Sonul Badiani stood.");
        assert_eq!(names, ["Dan Watkins", "Sonul Badiani"]);
    }

    #[test]
    fn a_party_word_after_a_first_name_is_a_surname() {
        let (_, names) = people("Damian Green won Ashford. Kate Green held Stretford.");
        assert_eq!(names, ["Damian Green", "Kate Green"]);
        let (_, names) = people("The Green Party and Labour stood.");
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn titles_with_full_stops_inside_a_run() {
        let (_, names) = people("Democrat Maria Delgado defeated Republican Sen. Walt Brennan and Democratic Lt. Gov. Aaron Whitfield.");
        assert_eq!(names, ["Maria Delgado", "Walt Brennan", "Aaron Whitfield"]);
    }

    #[test]
    fn organisations_and_places_are_not_people() {
        let (_, names) = people("Wandsworth Council met at Tooting Broadway near the Local Democracy Reporting Service and St George’s Hospital.");
        assert!(names.is_empty(), "{names:?}");
        let (_, names) = people("The General Election was held. People’s Vote campaigners marched.");
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn persons_are_numbered_in_the_order_the_text_names_them() {
        // "Smith" becomes a person only in the second pass, after Jane Doe.
        let (p, names) = people("Smith said it was fine. Later Jane Doe arrived, and Smith left.");
        assert_eq!(names, ["Smith", "Jane Doe"]);
        assert_eq!(p.mentions.iter().map(|m| m.person).collect::<Vec<_>>(), [0, 1, 0]);
        let (p, names) = people("Jane Doe arrived. Smith said it was fine, and Doe left.");
        assert_eq!(names, ["Jane Doe", "Smith"]);
        assert_eq!(p.mentions.iter().map(|m| m.person).collect::<Vec<_>>(), [0, 1, 0]);
    }

    #[test]
    fn a_lone_surname_shared_by_two_goes_to_the_last_named_else_the_next() {
        let text = "Miliband smiled. David Miliband spoke, then Ed Miliband. Miliband won. Later David Miliband left.";
        let (p, names) = people(text);
        assert_eq!(names, ["David Miliband", "Ed Miliband"]);
        let persons: Vec<&str> = p.mentions.iter().map(|m| p.persons[m.person].name.as_str()).collect();
        // Before anyone: the next one named. After: the one named last.
        assert_eq!(persons, ["David Miliband", "David Miliband", "Ed Miliband", "Ed Miliband", "David Miliband"]);
    }

    #[test]
    fn lone_surname_needs_a_full_name_or_a_verb() {
        let (_, names) = people("Brafman said it was wrong. Judge Berman agreed.");
        assert_eq!(names, ["Brafman", "Berman"], "in order of first mention");
        let (_, names) = people("Wandsworth voted and Putney celebrated.");
        assert!(names.is_empty(), "{names:?}");
        let (_, names) = people("She was up next for Battersea, praising the campaign. Bryne went on to say more.");
        assert_eq!(names, ["Bryne"]);
        let (_, names) = people("Putney celebrated and Apple welcomed the news.");
        assert!(names.is_empty(), "only speech verbs vouch for a lone word: {names:?}");
    }

    #[test]
    fn bylines_are_marked() {
        let (p, names) = people("Rupa Huq won 28,132 votes, by Aman Pathiara, Suzie Tombs and Ronan Barnard.");
        assert_eq!(names, ["Rupa Huq"]);
        assert_eq!(p.persons.iter().filter(|p| p.byline_only).count(), 3);
        let (_, names) = people("She was beaten by Ronan Barnard in the final round.");
        assert_eq!(names, ["Ronan Barnard"]);
    }

    #[test]
    fn pronouns_are_what_the_word_pattern_finds() {
        assert_eq!(pronouns("She said he and they, not the shepherd (They).").map(|m| m.start).collect::<Vec<_>>(), [0, 9, 16, 40]);
        assert_eq!(pronouns("Thé, shé, théy, he_, _he, he2, SHE, tHe, hE, ethe").count(), 0);
        // The pieces put word characters (ASCII, accented, underscore, digits) and
        // non-word ones (curly quotes, dashes) on both sides of every pronoun.
        const PIECES: &[&str] = &["he", "He", "she", "She", "they", "They", "t", "s", "S", "T", "h", "H", "y", "e", " ", "é", "’", "_", "2", "—", ".", "\n", "hey", "the"];
        let pattern = Regex::new(r"\b(?:[Ss]he|[Hh]e|[Tt]hey)\b").unwrap();
        // Long texts too: the byte search takes another path through a long text.
        let long = |text: String| [text.as_str(); 8].join(" x ");
        for (i, text) in crate::generated::texts(PIECES, 50_000, 12).enumerate() {
            let text = if i % 4 == 0 { long(text) } else { text };
            let expected: Vec<Span> = pattern.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(pronouns(&text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn every_anaphor_head_holds_a_part_searched_for() {
        for head in ANAPHOR_HEADS.split('|') {
            assert!(head == "MP" || ANAPHOR_HEAD_PARTS.iter().any(|part| head.contains(part)), "{head}");
        }
    }

    #[test]
    fn anaphors_read_around_their_heads_are_what_the_whole_text_search_finds() {
        // Word characters, marks that end a stretch and marks that do not, on both sides
        // of heads, capitals and "the"; "é" and "’" take the Unicode form.
        let pieces = [
            "the ", "The ", "tHe ", "Labour ", "Green-Party ", "New ", "candidate", "MP", "winner", "congresswoman", "senator", "incumbent", "nominee",
            "challenger", "councillor", "congressman", "politician", "newcomer", "s", "x", "é",
            "’", "-", " ", ",", ".", "2", "_", "\n", "(", "Zoë ",
        ];
        // Padded, half of them: below a few dozen bytes Teddy hands its search to a slower one.
        let padding = "1, ".repeat(25);
        for (i, text) in crate::generated::texts(&pieces, 50_000, 10).enumerate() {
            let text = if i % 2 == 0 { text } else { format!("{padding}{text}{padding}") };
            let whole: Vec<Span> = ANAPHOR.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(anaphors(&text), whole, "{text:?}");
        }
        let text = "The Labour candidate, the winner and the MP Jane winner spoke; the Green MP too.";
        let found: Vec<&str> = anaphors(text).into_iter().map(|m| &text[m]).collect();
        assert_eq!(found, ["The Labour candidate", "the winner", "the MP Jane winner", "the Green MP"]);
    }

    #[test]
    fn pronouns_resolve_by_gender_and_recency() {
        let text = "Dr Rosena Allin-Khan thanked Sadiq Khan. She said it was good.";
        let (p, _) = people(text);
        let doc = Document::parse(text.as_bytes()).unwrap();
        let refs = references(&doc, &(0..text.len()), &p, &[]);
        assert_eq!(refs.len(), 1);
        assert_eq!(p.persons[refs[0].person.unwrap()].name, "Rosena Allin-Khan");
        let text = "Sadiq Khan met Rosena Allin-Khan. He said it was good.";
        let (p, _) = people(text);
        let doc = Document::parse(text.as_bytes()).unwrap();
        let refs = references(&doc, &(0..text.len()), &p, &[]);
        assert_eq!(p.persons[refs[0].person.unwrap()].name, "Sadiq Khan");
    }

    #[test]
    fn a_one_off_mention_does_not_take_over_the_main_subject() {
        let text = "Dr Rosena Allin-Khan won. Dr Allin-Khan thanked staff. Dr Allin-Khan smiled. Sophie Grender, a voter, spoke. A man agreed. Rumours spread. The count went on. Then she would hold the seat.";
        let (p, _) = people(text);
        let doc = Document::parse(text.as_bytes()).unwrap();
        let refs = references(&doc, &(0..text.len()), &p, &[]);
        assert_eq!(p.persons[refs.last().unwrap().person.unwrap()].name, "Rosena Allin-Khan");
        let text = "Dr Rosena Allin-Khan won. Dr Allin-Khan thanked staff. Sophie Grender, a voter, spoke. She said it was good.";
        let (p, _) = people(text);
        let doc = Document::parse(text.as_bytes()).unwrap();
        let refs = references(&doc, &(0..text.len()), &p, &[]);
        assert_eq!(p.persons[refs.last().unwrap().person.unwrap()].name, "Sophie Grender", "recency wins next door");
    }

    #[test]
    fn the_party_candidate_is_an_anaphor_unless_a_name_follows() {
        let text = "Dr Rosena Allin-Khan won. The Labour candidate won 34,694 votes. The Conservative candidate Julian Gallant lost.";
        let (p, _) = people(text);
        let doc = Document::parse(text.as_bytes()).unwrap();
        let refs = references(&doc, &(0..text.len()), &p, &[]);
        assert_eq!(refs.len(), 1);
        assert_eq!(p.persons[refs[0].person.unwrap()].name, "Rosena Allin-Khan");
    }
}
