//! Direct quotations and who said them.
//!
//! Finding: quotation marks are paired paragraph by paragraph. Curly marks say which way
//! they face; straight ones face by what is next to them. A quote still open at the end
//! of a paragraph goes on into the next when that paragraph opens with a quote mark (the
//! news convention for quotes over several paragraphs) or closes one before opening any
//! (a careless continuation); otherwise it ends with its paragraph. Single marks are
//! quotes only when they are not apostrophes: when an article uses no double marks at all
//! they are its quote marks, otherwise a single-quoted stretch needs a speaker to count.
//!
//! Attribution, in order: a cue after the closing mark (", she said", ", said Mr Murray"),
//! a cue before the opening mark in the same sentence ("She said:", "praised a"), the
//! sentence before ending in a colon, then the speaker of the quote just before when the
//! quote opens its own paragraph.

use crate::doc::{floor_char_boundary, Document, Span};
use crate::extract::names::{People, Reference};
use crate::lexicon::{with_ascii_lowercase, Lexicon};

/// Which marks delimit a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    Double,
    Single,
}

/// A quoted stretch of text, before attribution.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteSpan {
    /// From the first quoted character to the last (marks and outer spaces excluded).
    pub span: Span,
    /// Offset of the opening mark.
    pub open: usize,
    /// Offset just after the closing mark; `None` when the quote never closed.
    pub close_end: Option<usize>,
    pub marks: Marks,
}

/// Who said a quote.
#[derive(Debug, Clone, PartialEq)]
pub enum Speaker {
    Person { person: usize, span: Span },
    /// An unnamed speaker described in the text ("One 30-year-old man", "the judge").
    Description { text: String, span: Span },
    /// Attributed to words that name nobody we know ("I", "they" with no antecedent).
    Unresolved { span: Span },
}

/// A quotation with its attribution.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundQuote {
    pub quote: QuoteSpan,
    pub speaker: Option<Speaker>,
    pub cue: Option<Span>,
    pub partial: bool,
    pub rule: &'static str,
}

// ---------------------------------------------------------------------------------------
// Finding quote spans

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Facing {
    Open,
    Close,
    Either,
}

/// How the mark at byte `i` works as a quote mark, if it is one, and its length in
/// bytes. Doubled apostrophes (`''`, the New York Times archive style) and doubled
/// backticks are double marks.
/// The next byte in `from..to` that may start a quote mark: `'`, `` ` ``, `"`, or the
/// first byte of the three-byte curly marks (U+2018–U+201E). Most of a paragraph is
/// skipped without decoding a character.
fn next_mark_byte(text: &str, from: usize, to: usize) -> Option<usize> {
    let bytes = text.as_bytes().get(from..to)?;
    // Two vector searches, the second only up to where the first stopped.
    let ascii = memchr::memchr3(b'\'', b'`', b'"', bytes);
    let curly = memchr::memchr(0xE2, &bytes[..ascii.unwrap_or(bytes.len())]);
    curly.or(ascii).map(|k| from + k)
}

fn mark_at(text: &str, i: usize, c: char) -> Option<(Marks, Facing, usize)> {
    // Called at every byte `next_mark_byte` stops at: most are still no mark at all.
    if !matches!(c, '\'' | '`' | '"' | '“' | '„' | '”' | '‘' | '’') {
        return None;
    }
    let doubled = (c == '\'' && text[i + 1..].starts_with('\'')) || (c == '`' && text[i + 1..].starts_with('`'));
    let len = if doubled { 2 } else { c.len_utf8() };
    let before = text[..i].chars().next_back();
    let after = text[i + len..].chars().next();
    let space_or_start = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c));
    let open_ctx = space_or_start(before) && after.is_some_and(|c| !c.is_whitespace());
    let close_ctx = before.is_some_and(|c| !c.is_whitespace())
        && after.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}—–-…\"”'’".contains(c));
    let facing = |open: bool, close: bool| if open { Facing::Open } else if close { Facing::Close } else { Facing::Either };
    if doubled {
        return Some((Marks::Double, if c == '`' { Facing::Open } else { facing(open_ctx, close_ctx) }, 2));
    }
    let found = match c {
        '“' | '„' => (Marks::Double, Facing::Open),
        '”' => (Marks::Double, Facing::Close),
        '"' => (Marks::Double, facing(open_ctx, close_ctx)),
        '‘' if open_ctx || before.is_some_and(|b| "“\"".contains(b)) => (Marks::Single, Facing::Open),
        // "'90s" and "'em" are elisions, not quotes.
        '\'' if open_ctx && !after.is_some_and(|a| a.is_ascii_digit()) => (Marks::Single, Facing::Open),
        '’' | '\'' if close_ctx => (Marks::Single, Facing::Close),
        _ => return None,
    };
    Some((found.0, found.1, len))
}

/// "'It's the voters' choice,' she said": an `s'` before a lower-case word is a plural
/// possessive, not a closing mark, when a closing mark follows later in the paragraph.
fn plural_possessive(text: &str, i: usize, para_end: usize) -> bool {
    let c = text[i..].chars().next();
    if !matches!(c, Some('\'' | '’')) || !text[..i].ends_with('s') {
        return false;
    }
    let rest = &text[i + 1 + usize::from(c == Some('’')) * 2..para_end];
    let next_is_word = rest.strip_prefix(' ').is_some_and(|r| r.starts_with(|c: char| c.is_lowercase()));
    let later_close = rest.char_indices().any(|(j, ch)| matches!(ch, '\'' | '’') && rest[j + ch.len_utf8()..].starts_with([',', '.', '!', '?', ' ']) && !rest[..j].ends_with('s'));
    next_is_word && later_close
}

/// An article with no double quotation marks uses single ones for quotes.
fn singles_are_primary(text: &str) -> bool {
    // One search per character: each is a vectorised byte search, where one search for
    // any of the three decoded every character of the article.
    !text.contains('"') && !text.contains('“') && !text.contains('”') && !text.contains("''")
}

/// "So, That Happened.", "America’s Bitter Pill,": every longer word capitalised, as in a
/// headline or the title of a book, film or programme.
fn looks_like_title(content: &str) -> bool {
    let mut long = 0;
    for (i, w) in content.split_whitespace().enumerate() {
        if i == 10 {
            return false;
        }
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            if !w.trim_start_matches(|c: char| !c.is_alphanumeric()).starts_with(char::is_uppercase) {
                return false;
            }
            long += 1;
        }
    }
    long >= 2
}

/// Dates ("March 9, 2016"), handles ("@tedcruz") and stray attributions caught between
/// mis-paired marks ("he said.") are not speech.
fn looks_like_speech(content: &str) -> bool {
    let mut words = content.split_whitespace();
    let alphabetic = words.clone().any(|w| w.chars().any(char::is_alphabetic) && !w.starts_with(['@', '#']));
    let month_date = words.clone().nth(4).is_none() && words.next().is_some_and(|w| MONTHS.contains(&w.trim_end_matches(['.', ','])));
    let mut bare = content.trim_end_matches(['.', ',']).split_whitespace();
    let stray_cue = match (bare.next(), bare.next(), bare.next()) {
        (Some(who), Some(verb), None) => {
            with_ascii_lowercase(who, |who| matches!(who, "he" | "she" | "they" | "i" | "we")) && with_ascii_lowercase(verb, |verb| matches!(verb, "said" | "says" | "added" | "asked" | "wrote"))
        }
        _ => false,
    };
    alphabetic && !month_date && !stray_cue
}

const MONTHS: &[&str] = &["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"];

/// Unattributed quotes this short are titles, nicknames or scare quotes, not speech.
const SCARE_QUOTE_WORDS: usize = 4;

struct OpenQuote {
    open: usize,
    content_start: usize,
    /// Where scanning resumes in a continuation paragraph (after its opening mark).
    resume: usize,
    marks: Marks,
}

/// Every quoted stretch of `doc`, in order.
pub fn find_quote_spans(doc: &Document) -> Vec<QuoteSpan> {
    let text: &str = &doc.text;
    let singles_primary = singles_are_primary(text);
    let mut out = Vec::new();
    let mut carry: Option<OpenQuote> = None;
    for (pi, para) in doc.paragraphs.iter().enumerate() {
        let mut current = carry.take().and_then(|q| continue_into(text, para, q, &mut out, doc, pi));
        let mut skip_to = para.start;
        if let Some(q) = &current {
            skip_to = q.resume.max(para.start);
        }
        while let Some(i) = next_mark_byte(text, skip_to, para.end) {
            let c = text[i..].chars().next().expect("a mark byte starts a character");
            skip_to = i + c.len_utf8();
            let Some((marks, facing, len)) = mark_at(text, i, c) else { continue };
            skip_to = i + len;
            match &current {
                None if facing != Facing::Close => {
                    current = Some(OpenQuote { open: i, content_start: i + len, resume: i + len, marks });
                }
                Some(q) if q.marks == marks && facing != Facing::Open && !plural_possessive(text, i, para.end) => {
                    push_span(text, q, i, Some(i + len), &mut out);
                    current = None;
                }
                Some(q) if q.marks == Marks::Single && marks == Marks::Double && facing == Facing::Open => {
                    // A single mark opened nothing after all (an apostrophe); restart here.
                    current = Some(OpenQuote { open: i, content_start: i + len, resume: i + len, marks });
                }
                Some(q) if q.marks == marks && c == '“' => {
                    // A fresh opening curly mark while one is open: the first never closed.
                    push_span(text, q, trim_back(text, i), None, &mut out);
                    current = Some(OpenQuote { open: i, content_start: i + len, resume: i + len, marks });
                }
                _ => {}
            }
        }
        // Singles never run past their paragraph unless they are the article's marks.
        carry = current.filter(|q| q.marks == Marks::Double || singles_primary);
        if let Some(q) = &carry {
            if doc.paragraphs.get(pi + 1).is_none() {
                push_span(text, q, para.end, None, &mut out);
                carry = None;
            }
        }
    }
    out.retain(|q| text[q.span.clone()].chars().any(char::is_alphabetic));
    out
}

/// Decides whether an open quote runs on into paragraph `para`; if not, ends it at the
/// end of the paragraph before.
fn continue_into(text: &str, para: &Span, q: OpenQuote, out: &mut Vec<QuoteSpan>, doc: &Document, pi: usize) -> Option<OpenQuote> {
    let body = &text[para.clone()];
    let first = body.chars().next();
    if let Some(c) = first {
        if let Some((marks, facing, len)) = mark_at(text, para.start, c) {
            if marks == q.marks && facing != Facing::Close {
                // Continuation mark: the quote goes on; its content resumes after the mark.
                return Some(OpenQuote { resume: para.start + len, ..q });
            }
        }
    }
    for (off, c) in body.char_indices() {
        if let Some((marks, facing, _)) = mark_at(text, para.start + off, c) {
            if marks != q.marks {
                continue;
            }
            if facing == Facing::Close || (facing == Facing::Either && c == '"') {
                return Some(OpenQuote { resume: para.start, ..q });
            }
            break;
        }
    }
    let prev_end = doc.paragraphs[pi - 1].end;
    push_span(text, &q, prev_end, None, out);
    None
}

fn push_span(text: &str, q: &OpenQuote, end: usize, close_end: Option<usize>, out: &mut Vec<QuoteSpan>) {
    let raw = &text[q.content_start..end.max(q.content_start)];
    let start = q.content_start + (raw.len() - raw.trim_start().len());
    let end = q.content_start + raw.trim_end().len();
    if start < end {
        out.push(QuoteSpan { span: start..end, open: q.open, close_end, marks: q.marks });
    }
}

fn trim_back(text: &str, i: usize) -> usize {
    text[..i].trim_end().len()
}

// ---------------------------------------------------------------------------------------
// Attribution

/// What the attribution rules need to look at.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub lexicon: &'a Lexicon,
    pub people: &'a People,
    /// Resolved pronouns and descriptions, sorted by position.
    pub references: &'a [Reference],
}

/// Attributes every quote span and drops single-quoted stretches nobody said.
pub fn attribute(ctx: &Context, spans: Vec<QuoteSpan>) -> Vec<FoundQuote> {
    let mut out: Vec<FoundQuote> = Vec::new();
    let singles_primary = singles_are_primary(&ctx.doc.text);
    for q in spans {
        let partial = is_partial(ctx, &q);
        let found = after_cue(ctx, &q)
            .map(|(s, c)| (Some(s), Some(c), "cue-after"))
            .or_else(|| before_cue(ctx, &q, &out))
            .or_else(|| sentence_end_cue(ctx, &q).map(|(s, c)| (Some(s), Some(c), "cue-sentence-end")))
            .or_else(|| previous_quote(ctx, &q, &out).map(|s| (Some(s), None, "previous-quote")))
            .or_else(|| previous_sentence(ctx, &q).map(|(s, c)| (Some(s), c, "previous-sentence")))
            .or_else(|| sentence_person(ctx, &q).map(|s| (Some(s), None, "sentence-person")));
        let (speaker, cue, rule) = found.unwrap_or((None, None, "none"));
        if q.marks == Marks::Single && !singles_primary && cue.is_none() {
            continue;
        }
        let content = &ctx.doc.text[q.span.clone()];
        // A few words in quotes that nobody says are a title, a nickname or scare quotes.
        if speaker.is_none() && cue.is_none() && content.split_whitespace().nth(SCARE_QUOTE_WORDS).is_none() {
            continue;
        }
        if cue.is_none() && looks_like_title(content) || !looks_like_speech(content) {
            continue;
        }
        out.push(FoundQuote { quote: q, speaker, cue, partial, rule });
    }
    out
}

/// A fragment quoted inside a sentence ("praised a “people powered campaign,”"), as
/// opposed to a quotation introduced by a colon, a comma or its own sentence.
fn is_partial(ctx: &Context, q: &QuoteSpan) -> bool {
    let text: &str = &ctx.doc.text;
    let before = text[..q.open].trim_end();
    let prev = before.chars().next_back();
    let mid_sentence = prev.is_some_and(|c| c.is_alphanumeric()) && ctx.doc.sentence_at(q.open) == ctx.doc.sentence_at(before.len().saturating_sub(1));
    let para_start = ctx.doc.paragraphs[ctx.doc.paragraph_at(q.open)].start;
    mid_sentence && before.len() > para_start && text[q.span.clone()].starts_with(|c: char| c.is_lowercase() || !ends_sentence(&text[q.span.clone()]))
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with(['.', '!', '?'])
}

/// Words of `text[span]` with their offsets, without trailing full stops and
/// apostrophes.
fn words(text: &str, span: Span) -> Vec<Span> {
    let mut split = SplitWords::new(text, span);
    split.first(usize::MAX);
    split.found
}

/// The first of [`words`].
fn first_word(text: &str, span: Span) -> Option<Span> {
    SplitWords::with_capacity(text, span, 1).first(1).first().cloned()
}

/// The words of [`words`], split as far as the rules ask: the cue after a quotation is
/// looked for in a window of up to 160 bytes, and most answers need its first two or
/// three words.
struct SplitWords<'t> {
    text: &'t str,
    /// The next byte to read, and the end of the window.
    at: usize,
    end: usize,
    /// Where the word being read started, if one is.
    start: Option<usize>,
    /// The words split so far.
    found: Vec<Span>,
}

impl<'t> SplitWords<'t> {
    fn new(text: &'t str, span: Span) -> SplitWords<'t> {
        // Words average more than four bytes with the space after them: one allocation.
        let capacity = span.len() / 4 + 1;
        SplitWords::with_capacity(text, span, capacity)
    }

    /// A split of which at most `capacity` words are wanted (more may be split all the same).
    fn with_capacity(text: &'t str, span: Span, capacity: usize) -> SplitWords<'t> {
        SplitWords { text, at: span.start, end: span.end, start: None, found: Vec::with_capacity(capacity) }
    }

    /// The first `n` words, or all of them if there are fewer. ASCII bytes are passed over
    /// a run at a time (a word's letters, then the gap after it); other characters are
    /// decoded one by one.
    fn first(&mut self, n: usize) -> &[Span] {
        let bytes = self.text.as_bytes();
        while self.found.len() < n && self.at < self.end {
            let in_word = self.start.is_some();
            while self.at < self.end && bytes[self.at].is_ascii() && ASCII_WORD_PART[usize::from(bytes[self.at])] == in_word {
                self.at += 1;
            }
            if self.at >= self.end {
                break;
            }
            let (part, len) = self.part_at(self.at);
            match (part, self.start) {
                (true, None) => self.start = Some(self.at),
                (false, Some(s)) => {
                    self.push(s, self.at);
                    self.start = None;
                }
                _ => {}
            }
            self.at += len;
        }
        if self.at >= self.end {
            if let Some(s) = self.start.take() {
                self.push(s, self.end);
            }
        }
        &self.found[..n.min(self.found.len())]
    }

    /// Whether the character at `at` is part of a word, and its length.
    fn part_at(&self, at: usize) -> (bool, usize) {
        let b = self.text.as_bytes()[at];
        if b.is_ascii() {
            return (ASCII_WORD_PART[usize::from(b)], 1);
        }
        let c = self.text[at..].chars().next().expect("at is a character boundary");
        (is_word_part(c), c.len_utf8())
    }

    fn push(&mut self, start: usize, end: usize) {
        let end = start + self.text[start..end].trim_end_matches(['.', '\'', '’']).len();
        if end > start {
            self.found.push(start..end);
        }
    }
}

/// [`is_word_part`] of each ASCII byte.
static ASCII_WORD_PART: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'\'' | b'.');
        b += 1;
    }
    table
};

/// A character that belongs to a word for [`words`].
fn is_word_part(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\'' || c == '’' || c == '.'
}

fn is_verb(ctx: &Context, word: &str) -> bool {
    ctx.lexicon.is_reporting_verb(word)
}

/// The reporting verb starting at word `i` of `ws`: one word ("said") or two ("shot
/// back", "pointed out"). Returns the verb's span.
fn verb_at(ctx: &Context, ws: &[Span], i: usize) -> Option<Span> {
    let text: &str = &ctx.doc.text;
    let w = ws.get(i)?;
    if let Some(next) = ws.get(i + 1) {
        if text[w.end..next.start].trim().is_empty() && ctx.lexicon.is_reporting_verb_pair(&text[w.clone()], &text[next.clone()]) {
            return Some(w.start..next.end);
        }
    }
    is_verb(ctx, &text[w.clone()]).then(|| w.clone())
}

/// Adverbs and auxiliaries that may stand between a speaker and the verb.
fn is_filler(word: &str) -> bool {
    with_ascii_lowercase(word, |w| {
        w.ends_with("ly") || matches!(w, "also" | "then" | "later" | "has" | "had" | "have" | "would" | "will" | "was" | "is" | "once" | "again" | "recently" | "previously" | "just" | "simply" | "quickly")
    })
}

/// ", she said." / ", said Mr Murray" / " Brafman said" right after the closing mark.
/// A cue that ends in a colon introduces the next quote, not this one.
fn after_cue(ctx: &Context, q: &QuoteSpan) -> Option<(Speaker, Span)> {
    let text: &str = &ctx.doc.text;
    let close = q.close_end?;
    let para = &ctx.doc.paragraphs[ctx.doc.paragraph_at(close.saturating_sub(1))];
    let limit = floor_char_boundary(text, (close + 160).min(para.end));
    let tail = &text[close..limit];
    // "“... needs.” She argued" starts a new sentence; after a full stop only a lower-case
    // cue or "Name verb" continues it.
    let lead = tail.trim_start_matches(|c: char| c.is_whitespace() || ",—–-".contains(c));
    if lead.is_empty() || (ends_sentence(&text[q.span.clone()]) && lead.starts_with(char::is_uppercase) && !starts_with_verb_after_name(ctx, close + (tail.len() - lead.len()))) {
        return None;
    }
    let mut ws = SplitWords::new(text, close..limit);
    let first = ws.first(1).first()?.clone();
    // Stop at the next quote or sentence end.
    if text[close..first.start].contains(['“', '"', '.', '!', '?']) {
        return None;
    }
    // (A name may run on past the window: then nothing of the window follows it.)
    let introduces_next = |end: usize| text.get(end..limit).is_some_and(|rest| rest.trim_start().starts_with(':'));
    // A verb is one word or two.
    if let Some(verb) = verb_at(ctx, ws.first(2), 0) {
        // "said Mr Murray" inverts; a participle ("saying the city ...") is no cue.
        if text[verb.clone()].ends_with("ing") {
            return None;
        }
        let who_start = ws.first(3).iter().find(|w| w.start >= verb.end)?.start;
        let (speaker, end) = who_and_end(ctx, who_start, close..limit)?;
        return (!introduces_next(end)).then_some((speaker, verb));
    }
    let (speaker, after) = who_and_end(ctx, first.start, close..limit)?;
    // The first word from `after` that is no filler, split only as far as it.
    let mut i = 0;
    let i = loop {
        let w = ws.first(i + 1).get(i)?.clone();
        if w.start >= after && !is_filler(&text[w]) {
            break i;
        }
        i += 1;
    };
    let verb = verb_at(ctx, ws.first(i + 2), i)?;
    if text[after..verb.start].contains(['.', '“', '"', ';']) || introduces_next(verb.end) {
        return None;
    }
    Some((speaker, verb))
}

/// 'Obama "felt a moral obligation" to act on climate change, Axelrod said.': a cue
/// closing the sentence the quote stands in, after its last comma.
fn sentence_end_cue(ctx: &Context, q: &QuoteSpan) -> Option<(Speaker, Span)> {
    let text: &str = &ctx.doc.text;
    let close = q.close_end?;
    let sentence = &ctx.doc.sentences()[ctx.doc.sentence_at(q.open)].span;
    if close >= sentence.end {
        return None;
    }
    let tail = &text[close..sentence.end];
    if tail.contains(['“', '"', '”']) {
        return None;
    }
    let comma = close + tail.rfind(',')? + 1;
    let fake = QuoteSpan { span: q.span.clone(), open: q.open, close_end: Some(comma), marks: q.marks };
    let (speaker, verb) = after_cue(ctx, &fake)?;
    // The cue must end the sentence: "..., Axelrod said." and not "..., Axelrod said that"
    // (nor lie past its end, as after a sentence cut for its length).
    if verb.end > sentence.end {
        return None;
    }
    let rest = text[verb.end..sentence.end].trim();
    (rest.is_empty() || rest == "." || rest.starts_with(|c: char| c.is_uppercase()) && rest.split_whitespace().count() <= 4).then_some((speaker, verb))
}

/// "Brafman said" after a full stop is a cue even though it starts with a capital.
fn starts_with_verb_after_name(ctx: &Context, pos: usize) -> bool {
    let text: &str = &ctx.doc.text;
    let Some(m) = ctx.people.mention_at(pos) else { return false };
    let rest = text[m.span.end..].trim_start();
    let next = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    is_verb(ctx, next) && !next.ends_with("ing")
}

/// The speaker starting at `pos`: a person mention, a pronoun, or a short description.
fn who_at(ctx: &Context, pos: usize, within: Span) -> Option<Speaker> {
    who_and_end(ctx, pos, within).map(|(s, _)| s)
}

fn who_and_end(ctx: &Context, pos: usize, within: Span) -> Option<(Speaker, usize)> {
    let text: &str = &ctx.doc.text;
    if let Some(m) = ctx.people.mention_at(pos) {
        return Some((Speaker::Person { person: m.person, span: m.span.clone() }, m.span.end));
    }
    if let Some(r) = ctx.references.iter().find(|r| r.span.start == pos) {
        let sp = match r.person {
            Some(p) => Speaker::Person { person: p, span: r.span.clone() },
            None => Speaker::Unresolved { span: r.span.clone() },
        };
        return Some((sp, r.span.end));
    }
    // The rules below read six words at most (organisation: "the" and five more).
    let mut split = SplitWords::with_capacity(text, pos..within.end, 6);
    let ws = split.first(6);
    let first = ws.first()?;
    if with_ascii_lowercase(&text[first.clone()], |w0| matches!(w0, "i" | "we" | "you")) {
        return Some((Speaker::Unresolved { span: first.clone() }, first.end));
    }
    description(ctx, ws).or_else(|| organisation(ctx, ws)).map(|(text, span)| {
        let end = span.end;
        (Speaker::Description { text, span }, end)
    })
}

/// "Fox News", "Black Lives Matter", "the Institute for Fiscal Studies": a capitalised
/// run naming an organisation that speaks when no person does ("Politifact rated it
/// “True.”"). A leading "the" is kept.
fn organisation(ctx: &Context, ws: &[Span]) -> Option<(String, Span)> {
    let text: &str = &ctx.doc.text;
    let the = ws.first().is_some_and(|w| text[w.clone()].eq_ignore_ascii_case("the"));
    let from = ws.first()?.start;
    let ws = if the { &ws[1..] } else { ws };
    let first = ws.first()?;
    let w0 = &text[first.clone()];
    let lex = ctx.lexicon;
    if !w0.starts_with(char::is_uppercase) || lex.not_names.contains(w0) || MONTHS.contains(&w0) || is_verb(ctx, w0) || NOT_SPEAKERS.contains(&w0) {
        return None;
    }
    // A seat or a state is where someone spoke, not who: "Llanelli" speaks for nobody.
    if lex.constituency_set.contains(w0) {
        return None;
    }
    // Extend over capitalised words, and "of"/"for"/"&" between them; end on a capital.
    let (mut end, mut reached) = (first.end, first.end);
    for w in ws.iter().skip(1).take(4) {
        let word = &text[w.clone()];
        if !text[reached..w.start].trim().is_empty() {
            break;
        }
        if word.starts_with(char::is_uppercase) {
            end = w.end;
        } else if !matches!(word, "of" | "for" | "&") {
            break;
        }
        reached = w.end;
    }
    Some((text[from..end].to_string(), from..end))
}

/// Capitalised words that never name a speaking organisation.
const NOT_SPEAKERS: &[&str] = &["I", "He", "She", "They", "We", "It", "The", "A", "An", "This", "That", "But", "And", "In", "On", "At"];

/// "a spokesman for the party", "One 30-year-old man", "the judge": a determiner and up to
/// four lower-case words, stopping before a comma, a verb or a relative clause, and ending
/// on a noun-like word.
fn description(ctx: &Context, ws: &[Span]) -> Option<(String, Span)> {
    let text: &str = &ctx.doc.text;
    let first = ws.first()?;
    if !with_ascii_lowercase(&text[first.clone()], |det| matches!(det, "a" | "an" | "the" | "one" | "another" | "his" | "her" | "their" | "its")) {
        return None;
    }
    let mut end = first.end;
    for w in ws.iter().skip(1).take(4) {
        let word = &text[w.clone()];
        let lower_word = word.chars().all(|c| c.is_lowercase() || c == '-' || c.is_ascii_digit()) && word.chars().any(char::is_alphabetic);
        if text[end..w.start].contains([',', '.', ';', ':', '“', '"']) || !lower_word || is_verb(ctx, word) || is_filler(word) || NOT_NOUN.contains(&word) {
            break;
        }
        end = w.end;
    }
    if end == first.end {
        return None;
    }
    Some((text[first.start..end].to_string(), first.start..end))
}

/// Words that cannot end a speaker description.
const NOT_NOUN: &[&str] = &["who", "which", "that", "when", "after", "before", "was", "were", "is", "are", "has", "had", "have", "would", "will", "could", "should", "can", "did", "does", "do", "not", "and", "or", "but", "of", "for", "in", "on", "at", "to", "with", "by", "from", "as", "than", "if", "then", "also"];

/// The cue before the opening mark: the last reporting verb between the start of the
/// sentence (or the previous quote in it) and the mark, with its subject.
fn before_cue(ctx: &Context, q: &QuoteSpan, earlier: &[FoundQuote]) -> Option<(Option<Speaker>, Option<Span>, &'static str)> {
    let text: &str = &ctx.doc.text;
    let doc = ctx.doc;
    let pi = doc.paragraph_at(q.open);
    let para_start = doc.paragraphs[pi].start;
    let sentence_start = doc.sentences()[doc.sentence_at(q.open)].span.start.max(para_start);
    let prev_close = earlier.iter().rev().map(|f| f.quote.close_end.unwrap_or(f.quote.span.end)).find(|&e| e <= q.open && e >= sentence_start);
    let mut window = prev_close.unwrap_or(sentence_start)..q.open;
    let mut rule = "cue-before";
    if text[window.clone()].trim().is_empty() && pi > 0 {
        // "She said:" closing the paragraph before.
        let prev = &doc.paragraphs[pi - 1];
        if !text[prev.clone()].trim_end().ends_with(':') {
            return None;
        }
        window = doc.sentences()[doc.sentence_at(prev.end.saturating_sub(1))].span.start..prev.end;
        rule = "colon-paragraph-before";
    }
    let ws = words(text, window.clone());
    let verb = ws.iter().rev().find(|w| is_verb(ctx, &text[(*w).clone()]) && !inside_quote(earlier, w.start)).cloned();
    let Some(verb) = verb else {
        // "Dr Huq's verdict: “...”": a colon right before the quote, a person in the window.
        if text[window.clone()].trim_end().ends_with(':') {
            return subject_in(ctx, window.start..q.open).map(|s| (Some(s), None, "colon"));
        }
        return None;
    };
    let speaker = subject_in(ctx, window.start..verb.start)
        .or_else(|| (window.start > sentence_start).then(|| subject_in(ctx, sentence_start..verb.start)).flatten())
        .or_else(|| ws.iter().find(|w| w.start > verb.start).and_then(|w| who_at(ctx, w.start, verb.end..q.open)))
        .or_else(|| subject_of_sentence_before(ctx, sentence_start));
    Some((speaker, Some(verb), rule))
}

/// "Maher stated ... “wasn’t good.” Adding, “Now ...”": a cue with no subject in its
/// sentence takes the person of the sentence before, in the same paragraph.
fn subject_of_sentence_before(ctx: &Context, sentence_start: usize) -> Option<Speaker> {
    let doc = ctx.doc;
    let si = doc.sentence_at(sentence_start);
    if si == 0 || doc.sentences()[si - 1].paragraph != doc.sentences()[si].paragraph {
        return None;
    }
    subject_in(ctx, doc.sentences()[si - 1].span.clone()).filter(|s| matches!(s, Speaker::Person { .. }))
}

fn inside_quote(quotes: &[FoundQuote], pos: usize) -> bool {
    quotes.iter().any(|f| f.quote.open <= pos && pos < f.quote.close_end.unwrap_or(f.quote.span.end))
}

/// The subject of the clause in `span` that ends at a reporting verb: the person or
/// pronoun right before the verb ("Brafman said"), else the first one not governed by a
/// preposition ("Romney went after Trump ..., calling it"), else a description opening
/// the span ("One 30-year-old man, who ..., said").
fn subject_in(ctx: &Context, span: Span) -> Option<Speaker> {
    let text: &str = &ctx.doc.text;
    let mut found: Vec<(Span, Speaker)> = ctx
        .people
        .mentions_in(&span)
        .filter(|m| !m.in_quote && !m.possessive)
        .map(|m| (m.full.start..m.span.end, Speaker::Person { person: m.person, span: m.span.clone() }))
        .collect();
    for r in ctx.references.iter().filter(|r| span.start <= r.span.start && r.span.end <= span.end && !r.in_quote) {
        let sp = match r.person {
            Some(p) => Speaker::Person { person: p, span: r.span.clone() },
            None => Speaker::Unresolved { span: r.span.clone() },
        };
        found.push((r.span.clone(), sp));
    }
    found.sort_by_key(|(s, _)| s.start);
    let next_to_verb = found.iter().rev().find(|(s, _)| {
        let gap = &text[s.end..span.end];
        let words: Vec<&str> = gap.split_whitespace().collect();
        words.iter().all(|w| is_filler(w.trim_matches(','))) && !gap.contains(['.', ';'])
    });
    // "Spicer said, adding, “...”": someone who speaks in the clause is its speaker.
    let speaks = || found.iter().rev().find(|(s, _)| first_word(text, s.end..span.end).is_some_and(|w| is_verb(ctx, &text[w.clone()]) && text[s.end..w.start].trim().is_empty()));
    let not_object = || found.iter().find(|(s, _)| !crate::extract::clause::is_object_position(&text[..s.start]));
    if let Some((_, sp)) = next_to_verb.or_else(speaks).or_else(not_object).or(found.last()) {
        return Some(sp.clone());
    }
    let ws = words(text, span.clone());
    if let Some(w) = ws.first() {
        if with_ascii_lowercase(&text[w.clone()], |w| matches!(w, "i" | "we")) {
            return Some(Speaker::Unresolved { span: w.clone() });
        }
    }
    // An organisation speaks from right before the verb, or opens the clause with a
    // verb of its own: "Black Lives Matter issued a statement saying".
    let at_verb = |span: &Span| {
        let next = ws.iter().find(|w| w.start >= span.end).map(|w| &text[w.clone()]);
        text[span.end..span_end_of(&ws)].trim().is_empty() || span.start == ws[0].start && next.is_some_and(|w| w.starts_with(char::is_lowercase) && (w.ends_with("ed") || is_verb(ctx, w)))
    };
    description(ctx, &ws).or_else(|| organisation(ctx, &ws).filter(|(_, s)| at_verb(s))).map(|(text, span)| Speaker::Description { text, span })
}

fn span_end_of(ws: &[Span]) -> usize {
    ws.last().map_or(0, |w| w.end)
}

/// A quote opening a sentence right after one that names its speaker with a cue or a
/// colon ("Iowa State University's Dianne Bystrom agreed. “Mainstream ...”").
fn previous_sentence(ctx: &Context, q: &QuoteSpan) -> Option<(Speaker, Option<Span>)> {
    let doc = ctx.doc;
    let si = doc.sentence_at(q.open);
    let sentence = &doc.sentences()[si];
    if sentence.span.start != q.open || si == 0 || doc.sentences()[si - 1].paragraph != sentence.paragraph {
        return None;
    }
    let prev = doc.sentences()[si - 1].span.clone();
    let text: &str = &doc.text;
    if text[prev.clone()].contains(['“', '”', '"']) {
        return None;
    }
    let ws = words(text, prev.clone());
    let verb = ws.iter().rev().find(|w| is_verb(ctx, &text[(*w).clone()]) || matches!(&text[(*w).clone()], "agreed" | "disagreed" | "recalled" | "added"))?;
    let speaker = subject_in(ctx, prev.start..verb.start)?;
    matches!(speaker, Speaker::Person { .. }).then_some((speaker, Some(verb.clone())))
}

/// A fragment with no cue inside a sentence about someone ("Trump called her a
/// “liar”") is theirs: the first person or resolved pronoun of the sentence outside
/// the quote.
fn sentence_person(ctx: &Context, q: &QuoteSpan) -> Option<Speaker> {
    let sentence = &ctx.doc.sentences()[ctx.doc.sentence_at(q.open)].span;
    let outside = |start: usize| start < q.open || start >= q.span.end;
    let person = ctx.people.mentions_in(sentence).find(|m| !m.in_quote && outside(m.span.start)).map(|m| (m.span.start, Speaker::Person { person: m.person, span: m.span.clone() }));
    let pronoun = ctx.references.iter().filter(|r| sentence.start <= r.span.start && r.span.end <= sentence.end && outside(r.span.start)).find_map(|r| r.person.map(|p| (r.span.start, Speaker::Person { person: p, span: r.span.clone() })));
    match (person, pronoun) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a.1 } else { b.1 }),
        (a, b) => a.or(b).map(|x| x.1),
    }
}

/// A quote with no cue of its own continues the speaker of the quote just before it
/// ('“Q1,” Carson said. “Q2.”', or a new paragraph that opens with a quote), when nobody
/// else is named in between.
fn previous_quote(ctx: &Context, q: &QuoteSpan, earlier: &[FoundQuote]) -> Option<Speaker> {
    let prev = earlier.last()?;
    let Some(Speaker::Person { person, span }) = prev.speaker.clone() else { return None };
    let between = prev.quote.span.end..q.open;
    // Others may be named in the first quote's own attribution sentence ("Clinton told
    // reporters beside Nancy Pelosi."), not in any sentence after it.
    let doc = ctx.doc;
    let only_attribution = prev.rule == "cue-after" && doc.sentence_at(q.open.saturating_sub(2)) == doc.sentence_at(between.start);
    if !only_attribution && ctx.people.mentions_in(&between).any(|m| m.person != person && !m.in_quote) {
        return None;
    }
    let pi = ctx.doc.paragraph_at(q.open);
    let prev_pi = ctx.doc.paragraph_at(prev.quote.span.end);
    let opens_paragraph = ctx.doc.text[ctx.doc.paragraphs[pi].start..q.open].trim().is_empty();
    let same_paragraph = prev_pi == pi;
    (same_paragraph || (opens_paragraph && prev_pi + 1 == pi)).then_some(Speaker::Person { person, span })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two content tests as first written, with their word lists: the counting
    /// versions above must answer the same.
    fn title_by_lists(content: &str) -> bool {
        let words: Vec<&str> = content.split_whitespace().collect();
        let long: Vec<&&str> = words.iter().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4).collect();
        words.len() <= 10 && long.len() >= 2 && long.iter().all(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()).starts_with(char::is_uppercase))
    }

    fn speech_by_lists(content: &str) -> bool {
        let words: Vec<&str> = content.split_whitespace().collect();
        let alphabetic = words.iter().filter(|w| w.chars().any(char::is_alphabetic) && !w.starts_with(['@', '#'])).count();
        let month_date = words.len() <= 4 && words.first().is_some_and(|w| MONTHS.contains(&w.trim_end_matches(['.', ','])));
        let bare = content.trim_end_matches(['.', ',']).to_lowercase();
        let stray_cue = matches!(bare.split_whitespace().collect::<Vec<_>>().as_slice(), [who, verb] if matches!(*who, "he" | "she" | "they" | "i" | "we") && matches!(*verb, "said" | "says" | "added" | "asked" | "wrote"));
        alphabetic >= 1 && !month_date && !stray_cue
    }

    #[test]
    fn title_and_speech_tests_answer_as_the_list_versions() {
        assert!(looks_like_title("So, That Happened.") && !looks_like_title("so that happened"));
        let ten = "The Long Dark Night Of The Soul Came At Last";
        assert!(looks_like_title(ten) && !looks_like_title(&format!("{ten} Again")), "at most ten words");
        assert!(!looks_like_speech("he said.") && !looks_like_speech("She ADDED,") && !looks_like_speech("we as\u{212A}ed"));
        assert!(!looks_like_speech("March 9, 2016") && !looks_like_speech("@tedcruz") && looks_like_speech("he said it"));
        const PIECES: &[&str] = &[
            " ", " ", "  ", "\n", "he", "He", "SHE", "they", "I", "we", "said", "Said", "asked", "as\u{212A}ed", "wrote", ".", ",", "March",
            "Sept.", "May,", "9", "2016", "@tedcruz", "#tag", "Word", "word", "Longer", "longer", "“Quoted", "‘Ça", "ça", "ÉTÉ", "été", "x",
        ];
        for text in crate::generated::texts(PIECES, 100_000, 14) {
            assert_eq!(looks_like_title(&text), title_by_lists(&text), "title {text:?}");
            assert_eq!(looks_like_speech(&text), speech_by_lists(&text), "speech {text:?}");
        }
    }

    #[test]
    fn the_scan_stops_at_every_byte_that_may_start_a_mark_and_nowhere_else() {
        let text = "£5 – “won”, ‘it’s’ \"a\" `b` 'c' …";
        let stops: Vec<usize> = std::iter::successors(next_mark_byte(text, 0, text.len()), |&i| next_mark_byte(text, i + 1, text.len())).collect();
        let marks: Vec<usize> = text.char_indices().filter(|(_, c)| "“”‘’\"`'–…".contains(*c)).map(|(i, _)| i).collect();
        assert_eq!(stops, marks);
        assert_eq!(next_mark_byte(text, 0, 2), None, "the range ends the search");
        assert_eq!(next_mark_byte(text, 9, 3), None, "an empty range finds nothing");
    }

    #[test]
    fn words_are_what_a_character_by_character_split_gives() {
        fn plain(text: &str, span: Span) -> Vec<Span> {
            let mut out = Vec::new();
            let mut push = |start: usize, end: usize| {
                let end = start + text[start..end].trim_end_matches(['.', '\'', '’']).len();
                if end > start {
                    out.push(start..end);
                }
            };
            let mut start = None;
            for (i, c) in text[span.clone()].char_indices() {
                let i = span.start + i;
                match (is_word_part(c), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        push(s, i);
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(s) = start {
                push(s, span.end);
            }
            out
        }
        for b in 0..128u8 {
            assert_eq!(ASCII_WORD_PART[usize::from(b)], is_word_part(char::from(b)), "{b}");
        }
        const PIECES: &[&str] = &["a", "Z", "9", " ", "-", "'", "’", ".", ",", "é", "É", "٣", "—", "“", "\n", "_"];
        for text in crate::generated::texts(PIECES, 20_000, 16) {
            for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(words(&text, start..text.len()), plain(&text, start..text.len()), "{text:?} from {start}");
            }
        }
        // Split a few words at a time, as the cue rules ask: each answer is the start of
        // the whole split.
        for text in crate::generated::texts(PIECES, 5_000, 16) {
            let all = words(&text, 0..text.len());
            let mut split = SplitWords::new(&text, 0..text.len());
            for n in [0, 1, 3, 2, 5, 4, usize::MAX] {
                assert_eq!(split.first(n), &all[..n.min(all.len())], "{text:?} first {n}");
            }
        }
        // Windows that end inside the text, as the cue rules' do.
        for text in crate::generated::texts(PIECES, 2_000, 16) {
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for (k, &start) in bounds.iter().enumerate() {
                for &end in &bounds[k..] {
                    let whole = plain(&text, start..end);
                    assert_eq!(words(&text, start..end), whole, "{text:?} {start}..{end}");
                    assert_eq!(first_word(&text, start..end), whole.first().cloned(), "{text:?} {start}..{end}");
                }
            }
        }
    }

    #[test]
    fn the_vector_scan_stops_where_a_byte_by_byte_scan_stops() {
        const PIECES: &[&str] = &["a", " ", "'", "`", "\"", "“", "”", "‘", "’", "–", "…", "£", "é", "\n"];
        for text in crate::generated::texts(PIECES, 20_000, 24) {
            for from in 0..=text.len() {
                let plain = text.as_bytes()[from..].iter().position(|&b| matches!(b, b'\'' | b'`' | b'"' | 0xE2)).map(|k| from + k);
                assert_eq!(next_mark_byte(&text, from, text.len()), plain, "{text:?} from {from}");
            }
        }
    }

    fn spans(text: &str) -> Vec<String> {
        let doc = Document::parse(text.as_bytes()).unwrap();
        find_quote_spans(&doc).into_iter().map(|q| text[q.span].to_string()).collect()
    }

    #[test]
    fn curly_and_straight_marks() {
        assert_eq!(spans("She said: “We won.” Then he said \"We lost,\" and left."), ["We won.", "We lost,"]);
    }

    #[test]
    fn apostrophes_are_not_quote_marks() {
        assert!(spans("Tooting’s new MP and Lewis’ family don't mind the ’90s.").is_empty());
        assert!(spans("It's Labour's seat and the voters' choice.").is_empty());
    }

    #[test]
    fn plural_possessives_inside_single_quotes() {
        assert_eq!(spans("'It's the voters' choice and we respect it,' she said."), ["It's the voters' choice and we respect it,"]);
        assert_eq!(spans("'He's been our players' player all season,' the coach said."), ["He's been our players' player all season,"]);
    }

    #[test]
    fn single_marks_pair_when_they_quote() {
        assert_eq!(spans("He called it ‘a disgrace’ and left."), ["a disgrace"]);
        assert_eq!(spans("She said: 'We will win.' Everyone cheered."), ["We will win."]);
    }

    #[test]
    fn quote_over_paragraphs_is_one_quote() {
        let text = "She said: “First part.\n\n“Second part.\n\n“Third part.”\n\nAfter.";
        assert_eq!(spans(text), ["First part.\n\n“Second part.\n\n“Third part."]);
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let text = "He said: “Labour is the lesser of two evils.\nRumours spread early.\nShe smiled.";
        assert_eq!(spans(text), ["Labour is the lesser of two evils."]);
    }

    #[test]
    fn continuation_without_opening_mark_runs_to_the_close() {
        let text = "She added: “We haven’t had one since 1923!\n\nI think turnout here is 73%, so people don’t come out.”\n\nNext.";
        assert_eq!(spans(text), ["We haven’t had one since 1923!\n\nI think turnout here is 73%, so people don’t come out."]);
    }

    #[test]
    fn many_unbalanced_marks_do_not_blow_up() {
        let text = "\"".repeat(10_000);
        assert!(spans(&text).is_empty());
        let text = "“a ".repeat(5_000);
        assert!(spans(&text).len() <= 5_000);
    }
}

#[cfg(test)]
mod attribution_tests {
    use crate::Pipeline;

    /// (quote text, speaker, partial) for every quote the pipeline finds.
    fn quotes(text: &str) -> Vec<(String, Option<String>, bool)> {
        let rec = Pipeline::builtin().extract("t.txt", text.as_bytes()).unwrap();
        rec.quotes.into_iter().map(|q| (q.text, q.speaker, q.partial)).collect()
    }

    fn speakers(text: &str) -> Vec<Option<String>> {
        quotes(text).into_iter().map(|q| q.1).collect()
    }

    /// Found by the fuzz target: the speaker's name ran past the window read after the
    /// quote, and the look for a colon after the name sliced the text backwards.
    #[test]
    fn a_speaker_name_longer_than_the_cue_window_is_read() {
        let text = format!("\"It was nail-biting right to the end,\" said Ms Gillespie{}.", "æ".repeat(120));
        let found = quotes(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "It was nail-biting right to the end,");
        assert!(found[0].1.as_deref().is_some_and(|s| s.starts_with("Gillespieææ")), "{found:?}");
    }

    #[test]
    fn cue_after_the_quote() {
        let text = "Jane Smith won the seat.\n“It was close,” said Mr Murray.\n“We did it,” she said.\n\"It is a new dawn,\" Smith told reporters.";
        let s = |n: &str| Some(n.to_string());
        assert_eq!(speakers(text), [s("Murray"), s("Jane Smith"), s("Jane Smith")]);
    }

    #[test]
    fn cue_before_the_quote_and_split_quotes() {
        let text = "Dr Rupa Huq said: “I feel exhilaration.”\n“We won,” Tom Brown said, “and we will deliver.”";
        let got = quotes(text);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].1.as_deref(), Some("Rupa Huq"));
        assert_eq!(got[1].1.as_deref(), Some("Tom Brown"));
        assert_eq!(got[2].1.as_deref(), Some("Tom Brown"));
    }

    #[test]
    fn speaker_named_in_the_paragraph_before() {
        let text = "Fleur Anderson thanked her team. She said:\n\n“It means something for the council.\n\n“We will deliver for Putney.”\n\n“The people have spoken.”";
        let got = quotes(text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].0.contains("council.\n\n“We will deliver"), "one quote over two paragraphs: {got:?}");
        assert!(got.iter().all(|q| q.1.as_deref() == Some("Fleur Anderson")), "{got:?}");
    }

    #[test]
    fn partial_quotes_in_reported_speech() {
        let text = "Marsha de Cordova praised a “people powered campaign,” but acknowledged “Brexit will be damaging.”";
        let got = quotes(text);
        assert_eq!(got.len(), 2);
        assert!(got[0].2, "a fragment inside a sentence is partial");
        assert!(got.iter().all(|q| q.1.as_deref() == Some("Marsha de Cordova")), "{got:?}");
        let full = quotes("She said: “We will win.”");
        assert!(!full[0].2, "a quotation after a colon is not partial");
    }

    #[test]
    fn organisations_speak_when_no_person_does() {
        let got = quotes("Black Lives Matter issued a statement saying it acted “because of the unsafe conditions created by police.”");
        assert_eq!(got[0].1.as_deref(), Some("Black Lives Matter"));
        let got = quotes("“The figures do not add up,” the Institute for Fiscal Studies said.");
        assert_eq!(got[0].1.as_deref(), Some("the Institute for Fiscal Studies"));
    }

    #[test]
    fn cue_at_the_end_of_the_sentence_and_speakers_in_the_clause() {
        let got = quotes("David Axelrod met Barack Obama. Obama \"felt a moral obligation to do something about\" climate change, Axelrod said.");
        assert_eq!(got[0].1.as_deref(), Some("David Axelrod"));
        let got = quotes("Sean Spicer and Paul Ryan spoke. Ryan and Trump will meet next week, Spicer said, adding, \"They need to sit down and have a good talk.\"");
        assert_eq!(got[0].1.as_deref(), Some("Sean Spicer"));
    }

    #[test]
    fn unnamed_speakers_are_described() {
        let got = quotes("One voter, a retired teacher, said: “Labour is the lesser of two evils.”");
        assert_eq!(got[0].1.as_deref(), Some("One voter"));
    }

    #[test]
    fn uk_single_marks_and_apostrophes() {
        let got = quotes("Labour's Tom Brown won the voters' backing. 'I am delighted,' he said. 'It's been a long night.'");
        let texts: Vec<&str> = got.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(texts, ["I am delighted,", "It's been a long night."]);
        assert!(got.iter().all(|q| q.1.as_deref() == Some("Tom Brown")), "{got:?}");
    }

    #[test]
    fn headlines_dates_and_handles_are_not_quotes() {
        let text = "The column “So, That Happened Again Today” ran on “March 9, 2016” and tagged “@tedcruz” twice.";
        assert!(quotes(text).is_empty(), "{:?}", quotes(text));
        assert_eq!(quotes("He wrote: “This Cannot Continue.”").len(), 1, "a title-like quote with a cue stays");
    }

    #[test]
    fn titles_and_scare_quotes_are_not_quotes() {
        assert!(quotes("The film “Vera Drake” won an award at the “Venice” festival.").is_empty());
    }
}
