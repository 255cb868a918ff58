//! The extractors and the order they run in.
//!
//! Each stage reads the [`Document`] and what earlier stages put into the [`Analysis`],
//! and adds one kind of finding. The order matters and is fixed in [`Pipeline::analyse`]:
//!
//! | stage        | reads                              | adds                                  |
//! |--------------|------------------------------------|---------------------------------------|
//! | parties      | text                               | party mentions with canonical names   |
//! | quote spans  | paragraphs                         | quoted stretches of text              |
//! | names        | text, parties, quote spans         | people and their mentions             |
//! | references   | people, quote spans                | pronouns and "the Labour candidate"   |
//! | speakers     | quote spans, people, references    | who said each quote                   |
//! | topic        | text, parties                      | whether the article is about voting   |
//!
//! An article with no quotation that is not about an election stops after the quote
//! spans and the topic (it needs no people). Only an election article goes on to the
//! stages below; the rest keep their quotes.
//!
//! | stage        | reads                              | adds                                  |
//! |--------------|------------------------------------|---------------------------------------|
//! | numbers      | text                               | every number, its unit and its hedge  |
//! | places       | text, people                       | contest areas: seats, wards, states   |
//! | figures      | sentences, numbers, people, places | election figures, subject and year    |
//! | candidates   | people, parties, places, figures   | the people standing in the contest    |

/// `re!(NAME, r"pattern")`: a regex compiled once, on first use, and shared by all
/// threads. Patterns are literals, so a bad one fails the first test that reaches it.
/// It is a [`boundaries::WordRegex`]: a `\b` next to a curly quote or a "£" would
/// otherwise send every search of the text to the slow engines.
macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: std::sync::LazyLock<$crate::extract::boundaries::WordRegex> =
            std::sync::LazyLock::new(|| $crate::extract::boundaries::WordRegex::small($pat, $crate::extract::SMALL_PATTERN_CACHE));
    };
}

/// The search cache each thread keeps for a `re!` pattern. These patterns read a
/// sentence or a few words at a time and visit few states; the crate's default (2 MB)
/// only ever filled with states they rarely need again, per pattern and per thread.
/// At this size the outputs are identical and the time the same within noise (see
/// BENCHMARKS.md), and a second thread costs about 6 MB less.
pub(crate) const SMALL_PATTERN_CACHE: usize = 256 << 10;

pub mod ahead;
pub mod boundaries;
pub mod candidates;
pub mod capitals;
pub mod case;
pub mod clause;
pub mod cover;
pub mod election;
pub mod figures;
pub mod forms;
pub mod gap;
pub mod gated;
pub mod name_runs;
pub mod names;
pub mod numbers;
pub mod openings;
pub mod part_search;
pub mod parties;
pub mod places;
pub mod quotes;
pub mod ratios;
pub mod topic;

use sha2::{Digest, Sha256};

use crate::doc::{Document, Span};
use crate::lexicon::Lexicon;
use crate::record::{
    ArticleRecord, Candidate, Comparison, Election, ErrorDetail, ErrorRecord, Figure, Operand, Quote, Warning, SCHEMA,
};
use candidates::FoundCandidate;
use figures::{FoundFigure, PlaceMention, Subject};
use names::{NameMatcher, People, Reference};
use numbers::NumberMention;
use parties::{PartyMatcher, PartyMention};
use places::PlaceMatcher;
use quotes::{FoundQuote, Speaker};
use election::ElectionMention;
use ratios::FoundRatio;

/// Everything the extractors found in one article, in text offsets.
#[derive(Debug, Default)]
pub struct Analysis {
    pub numbers: Vec<NumberMention>,
    pub parties: Vec<PartyMention>,
    pub places: Vec<PlaceMention>,
    pub people: People,
    pub references: Vec<Reference>,
    pub quotes: Vec<FoundQuote>,
    pub figures: Vec<FoundFigure>,
    pub candidates: Vec<FoundCandidate>,
    /// The election the article reports, as its words name it.
    pub election: Option<ElectionMention>,
    /// Ratios stated between two numbers ("almost doubling ... from 8,000 to 15,000").
    pub ratios: Vec<FoundRatio>,
    /// The article talks about an election (see [`topic`]); figures and candidates are
    /// read only from such articles.
    pub election_article: bool,
}

/// The extraction pipeline: the word lists and every rule compiled from them, built
/// once and shared (read-only) by all threads.
pub struct Pipeline {
    lexicon: Lexicon,
    parties: PartyMatcher,
    places: PlaceMatcher,
    names: NameMatcher,
}

impl Pipeline {
    pub fn new(lexicon: Lexicon) -> Pipeline {
        Pipeline {
            parties: PartyMatcher::new(&lexicon),
            places: PlaceMatcher::new(&lexicon),
            names: NameMatcher::new(&lexicon),
            lexicon,
        }
    }

    /// The pipeline with the built-in word lists.
    pub fn builtin() -> Pipeline {
        Pipeline::new(Lexicon::builtin())
    }

    /// Compiles the rules' patterns now, each thread that calls this with the same
    /// `turns` taking the next one no other has taken (see [`ahead`]).
    pub fn compile_ahead(&self, turns: &std::sync::atomic::AtomicUsize) {
        ahead::compile_share(&[&self.places], turns);
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Extracts one article. `path` is written into the record as given.
    pub fn extract(&self, path: &str, raw: &[u8]) -> Result<ArticleRecord, ErrorRecord> {
        let doc = Document::parse(raw).map_err(|e| ErrorRecord {
            path: path.to_string(),
            path_bytes: None,
            error: ErrorDetail { code: "binary".into(), message: e.to_string() },
        })?;
        let analysis = self.analyse(&doc);
        Ok(to_record(path, &doc, &analysis))
    }

    /// Runs every stage over one document.
    pub fn analyse(&self, doc: &Document) -> Analysis {
        let text: &str = &doc.text;
        let _ascii = boundaries::analysing(text);
        let mut a = Analysis { parties: self.parties.find(text), ..Analysis::default() };
        let quote_spans = quotes::find_quote_spans(doc);
        // People serve the speakers of quotations and the election stages. An article
        // with neither needs none (and its parties stay unchecked against names: dropping
        // some could only lower the topic score further).
        if quote_spans.is_empty() && !topic::is_election_article(text, !a.parties.is_empty()) {
            return a;
        }
        let quoted: Vec<Span> = quote_spans.iter().map(|q| q.span.clone()).collect();
        a.people = self.names.find(doc, &self.lexicon, &a.parties, &quoted);
        // A party form inside a person's name ("Damian Green") is not a party mention.
        let names = cover::Cover::new(a.people.mentions.iter().map(|m| m.span.clone()));
        a.parties.retain(|p| !names.contains_span(&p.span));
        a.references = names::references(doc, &(0..text.len()), &a.people, &quoted);
        let quote_ctx = quotes::Context { doc, lexicon: &self.lexicon, people: &a.people, references: &a.references };
        a.quotes = quotes::attribute(&quote_ctx, quote_spans);
        a.election_article = topic::is_election_article(text, !a.parties.is_empty());
        if !a.election_article {
            return a;
        }
        // Numbers feed only figures and ratios; most articles never need them.
        a.numbers = numbers::find_numbers(text);
        // Areas feed only figures and candidates. A place inside a name ("Gary Pendle")
        // is not one.
        a.places = self.places.find(text, &self.lexicon);
        let names = cover::Cover::new(a.people.mentions.iter().map(|m| m.full.start..m.span.end));
        a.places.retain(|p| !names.overlaps(&p.span));
        // Figures need each person's constituency and the winners for turnout and majority
        // subjects: a first candidate pass, without figures, supplies them. The words are
        // read once for both passes.
        let evidence = candidates::read_evidence(&self.candidate_ctx(doc, &a, &[]));
        let first_pass = candidates::find_candidates(&self.candidate_ctx(doc, &a, &[]), &evidence);
        let mut person_places = vec![None; a.people.persons.len()];
        for c in &first_pass {
            person_places[c.person] = c.constituency.clone();
        }
        let winners: Vec<usize> = first_pass.iter().filter(|c| c.elected == Some(true)).map(|c| c.person).collect();
        let figure_ctx = figures::Context {
            doc,
            numbers: &a.numbers,
            parties: &a.parties,
            people: &a.people,
            references: &a.references,
            places: &a.places,
            person_places: &person_places,
            winners: &winners,
            quoted: &quoted,
            areas: Default::default(),
        };
        a.figures = figures::find_figures(&figure_ctx);
        a.candidates = candidates::find_candidates(&self.candidate_ctx(doc, &a, &a.figures), &evidence);
        let past_years: Vec<i32> = a.figures.iter().filter_map(|f| f.year).collect();
        a.election = election::find_election(text, &past_years);
        a.ratios = ratios::find_ratios(doc, &a.numbers);
        a
    }

    fn candidate_ctx<'a>(&self, doc: &'a Document<'a>, a: &'a Analysis, figures: &'a [FoundFigure]) -> candidates::Context<'a> {
        candidates::Context { doc, people: &a.people, references: &a.references, parties: &a.parties, places: &a.places, figures }
    }
}

/// Turns an analysis into the SPEC record, mapping text offsets to raw byte spans.
fn to_record(path: &str, doc: &Document, a: &Analysis) -> ArticleRecord {
    let person_name = |id: usize| a.people.persons[id].name.clone();
    let figures = a
        .figures
        .iter()
        .map(|f| {
            let span = f.number.start..f.number.end;
            let (subject, subject_type) = match &f.subject {
                Some(Subject::Person(id)) => (Some(person_name(*id)), Some(f.subject.as_ref().unwrap().subject_type())),
                Some(s @ (Subject::Party(name) | Subject::Constituency(name))) => (Some(name.clone()), Some(s.subject_type())),
                None => (None, None),
            };
            Figure {
                kind: f.kind,
                value: f.number.value,
                approx: f.number.approx,
                subject,
                subject_type,
                year: f.year,
                span: doc.raw_span(&span),
                text: doc.slice(&span).to_string(),
                rule: f.rule.to_string(),
            }
        })
        .collect();
    let mut warnings = Vec::new();
    let quotes = a
        .quotes
        .iter()
        .map(|q| {
            if q.quote.close_end.is_none() {
                warnings.push(Warning {
                    code: "unclosed-quote".into(),
                    message: "a quotation never closes; it was taken to end with its paragraph".into(),
                    span: Some(doc.raw_span(&(q.quote.open..q.quote.span.end))),
                });
            }
            let (speaker, speaker_span) = match &q.speaker {
                Some(Speaker::Person { person, span }) => (Some(person_name(*person)), Some(doc.raw_span(span))),
                Some(Speaker::Description { text, span }) => (Some(text.clone()), Some(doc.raw_span(span))),
                Some(Speaker::Unresolved { span }) => (None, Some(doc.raw_span(span))),
                None => (None, None),
            };
            Quote {
                text: doc.slice(&q.quote.span).to_string(),
                span: doc.raw_span(&q.quote.span),
                speaker,
                speaker_span,
                cue: q.cue.as_ref().map(|c| doc.slice(c).to_string()),
                partial: q.partial,
                rule: q.rule.to_string(),
            }
        })
        .collect();
    let candidates = a
        .candidates
        .iter()
        .map(|c| Candidate {
            name: person_name(c.person),
            party: c.party.clone(),
            constituency: c.constituency.clone(),
            elected: c.elected,
            votes: c.votes.map(|v| v as u64),
            share_pct: c.share_pct,
            mentions: a.people.mentions_of(c.person).map(|m| doc.raw_span(&m.span)).collect(),
            evidence: c.evidence.iter().map(|e| e.to_string()).collect(),
        })
        .collect();
    let operand = |i: usize| {
        let n = &a.numbers[i];
        Operand { value: n.value, span: doc.raw_span(&(n.start..n.end)), text: doc.slice(&(n.start..n.end)).to_string() }
    };
    let comparisons = a
        .ratios
        .iter()
        .map(|r| Comparison {
            text: doc.slice(&r.span).to_string(),
            span: doc.raw_span(&r.span),
            factor: r.factor,
            bound: r.bound.as_str().to_string(),
            base: operand(r.base),
            result: operand(r.result),
            rule: r.rule.to_string(),
        })
        .collect();
    let election = a.election_article.then(|| match &a.election {
        Some(e) => Election {
            kind: e.kind.map(str::to_string),
            year: e.year,
            span: e.span.as_ref().map(|s| doc.raw_span(s)),
            text: e.span.as_ref().map(|s| doc.slice(s).to_string()),
        },
        None => Election { kind: None, year: None, span: None, text: None },
    });
    if doc.replaced > 0 {
        let message = format!("the file is UTF-8 with {} invalid byte sequence(s); each was read as U+FFFD (spans are byte offsets of the raw file)", doc.replaced);
        warnings.insert(0, Warning { code: "invalid-utf8".into(), message, span: None });
    }
    if doc.encoding == "windows-1252" {
        warnings.insert(0, Warning { code: "not-utf8".into(), message: "the file is not UTF-8; it was decoded as Windows-1252 (spans are byte offsets of the raw file)".into(), span: None });
    }
    if doc.text.trim().is_empty() {
        warnings.insert(0, Warning { code: "empty".into(), message: "the article holds no text".into(), span: None });
    }
    ArticleRecord {
        schema: SCHEMA.to_string(),
        path: path.to_string(),
        path_bytes: None,
        sha256: sha256_hex(doc.raw),
        bytes: doc.raw.len() as u64,
        encoding: doc.encoding.to_string(),
        election,
        candidates,
        figures,
        quotes,
        comparisons,
        warnings,
    }
}

/// Lower-case hex SHA-256 of the raw bytes, as `audit` re-computes it.
pub fn sha256_hex(raw: &[u8]) -> String {
    // By table: the 32 formatted writes this took were nearly 1% of the instructions of
    // an article with quotes.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(raw);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_written_as_lower_case_hex() {
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
