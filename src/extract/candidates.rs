//! Candidates: the people standing in the contests the article reports, with party,
//! constituency, whether they were elected, and their votes and share.
//!
//! Being named is not enough (a mayor at the count, a party leader, a voter, a byline).
//! A person is a candidate when a vote or share figure belongs to them, when they are
//! the subject or object of a result verb about a seat, election or vote ("retained her
//! seat", "defeating the Conservative Dan Watkins", "came second"), when the text calls
//! them a candidate, or when they are placed "for" a constituency. Party comes from the
//! words next to a mention ("Labour's", "(Lab)", ", the Conservative candidate"), from
//! "the Labour candidate" referring to them, from "for Labour" in their result sentence,
//! or, for a winner the text ties to no party, from a "Labour gain" in their seat or the
//! one party whose MPs the article says were elected.

use std::ops::Range;

use crate::doc::{floor_char_boundary, Document, Span};
use crate::extract::cover::starting_in;
use crate::extract::figures::{FoundFigure, PlaceMention, Subject};
use crate::extract::gap::re_gap;
use crate::extract::gated::{gated, GateWords, GatedRegex, WordsFound};
use crate::extract::names::{People, Reference};
use crate::extract::parties::PartyMention;
use crate::lexicon::with_ascii_lowercase;
use crate::record::FigureKind;

/// A candidate in text offsets, before it becomes a record.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundCandidate {
    pub person: usize,
    pub party: Option<String>,
    pub constituency: Option<String>,
    pub elected: Option<bool>,
    pub votes: Option<f64>,
    pub share_pct: Option<f64>,
    /// The names of the rules that made this person a candidate.
    pub evidence: Vec<&'static str>,
}

/// What the candidate rules read.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub people: &'a People,
    pub references: &'a [Reference],
    pub parties: &'a [PartyMention],
    pub places: &'a [PlaceMention],
    pub figures: &'a [FoundFigure],
}

// The verb must follow its subject (an appositive between commas, an auxiliary or an
// adverb may stand between), or come as "by holding on to ..." after it. The four ways
// a win is told are tried in this order, as one alternation would try them; as one
// pattern, their bounded gaps multiplied into more states than the fast engine may keep,
// and each search fell back to the slow ones. Each runs only where one of its verbs
// occurs (see `gated`).
/// The verbs of a win told after its subject, in the order they are tried.
const WIN_VERBS: &[&str] = &["won", "wins", "retained", "retains", "held", "holds", "held on to", "holds on to", "hung on to", "took", "takes", "gained", "gains", "regained", "secured", "secures", "clinched", "captured", "swept", "carried", "topped", "triumphed in", "stormed", "storming home", "overturned", "overturning", "winning", "taking", "retaining", "gaining", "capturing", "holding on to"];
gated!(WIN_VERB, &format!(r"^(?:,[^,.;]{{0,80}},|\s*\([^()]{{1,25}}\)|,?\s*who)?\s*(?:(?:has|had|have|was|is|also|then|comfortably|easily|narrowly|successfully|finally|duly|again|convincingly|comprehensively)\s+){{0,2}}(?:{})\b", WIN_VERBS.join("|")), WIN_VERBS);
gated!(WIN_VERB_MAJORITY, r"^(?:,[^,.;]{0,80},|\s*\([^()]{1,25}\)|,?\s*who)?\s*(?:increased|increases|doubled|doubles) (?:(?:his|her|their|the) )?majority\b", &["majority"]);
/// "by holding on to ...", "..., securing ...": the participles of a win, in the order
/// they are tried.
const WIN_BY_PARTICIPLES: &[&str] = &["winning", "holding on to", "holding", "retaining", "taking", "securing", "gaining", "clinching", "capturing"];
const WIN_CLAUSE_PARTICIPLES: &[&str] = &["securing", "winning", "taking", "retaining", "holding", "clinching", "gaining", "capturing"];
gated!(WIN_BY_VERB, gap 60, &format!(r"\bby (?:{})\b", WIN_BY_PARTICIPLES.join("|")), WIN_BY_PARTICIPLES);
gated!(WIN_VERB_CLAUSE, gap 100, &format!(r",\s*(?:{})\b", WIN_CLAUSE_PARTICIPLES.join("|")), WIN_CLAUSE_PARTICIPLES);
static WIN_PATTERNS: [&std::sync::LazyLock<GatedRegex>; 4] = [&WIN_VERB, &WIN_VERB_MAJORITY, &WIN_BY_VERB, &WIN_VERB_CLAUSE];
// What is won: a seat or an election, never a match, a title or a race on a track; near the verb.
re_gap!(WIN_OBJECT, 40, r"\b(?:seat|constituency|ward|election|by-election|primary|primaries|caucus|caucuses|nomination|majority|mandate|presidency|governorship|mayoralty|votes?|landslide|re-election)\b");
re!(VOTES_OBJECT, r"^\s*(?:a total of |just |only |some |around |about |almost |nearly |over |more than |fewer than |under |an impressive |a mere )?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundreds|thousands)\b)");
gated!(ELECTED, r"^(?:,[^,.;]{0,80},|\s*\([^()]{1,25}\)|,?\s*who)?\s*(?:(?:was|were|is|has been|had been|have been|being|been|got|get|also|then|duly|narrowly)\s+){1,2}(?:re-?)?elected\b|^\s*(?:re-?elected|elected (?:as|to))\b", &["elected"]);
// Losing needs an election object ("lost her seat", "lost the race"), unlike "lost her voice".
gated!(LOST_VERB, r"^(?:,[^,.;]{0,80},|\s*\([^()]{1,25}\)|,?\s*who)?\s*(?:(?:has|had|have|was|also|narrowly|then)\s+){0,2}(?:(?:lost|loses|conceded|concedes|failed to win|missed out on)\b[^.;]{0,30}\b(?:seat|election|race|contest|primary|caucus|nomination|vote|by-election|by \d)|came (?:second|third|fourth|fifth|last|in second|in third)|finished (?:second|third|fourth|fifth|last|behind)|(?:was |came |finished )?a (?:distant|close|narrow|poor|strong) (?:second|third|fourth|fifth|last)|(?:was )?(?:second|third|fourth|fifth|sixth|last) (?:with|on|at)|trailed|was defeated|were defeated|was beaten|was ousted|was unseated)\b", &["lost", "loses", "conceded", "concedes", "failed to win", "missed out on", "came", "finished", "second", "third", "fourth", "fifth", "sixth", "last", "trailed", "defeated", "beaten", "ousted", "unseated"]);
gated!(ELECTION_OF, r"\b(?:re-?election|election|victory|win) of (?:(?:the )?(?:former |current |sitting |incumbent )?(?:[\w-]+ ){0,3}?(?:MP|councillor|mayor|candidate|leader),? )?$", &["election of", "victory of", "win of"]);
re!(STANDING_FOR, r"\b(?:standing|stood|stands|running|ran|runs|elected|re-elected|selected|chosen) (?:for|as) (?:the |a |an )?$");
re!(PARTY_CONTEST, r"^\s+(?:presidential\s+|gubernatorial\s+|senate\s+|congressional\s+|mayoral\s+)?(?:nomination|primary|primaries|ticket|caucus|caucuses|runoff)\b");
gated!(DEFEAT_OBJECT, r"\b(?:defeating|defeated|defeats|beat|beating|beats|ousted|ousting|unseated|unseating|saw off|seeing off|trounced|edged out|held off|holding off|(?:votes?|majority(?: of [\d,]+)?) over|(?:lost|losing)(?: [\w-]+){0,4} to)\s+(?:the\s+)?$", &["defeat", "beat", "ousted", "ousting", "unseat", "saw off", "seeing off", "trounced", "edged out", "held off", "holding off", "over", "lost", "losing"]);
// "Labour has chosen councillor Sunil Varma", "the Conservatives are fielding Victoria Lyle".
gated!(SELECTED_BEFORE, r"\b(?:chosen|selected|picked|fielding|fielded|nominated|endorsed as candidate)\s+(?:[\w-]+\s+){0,2}$", &["chosen", "selected", "picked", "fielding", "fielded", "nominated", "endorsed as candidate"]);
gated!(STANDING, r"^(?:,[^,.;]{0,80},|\s*\([^()]{1,25}\)|,?\s*who)?\s*(?:(?:is|was|has|had|been|also|now|then)\s+){0,2}(?:stood|stands|standing|ran|runs|running|contested|contests|contesting|campaigned)\s+(?:as (?:a|an|the) [^.;]{0,30}candidate|for (?:the )?(?:seat|re-election|election|office|parliament|mayor|president|presidency|governor|senate|congress|[\w-]+ council)|in (?:the )?(?:[\w-]+ ){0,3}(?:election|by-election|primary|caucus|seat|ward|constituency)|against\b)", &["stood", "stands", "standing", "ran", "runs", "running", "contested", "contests", "contesting", "campaigned"]);
gated!(CANDIDATE_APPOSITION, r"^,?\s*(?:the|a|an|who is the|who was the)\s+(?:[A-Z][\p{L}-]+\s+){0,3}(?:candidate|challenger|incumbent|MP-elect|(?:presidential|party|party's|mayoral) nominee)\b", &["candidate", "challenger", "incumbent", "MP-elect", "nominee"]);
gated!(CANDIDATE_BEFORE, r"\b(?:candidate|challenger|incumbent|(?:presidential|mayoral) nominee)(?: (?:is|was|will be)(?: [a-z-]+){0,3})?\s+$", &["candidate", "challenger", "incumbent", "nominee"]);
re_gap!(SEAT_MAJORITY, 40, r"\bmajority of [\d,]+(?: |-)seats?\b");
re!(FOR_PLACE, r"\bfor\s+");
re!(PARTY_GAIN, r"^(?:gain|hold|win|victory|GAIN|HOLD|(?:has |have |had )?(?:taken|won|gained|held|captured|regained|retained|took|gain|hold|win))\b");
// "Labour councillors were elected", read right after a party mention: the group may
// start at the mention's end or one ASCII character on ("Labour's MPs"). Anchored, the
// search stops a few bytes after most mentions, which are followed by something else;
// searched for anywhere and then tested for where it starts, it read each sentence to
// its end.
re!(PARTY_GROUP, r"^[\x00-\x7F]?\b(?:\w+\s+){0,2}(?:MPs|councillors|members)\b[^.;]{0,60}\belected\b");

/// The gated patterns read next to every mention, whose words are found in the article
/// once (see [`GateWords`]).
static AROUND_MENTION: std::sync::LazyLock<GateWords> = std::sync::LazyLock::new(|| {
    GateWords::new(&[
        &WIN_VERB,
        &WIN_VERB_MAJORITY,
        &WIN_BY_VERB,
        &WIN_VERB_CLAUSE,
        &ELECTED,
        &LOST_VERB,
        &STANDING,
        &CANDIDATE_APPOSITION,
        &DEFEAT_OBJECT,
        &ELECTION_OF,
        &SELECTED_BEFORE,
        &CANDIDATE_BEFORE,
    ])
});

/// The win verb at the start of `after`, as the four win patterns joined in one
/// alternation would find it: the first pattern that matches.
#[cfg(test)]
fn find_win_verb(after: &str) -> Option<Range<usize>> {
    WIN_PATTERNS.iter().find_map(|re| re.find(after))
}

/// [`find_win_verb`] of `after`, the text from `at`, with the gates answered by `words`.
fn find_win_verb_in(after: &str, at: usize, words: &WordsFound) -> Option<Range<usize>> {
    WIN_PATTERNS.iter().find_map(|re| re.find_in(after, at, words))
}

/// Finds the candidates among the people of the article.
///
/// `read` is what [`read_evidence`] found in the words, which does not depend on
/// figures, so the pipeline reads it once and calls this before and after figures.
pub fn find_candidates(ctx: &Context, read: &[Option<Evidence>]) -> Vec<FoundCandidate> {
    let mut out: Vec<FoundCandidate> = Vec::new();
    let gathered: Vec<Option<Evidence>> = read
        .iter()
        .enumerate()
        .map(|(id, ev)| {
            ev.clone().map(|mut ev| {
                if ctx.figures.iter().any(|f| f.subject == Some(Subject::Person(id)) && matches!(f.kind, FigureKind::Votes | FigureKind::SharePct | FigureKind::Majority)) {
                    ev.reasons.insert(0, "result-figure");
                }
                ev
            })
        })
        .collect();
    // "MP for Putney" or "the Labour candidate" makes a candidate only in an article that
    // reports a result: someone won, lost, or has votes.
    let reports_result = ctx.figures.iter().any(|f| matches!(f.kind, FigureKind::Votes | FigureKind::SharePct | FigureKind::Majority))
        || gathered.iter().flatten().any(|e| e.reasons.iter().any(|r| STRONG_REASONS.contains(r)));
    for (id, evidence) in gathered.into_iter().enumerate() {
        let Some(mut evidence) = evidence else { continue };
        if !reports_result {
            evidence.reasons.retain(|r| STRONG_REASONS.contains(r));
        }
        if !evidence.is_candidate() {
            continue;
        }
        let reasons = evidence.reasons();
        out.push(FoundCandidate {
            person: id,
            party: evidence.party,
            constituency: evidence.place,
            elected: evidence.elected,
            votes: own_figure(ctx, id, FigureKind::Votes),
            share_pct: own_figure(ctx, id, FigureKind::SharePct),
            evidence: reasons,
        });
    }
    fill_winner_parties(ctx, &mut out);
    settle_elected(ctx, &mut out);
    out
}

/// Evidence that stands on its own; the rest needs a result elsewhere in the article.
const STRONG_REASONS: &[&str] = &["result-figure", "won-seat-or-election", "won-votes", "was-elected", "lost", "defeated", "standing", "selected"];

/// What the words of the article say about each person (bylines excluded).
pub fn read_evidence(ctx: &Context) -> Vec<Option<Evidence>> {
    let subjects: Vec<Option<Vec<(Span, bool)>>> = ctx.people.persons.iter().enumerate().map(|(id, p)| (!p.byline_only).then(|| subject_spans(ctx, id))).collect();
    // The rules read the sentence around each subject, and their words are looked for
    // only there: a report's other sentences (figures, background) can open no gate.
    let read = sentences_around(ctx.doc, subjects.iter().flatten().flatten().map(|(span, _)| span));
    let words = AROUND_MENTION.find_within(&ctx.doc.text, &read);
    subjects.into_iter().enumerate().map(|(id, spans)| spans.map(|spans| Evidence::gather(ctx, &words, id, &spans))).collect()
}

/// The stretches from the start of the sentence each span starts in to the end of the
/// one it ends in, joined where they meet, in order.
fn sentences_around<'a>(doc: &Document, spans: impl Iterator<Item = &'a Span>) -> Vec<Span> {
    let mut around: Vec<Span> = spans.map(|span| sentence_start(doc, span.start)..sentence_end(doc, span.end)).collect();
    around.sort_unstable_by_key(|s| s.start);
    let mut joined: Vec<Span> = Vec::with_capacity(around.len());
    for s in around {
        match joined.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => joined.push(s),
        }
    }
    joined
}

/// What the text says about one person, gathered over all their mentions.
#[derive(Debug, Default, Clone)]
pub struct Evidence {
    /// Rule names, in the order found; any one makes a candidate.
    reasons: Vec<&'static str>,
    party: Option<String>,
    place: Option<String>,
    elected: Option<bool>,
}

impl Evidence {
    /// `subjects`: [`subject_spans`] of the person.
    fn gather(ctx: &Context, words: &WordsFound, id: usize, subjects: &[(Span, bool)]) -> Evidence {
        let mut ev = Evidence::default();
        let text: &str = &ctx.doc.text;
        // A possessive mention names no subject of a verb, but may carry a party:
        // "Labour candidate Sunita Bains's 65,290".
        for m in ctx.people.mentions_of(id).filter(|m| m.possessive && !m.in_quote && !m.byline) {
            ev.read_party_next_to(ctx, &(m.full.start..m.span.end));
        }
        for (span, is_name) in subjects.iter().cloned() {
            let after = &text[span.end..sentence_end(ctx.doc, span.end)];
            let before = &text[sentence_start(ctx.doc, span.start)..span.start];
            ev.read_after(ctx, words, after, span.end);
            ev.read_before(ctx, words, before, span.start);
            if is_name {
                ev.read_party_next_to(ctx, &span);
            } else {
                ev.read_party_inside(ctx, &span);
            }
        }
        ev
    }

    fn is_candidate(&self) -> bool {
        !self.reasons.is_empty()
    }

    fn add(&mut self, reason: &'static str) {
        if !self.reasons.contains(&reason) {
            self.reasons.push(reason);
        }
    }

    fn reasons(&self) -> Vec<&'static str> {
        self.reasons.clone()
    }

    fn read_after(&mut self, ctx: &Context, words: &WordsFound, after: &str, at: usize) {
        if let Some(win) = find_win_verb_in(after, at, words) {
            let end = win.end;
            let rest = &after[end..];
            // "won 14,832 votes" only counts votes; "won by 2,000 votes" and "won with 52%" win.
            let won_votes_only = VOTES_OBJECT.is_match(rest);
            let object_place = first_place_in(ctx, at + end, 80);
            // "secured a majority of 80 seats" is a party's parliament, not a contest won.
            let seats = SEAT_MAJORITY.is_match(rest);
            if !seats && (WIN_OBJECT.is_match(rest) || object_place.is_some()) {
                self.add(if won_votes_only { "won-votes" } else { "won-seat-or-election" });
                if !won_votes_only && self.elected.is_none() {
                    self.elected = Some(true);
                }
                self.place = self.place.take().or(object_place);
                self.party_from_for(ctx, at + end, after.len() - end);
            }
        }
        // "standing for Reform UK", "who stood as the Green candidate".
        if self.party.is_none() {
            let end = at + after.len();
            self.party = parties_in(ctx, at..end).find(|p| p.full.end <= end && STANDING_FOR.is_match(&ctx.doc.text[at..p.span.start])).map(|p| p.canonical.clone());
        }
        // "will meet in a runoff for the Republican nomination": the contest names the party.
        if self.party.is_none() {
            let end = at + after.len();
            self.party = parties_in(ctx, at..end).find(|p| p.full.end <= end && PARTY_CONTEST.is_match(&ctx.doc.text[p.full.end..end])).map(|p| p.canonical.clone());
        }
        if ELECTED.is_match_in(after, at, words) {
            self.add("was-elected");
            self.elected = Some(true);
        }
        if LOST_VERB.is_match_in(after, at, words) {
            self.add("lost");
            self.elected = Some(false);
        }
        if STANDING.is_match_in(after, at, words) {
            self.add("standing");
        }
        if CANDIDATE_APPOSITION.is_match_in(after, at, words) {
            self.add("called-candidate");
        }
        // "Marsha de Cordova was up next for Battersea", "MP for Putney".
        let near = &after[..floor_char_boundary(after, 60)];
        if let Some(place) = FOR_PLACE.find_iter(near).find_map(|m| place_at(ctx, at + m.end())) {
            self.add("for-constituency");
            self.place.get_or_insert(place);
        }
    }

    fn read_before(&mut self, ctx: &Context, words: &WordsFound, before: &str, at: usize) {
        let bare = strip_party_words(before);
        let bare_at = at - before.len();
        if DEFEAT_OBJECT.is_match_in(bare, bare_at, words) {
            self.add("defeated");
            self.elected = Some(false);
        }
        // "Hammersmith saw the re-election of Andy Slaughter".
        if ELECTION_OF.is_match_in(bare, bare_at, words) {
            self.add("was-elected");
            self.elected = Some(true);
        }
        if SELECTED_BEFORE.is_match_in(bare, bare_at, words) {
            self.add("selected");
            let clause_start = before.rfind([',', ';']).map_or(0, |i| i + 1);
            let party = parties_in(ctx, at - (before.len() - clause_start)..at).rev().find(|p| p.span.end <= at);
            if self.party.is_none() {
                self.party = party.map(|p| p.canonical.clone());
            }
        }
        if CANDIDATE_BEFORE.is_match_in(bare, bare_at, words) {
            self.add("called-candidate");
        }
    }

    /// "Labour's Ian Murray", "the Conservative Dan Watkins", "Stephen Doughty (Lab)",
    /// "Dan Watkins, the Conservative candidate".
    fn read_party_next_to(&mut self, ctx: &Context, span: &Span) {
        if self.party.is_some() {
            return;
        }
        let text: &str = &ctx.doc.text;
        // The nearest party before the name, or one after it. (Only a party starting
        // before the name can end before it; after it, one joined to it by at most a
        // short apposition, so the search stops once the words between grow longer.)
        let first_after = ctx.parties.partition_point(|p| p.span.start < span.end);
        let starts_before = ctx.parties.partition_point(|p| p.span.start < span.start);
        let before = ctx.parties[..starts_before].iter().rev().filter(|p| p.full.end <= span.start);
        let after = ctx.parties[first_after..].iter().take_while(|p| text[span.end..p.span.start].trim().len() <= LONGEST_APPOSITION);
        let attached = before.take(1).chain(after).find(|p| {
            if p.full.end <= span.start {
                // "former Conservative councillor Stuart Rigby" belongs to another party now.
                let former = text[..p.span.start].trim_end().ends_with("former") || text[..p.span.start].ends_with("ex-");
                !former && describes(&text[p.full.end..span.start])
            } else if p.span.start >= span.end {
                let gap = &text[span.end..p.span.start];
                p.bracketed && (gap.trim() == "(" || gap.trim().is_empty()) || is_apposition_gap(gap)
            } else {
                false
            }
        });
        self.party = attached.map(|p| p.canonical.clone()).or_else(|| independent_next_to(text, span));
    }

    /// "the Labour candidate" referring to this person.
    fn read_party_inside(&mut self, ctx: &Context, span: &Span) {
        if self.party.is_none() {
            self.party = parties_in(ctx, span.clone()).find(|p| p.span.end <= span.end).map(|p| p.canonical.clone());
        }
    }

    /// "holding on to Tooting for Labour", "doubling the 2015 result for Labour".
    fn party_from_for(&mut self, ctx: &Context, from: usize, len: usize) {
        if self.party.is_some() {
            return;
        }
        let text: &str = &ctx.doc.text;
        let to = (from + len).min(text.len());
        // "for Labour", not "for Labour's Louise Fairclough" (another candidate).
        self.party = parties_in(ctx, from..to).find(|p| p.span.end <= to && !p.possessive && text[..p.span.start].trim_end().ends_with(" for")).map(|p| p.canonical.clone());
    }
}

/// Whether the words between a party and a name describe the person: up to four words
/// ("candidate", "sitting MP", "Home Office minister Sir") with no punctuation and no
/// word that starts another phrase ("Labour voters like Tom Smith").
fn describes(gap: &str) -> bool {
    let mut words = gap.split_whitespace();
    if words.clone().nth(4).is_some() || gap.contains(['\n', '\r']) || gap.contains([',', '.', ';', ':', '(', ')']) && !words.clone().all(is_descriptor) {
        return false;
    }
    !words.any(|w| {
        with_ascii_lowercase(w, |w| matches!(w, "and" | "or" | "but" | "with" | "from" | "against" | "than" | "to" | "beat" | "defeated" | "over" | "like" | "including" | "such" | "as" | "by" | "for" | "who" | "whom" | "said" | "told" | "says" | "voters" | "supporters" | "leader" | "leaders" | "members" | "activists"))
    })
}

/// "independent Bernard Lowe", "Rhian Morgan, ... standing as an independent": the
/// lower-case independent, which the party table cannot hold without matching every
/// "independent inquiry".
fn independent_next_to(text: &str, span: &Span) -> Option<String> {
    let before = text[..span.start].trim_end();
    let after = &text[span.end..floor_char_boundary(text, span.end + 240)];
    let sentence_tail = after.split(['.', ';', '\n']).next().unwrap_or("");
    let standing_as = sentence_tail.contains("as an independent") || sentence_tail.starts_with(", an independent");
    (before.ends_with(" independent") || before.ends_with("independent candidate") || standing_as).then(|| "Independent".to_string())
}

/// Words that may stand between a party and the name it describes.
fn is_descriptor(word: &str) -> bool {
    let word = word.trim_matches(',');
    let lower = word.to_lowercase();
    if matches!(lower.as_str(), "candidate" | "councillor" | "incumbent" | "nominee" | "challenger" | "member" | "hopeful") {
        return true;
    }
    matches!(
        word,
        "candidate" | "MP" | "MPs" | "councillor" | "Cllr" | "incumbent" | "nominee" | "challenger" | "member" | "hopeful" | "politician" | "veteran" | "newcomer" | "Dr" | "Mr" | "Mrs" | "Ms" | "Miss" | "Sir" | "Dame" | "Senator" | "Sen." | "Rep." | "Governor" | "Gov." | "Party" | "party's" | "Party's" | "party’s" | "Party’s"
    )
}

/// The parties starting inside `span`, in order (parties are sorted by start).
fn parties_in<'a>(ctx: &Context<'a>, span: Span) -> std::slice::Iter<'a, PartyMention> {
    starting_in(ctx.parties, &span, |p| p.span.start).iter()
}

/// What may stand between a name and the party after it (trimmed): ", the Conservative ",
/// ", Labour, ", " of the Green Party".
const APPOSITION_GAPS: &[&str] = &[",", ", the", ", a", "of the", ", of the", "(", ", who is standing for the", ", standing for the", ", standing for", "for the", ", the former", "who stood for the", ", who stood for the"];

/// The longest of [`APPOSITION_GAPS`].
const LONGEST_APPOSITION: usize = 25;

fn is_apposition_gap(gap: &str) -> bool {
    APPOSITION_GAPS.contains(&gap.trim())
}

fn strip_party_words(before: &str) -> &str {
    // Drop trailing capitalised words and titles ("Republican Sen. ", "the Conservative ")
    // so "defeated Republican Sen. Walt Brennan" reads as "defeated".
    let mut end = before.len();
    loop {
        let head = before[..end].trim_end();
        match head.rfind(' ') {
            Some(i) if head[i + 1..].starts_with(|c: char| c.is_uppercase()) => end = i + 1,
            None if head.starts_with(|c: char| c.is_uppercase()) => return "",
            _ => return &before[..end],
        }
    }
}

/// Where the person is the one acting: each name mention (not in a quote or byline) and
/// each pronoun or description resolved to them. `bool` is true for names.
fn subject_spans(ctx: &Context, id: usize) -> Vec<(Span, bool)> {
    // A possessive ("Sadiq Khan's successor, securing ...") is never the subject of a verb.
    let mut spans: Vec<(Span, bool)> = ctx.people.mentions_of(id).filter(|m| !m.in_quote && !m.byline && !m.possessive).map(|m| (m.full.start..m.span.end, true)).collect();
    spans.extend(ctx.references.iter().filter(|r| r.person == Some(id) && !r.in_quote).map(|r| (r.span.clone(), false)));
    spans
}

fn sentence_end(doc: &Document, pos: usize) -> usize {
    doc.sentences().get(doc.sentence_at(pos)).map_or(doc.text.len(), |s| s.span.end.max(pos))
}

fn sentence_start(doc: &Document, pos: usize) -> usize {
    doc.sentences().get(doc.sentence_at(pos)).map_or(0, |s| s.span.start.min(pos))
}

/// (Places are sorted by start and do not overlap.)
fn place_at(ctx: &Context, pos: usize) -> Option<String> {
    starting_in(ctx.places, &(pos..pos + 1), |p| p.span.start).first().map(|p| p.name.clone())
}

fn first_place_in(ctx: &Context, from: usize, len: usize) -> Option<String> {
    let end = sentence_end(ctx.doc, from).min(from + len);
    starting_in(ctx.places, &(from..end), |p| p.span.start).iter().find(|p| p.span.end <= end).map(|p| p.name.clone())
}

fn own_figure(ctx: &Context, id: usize, kind: FigureKind) -> Option<f64> {
    ctx.figures.iter().find(|f| f.kind == kind && f.subject == Some(Subject::Person(id)) && f.year.is_none()).map(|f| f.number.value)
}

/// A winner the text ties to no party takes the party of a "Labour gain" said of their
/// seat, or else the one party whose MPs the article says were elected.
fn fill_winner_parties(ctx: &Context, out: &mut [FoundCandidate]) {
    let text: &str = &ctx.doc.text;
    // Most reports give every winner a party: the group is read only when one has none.
    let group_party = std::cell::OnceCell::new();
    for c in out.iter_mut().filter(|c| c.party.is_none() && c.elected != Some(false)) {
        // Sentences about this candidate's contest: those naming their seat or them.
        let place_sentences = c.constituency.iter().flat_map(|place| ctx.places.iter().filter(move |p| &p.name == place).map(|p| p.span.start));
        let own_sentences = ctx.people.mentions_of(c.person).map(|m| m.span.start);
        let gain = place_sentences.chain(own_sentences).find_map(|at| {
            let s = &ctx.doc.sentences()[ctx.doc.sentence_at(at)].span;
            ctx.parties.iter().find(|party| s.start <= party.span.start && party.span.end <= s.end && PARTY_GAIN.is_match(text[party.full.end..s.end].trim_start())).map(|p| p.canonical.clone())
        });
        let group = group_party.get_or_init(|| party_whose_group_was_elected(ctx)).clone().filter(|_| c.elected == Some(true) || c.votes.is_none());
        c.party = if c.elected == Some(true) { gain.or(group) } else { group };
    }
}

/// The one party whose MPs or councillors the article says were elected, if one.
fn party_whose_group_was_elected(ctx: &Context) -> Option<String> {
    let text: &str = &ctx.doc.text;
    let mut groups = ctx.parties.iter().filter(|p| PARTY_GROUP.is_match(&text[p.span.end..sentence_end(ctx.doc, p.span.end)])).map(|p| p.canonical.as_str());
    let first = groups.next()?;
    groups.all(|p| p == first).then(|| first.to_string())
}

/// When a contest's winner is known, the others with votes in it were not elected. A
/// candidate's contest is their constituency when named, else the contest of the winner
/// named last before them (results are reported winner first, then the rest).
fn settle_elected(ctx: &Context, out: &mut [FoundCandidate]) {
    let first_mention = |c: &FoundCandidate| ctx.people.mentions_of(c.person).next().map_or(0, |m| m.span.start);
    let winners: Vec<(usize, Option<String>, Option<f64>)> = out.iter().filter(|c| c.elected == Some(true)).map(|c| (first_mention(c), c.constituency.clone(), c.votes)).collect();
    let decided: Vec<bool> = out
        .iter()
        .map(|c| {
            if c.elected.is_some() || c.votes.is_none() {
                return false;
            }
            let at = first_mention(c);
            let winner = match &c.constituency {
                Some(place) => winners.iter().find(|w| w.1.as_ref() == Some(place)),
                None => winners.iter().filter(|w| w.0 < at).max_by_key(|w| w.0),
            };
            winner.is_some_and(|w| w.2.is_none_or(|wv| c.votes.is_some_and(|v| v < wv)))
        })
        .collect();
    for (c, lost) in out.iter_mut().zip(decided) {
        if lost {
            c.elected = Some(false);
        }
    }
}

// The patterns to compile ahead in a large run (see `ahead`).
super::ahead::patterns!(
    WIN_VERB, WIN_VERB_MAJORITY, WIN_BY_VERB, WIN_VERB_CLAUSE, WIN_OBJECT, VOTES_OBJECT, ELECTED, LOST_VERB,
    ELECTION_OF, STANDING_FOR, PARTY_CONTEST, DEFEAT_OBJECT, SELECTED_BEFORE, STANDING, CANDIDATE_APPOSITION,
    CANDIDATE_BEFORE, SEAT_MAJORITY, FOR_PLACE, PARTY_GAIN, PARTY_GROUP, AROUND_MENTION,
);

#[cfg(test)]
mod tests {
    use super::{find_win_verb, APPOSITION_GAPS, LONGEST_APPOSITION, WIN_PATTERNS};
    use crate::Pipeline;

    /// Each gated pattern finds, in the bundled reports, what it finds without its gate:
    /// at every word of every article, on the text after that word (the patterns read
    /// after a mention) or before it (those read before one).
    #[test]
    fn the_gates_lose_no_match_in_the_bundled_reports() {
        use super::{CANDIDATE_APPOSITION, CANDIDATE_BEFORE, DEFEAT_OBJECT, ELECTED, ELECTION_OF, LOST_VERB, SELECTED_BEFORE, STANDING, WIN_BY_VERB, WIN_VERB, WIN_VERB_CLAUSE, WIN_VERB_MAJORITY};
        let after_gated = [&WIN_VERB, &WIN_VERB_MAJORITY, &WIN_BY_VERB, &WIN_VERB_CLAUSE, &ELECTED, &LOST_VERB, &STANDING, &CANDIDATE_APPOSITION];
        let before_gated = [&DEFEAT_OBJECT, &ELECTION_OF, &SELECTED_BEFORE, &CANDIDATE_BEFORE];
        let plain = |gated: &[&std::sync::LazyLock<super::GatedRegex>]| -> Vec<regex::Regex> { gated.iter().map(|g| regex::Regex::new(g.as_str()).unwrap()).collect() };
        let (after_plain, before_plain) = (plain(&after_gated), plain(&before_gated));
        let mut matched = vec![0; after_gated.len() + before_gated.len()];
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut texts: Vec<String> = std::fs::read_dir(dir).unwrap().map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap()).collect();
        // No bundled report tells of "the re-election of" someone.
        texts.push("Hammersmith saw the re-election of Andy Slaughter, and the victory of the sitting MP, Jo Lee.".into());
        for text in texts {
            let word_ends = text.char_indices().filter(|&(_, c)| c.is_alphabetic()).map(|(i, c)| i + c.len_utf8()).filter(|&i| !text[i..].starts_with(char::is_alphabetic));
            for end in word_ends {
                let after = &text[end..crate::doc::floor_char_boundary(&text, end + 300)];
                for (k, (g, p)) in after_gated.iter().zip(&after_plain).enumerate() {
                    let found = p.find(after).map(|m| m.range());
                    assert_eq!(g.find(after), found, "{} on {after:?}", g.as_str());
                    matched[k] += usize::from(found.is_some());
                }
            }
            let word_starts = text.char_indices().filter(|&(i, c)| c.is_alphabetic() && !text[..i].ends_with(char::is_alphabetic)).map(|(i, _)| i);
            for start in word_starts {
                let before = &text[crate::doc::floor_char_boundary(&text, start.saturating_sub(300))..start];
                for (k, (g, p)) in before_gated.iter().zip(&before_plain).enumerate() {
                    let found = p.find(before).map(|m| m.range());
                    assert_eq!(g.find(before), found, "{} on {before:?}", g.as_str());
                    matched[after_gated.len() + k] += usize::from(found.is_some());
                }
            }
        }
        assert!(matched.iter().all(|&n| n > 0), "the reports exercise every pattern: {matched:?}");
    }

    #[test]
    fn the_win_patterns_in_turn_find_what_their_alternation_finds() {
        let joined = regex::Regex::new(&WIN_PATTERNS.map(|re| re.as_str()).join("|")).unwrap();
        let afters = [
            " won the seat",
            ", who took 52% of the vote, held the seat by 300 votes",
            " held her seat, securing a third term",
            " increased his majority, winning the ward",
            ", the sitting MP, was returned to parliament by winning 12,000 votes",
            " came second, beating the Tory, and winning more votes than in 2019",
            " (Lab) narrowly won; he thanked voters, taking the stage",
            " said it was close",
            " spoke last. Then the count, securing nothing",
            " – a former mayor – carried the county by retaining the north",
            " won’t comment, taking questions later",
        ];
        for after in afters {
            let parts = find_win_verb(after);
            assert_eq!(parts, joined.find(after).map(|m| m.range()), "{after}");
        }
        assert!(afters.iter().filter(|a| joined.is_match(a)).count() >= 7, "the examples exercise the patterns");
        // Where two patterns match, the order decides: the verb right after the subject
        // wins over a later "…, securing" or "by winning".
        let win = |after: &'static str| find_win_verb(after).map(|m| &after[m]);
        assert_eq!(win(" held her seat, securing a third term"), Some(" held"));
        assert_eq!(win(" increased his majority, winning the ward"), Some(" increased his majority"));
        assert_eq!(win(", the sitting MP, was returned to parliament by winning 12,000 votes"), Some(", the sitting MP, was returned to parliament by winning"));
    }

    #[test]
    fn the_longest_apposition_bounds_them_all() {
        assert_eq!(APPOSITION_GAPS.iter().map(|g| g.len()).max(), Some(LONGEST_APPOSITION));
    }

    /// (name, party, elected) of every candidate the pipeline finds in `text`.
    fn candidates(text: &str) -> Vec<(String, Option<String>, Option<bool>)> {
        let rec = Pipeline::builtin().extract("t.txt", text.as_bytes()).unwrap();
        rec.candidates.into_iter().map(|c| (c.name, c.party, c.elected)).collect()
    }

    fn names(text: &str) -> Vec<String> {
        candidates(text).into_iter().map(|c| c.0).collect()
    }

    #[test]
    fn uk_declaration() {
        let text = "Labour's Jane Smith retained her Ealing Central and Acton seat with 21,345 votes.\nConservative candidate Julian Gallant won 14,832 votes, while Dan Watkins, the Liberal Democrat candidate, came third with 9,444.\nStephen Doughty (Lab) held Cardiff South and Penarth in the general election.";
        let got = candidates(text);
        assert!(got.contains(&("Jane Smith".into(), Some("Labour".into()), Some(true))), "{got:?}");
        assert!(got.contains(&("Julian Gallant".into(), Some("Conservative".into()), Some(false))), "{got:?}");
        assert!(got.contains(&("Dan Watkins".into(), Some("Liberal Democrats".into()), Some(false))), "{got:?}");
        assert!(got.iter().any(|c| c.0 == "Stephen Doughty" && c.1.as_deref() == Some("Labour") && c.2 == Some(true)), "{got:?}");
    }

    #[test]
    fn us_race() {
        let text = "Democrat Maria Lopez defeated Republican John Roe 52% to 46% in the race for the 7th District seat. Lopez was elected on her second attempt, voters said.";
        let got = candidates(text);
        assert!(got.contains(&("Maria Lopez".into(), Some("Democratic".into()), Some(true))), "{got:?}");
        assert!(got.contains(&("John Roe".into(), Some("Republican".into()), Some(false))), "{got:?}");
    }

    #[test]
    fn a_winner_without_a_party_takes_the_one_party_whose_group_was_elected() {
        let report = "Jane Smith won the Northfield ward with 1,204 votes in the council election.\n";
        let party_of_winner = |rest: &str| candidates(&format!("{report}{rest}")).into_iter().find(|c| c.0 == "Jane Smith").and_then(|c| c.1);
        assert_eq!(party_of_winner("Seven Labour councillors were elected across the city."), Some("Labour".into()));
        assert_eq!(party_of_winner("Labour's new members were all elected on Thursday."), Some("Labour".into()));
        // The group follows the party within two words, and it is one party's.
        assert_eq!(party_of_winner("Labour said seven councillors were elected across the city."), Some("Labour".into()));
        assert_eq!(party_of_winner("Labour said that seven councillors were elected across the city."), None);
        assert_eq!(party_of_winner("Labour said the Greens did well."), None);
        assert_eq!(party_of_winner("Labour councillors were elected in the north and Green councillors were elected in the south."), None);
        assert_eq!(party_of_winner("Seven Labour councillors were re-elected, and four new members elected."), Some("Labour".into()));
    }

    #[test]
    fn people_at_the_count_are_not_candidates() {
        let text = "By Jane Reporter and Tom Writer\nRupa Huq won the Ealing Central and Acton seat with 28,132 votes in the general election.\nMayor of London Sadiq Khan visited the count. Labour leader Keir Starmer said the result was great for the party.\nSophie Grender, a voter in her 40s, said she had backed Labour for years.";
        assert_eq!(names(text), ["Rupa Huq"]);
    }

    #[test]
    fn nothing_outside_election_articles() {
        assert!(names("Andy Roddick beat Carlos Moya to win the title, and Serena Williams won the final.").is_empty());
        assert!(names("Annette Bening, the best actress nominee, won praise for her role in the film.").is_empty());
    }
}
