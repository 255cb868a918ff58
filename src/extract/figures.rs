//! Election figures: the numbers of an article read as votes, shares, turnout,
//! majorities, electorates and swings, each with the subject it belongs to and the year
//! of the election when the text ties it to another one.
//!
//! A number's kind comes from the words around it in its sentence ("34,694 votes",
//! "turnout of 58,171", "a 6,000 majority", "51.3% of the vote"); a number compared with
//! one already read ("compared with 32,048 in 2016", "to the Conservatives' 18,006")
//! takes that number's kind. Its subject is, in order: an owner written right before it
//! ("the Conservatives' 18,006"), the entity listed in the same place when the sentence
//! says "respectively", the nearest person or party before it in the sentence (pronouns
//! and "the Labour candidate" resolved), and for turnout and electorate the constituency
//! being discussed. Numbers that are not election figures ("3,000 children", ages,
//! dates, money, seats, delegates, opinion polls) are left out.

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::{Document, Span};
use crate::extract::boundaries::WordRegex;
use crate::extract::case;
use crate::extract::cover::{starting_in, Cover};
use crate::extract::gap::re_gap;
use crate::extract::names::{People, PersonMention, Reference};
use crate::extract::numbers::{NumberMention, NumberUnit};
use crate::extract::parties::PartyMention;
use crate::lexicon::Gender;
use crate::record::{FigureKind, SubjectType};

/// A figure in text offsets, before it becomes a record.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundFigure {
    pub kind: FigureKind,
    pub number: NumberMention,
    pub subject: Option<Subject>,
    pub year: Option<i32>,
    pub rule: &'static str,
}

/// Who or what a figure belongs to.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    Person(usize),
    Party(String),
    Constituency(String),
}

impl Subject {
    pub fn subject_type(&self) -> SubjectType {
        match self {
            Subject::Person(_) => SubjectType::Candidate,
            Subject::Party(_) => SubjectType::Party,
            Subject::Constituency(_) => SubjectType::Constituency,
        }
    }
}

/// A constituency (or other contest area) named in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    pub span: Span,
    pub name: String,
    /// The text itself marks it as an area ("Franklin County", "the Ashdown ward"), as
    /// opposed to a name from the list: a marked area is the more specific one.
    pub marked: bool,
}

/// What the figure rules read.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub numbers: &'a [NumberMention],
    pub parties: &'a [PartyMention],
    pub people: &'a People,
    pub references: &'a [Reference],
    pub places: &'a [PlaceMention],
    /// The constituency each person stood in, where known so far.
    pub person_places: &'a [Option<String>],
    /// The people a first candidate pass found elected.
    pub winners: &'a [usize],
    /// The spans of direct quotations.
    pub quoted: &'a [Span],
    /// Worked out on first use by [`place_of_context`]; start it empty.
    pub areas: std::sync::OnceLock<AreaFacts>,
}

/// What [`place_of_context`] asks of the whole article, worked out once instead of for
/// every figure.
#[derive(Debug, Default)]
pub struct AreaFacts {
    /// The main area, if it counts as the contest's: named alone, named twice, or (named
    /// once) at the start of `single`.
    main: Option<(String, MainNamed)>,
    /// `placed_before[k]`: the last of the first `k` mentions (bylines aside) whose
    /// person stood somewhere.
    placed_before: Vec<Option<usize>>,
}

#[derive(Debug)]
enum MainNamed {
    AloneOrTwice,
    Once { at: usize },
}

impl AreaFacts {
    fn new(ctx: &Context) -> AreaFacts {
        let distinct = ctx.places.iter().map(|p| &p.name).collect::<std::collections::BTreeSet<_>>().len();
        let main = main_place(ctx.places).map(|m| {
            let named: Vec<usize> = ctx.places.iter().filter(|p| p.name == m).map(|p| p.span.start).collect();
            let how = if distinct == 1 || named.len() >= 2 { MainNamed::AloneOrTwice } else { MainNamed::Once { at: named[0] } };
            (m, how)
        });
        let mut placed_before = Vec::with_capacity(ctx.people.mentions.len() + 1);
        let mut last = None;
        placed_before.push(None);
        for (i, m) in ctx.people.mentions.iter().enumerate() {
            if !m.byline && ctx.person_places.get(m.person).is_some_and(Option::is_some) {
                last = Some(i);
            }
            placed_before.push(last);
        }
        AreaFacts { main, placed_before }
    }
}

/// A kind rule: the words before the number (lower case, same sentence) and after it.
struct KindRule {
    name: &'static str,
    kind: FigureKind,
    units: &'static [NumberUnit],
    before: Option<&'static LazyLock<WordRegex>>,
    after: Option<&'static LazyLock<WordRegex>>,
}

re!(AFTER_MAJORITY, r"^(?:-| )?(?:vote |votes )?majority\b");
re!(BEFORE_MAJORITY, r"\b(?:majority|maj\.?)(?: (?:of|was|is|to|down to|up to|cut to|reduced to|increased to|slashed to|stood at|at|rose to|fell to))?(?: just| only| a mere| some)?\s*:?\s*$");
re!(AFTER_MARGIN, r"^(?:-| )?(?:votes? )?(?:margin|lead)\b");
re!(BEFORE_MARGIN, r"\b(?:margin|lead) of(?: just| only| a mere)?\s*$");
re!(BEFORE_WON_BY, r"\b(?:won|win|wins|winning|held|hold|holds|holding|retained|retains|beat|beats|beating|defeated|defeating|lost|losing|loses|ahead|edged|scraped|triumphed|prevailed)\b[^.;]*\bby(?: just| only| a mere| some)?\s*$");
// "by 1,042 votes to 889": a score, two counts, not a majority.
re!(AFTER_VOTES_TO, r"^ votes? to [\d,]+\b");
re!(AFTER_VOTES_WORD, r"^ (?:votes?|ballots|(?:first|second)[- ]preferences?(?: votes)?|preference votes)\b");
re!(AFTER_REGISTERED, r"^ (?:registered|eligible) (?:voters|electors)\b|^ (?:people|voters|electors) (?:were |are )?(?:registered|eligible)\b");
re!(BEFORE_ELECTORATE, r"\belectorate(?: (?:of|was|is|stood at|numbers|numbered|totals|totalled|totaled))?(?: some| around| about)?\s*:?\s*$");
re!(AFTER_VOTED, r"^ (?:people |[a-z-]+s )?(?:voted|turned out|cast (?:their |a )?(?:votes?|ballots?)|went to the polls|took part)\b|^ (?:votes|ballots) (?:were |had been )?cast\b");
re!(BEFORE_TURNOUT, r"\bturnout(?: (?:of|was|is|stood at|reached|rose to|fell to|hit|at|was up to|was down to))?(?: just| only| some| around| about)?\s*:?\s*$");
re!(TURNOUT, r"\bturn(?:-| )?out\b");
re!(SWING, r"\bswing\b");
re!(AFTER_SWING, r"^(?:-| )?(?:point |percentage point )?swing\b");
re!(AFTER_SHARE, r"^ (?:of|of all) (?:the |those )?(?:votes?|ballots|popular vote|vote share|valid votes|votes cast|first[- ]preference votes|cast|counted|turning out)\b|^ (?:vote )?share\b|^ of the (?:national |overall |total )?vote\b");
re!(BEFORE_SHARE, r"\b(?:vote share|share of the vote|share|percentage of the vote)(?: of| was| is| at| to| stood at| rose to| fell to| up to| down to| with)?(?: just| around| about| almost| nearly)?\s*$");
re!(VOTE_CONTEXT, r"\bvot(?:es?|ing)\b|\bballots?\b|\bpolled\b|\belect|\bpreferences?\b");
re!(BEFORE_GOT, r"\b(?:won|win|wins|gained|gains|secured|secures|received|receives|polled|polls|got|gets|took|takes|garnered|attracted|collected|earned|picked up|amassed|racked up|obtained|scored|with|winning|securing|receiving|taking|getting|gaining|had|has|drew|draws|pulled|claimed|earning|garnering|captured|capturing|finished with|ended with)(?: a total of| an impressive| a| just| only| some)?\s*$");
re!(BEFORE_RESULT_OF, r"\b(?:result|tally|total|haul|count|vote) (?:of|was|is|stood at)\s*$");
re!(COMPARISON, r"(?:compared (?:with|to)|up from|down from|against|than|from|versus|vs\.?|to|and|while|with|but|,)(?: the| a| just| only| his| her| their)?(?:(?: [\p{L}-]+){0,3}(?:['’]s|s['’]))?\s*$");
re!(POLL, r"\b(?:polls?|polling|survey|surveys|surveyed|pollster|forecast|projected|projection|approval|rating)\b");
re!(CHANGE, r"\b(?:by|up|down|increase[sd]?|rise|rose|fell|drop(?:ped)?|fall|cut)(?:\s+(?:about|around|almost|nearly|some|just|roughly|over|under|more than|less than|only))?\s*$");
re!(PARTY_ADJECTIVE_NOUN, r"^\s+(?:presidential\s+|national\s+|state\s+|local\s+)?(?:caucus(?:es)?|primary|primaries|nomination|candidates?|nominee|party|government|administration|leader|leadership|race|ticket|field|convention|side|establishment|base|senators?|governors?|council|councillors?|members?|supporters|voters|politicians|lawmakers|delegates|activists|campaign|manifesto|conference|majority|minority|controlled|led|-led|-controlled|stronghold|seat|heartland|areas?|wards?)\b");
re!(RESULT_VERB_BEFORE, r"\b(?:defeated|defeating|beat|beating|edged|edging|won|winning|led|trounced|ousted|unseated)\b[^.;]{0,60}$");
re!(RESULT_SENTENCE, r"\b(?:won|wins|win|winning|defeated|defeating|beat|beating|edged|elected|re-elected|re-election|victory|primary|race|seat|election|vote|votes|ballot)\b");
// "98% of precincts reporting", "with 95% of votes counted": how far the count has got.
re!(COUNT_PROGRESS, r"^ of (?:the )?(?:precincts|polling (?:stations|places|districts)|(?:expected )?(?:votes?|ballots) (?:counted|reported|tallied)|counties|districts reporting)|^ (?:reporting|counted)\b");
// "Daniel Osei (Lab) 18,902 (40.1%); Caroline Hebden (Con) 13,771": a results list.
re!(RESULTS_LIST, r"\)\s*:?\s*\d[\d,]*|\b(?:full )?results?:|\bdeclaration\b");
re!(POSITION, r"\b(?:first|second|third|fourth|fifth|sixth|seventh|last|runner-up|ahead of|behind|trailed|trailing)\b");
re!(ON_OR_WITH, r"\b(?:on|with|at)\s*$");
re!(BRACKETED_GAP, r"^\s*\([^()]{1,30}\)");
re!(FOR_OWNER_GAP, r"^\s*(?:votes?)?\s*(?:,?\s*or\s+[\d.,]+\s*(?:%|percent|per cent)\s*)?,?\s*for\s+(?:the\s+)?(?:(?:[A-Z][\w.’'-]*|candidate|nominee|incumbent|challenger|councillor)\s+){0,4}$");
// "Owen Tate on 713", "Bell polled 1,204", "Reeves got just 96".
re!(LINKING_WORDS, r"^(?:(?:has |had |was |were )?(?:(?:first|second|third|fourth|fifth|sixth|last) )?(?:on|with|at|polled|polling|got|getting|received|receiving|took|taking|gained|gaining|secured|securing|won|winning|had|scored|collected|attracted|garnered|picked up|managed|mustered|claimed|drew)(?: a total of| just| only| some| about| around| almost| nearly| over| more than)?)$");
// The noun a figure is of, with what stands before it: "Ms Dalgleish's majority is",
// "a Conservative majority of", "giving her a majority of", "their share of the vote was".
re!(KIND_NOUN_OWNER, r"(?P<owner>\S*[^\s,])\s+(?:(?:a|an|the)\s+)?(?:(?:vote|overall|working|slim|narrow|comfortable|increased|reduced|new|previous|notional|combined)\s+)?(?:majority|share|lead|margin|tally|total)\b[^.;,]{0,30}$");
re!(SHARE_WORD, r"\b(?:share|of the vote|of the votes)\b");
re!(OTHER_COUNTS, r"(?i)\b(?:delegates?|seats?|electoral votes|councillors|points|goals|runs|wickets|medals)\b");
re!(VOTE_WORD, r"(?i)\b(?:votes|vote|ballots|polled)\b");
// "500,000 ballots were not yet returned", "11,000 were not yet sent out": postal logistics.
re!(BALLOT_LOGISTICS, r"^ (?:(?:postal |mail |absentee )?(?:votes|ballots) )?(?:were |have |had |are |is |was )?(?:not|yet|still|requested|returned|sent|mailed|outstanding|issued|rejected|spoiled|spoilt|uncounted)\b");
re!(SWING_TO, r"^[^.;]{0,60}\b(?:to|towards)\s+(?:the\s+)?$");
re!(SCORE_TO, r"^ (?:to|-|–) [\d,]+\b");
re!(LOST_TO, r"\b(?:lost|losing|loses|fell|was defeated by|was beaten by|were defeated by)\b");
re!(POLLED_VOTES, r"\bpolled\s+(?:just\s+|only\s+|some\s+)?[\d,]+|\bpolled\s+(?:well|strongly|badly)");
re!(SURVEYED, r"\b(?:those|people|voters|adults|respondents|members) (?:polled|surveyed|questioned|asked)\b|\bsaid they (?:would|had)\b");
// A vote in a parliament or council chamber: "saw off a backbench attempt ... by 297
// votes to 203", "the government's majority cut to 14 as an amendment".
re!(CHAMBER_VOTE, r"\b(?:(?:the|a|this|its|his|her) bill|amendment|motion|backbench|backbenchers|rebellion|rebels|commons|house of lords|legislation|the government won|government defeat|whip|whips|budget vote|councillors voted|mps voted)\b");
// Clock times, ballot paperwork, differences and the unregistered are not counts of votes.
re!(NOT_A_COUNT_AFTER, r"^ (?:gmt|bst|utc|est|edt|cet|pst|hrs\b|ballot (?:envelopes|papers|boxes)|envelopes|applications|(?:votes? )?(?:more|fewer|less) than|votes? (?:more|fewer|less)\b|(?:people |voters )?(?:eligible to vote |entitled to vote )?(?:are|were|is|was) not\b|(?:people |voters )?(?:eligible to vote )?(?:have|had) not\b)");
re!(NUMBER_WITH_M, r"^\d[\d,.]*m$");
re!(AFTER_PEOPLE, r"^ (?:votes?|voters|people|ballots|electors|residents)\b");
re!(RESPECTIVELY, r"\brespectively\b");
re!(REL_YEAR, r"\b(?:last year|last time|previous (?:election|contest|vote)|the by-election|last election|last general election|the last contest|previously)\b");
re_gap!(YEAR_AFTER, 40, r"\b(?:in|at|during|from) (?:the |his |her |their |its )?((?:18|19|20)\d\d)\b");
re!(NON_VOTE_NOUN, r"^(?:-| )?(?:others?|seats?|delegates?|councillors|mps|members|children|people|volunteers|years?|days?|weeks?|months?|hours?|minutes?|percent|per|points?|times|pounds|dollars|states|districts|wards|constituencies|candidates|parties|jobs|homes|houses|cases|deaths|million|billion|thousand|students|staff|workers|officers|miles|km|metres|meters|feet)\b");

static KIND_RULES: &[KindRule] = &[
    KindRule { name: "majority-after", kind: FigureKind::Majority, units: &[NumberUnit::Count], before: None, after: Some(&AFTER_MAJORITY) },
    KindRule { name: "majority-of", kind: FigureKind::Majority, units: &[NumberUnit::Count], before: Some(&BEFORE_MAJORITY), after: None },
    KindRule { name: "margin", kind: FigureKind::Majority, units: &[NumberUnit::Count], before: None, after: Some(&AFTER_MARGIN) },
    KindRule { name: "margin-of", kind: FigureKind::Majority, units: &[NumberUnit::Count], before: Some(&BEFORE_MARGIN), after: None },
    KindRule { name: "votes-to-votes", kind: FigureKind::Votes, units: &[NumberUnit::Count], before: None, after: Some(&AFTER_VOTES_TO) },
    KindRule { name: "won-by-votes", kind: FigureKind::Majority, units: &[NumberUnit::Count], before: Some(&BEFORE_WON_BY), after: Some(&AFTER_VOTES_WORD) },
    KindRule { name: "electorate-registered", kind: FigureKind::Electorate, units: &[NumberUnit::Count], before: None, after: Some(&AFTER_REGISTERED) },
    KindRule { name: "electorate-of", kind: FigureKind::Electorate, units: &[NumberUnit::Count], before: Some(&BEFORE_ELECTORATE), after: None },
    KindRule { name: "turnout-voted", kind: FigureKind::TurnoutVotes, units: &[NumberUnit::Count], before: None, after: Some(&AFTER_VOTED) },
    KindRule { name: "turnout-of-count", kind: FigureKind::TurnoutVotes, units: &[NumberUnit::Count], before: Some(&BEFORE_TURNOUT), after: None },
    KindRule { name: "swing-after", kind: FigureKind::SwingPct, units: &[NumberUnit::Percent, NumberUnit::Points], before: None, after: Some(&AFTER_SWING) },
    KindRule { name: "share-of-vote", kind: FigureKind::SharePct, units: &[NumberUnit::Percent], before: None, after: Some(&AFTER_SHARE) },
    KindRule { name: "share-before", kind: FigureKind::SharePct, units: &[NumberUnit::Percent], before: Some(&BEFORE_SHARE), after: None },
    KindRule { name: "votes-noun", kind: FigureKind::Votes, units: &[NumberUnit::Count], before: None, after: Some(&AFTER_VOTES_WORD) },
];

/// Reads every election figure of the document.
pub fn find_figures(ctx: &Context) -> Vec<FoundFigure> {
    let doc = ctx.doc;
    let text: &str = &doc.text;
    let years = ElectionYears::find(ctx);
    let quoted = Cover::new(ctx.quoted.iter().cloned());
    let mut out: Vec<FoundFigure> = Vec::new();
    for (si, sentence) in doc.sentences().iter().enumerate() {
        let in_sentence = candidate_numbers(ctx, &sentence.span, &quoted);
        // Most sentences hold no number to read; they are not lower-cased.
        if in_sentence.is_empty() {
            continue;
        }
        let s_text = &text[sentence.span.clone()];
        let lower = case::to_lowercase(s_text);
        if lower.len() != s_text.len() {
            // Lower-casing changed byte lengths (rare letters); fall back to the original.
            continue_with(ctx, si, s_text, &in_sentence, &years, &mut out);
        } else {
            continue_with(ctx, si, &lower, &in_sentence, &years, &mut out);
        }
    }
    out
}

/// The numbers of a sentence that may be figures: counts, percentages and points the
/// article states itself.
fn candidate_numbers<'a>(ctx: &Context<'a>, span: &Span, quoted: &Cover) -> Vec<&'a NumberMention> {
    starting_in(ctx.numbers, span, |n| n.start)
        .iter()
        .filter(|n| n.end <= span.end)
        // What a speaker says in a quotation is theirs, not the article's statement.
        .filter(|n| !quoted.contains_span(&(n.start..n.end)))
        .filter(|n| matches!(n.unit, NumberUnit::Count | NumberUnit::Percent | NumberUnit::Points))
        .collect()
}

fn continue_with(ctx: &Context, si: usize, lower: &str, in_sentence: &[&NumberMention], years: &ElectionYears, out: &mut Vec<FoundFigure>) {
    let span = ctx.doc.sentences()[si].span.clone();
    // A survey sentence, or one following a survey sentence in its paragraph ("53% of
    // those polled ... Meantime, 32% said"). "She polled 12,000" is a vote count.
    let is_poll = is_poll_sentence(ctx, si, lower);
    let owners = owners_in(ctx, &span);
    // A results list or ranking: the sentence talks of votes or places, or votes were
    // already read from the article. Asked only of a sentence with a number no kind rule
    // took, and then once.
    let votes_before = out.iter().any(|f| matches!(f.kind, FigureKind::Votes | FigureKind::SharePct));
    let results_context = std::cell::OnceCell::new();
    let in_results_context = || {
        *results_context.get_or_init(|| !is_poll && (votes_before || RESULTS_LIST.find_iter(lower).count() >= 2 || VOTE_CONTEXT.is_match(lower) || POSITION.is_match(lower)))
    };
    let first_new = out.len();
    // Asked of the sentence for every count in it: answered once.
    let chamber_vote = std::cell::OnceCell::new();
    for n in in_sentence {
        // Read the words before the hedge: "a majority of almost 9,000". (A hedge may
        // start in the sentence before: "more than\n9,000".)
        let before = &lower[..n.hedge.map_or(n.start, |h| h.0).max(span.start) - span.start];
        let after = &lower[n.end - span.start..];
        // "800m" and "1,500m" in a sports story are metres; millions of votes say so.
        if NUMBER_WITH_M.is_match(&ctx.doc.text[n.start..n.end]) && !AFTER_PEOPLE.is_match(after) {
            continue;
        }
        // Chamber votes, clock times, paperwork, differences: no count of this is a figure.
        if n.unit == NumberUnit::Count && (*chamber_vote.get_or_init(|| CHAMBER_VOTE.is_match(lower)) || NOT_A_COUNT_AFTER.is_match(after)) {
            continue;
        }
        let earlier = &out[first_new..];
        let found = classify(n, before, after, lower, is_poll, earlier).or_else(|| listed(ctx, n, &owners, before, after, in_results_context(), earlier));
        let Some((kind, rule)) = found else { continue };
        if !plausible(kind, n) {
            continue;
        }
        let number = (*n).clone();
        out.push(FoundFigure { kind, number, subject: None, year: None, rule });
    }
    for f in &mut out[first_new..] {
        f.year = years.year_for(&span, lower, &f.number);
    }
    assign_subjects(ctx, lower, &owners, &mut out[first_new..]);
}

fn is_poll_sentence(ctx: &Context, si: usize, lower: &str) -> bool {
    let poll = |t: &str| (POLL.is_match(t) && !POLLED_VOTES.is_match(t)) || SURVEYED.is_match(t);
    if poll(lower) {
        return true;
    }
    let doc = ctx.doc;
    si > 0 && doc.sentences()[si - 1].paragraph == doc.sentences()[si].paragraph && poll(&case::to_lowercase(&doc.text[doc.sentences()[si - 1].span.clone()])) && !VOTE_WORD.is_match(lower)
}

/// Numbers in results lists and rankings, which name no noun: "Sarah Bell (Lib Dem)
/// 1,204;", "Reform UK's Dean Hollis 5,590", "was third on 5,903", "ahead of Fiona Blake
/// on 3,406", and a share in brackets after a count: "18,902 (40.1%)".
fn listed(ctx: &Context, n: &NumberMention, owners: &[Owner], before: &str, after: &str, results_context: bool, earlier: &[FoundFigure]) -> Option<(FigureKind, &'static str)> {
    if !results_context {
        return None;
    }
    let text: &str = &ctx.doc.text;
    // "Both earned 9 delegates, followed by Klobuchar with 6": other things are counted.
    let sentence = &text[ctx.doc.sentences()[ctx.doc.sentence_at(n.start)].span.clone()];
    if OTHER_COUNTS.is_match(sentence) && !VOTE_WORD.is_match(sentence) {
        return None;
    }
    match n.unit {
        // "Osei, 36, a former youth worker": an age between commas after a name.
        NumberUnit::Count if n.value < 120.0 && before.trim_end().ends_with(',') && after.starts_with(',') => None,
        NumberUnit::Count if n.value >= 10.0 && !NON_VOTE_NOUN.is_match(after) && !after.starts_with('%') => {
            let people_or_parties = || owners.iter().filter(|o| o.end <= n.start && !matches!(o.subject, Subject::Constituency(_)));
            if people_or_parties().any(|o| adjacent(text, o.end, n.start)) {
                return Some((FigureKind::Votes, "listed-votes"));
            }
            (ON_OR_WITH.is_match(before) && people_or_parties().next().is_some()).then_some((FigureKind::Votes, "position-votes"))
        }
        NumberUnit::Percent => {
            // "18,902 (40.1%)", "24,610 votes, or 41.6 per cent".
            if let Some(prev) = earlier.last() {
                let between = text[prev.number.end..n.start].trim();
                // "61,204 first-preference votes (33.1 per cent)": a few words of the count's noun.
                let tail = between.trim_start_matches(|c: char| c.is_alphanumeric() || c == '-' || c == ' ' || c == '’' || c == '\'').trim();
                let short = between.split_whitespace().count() <= 4;
                if prev.kind == FigureKind::Votes && short && matches!(tail, "(" | ", or" | "or" | ", (" | "-" | "–" | ",") {
                    return Some((FigureKind::SharePct, "share-after-count"));
                }
            }
            // "Libertarian Ben Sorensen had 1.8 percent", "Reeves 52%" in a results report.
            let named = owners.iter().any(|o| o.end <= n.start && !matches!(o.subject, Subject::Constituency(_)));
            (named && (BEFORE_GOT.is_match(before) || owners.iter().any(|o| adjacent(text, o.end, n.start))) && !after.starts_with(" of ")).then_some((FigureKind::SharePct, "listed-share"))
        }
        _ => None,
    }
}

/// Whether only a possessive ending, a bracketed party and punctuation stand between an
/// owner ending at `end` and a number at `pos`: "Hollis 5,590", "Bell (Lib Dem) 1,204",
/// "Ellie Marchant, 1,411", "the Conservatives’ 18,006".
fn adjacent(text: &str, end: usize, pos: usize) -> bool {
    if end > pos {
        return false;
    }
    let gap = &text[end..pos];
    let gap = ["’s", "'s", "’", "'"].iter().find_map(|p| gap.strip_prefix(p)).unwrap_or(gap);
    let gap = BRACKETED_GAP.replace(gap, "");
    let words = gap.trim_matches(|c: char| c.is_whitespace() || "(:-–—,".contains(c));
    // "Tate on 713" and "Callum Heath, managed 389" link; "Clinton, securing about 34%" is
    // the sentence subject's participle.
    words.is_empty() || LINKING_WORDS.is_match(words) && (!gap.contains(',') || !words.split_whitespace().next().unwrap_or("").ends_with("ing"))
}

/// The kind of one number, from its own words first and then from the figure it is
/// compared with.
fn classify(n: &NumberMention, before: &str, after: &str, sentence: &str, is_poll: bool, earlier: &[FoundFigure]) -> Option<(FigureKind, &'static str)> {
    if CHANGE.is_match(before) && n.unit != NumberUnit::Count {
        return None;
    }
    // "a majority of 80 seats" is a parliament's, not a vote count.
    let seats = after.starts_with(" seats") || after.starts_with("-seat") || after.starts_with(" seat ");


    if seats || BALLOT_LOGISTICS.is_match(after) || after.starts_with(" more") || after.starts_with(" fewer") || after.starts_with(" less") || COUNT_PROGRESS.is_match(after) {
        return None;
    }
    for rule in KIND_RULES {
        if !rule.units.contains(&n.unit) {
            continue;
        }
        // The words after first: their patterns are anchored, and fail at once.
        if rule.after.is_none_or(|re| re.is_match(after)) && rule.before.is_none_or(|re| re.is_match(before)) {
            if is_poll && matches!(rule.kind, FigureKind::SharePct | FigureKind::SwingPct) {
                return None;
            }
            return Some((rule.kind, rule.name));
        }
    }
    // "won by seven votes, 1,902 to 1,895", "beat Democrat Leah Moreno 6,412 to 4,981": a
    // score after a result verb is two counts, whatever came before. (The cheapest tests
    // first: most numbers are followed by no score.)
    if n.unit == NumberUnit::Count && n.value >= 10.0 && !is_poll && SCORE_TO.is_match(after) && RESULT_VERB_BEFORE.is_match(before) {
        return Some((FigureKind::Votes, "score-pair"));
    }
    // "1.3 million votes, or 50.8 percent, to 1.2 million": the last figure in the same unit.
    if let Some(prev) = earlier.iter().rev().find(|f| f.number.unit == n.unit) {
        if COMPARISON.is_match(before) && !NON_VOTE_NOUN.is_match(after) {
            return Some((prev.kind, "compared-with"));
        }
    }
    // A sentence about turnout, swing or share: the nearest of those words before the
    // number decides ("Turnout was 67.2% ... a swing of 5.4%").
    let keyword = nearest_keyword(before).or_else(|| nearest_keyword(sentence));
    match n.unit {
        NumberUnit::Percent if keyword == Some(FigureKind::TurnoutPct) && !AFTER_SHARE.is_match(after) => Some((FigureKind::TurnoutPct, "turnout-sentence")),
        NumberUnit::Percent | NumberUnit::Points if keyword == Some(FigureKind::SwingPct) && !is_poll => Some((FigureKind::SwingPct, "swing-sentence")),
        // "won with 52%", "defeated John Roe 52% to 46%": a share in US style.
        NumberUnit::Percent if !is_poll && !after.starts_with(" of ") && (BEFORE_GOT.is_match(before) || after.starts_with(" to ") && RESULT_VERB_BEFORE.is_match(before)) && RESULT_SENTENCE.is_match(sentence) => {
            Some((FigureKind::SharePct, "won-share"))
        }
        NumberUnit::Count if BEFORE_TURNOUT.is_match(before) => Some((FigureKind::TurnoutVotes, "turnout-of-count")),
        // "won 14,832" without the word votes: only a sizeable whole count in a sentence about voting.
        NumberUnit::Count if n.value >= 10.0 && !n.in_words && (BEFORE_GOT.is_match(before) || BEFORE_RESULT_OF.is_match(before)) && VOTE_CONTEXT.is_match(sentence) && !NON_VOTE_NOUN.is_match(after) && !after.starts_with('%') => {
            Some((FigureKind::Votes, "won-count"))
        }
        _ => None,
    }
}

/// The last of "turnout", "swing" and "share" in `text`, as the kind it names.
fn nearest_keyword(text: &str) -> Option<FigureKind> {
    let last = |re: &WordRegex| re.find_iter(text).last().map(|m| m.start());
    [(last(&TURNOUT), FigureKind::TurnoutPct), (last(&SWING), FigureKind::SwingPct), (last(&SHARE_WORD), FigureKind::SharePct)]
        .into_iter()
        .filter_map(|(at, kind)| at.map(|a| (a, kind)))
        .max_by_key(|(a, _)| *a)
        .map(|(_, kind)| kind)
}

/// Drops values no figure of that kind can take.
fn plausible(kind: FigureKind, n: &NumberMention) -> bool {
    if kind.is_percent() {
        return (0.0..=100.0).contains(&n.value.abs());
    }
    n.value >= 1.0 && n.value.fract() == 0.0
}

/// An entity that can own a figure, at a position in the sentence.
#[derive(Debug, Clone)]
struct Owner {
    at: usize,
    end: usize,
    subject: Subject,
    possessive: bool,
}

fn owners_in(ctx: &Context, span: &Span) -> Vec<Owner> {
    let mut owners: Vec<Owner> = Vec::new();
    for m in ctx.people.mentions_in(span).filter(|m| !m.byline) {
        owners.push(Owner { at: m.full.start, end: m.span.end, subject: Subject::Person(m.person), possessive: m.possessive });
    }
    for r in starting_in(ctx.references, span, |r| r.span.start).iter().filter(|r| r.span.end <= span.end) {
        if let Some(p) = r.person {
            owners.push(Owner { at: r.span.start, end: r.span.end, subject: Subject::Person(p), possessive: false });
        }
    }
    // A bracketed party ("Ted Cruz (R-Texas)") describes the name before it; it owns nothing.
    for p in starting_in(ctx.parties, span, |p| p.span.start).iter().filter(|p| p.full.end <= span.end && !p.bracketed) {
        // "the Conservative Dan Watkins" / "the Labour candidate": the party only describes.
        let inside_other = owners.iter().any(|o| o.at <= p.span.start && p.span.end <= o.end);
        let before_name = ctx.people.mentions_in(&(p.full.end..(p.full.end + 40).min(span.end))).next().is_some_and(|m| ctx.doc.text[p.full.end..m.full.start].split_whitespace().count() <= 2);
        // "the Democratic primary", "a Labour government": an adjective owns nothing.
        let adjective = !p.possessive && PARTY_ADJECTIVE_NOUN.is_match(&ctx.doc.text[p.full.end..span.end]);
        if !inside_other && !before_name && !adjective {
            owners.push(Owner { at: p.span.start, end: p.full.end, subject: Subject::Party(p.canonical.clone()), possessive: p.possessive });
        }
    }
    for pl in starting_in(ctx.places, span, |pl| pl.span.start).iter().filter(|pl| pl.span.end <= span.end) {
        owners.push(Owner { at: pl.span.start, end: pl.span.end, subject: Subject::Constituency(pl.name.clone()), possessive: false });
    }
    owners.sort_by_key(|o| o.at);
    owners
}

fn assign_subjects(ctx: &Context, lower: &str, owners: &[Owner], figures: &mut [FoundFigure]) {
    if figures.is_empty() {
        return;
    }
    if RESPECTIVELY.is_match(lower) && assign_respectively(owners, figures) {
        return;
    }
    let text: &str = &ctx.doc.text;
    for f in figures.iter_mut() {
        let pos = f.number.start;
        let place_kind = matches!(f.kind, FigureKind::TurnoutPct | FigureKind::TurnoutVotes | FigureKind::Electorate);
        // An owner written right before the number ("the Conservatives' 18,006", "Bell
        // (Lib Dem) 1,204") or right after it ("48 percent for Democrat Rosa Ibarra").
        let next_to = owners.iter().rev().find(|o| !matches!(o.subject, Subject::Constituency(_)) && adjacent(text, o.end, pos));
        let for_owner = owners.iter().find(|o| o.at >= f.number.end && !matches!(o.subject, Subject::Constituency(_)) && FOR_OWNER_GAP.is_match(&text[f.number.end..o.at]));
        let noun_owner = kind_noun_owner(ctx, owners, &text[..pos], pos).or_else(|| pronoun_owner(ctx, &text[..pos], pos));
        let subject = if let (false, Some(o)) = (place_kind, noun_owner) {
            Some(o)
        } else if place_kind {
            owners.iter().rev().find(|o| o.end <= pos && matches!(o.subject, Subject::Constituency(_))).map(|o| o.subject.clone()).or_else(|| place_of_context(ctx, pos))
        } else if let Some(o) = next_to.or(for_owner) {
            Some(o.subject.clone())
        } else {
            // A possessive owns only the number right after it ("Sadiq Khan's successor" does not).
            let candidates: Vec<&Owner> = owners.iter().filter(|o| !matches!(o.subject, Subject::Constituency(_)) && !o.possessive).collect();
            let before: Vec<&&Owner> = candidates.iter().filter(|o| o.end <= pos).collect();
            // Prefer an owner in subject position: "Sanders lost to Hillary Clinton, securing
            // about 34%" is Sanders's; a majority is the winner's, the sentence's first person.
            // "defeating the Conservative Dan Watkins, who won 19,236": a relative clause makes
            // the object its subject.
            let relative = |o: &Owner| text[o.end..].trim_start_matches([',', ' ']).starts_with("who ");
            let subjects: Vec<&&&Owner> = before.iter().filter(|o| relative(o) || !crate::extract::clause::is_object_position(&text[..o.at])).collect();
            let first_person = subjects.iter().copied().find(|o| matches!(o.subject, Subject::Person(_)));
            let chosen = if f.kind == FigureKind::Majority { first_person.or(subjects.first().copied()).or(before.first()) } else { subjects.last().copied().or(before.last()) };
            chosen.map(|o| o.subject.clone()).or_else(|| candidates.iter().find(|o| o.at > pos).map(|o| o.subject.clone()))
        };
        // A swing is to a party: "a swing of 5.4% from the Conservatives to Labour".
        let swung_to = owners.iter().find(|o| o.at > pos && matches!(o.subject, Subject::Party(_)) && SWING_TO.is_match(&text[f.number.end..o.at]));
        let subject = match (f.kind, swung_to) {
            (FigureKind::SwingPct, Some(o)) => Some(o.subject.clone()),
            _ => subject,
        };
        // A majority belongs to the winner: when the sentence names no person, the winner
        // named last before it.
        let subject = match subject {
            Some(Subject::Person(p)) => Some(Subject::Person(p)),
            // Not for another election's majority ("In 2019, the DUP won with a majority of 9,607").
            other if f.kind == FigureKind::Majority && f.year.is_none() => last_winner_before(ctx, pos).map(Subject::Person).or(other).or_else(|| top_of_paragraph(ctx, pos)),
            other => other,
        };
        f.subject = subject;
    }
    pair_scores(text, owners, figures);
    for i in 1..figures.len() {
        // "18,902 (40.1%)": the bracketed share is the count's owner's.
        // "fell to 31.8 per cent, from 33.7 per cent": a compared number with no owner of
        // its own is its partner's.
        let inherit = figures[i].rule == "share-after-count" || figures[i].rule == "compared-with" && figures[i].subject.is_none();
        if inherit {
            let partner = figures[..i].iter().rev().find(|f| f.number.unit == figures[i].number.unit || figures[i].rule == "share-after-count");
            figures[i].subject = partner.and_then(|f| f.subject.clone());
        }
    }
}

/// "Maria Lopez defeated John Roe 52% to 46%", "won 5,200 votes to 4,100": two numbers
/// of one kind joined by "to" go to the last two people or parties named before them,
/// in order.
fn pair_scores(text: &str, owners: &[Owner], figures: &mut [FoundFigure]) {
    for i in 1..figures.len() {
        let (a, b) = (&figures[i - 1], &figures[i]);
        let joint = text[a.number.end..b.number.start].trim();
        let joint = joint.strip_prefix("votes").unwrap_or(joint).trim();
        if a.kind != b.kind || !matches!(joint, "to" | "-" | "–" | "versus" | "vs" | "vs.") {
            continue;
        }
        // Two people named anywhere in the sentence ("Vance ... won 53 percent to 47
        // percent over Rick Dobbs"), else the last two people or parties before the score.
        let mut people: Vec<&Subject> = Vec::new();
        for o in owners.iter().filter(|o| matches!(o.subject, Subject::Person(_))) {
            if !people.contains(&&o.subject) {
                people.push(&o.subject);
            }
        }
        let mut named: Vec<&Subject> = Vec::new();
        for o in owners.iter().filter(|o| o.end <= a.number.start && !matches!(o.subject, Subject::Constituency(_))) {
            named.retain(|s| **s != o.subject);
            named.push(&o.subject);
        }
        let pair = match (people.as_slice(), named.as_slice()) {
            ([first, second], _) => Some(((*first).clone(), (*second).clone())),
            (_, [.., first, second]) => Some(((*first).clone(), (*second).clone())),
            _ => None,
        };
        if let Some((first, second)) = pair {
            // "Sturgess lost Amberley to Vickers by 1,042 votes to 889": the winner's first.
            // (The sentence's first owner may come after the score: "5,200 votes to 4,100
            // went to Jane Smith and John Roe".)
            let loser_first = LOST_TO.is_match(&text[owners.first().map_or(a.number.start, |o| o.at.min(a.number.start))..a.number.start]);
            let (first, second) = if loser_first { (second, first) } else { (first, second) };
            figures[i - 1].subject = Some(first);
            figures[i].subject = Some(second);
        }
    }
}

/// The owner written before the figure's noun, in the clause before the number: a
/// possessive ("Ms Dalgleish's majority is 2,525"), a party adjective ("a Conservative
/// majority of 5,118") or a possessive pronoun ("giving her a majority of 4,321").
fn kind_noun_owner(ctx: &Context, owners: &[Owner], before: &str, pos: usize) -> Option<Subject> {
    // The pattern reads an owner word, the noun and 30 more characters at the end of
    // `before`: its last 400 bytes hold them, and matching there keeps the cost per
    // figure from growing with the article.
    let window = crate::extract::cover::tail(before, 400);
    let from = before.len() - window.len();
    let caps = KIND_NOUN_OWNER.captures(window)?;
    let word = caps.name("owner")?;
    let (start, end) = (from + word.start(), from + word.end());
    let bare = word.as_str().trim_end_matches(['’', '\'', 's']).trim_end_matches(['’', '\'']);
    // The word before the noun is (the end of) an owner: "Dalgleish's", or a party
    // used as an adjective: "a Conservative majority".
    if let Some(o) = owners.iter().find(|o| o.at < end && start < o.end) {
        return Some(o.subject.clone());
    }
    if let Some(p) = ctx.parties.iter().find(|p| p.span.start < end && start < p.full.end) {
        return Some(Subject::Party(p.canonical.clone()));
    }
    // "overturned a majority of 9,000" is the loser's: the seat's, when not named.
    if before[..start].trim_end().ends_with("overturned") || before[..start].trim_end().ends_with("overturning") {
        return place_of_context(ctx, pos);
    }
    possessive_pronoun(ctx, bare, start, pos)
}

/// "against his 71,019", "to her 5,210": a possessive pronoun right before the number.
fn pronoun_owner(ctx: &Context, before: &str, pos: usize) -> Option<Subject> {
    let word = before.trim_end().rsplit(char::is_whitespace).next()?;
    possessive_pronoun(ctx, word, before.trim_end().len() - word.len(), pos)
}

/// The person "her" or "his" at `at` refers to, for a figure at `pos`.
fn possessive_pronoun(ctx: &Context, word: &str, at: usize, pos: usize) -> Option<Subject> {
    let gender = match word.to_lowercase().as_str() {
        "her" => Gender::Female,
        "his" => Gender::Male,
        _ => return None,
    };
    let doc = ctx.doc;
    ctx.people.antecedent(&doc.text, at, gender, false, doc.previous_sentence_start(pos)).map(Subject::Person)
}

/// "Sue Catchpole (LD) 1,034; Gavin Platt (Ref) 706 ... Maj 328": the person with the
/// most votes listed in the paragraph before the majority.
fn top_of_paragraph(ctx: &Context, pos: usize) -> Option<Subject> {
    let para = &ctx.doc.paragraphs[ctx.doc.paragraph_at(pos)];
    let mut best: Option<(f64, usize)> = None;
    for n in ctx.numbers.iter().filter(|n| para.start <= n.start && n.end <= pos && n.unit == NumberUnit::Count) {
        let owner = ctx.people.mentions.iter().rev().find(|m| m.span.end <= n.start && adjacent(&ctx.doc.text, m.span.end, n.start));
        if let Some(m) = owner {
            if best.is_none_or(|(v, _)| n.value > v) {
                best = Some((n.value, m.person));
            }
        }
    }
    best.map(|(_, p)| Subject::Person(p))
}

/// The person mentions ending by `pos` (mentions are in order and never overlap).
fn named_by<'a>(ctx: &Context<'a>, pos: usize) -> &'a [PersonMention] {
    let mentions = &ctx.people.mentions;
    &mentions[..mentions.partition_point(|m| m.span.end <= pos)]
}

/// The elected person named last before `pos`, from the first candidate pass.
fn last_winner_before(ctx: &Context, pos: usize) -> Option<usize> {
    named_by(ctx, pos).iter().rev().filter(|m| !m.byline).map(|m| m.person).find(|p| ctx.winners.contains(p))
}

/// "Battersea and Tooting ... 75.83 per cent and 76 per cent respectively": the i-th
/// number of a kind goes to the i-th entity listed before the first of them.
fn assign_respectively(owners: &[Owner], figures: &mut [FoundFigure]) -> bool {
    let first = figures[0].number.start;
    let kind_of = |s: &Subject| std::mem::discriminant(s);
    let listed: Vec<&Owner> = owners.iter().filter(|o| o.end <= first).collect();
    let Some(last) = listed.last() else { return false };
    let group: Vec<&Owner> = listed.iter().copied().filter(|o| kind_of(&o.subject) == kind_of(&last.subject)).collect();
    let n = figures.len();
    if group.len() < n || n < 2 {
        return false;
    }
    let chosen = &group[group.len() - n..];
    for (f, o) in figures.iter_mut().zip(chosen) {
        f.subject = Some(o.subject.clone());
        f.rule = if f.rule.is_empty() { "respectively" } else { f.rule };
    }
    true
}

/// The constituency under discussion at `pos`: that of the last person named before it
/// whose constituency is known, else the one the article names most.
fn place_of_context(ctx: &Context, pos: usize) -> Option<Subject> {
    let areas = ctx.areas.get_or_init(|| AreaFacts::new(ctx));
    let by_person = areas.placed_before[named_by(ctx, pos).len()].and_then(|i| ctx.person_places[ctx.people.mentions[i].person].clone());
    // The article's main seat, if it is named more than once or near the figure.
    let near = |at: usize| at <= pos && ctx.doc.paragraph_at(at) + 1 >= ctx.doc.paragraph_at(pos);
    let main = areas.main.as_ref().filter(|(_, how)| match how {
        MainNamed::AloneOrTwice => true,
        MainNamed::Once { at } => near(*at),
    });
    by_person.or(main.map(|(name, _)| name.clone())).map(Subject::Constituency)
}

/// The area named most often (first named wins a tie), preferring areas the text marks
/// as such ("Franklin County") over names from the list (a state).
pub fn main_place(places: &[PlaceMention]) -> Option<String> {
    let marked: Vec<&PlaceMention> = places.iter().filter(|p| p.marked).collect();
    let pool: Vec<&PlaceMention> = if marked.is_empty() { places.iter().collect() } else { marked };
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for p in &pool {
        *counts.entry(p.name.as_str()).or_default() += 1;
    }
    let mut best: Option<(&str, usize)> = None;
    for p in &pool {
        let count = counts[p.name.as_str()];
        if best.is_none_or(|(_, c)| count > c) {
            best = Some((&p.name, count));
        }
    }
    best.map(|(n, _)| n.to_string())
}

/// The years of elections the article mentions, to date figures tied to another one.
struct ElectionYears {
    /// The reported election's year, when the article says it.
    current: Option<i32>,
    /// The latest year before `current` tied to an election word ("the 2016 by-election").
    previous: Option<i32>,
}

re!(ELECTION_YEAR, r"\b((?:19|20)\d\d)(?:['’]s)? (?:[\w.'’-]+ ){0,4}?(?:general election|election|by-election|poll|vote|contest|race|result|primary|primaries|caucus|caucuses)\b");

impl ElectionYears {
    fn find(ctx: &Context) -> ElectionYears {
        let text = case::to_lowercase(&ctx.doc.text);
        let mut years: Vec<(usize, i32)> = ELECTION_YEAR.captures_iter(&text).filter_map(|c| c[1].parse().ok().map(|y| (c.get(0).unwrap().start(), y))).collect();
        years.sort();
        // Whatever is stated in the first paragraphs as "2019 general election" is current.
        let lead_end = ctx.doc.paragraphs.get(2).map_or(text.len(), |p| p.end);
        let current = years.iter().find(|(at, _)| *at < lead_end && text[*at..].contains("general election")).map(|(_, y)| *y).or_else(|| dateline_year(ctx));
        let previous = years.iter().map(|(_, y)| *y).filter(|y| current.is_none_or(|c| *y < c)).max();
        ElectionYears { current, previous }
    }

    fn year_for(&self, sentence: &Span, lower: &str, n: &NumberMention) -> Option<i32> {
        let after = &lower[n.end - sentence.start..];
        if let Some(c) = YEAR_AFTER.captures_after_gap(after) {
            let y: i32 = c[1].parse().ok()?;
            // "... in 2019" about the 2019 election is the current one.
            return (Some(y) != self.current).then_some(y);
        }
        let before = &lower[..n.start - sentence.start];
        let clause_start = before.rfind([',', ';']).map_or(0, |i| i + 1);
        let clause = &before[clause_start..];
        // "In the 2016 presidential election, Sanders ... securing about 34%": the whole
        // sentence is about that election.
        if let Some(c) = ELECTION_YEAR.captures(clause).or_else(|| ELECTION_YEAR.captures(before)) {
            let y: i32 = c[1].parse().ok()?;
            return (Some(y) != self.current).then_some(y);
        }
        if REL_YEAR.is_match(clause) {
            if clause.contains("last year") {
                if let Some(c) = self.current {
                    return Some(c - 1);
                }
            }
            return self.previous;
        }
        None
    }
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, ((?:19|20)\d\d)").unwrap());

/// "Monday, December 16, 2019" near the top of the article.
fn dateline_year(ctx: &Context) -> Option<i32> {
    let head_end = ctx.doc.paragraphs.get(3).map_or(ctx.doc.text.len(), |p| p.end);
    DATELINE.captures(&ctx.doc.text[..head_end]).and_then(|c| c[1].parse().ok())
}

// The patterns to compile ahead in a large run (see `ahead`).
super::ahead::patterns!(
    AFTER_MAJORITY, BEFORE_MAJORITY, AFTER_MARGIN, BEFORE_MARGIN, BEFORE_WON_BY, AFTER_VOTES_TO,
    AFTER_VOTES_WORD, AFTER_REGISTERED, BEFORE_ELECTORATE, AFTER_VOTED, BEFORE_TURNOUT, TURNOUT, SWING,
    AFTER_SWING, AFTER_SHARE, BEFORE_SHARE, VOTE_CONTEXT, BEFORE_GOT, BEFORE_RESULT_OF, COMPARISON, POLL,
    CHANGE, PARTY_ADJECTIVE_NOUN, RESULT_VERB_BEFORE, RESULT_SENTENCE, COUNT_PROGRESS, RESULTS_LIST, POSITION,
    ON_OR_WITH, BRACKETED_GAP, FOR_OWNER_GAP, LINKING_WORDS, KIND_NOUN_OWNER, SHARE_WORD, OTHER_COUNTS,
    VOTE_WORD, BALLOT_LOGISTICS, SWING_TO, SCORE_TO, LOST_TO, POLLED_VOTES, SURVEYED, CHAMBER_VOTE,
    NOT_A_COUNT_AFTER, NUMBER_WITH_M, AFTER_PEOPLE, RESPECTIVELY, REL_YEAR, YEAR_AFTER, NON_VOTE_NOUN,
    ELECTION_YEAR, DATELINE,
);

#[cfg(test)]
mod tests {
    use crate::record::FigureKind::{self, *};
    use crate::Pipeline;

    /// (kind, value, subject, year) of every figure the whole pipeline reads from `text`.
    fn figures(text: &str) -> Vec<(FigureKind, f64, Option<String>, Option<i32>)> {
        let rec = Pipeline::builtin().extract("t.txt", text.as_bytes()).unwrap();
        rec.figures.into_iter().map(|f| (f.kind, f.value, f.subject, f.year)).collect()
    }

    fn kinds(text: &str) -> Vec<(FigureKind, f64)> {
        figures(text).into_iter().map(|f| (f.0, f.1)).collect()
    }

    const ELECTION: &str = "The general election count in Anytown ended at 3am and the candidates waited for the returning officer.\n";

    #[test]
    fn uk_result_sentence() {
        let text = format!("{ELECTION}Labour's Jane Smith won the seat with 21,345 votes, a majority of 4,321 over the Conservative Tom Brown, who polled 17,024.");
        let got = figures(&text);
        assert!(got.contains(&(Votes, 21345.0, Some("Jane Smith".into()), None)), "{got:?}");
        assert!(got.contains(&(Majority, 4321.0, Some("Jane Smith".into()), None)), "{got:?}");
        assert!(got.contains(&(Votes, 17024.0, Some("Tom Brown".into()), None)), "{got:?}");
    }

    #[test]
    fn us_result_with_two_shares() {
        let text = "Democrat Maria Lopez defeated Republican John Roe 52% to 46% in the race for the 7th District seat, with 98% of precincts reporting. Voters turned out in numbers.";
        let got = figures(text);
        assert!(got.contains(&(SharePct, 52.0, Some("Maria Lopez".into()), None)), "{got:?}");
        assert!(got.contains(&(SharePct, 46.0, Some("John Roe".into()), None)), "{got:?}");
        assert!(!got.iter().any(|f| f.1 == 98.0), "precincts reporting is not a share: {got:?}");
    }

    #[test]
    fn turnout_with_earlier_year() {
        let text = format!("{ELECTION}Turnout was 67.2%, down from 69.1% in 2017, and 48,210 people voted.");
        let got = figures(&text);
        assert!(got.iter().any(|f| f.0 == TurnoutPct && f.1 == 67.2 && f.3.is_none()), "{got:?}");
        assert!(got.iter().any(|f| f.0 == TurnoutPct && f.1 == 69.1 && f.3 == Some(2017)), "{got:?}");
        assert!(got.iter().any(|f| f.0 == TurnoutVotes && f.1 == 48210.0), "{got:?}");
    }

    #[test]
    fn party_totals_swing_electorate_and_words() {
        let text = format!("{ELECTION}The Liberal Democrats took 9,444 votes. There was a swing of 5.4% from Labour to the Conservatives. The electorate of 72,031 was the largest yet. Six thousand people voted by post.");
        let got = figures(&text);
        assert!(got.contains(&(Votes, 9444.0, Some("Liberal Democrats".into()), None)), "{got:?}");
        assert!(got.iter().any(|f| f.0 == SwingPct && f.1 == 5.4), "{got:?}");
        assert!(got.iter().any(|f| f.0 == Electorate && f.1 == 72031.0), "{got:?}");
        assert!(got.iter().any(|f| f.0 == TurnoutVotes && f.1 == 6000.0), "{got:?}");
    }

    #[test]
    fn us_senator_share_and_hedged_turnout() {
        let text = "Sen. Ted Cruz (R-Texas) won re-election with 50.9 percent of the vote. Almost 8.3 million Texans voted in the election, officials said.";
        let rec = crate::Pipeline::builtin().extract("t.txt", text.as_bytes()).unwrap();
        let share = rec.figures.iter().find(|f| f.kind == SharePct).expect("a share");
        assert_eq!((share.value, share.subject.as_deref()), (50.9, Some("Ted Cruz")));
        let turnout = rec.figures.iter().find(|f| f.kind == TurnoutVotes).expect("a turnout count");
        assert_eq!((turnout.value, turnout.approx), (8_300_000.0, true));
    }

    #[test]
    fn numbers_that_are_not_election_figures() {
        let text = format!("{ELECTION}On Christmas Day, 3,000 children in Wandsworth will wake up homeless. More than 700 volunteers canvassed for the 45-year-old candidate, who has lived in the town since 1998 and raised £20,000. Council tax will rise by 4.99% next year.");
        assert!(kinds(&text).is_empty(), "{:?}", kinds(&text));
    }

    #[test]
    fn polls_and_sport_give_nothing() {
        assert!(kinds("Labour leads with 41% in the latest poll of voters, ahead of the Conservatives on 33%, before the election.").is_empty());
        assert!(kinds("Kelly Holmes won the 800m final by a clear margin of 2 seconds, beating her rival. The crowd of 60,000 cheered.").is_empty());
    }

    #[test]
    fn respectively_maps_in_order() {
        let text = format!("{ELECTION}Putney saw a turnout of 77.4%. Battersea and Tooting also saw a high turnout, with 75.83 per cent and 76 per cent respectively.");
        let got = figures(&text);
        assert!(got.contains(&(TurnoutPct, 75.83, Some("Battersea".into()), None)), "{got:?}");
        assert!(got.contains(&(TurnoutPct, 76.0, Some("Tooting".into()), None)), "{got:?}");
    }
}
