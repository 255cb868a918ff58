//! The number recogniser: finds every number in an article's text, written in digits
//! ("34,694", "51.3%", "£5m", "10.30pm") or in words ("six thousand", "half a million"),
//! and says what it measures (count, percent, points, money, year, time, ordinal, date, age),
//! whether a hedge ("almost", "more than") softens it, and exactly which bytes it covers.
//! It reads only the number's own words and a few words either side of it; deciding whether a
//! number is a vote total, a majority or a turnout is left to the later `figures` stage, which
//! is why even a plain "one" is reported here and filtered there.

use std::sync::LazyLock;

use regex::Regex;

/// What a number measures, as far as its own words say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberUnit {
    /// A plain count or quantity: "34,694", "six thousand", "1.2 million", "12" in "12-seat".
    Count,
    /// "51.3%", "77.41 per cent", "48 percent", "30pc"
    Percent,
    /// "4.5 percentage points", "3 points" after a number, "4.5pts", "10-point lead"
    Points,
    /// "$30,000", "£5m", "€2bn", "5 million dollars", "20p" (value in the stated currency unit)
    Money,
    /// A bare year 1800..=2100 written as four digits with no comma ("2016", "in 2017",
    /// "2015's"), or a decade ("1990s", value 1990).
    Year,
    /// "1am", "10pm", "10.30pm", "10:30"; the value is hours on a 24-hour clock (10.30pm -> 22.5).
    Time,
    /// "116th", "2nd" (digits only; "third" is not recognised).
    Ordinal,
    /// A calendar date's day: "December 12", "12 December", "June 17", "17th June".
    Date,
    /// An age: "30-year-old", "aged 68", "age 68", "in her 40s" (a two-digit "40s" is an
    /// age band; a four-digit "1990s" is a Year).
    Age,
}

/// One number found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    /// Byte span of the number expression in the input: the digits or number words plus a
    /// percent/points/currency unit when present ("51.3%", "77.41 per cent",
    /// "4 percentage points", "six thousand", "1.2 million", "£5m"); never the hedge, never a
    /// following noun like "votes".
    pub start: usize,
    pub end: usize,
    /// The number's value: 34694.0 for "34,694", 51.3 for "51.3%", 6000.0 for "six thousand",
    /// 1200000.0 for "1.2 million", 500000.0 for "half a million", 22.5 for "10.30pm".
    pub value: f64,
    pub unit: NumberUnit,
    /// A hedge stands right before the number: almost, nearly, about, around, roughly,
    /// approximately, some, more than, over, under, fewer than, less than, close to, up to,
    /// at least, upwards of, in excess of, an estimated (and "just" + any of these).
    pub approx: bool,
    /// Byte span of that hedge phrase, if any.
    pub hedge: Option<(usize, usize)>,
    /// True when the number was written in words ("six thousand", "twenty-five").
    pub in_words: bool,
}

/// Every number in `text`, in order of position, non-overlapping.
pub fn find_numbers(text: &str) -> Vec<NumberMention> {
    let mut raws = digit_raws(text);
    raws.extend(word_raws(text));
    let found = raws.iter().filter_map(|raw| read(text, raw)).collect();
    without_overlaps(found)
}

/// Parses the text of a number expression as `find_numbers` would value it
/// ("34,694" -> 34694, "51.3%" -> 51.3, "six thousand" -> 6000, "1.2m" -> 1200000).
/// None if it is not one number expression on its own (surrounding spaces are ignored; a
/// hedge or a trailing noun makes it not one).
pub fn parse_number(expr: &str) -> Option<f64> {
    let expr = expr.trim();
    match find_numbers(expr).as_slice() {
        [m] if m.start == 0 && m.end == expr.len() => Some(m.value),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Patterns. Context patterns are anchored: `^...` is matched at the end of a number, `...$`
// against the few bytes before it (see `match_before`).

/// Horizontal white space allowed inside a number expression ("51.3 %", "5 million"); news
/// copy often puts no-break or thin spaces there.
const SP: &str = r"[\t \x{A0}\x{2009}\x{202F}]";

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|\
                      November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

/// How many bytes before a number are searched for a hedge, a month or "aged".
const LOOKBACK: usize = 48;

/// Numbers with more significant digits than an f64 holds exactly are ids, not quantities.
const MAX_SIGNIFICANT_DIGITS: usize = 15;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in number pattern compiles")
}

static DIGITS: LazyLock<Regex> = LazyLock::new(|| re(r"[0-9]+(?:,[0-9]+)*(?:\.[0-9]+)?"));
static HEDGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\bjust\s+)?\b(?:almost|nearly|about|around|roughly|approximately|some|more\s+than|over|under|fewer\s+than|less\s+than|close\s+to|up\s+to|at\s+least|upwards\s+of|in\s+excess\s+of|an\s+estimated)\s+$",
    )
});
/// "am"/"pm" after a time; spaced upper-case "PM" is left out because it is usually a prime
/// minister ("the 3 PM hopefuls").
static AM_PM: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:{SP}?(?:[ap]\.m\.|[ap]\.?m\b)|[AP]M\b|{SP}?[AP]\.M\.)"
    ))
});
static MONTH_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"\b(?:{MONTHS})\.?{SP}+$")));
static MONTH_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^{SP}+(?:of{SP}+)?(?:{MONTHS})\b")));
static AGE_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)\b(?:aged|age(?:{SP}+of)?){SP}+$")));
static YEAR_OLD: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)^(?:-|{SP}+)years?(?:-|{SP}+)olds?\b")));
static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)^{SP}*(?:[%％]|per[ -]?cent\b|pc\b)")));
static POINTS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^{SP}*(percentage[ -]points?|points?|pts?)\b"
    ))
});
/// "four point five": "point" followed by a digit is a decimal point, not a unit.
static DECIMAL_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^{SP}+(?:[0-9]|(?:zero|one|two|three|four|five|six|seven|eight|nine)\b)"
    ))
});
/// "a 10-point lead" measures points; "a 10-point plan" counts them, so a noun must say which
/// (or the text ends, as when `parse_number` reads "10-point" on its own).
static HYPHEN_POINT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(-(?:percentage-)?point)(?:{SP}+(?:lead|swing|margin|gap|advantage|deficit|drop|fall|rise|increase|jump|decline|slump|surge|majority|shift|boost|bounce|cut|slide|dip|gain|loss)s?\b|$)"
    ))
});
static CURRENCY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^{SP}+(?:dollars?|pounds?|euros?|pence|cents?|quid)\b"
    ))
});
static SCALE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^{SP}+(thousand|million|billion|trillion|mn|bn)\b"
    ))
});
/// A four-digit number counting something ("2016 votes", "1,900-strong") is not a year.
static COUNT_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:{SP}+|-)(?:(?:more|fewer|extra|additional|new|postal|valid|spoiled|spoilt|rejected|registered|eligible|local){SP}+)?(?:votes?|people|voters?|seats?|delegates?|ballots?|residents?|members?|supporters?|signatures?|volunteers?|households?|homes?|jobs?|students?|constituents?|councillors?|candidates?|electors?|MPs|staff|workers?|children|adults?|strong)\b"
    ))
});
static NOT_ONE_AFTER: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s+(?:of|another)\b"));
static NO_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bno[\s-]+$"));
static AT_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bat\s+$"));
static POINT_AFTER: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s+point\b"));
/// Number words that begin an ordinal or a fraction ("twenty-first", "two-thirds",
/// "one and a half") are not counts.
static NOT_CARDINAL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|[-\s](?:thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|halves|half)|{SP}+and{SP}+a{SP}+half)\b"
    ))
});
/// Prefixes that may be hyphenated onto a year or age ("mid-2019", "post-1945", "over-65s"),
/// unlike the letters of a name ("COVID-19").
static HYPHEN_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:mid|pre|post|early|late|over|under)[-\x{2010}\x{2011}]$"));

// ---------------------------------------------------------------------------------------------
// Raw numbers: what is written, before the surroundings are read.

/// A number as written, before its surroundings are read.
#[derive(Debug, Clone, Copy)]
struct Raw {
    start: usize,
    end: usize,
    value: f64,
    in_words: bool,
    /// Digits in the integer part (0 for words): years have four, times at most two.
    int_len: usize,
    /// The integer part's value (digits only).
    int: u64,
    comma: bool,
    /// Byte span of the digits after the decimal point.
    frac: Option<(usize, usize)>,
}

impl Raw {
    fn words(start: usize, end: usize, value: f64) -> Raw {
        Raw {
            start,
            end,
            value,
            in_words: true,
            int_len: 0,
            int: 0,
            comma: false,
            frac: None,
        }
    }

    /// Digits with no comma and no decimal point: the only shape a year, day or hour takes.
    fn plain(&self) -> bool {
        !self.in_words && !self.comma && self.frac.is_none()
    }
}

/// Every run of digits, split at commas that are not proper thousands groups ("1,2" is a
/// list of two numbers, "34,694" is one).
fn digit_raws(text: &str) -> Vec<Raw> {
    let mut out = Vec::new();
    for m in DIGITS.find_iter(text) {
        if well_grouped(m.as_str()) {
            out.extend(digit_raw(text, m.start(), m.end()));
            continue;
        }
        let mut at = m.start();
        for part in m.as_str().split(',') {
            out.extend(digit_raw(text, at, at + part.len()));
            at += part.len() + 1;
        }
    }
    out
}

fn well_grouped(digits: &str) -> bool {
    let int = digits.split('.').next().unwrap_or(digits);
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    !int.contains(',') || ((1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3))
}

/// Values `text[start..end]` (ASCII digits, commas, at most one point); None when it has too
/// many significant digits to be a quantity.
fn digit_raw(text: &str, start: usize, end: usize) -> Option<Raw> {
    let written = &text[start..end];
    let digits: String = written.chars().filter(|&c| c != ',').collect();
    let significant = digits.trim_start_matches(['0', '.']).replace('.', "");
    if significant.len() > MAX_SIGNIFICANT_DIGITS {
        return None;
    }
    let point = written.find('.');
    let int: String = written[..point.unwrap_or(written.len())].replace(',', "");
    Some(Raw {
        start,
        end,
        value: digits.parse().ok()?,
        in_words: false,
        int_len: int.len(),
        int: int.parse().unwrap_or(u64::MAX),
        comma: written.contains(','),
        frac: point.map(|p| (start + p + 1, end)),
    })
}

/// Every phrase of number words ("six thousand", "two hundred and fifty", "a dozen").
fn word_raws(text: &str) -> Vec<Raw> {
    let toks = number_words(text);
    let parser = WordParser { toks: &toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some((last, value)) = parser.parse(i) else {
            i += 1;
            continue;
        };
        let (start, end) = (toks[i].start, toks[last].end);
        if stands_alone(text, start, end) {
            out.push(Raw::words(start, end, value));
        }
        i = last + 1;
    }
    out
}

/// A number word of the text, and whether it continues the one before it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct NumberWord {
    start: usize,
    end: usize,
    word: Word,
    /// The word before it in the text is the number word before it in the list, and
    /// only a space or a hyphen stands between them: a number does not run on across
    /// another word, punctuation ("one, two") or a paragraph break.
    continues: bool,
}

/// The number words among the runs of ASCII letters of `text` (what `[A-Za-z]+` finds).
/// Only these are kept: a phrase of number words is read over them alone, and keeping
/// every word of every election report cost more than reading them.
fn number_words(text: &str) -> Vec<NumberWord> {
    let mut out: Vec<NumberWord> = Vec::new();
    // The end of the word before, and whether it was the last number word kept.
    let mut before: Option<(usize, bool)> = None;
    for (start, end) in ascii_words(text) {
        let word = number_word(&text.as_bytes()[start..end]);
        if let Some(word) = word {
            let continues = before.is_some_and(|(prev_end, was_number)| was_number && joins(&text[prev_end..start]));
            out.push(NumberWord { start, end, word, continues });
        }
        before = Some((end, word.is_some()));
    }
    out
}

/// Whether the text between two words lets a number run on: a hyphen, or white space
/// with at most one line break.
fn joins(gap: &str) -> bool {
    gap == "-" || !gap.is_empty() && gap.chars().all(char::is_whitespace) && gap.matches('\n').count() <= 1
}

/// The runs of ASCII letters in `text` (what `[A-Za-z]+` finds), as byte spans. A plain
/// scan: this runs over every word of every article, where a regex search per word costs
/// several times more.
fn ascii_words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        (i > start).then_some((start, i))
    })
}

/// Number words glued to other letters or digits ("3one", "one's") are not numbers.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let rest = &text[end..];
    let possessive = rest.starts_with(['\'', '\u{2019}'])
        && rest.chars().nth(1).is_some_and(char::is_alphabetic);
    !prev_char(text, start).is_some_and(is_wordy)
        && !next_char(text, end).is_some_and(is_wordy)
        && !possessive
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    /// zero..nineteen
    Small(u64),
    /// twenty..ninety
    Tens(u64),
    Hundred,
    Scale(u64),
    And,
    A,
    Half,
    Dozen,
    Point,
}

const WORDS: &[(&str, Word)] = &[
    ("zero", Word::Small(0)),
    ("one", Word::Small(1)),
    ("two", Word::Small(2)),
    ("three", Word::Small(3)),
    ("four", Word::Small(4)),
    ("five", Word::Small(5)),
    ("six", Word::Small(6)),
    ("seven", Word::Small(7)),
    ("eight", Word::Small(8)),
    ("nine", Word::Small(9)),
    ("ten", Word::Small(10)),
    ("eleven", Word::Small(11)),
    ("twelve", Word::Small(12)),
    ("thirteen", Word::Small(13)),
    ("fourteen", Word::Small(14)),
    ("fifteen", Word::Small(15)),
    ("sixteen", Word::Small(16)),
    ("seventeen", Word::Small(17)),
    ("eighteen", Word::Small(18)),
    ("nineteen", Word::Small(19)),
    ("twenty", Word::Tens(20)),
    ("thirty", Word::Tens(30)),
    ("forty", Word::Tens(40)),
    ("fifty", Word::Tens(50)),
    ("sixty", Word::Tens(60)),
    ("seventy", Word::Tens(70)),
    ("eighty", Word::Tens(80)),
    ("ninety", Word::Tens(90)),
    ("hundred", Word::Hundred),
    ("thousand", Word::Scale(1_000)),
    ("million", Word::Scale(1_000_000)),
    ("billion", Word::Scale(1_000_000_000)),
    ("and", Word::And),
    ("a", Word::A),
    ("half", Word::Half),
    ("dozen", Word::Dozen),
    ("point", Word::Point),
];

/// [`WORDS`] by their [`packed`] letters, sorted, built when the program is compiled.
/// Every word of every election article is looked up here, and most are none of these.
const WORDS_BY_KEY: [(u128, Word); WORDS.len()] = {
    let mut table = [(0, Word::And); WORDS.len()];
    let mut i = 0;
    while i < WORDS.len() {
        table[i] = (packed(WORDS[i].0.as_bytes()), WORDS[i].1);
        // Insertion sort: the list is short, and this is all a constant may run.
        let mut j = i;
        while j > 0 && table[j - 1].0 > table[j].0 {
            let swapped = table[j - 1];
            table[j - 1] = table[j];
            table[j] = swapped;
            j -= 1;
        }
        i += 1;
    }
    table
};

/// Which (length, first letter, last letter) a number word has, as bits: a lookup that
/// turns away almost every other word ("the", "said", "party") before the table.
/// Indexed by length and first letter, one bit per last letter.
const WORD_SHAPES: [u32; 26 * 17] = {
    let mut shapes = [0u32; 26 * 17];
    let mut i = 0;
    while i < WORDS.len() {
        let word = WORDS[i].0.as_bytes();
        let (first, last) = (letter_index(word[0]), letter_index(word[word.len() - 1]));
        shapes[word.len() * 26 + first] |= 1 << last;
        i += 1;
    }
    shapes
};

/// 0 for "a" or "A" to 25 for "z" or "Z" (the words here are ASCII letters).
const fn letter_index(b: u8) -> usize {
    (b.to_ascii_lowercase().wrapping_sub(b'a') % 26) as usize
}

/// The letters of a word of at most 16 ASCII letters, lower-cased, in one integer: two
/// such words are the same in any case exactly when their integers are equal (a letter
/// is never a zero byte, so words of different lengths differ too).
const fn packed(word: &[u8]) -> u128 {
    let mut key = 0;
    let mut i = 0;
    while i < word.len() {
        key = key << 8 | word[i].to_ascii_lowercase() as u128;
        i += 1;
    }
    key
}

/// The number word `word` (ASCII letters) is, in any case: "Two", "HUNDRED".
fn number_word(word: &[u8]) -> Option<Word> {
    let (&first, &last) = (word.first()?, word.last()?);
    if word.len() > 16 || WORD_SHAPES[word.len() * 26 + letter_index(first)] & 1 << letter_index(last) == 0 {
        return None;
    }
    let key = packed(word);
    WORDS_BY_KEY.binary_search_by(|&(k, _)| k.cmp(&key)).ok().map(|i| WORDS_BY_KEY[i].1)
}

/// The running value of a phrase of number words, read left to right.
#[derive(Debug, Clone, Copy)]
struct Acc {
    /// Everything already multiplied by a scale word ("two million" in "two million three").
    total: u64,
    /// The part below the next scale word.
    group: u64,
    last: Word,
    /// The last scale used: scales must fall ("two million three thousand").
    top: u64,
}

impl Acc {
    fn start(first: Word) -> Acc {
        let group = match first {
            Word::Small(n) | Word::Tens(n) => n,
            _ => 1, // "a" in "a hundred"
        };
        Acc {
            total: 0,
            group,
            last: first,
            top: u64::MAX,
        }
    }

    /// Takes the next word if it continues the number; false if the number ended before it.
    fn take(&mut self, w: Word) -> bool {
        use Word::*;
        match (self.last, w) {
            (Tens(_), Small(n)) if (1..=9).contains(&n) => self.group += n,
            (Hundred | Scale(_), Small(n) | Tens(n)) if self.group % 100 == 0 => self.group += n,
            (Small(1..=19) | A, Hundred) if self.group < 100 => self.group *= 100,
            (Small(_) | Tens(_) | Hundred | A, Scale(s)) if self.group > 0 && s < self.top => {
                self.total = self.total.saturating_add(self.group.saturating_mul(s));
                self.group = 0;
                self.top = s;
            }
            _ => return false,
        }
        self.last = w;
        true
    }

    fn value(&self) -> u64 {
        self.total.saturating_add(self.group)
    }
}

/// Reads phrases of number words.
struct WordParser<'a> {
    toks: &'a [NumberWord],
}

impl WordParser<'_> {
    fn kind(&self, j: usize) -> Option<Word> {
        self.toks.get(j).map(|t| t.word)
    }

    /// Token `j`, if it continues token `j - 1` (see [`NumberWord::continues`]).
    fn next(&self, j: usize) -> Option<Word> {
        self.toks.get(j).filter(|t| t.continues).map(|t| t.word)
    }

    /// The number phrase starting at token `i`: its last token and value.
    fn parse(&self, i: usize) -> Option<(usize, f64)> {
        match self.kind(i)? {
            Word::Half => self.half(i),
            first @ Word::A => {
                let scale_next = matches!(
                    self.next(i + 1),
                    Some(Word::Hundred | Word::Scale(_) | Word::Dozen)
                );
                scale_next.then(|| self.cardinal(i, first))
            }
            first @ (Word::Small(_) | Word::Tens(_)) => Some(self.cardinal(i, first)),
            _ => None,
        }
    }

    /// "half a million", "half a dozen".
    fn half(&self, i: usize) -> Option<(usize, f64)> {
        if self.next(i + 1) != Some(Word::A) {
            return None;
        }
        match self.next(i + 2)? {
            Word::Scale(s) => Some((i + 2, s as f64 / 2.0)),
            Word::Dozen => Some((i + 2, 6.0)),
            _ => None,
        }
    }

    fn cardinal(&self, i: usize, first: Word) -> (usize, f64) {
        let mut acc = Acc::start(first);
        let mut j = i;
        loop {
            match self.next(j + 1) {
                Some(Word::And) if matches!(acc.last, Word::Hundred | Word::Scale(_)) => {
                    match self.next(j + 2) {
                        Some(w @ (Word::Small(1..) | Word::Tens(_))) if acc.take(w) => j += 2,
                        _ => break,
                    }
                }
                Some(Word::Dozen)
                    if matches!(acc.last, Word::Small(1..) | Word::Tens(_) | Word::A)
                        && acc.total == 0 =>
                {
                    return (j + 1, (acc.group * 12) as f64);
                }
                Some(Word::Point) if matches!(acc.last, Word::Small(_) | Word::Tens(_)) => {
                    match self.decimals(j + 1, acc.value()) {
                        Some(done) => return done,
                        None => break,
                    }
                }
                Some(w) if acc.take(w) => j += 1,
                _ => break,
            }
        }
        (j, acc.value() as f64)
    }

    /// "four point five": the digit words after "point" (token `p`).
    fn decimals(&self, p: usize, whole: u64) -> Option<(usize, f64)> {
        let mut written = format!("{whole}.");
        let mut k = p;
        while let Some(Word::Small(d @ 0..=9)) = self.next(k + 1) {
            written.push(char::from(b'0' + d as u8));
            k += 1;
        }
        if k == p {
            return None;
        }
        Some((k, written.parse().ok()?))
    }
}

// ---------------------------------------------------------------------------------------------
// Reading a raw number in its context.

/// A number's expression as it grows to take in signs, suffixes and unit words.
struct Reading {
    start: usize,
    end: usize,
    value: f64,
    unit: Option<NumberUnit>,
    /// Multiplied by a scale ("1.2 million"): a quantity, never a year or day.
    scaled: bool,
    negative: bool,
}

impl Reading {
    fn new(raw: &Raw) -> Reading {
        Reading {
            start: raw.start,
            end: raw.end,
            value: raw.value,
            unit: None,
            scaled: false,
            negative: false,
        }
    }

    fn set(&mut self, unit: NumberUnit, end: usize) {
        self.unit = Some(unit);
        self.end = end;
    }

    fn finish(self, text: &str, raw: &Raw) -> NumberMention {
        let hedge = match_before(text, self.start, &HEDGE)
            .map(|(s, e)| (s, s + text[s..e].trim_end().len()));
        let unit = self
            .unit
            .unwrap_or_else(|| context_unit(text, raw, &self, hedge));
        NumberMention {
            start: self.start,
            end: self.end,
            value: self.value,
            unit,
            approx: hedge.is_some(),
            hedge,
            in_words: raw.in_words,
        }
    }
}

fn read(text: &str, raw: &Raw) -> Option<NumberMention> {
    if raw.in_words {
        read_words(text, raw)
    } else {
        read_digits(text, raw)
    }
}

fn read_digits(text: &str, raw: &Raw) -> Option<NumberMention> {
    if is_code(text, raw) {
        return None;
    }
    let mut r = Reading::new(raw);
    if let Some((end, hours)) = read_time(text, raw) {
        r.set(NumberUnit::Time, end);
        r.value = hours;
        return Some(r.finish(text, raw));
    }
    if let Some(sign) = currency_sign(text, raw.start) {
        r.start = sign;
        r.unit = Some(NumberUnit::Money);
    }
    if !read_glued(text, raw, &mut r) {
        return None;
    }
    if r.end == raw.end {
        read_scale_word(text, raw, &mut r);
    }
    if r.unit.is_none() {
        read_unit_words(text, &mut r);
    }
    if matches!(
        r.unit,
        None | Some(NumberUnit::Percent | NumberUnit::Points)
    ) {
        read_minus(text, &mut r);
    }
    Some(r.finish(text, raw))
}

fn read_words(text: &str, raw: &Raw) -> Option<NumberMention> {
    if NOT_CARDINAL_AFTER.is_match(&text[raw.end..]) || is_one_idiom(text, raw) {
        return None;
    }
    let mut r = Reading::new(raw);
    read_unit_words(text, &mut r);
    Some(r.finish(text, raw))
}

/// Digits glued into a word or code ("B52", "COVID-19", "v1.2.3", "24/7", "’97") name
/// something rather than count it, so they are skipped. After a hyphen, only a word that
/// begins with a letter makes a code: "7am-10pm" and "2nd-3rd" are ranges.
fn is_code(text: &str, raw: &Raw) -> bool {
    let rest = &text[raw.end..];
    let slash_after = rest.starts_with('/') && rest[1..].starts_with(|c: char| c.is_ascii_digit());
    slash_after
        || match prev_char(text, raw.start) {
            Some(c) if is_wordy(c) || c == '.' => true,
            Some('/') => prev_char(text, raw.start - 1).is_some_and(|c| c.is_ascii_digit()),
            Some('\'' | '\u{2018}' | '\u{2019}') => raw.int_len == 2 && raw.plain(),
            Some(c) if is_hyphen(c) => {
                let hyphen = raw.start - c.len_utf8();
                let word = text[..hyphen].trim_end_matches(char::is_alphanumeric);
                let word = &text[word.len()..hyphen];
                word.starts_with(char::is_alphabetic)
                    && match_before(text, raw.start, &HYPHEN_PREFIX).is_none()
            }
            _ => false,
        }
}

/// "1am", "10.30pm", "10 a.m.", "22:15": the end of the time and its hour on a 24-hour clock.
/// A decimal without am/pm ("10.30") stays a number, since it may be one.
fn read_time(text: &str, raw: &Raw) -> Option<(usize, f64)> {
    if raw.comma || raw.int_len > 2 {
        return None;
    }
    let (minutes, end, colon) = match raw.frac {
        Some((a, b)) if b - a == 2 => (text[a..b].parse::<u64>().ok()?, raw.end, false),
        Some(_) => return None,
        None => match colon_minutes(text, raw.end) {
            Some(m) => (m, raw.end + 3, true),
            None => (0, raw.end, false),
        },
    };
    if minutes >= 60 {
        return None;
    }
    let fraction = minutes as f64 / 60.0;
    match AM_PM.find(&text[end..]) {
        Some(m) if (1..=12).contains(&raw.int) => {
            let pm = m.as_str().contains(['p', 'P']);
            let hour = raw.int % 12 + if pm { 12 } else { 0 };
            Some((end + m.end(), hour as f64 + fraction))
        }
        None if colon && raw.int <= 23 => Some((end, raw.int as f64 + fraction)),
        _ => None,
    }
}

/// ":30" straight after an hour, not followed by a third digit.
fn colon_minutes(text: &str, pos: usize) -> Option<u64> {
    let b = &text.as_bytes()[pos..];
    let ok = b.len() >= 3
        && b[0] == b':'
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && !b.get(3).is_some_and(|d| d.is_ascii_digit());
    ok.then(|| u64::from(b[1] - b'0') * 10 + u64::from(b[2] - b'0'))
}

/// Where a currency sign right before the digits starts ("£5m", "$30,000", "US$5").
fn currency_sign(text: &str, start: usize) -> Option<usize> {
    let sign = match prev_char(text, start)? {
        c @ ('£' | '€' | '$') => start - c.len_utf8(),
        _ => return None,
    };
    let us = text[..sign].ends_with("US")
        && !prev_char(text, sign - 2).is_some_and(is_wordy)
        && text[sign..].starts_with('$');
    Some(if us { sign - 2 } else { sign })
}

/// Letters glued to the digits either complete the number ("5m", "116th", "20p", "1990s",
/// "30pc") or, when unknown ("5G", "4x4", "10km"), show that it is a code or a measure this
/// module does not read; then the number is dropped (returns false).
fn read_glued(text: &str, raw: &Raw, r: &mut Reading) -> bool {
    let len: usize = text[raw.end..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return true;
    }
    let end = raw.end + len;
    let glued = text[raw.end..end].to_ascii_lowercase();
    match glued.as_str() {
        "st" | "nd" | "rd" | "th" if raw.frac.is_none() => {
            let date = is_date(text, raw, r.start, end);
            r.set(
                if date {
                    NumberUnit::Date
                } else {
                    NumberUnit::Ordinal
                },
                end,
            );
        }
        "s" => match decade(raw) {
            Some(unit) => r.set(unit, end),
            None => return false,
        },
        "p" => r.set(NumberUnit::Money, end),
        _ => match scale_exponent(&glued) {
            Some(exp) => scale(text, raw, r, exp, end),
            None => {
                let rest = &text[raw.end..];
                return PERCENT.is_match(rest) || POINTS.is_match(rest);
            }
        },
    }
    true
}

/// "40s" is an age band and "1990s" a decade; other numbers with a glued "s" are not read.
fn decade(raw: &Raw) -> Option<NumberUnit> {
    match raw.int_len {
        2 if raw.plain() => Some(NumberUnit::Age),
        4 if is_year(raw) && raw.int % 10 == 0 => Some(NumberUnit::Year),
        _ => None,
    }
}

/// "1.2 million", "5 thousand", "2 bn" (the glued "5m" is read by `read_glued`).
fn read_scale_word(text: &str, raw: &Raw, r: &mut Reading) {
    if let Some(c) = SCALE_WORD.captures(&text[raw.end..]) {
        if let Some(exp) = scale_exponent(&c[1]) {
            scale(text, raw, r, exp, raw.end + c[0].len());
        }
    }
}

fn scale_exponent(word: &str) -> Option<i32> {
    match word.to_ascii_lowercase().as_str() {
        "k" | "thousand" => Some(3),
        "m" | "mn" | "million" => Some(6),
        "bn" | "billion" => Some(9),
        "tn" | "trillion" => Some(12),
        _ => None,
    }
}

/// Multiplies by a power of ten through the decimal text itself, so "1.2m" is exactly
/// 1200000 rather than 1.2 * 1e6 with its rounding error.
fn scale(text: &str, raw: &Raw, r: &mut Reading, exp: i32, end: usize) {
    let digits: String = text[raw.start..raw.end]
        .chars()
        .filter(|&c| c != ',')
        .collect();
    r.value = format!("{digits}e{exp}")
        .parse()
        .unwrap_or(raw.value * 10f64.powi(exp));
    r.end = end;
    r.scaled = true;
}

/// A unit written after the number: points, per cent, "-point lead", or a currency word.
fn read_unit_words(text: &str, r: &mut Reading) {
    let rest = &text[r.end..];
    if let Some(c) = POINTS.captures(rest) {
        let decimal =
            c[1].eq_ignore_ascii_case("point") && DECIMAL_NEXT.is_match(&rest[c[0].len()..]);
        if !decimal {
            return r.set(NumberUnit::Points, r.end + c[0].len());
        }
    }
    if let Some(m) = PERCENT.find(rest) {
        return r.set(NumberUnit::Percent, r.end + m.end());
    }
    if let Some(c) = HYPHEN_POINT.captures(rest) {
        return r.set(NumberUnit::Points, r.end + c[1].len());
    }
    if let Some(m) = CURRENCY_WORD.find(rest) {
        r.set(NumberUnit::Money, r.end + m.end());
    }
}

/// A minus sign straight after a space or bracket ("a swing of -3.2") makes the number
/// negative; after a digit it is a range dash ("5-10"), and after a letter `is_code` has
/// already ruled the number out.
fn read_minus(text: &str, r: &mut Reading) {
    let Some(c) = prev_char(text, r.start) else {
        return;
    };
    if c != '-' && c != '\u{2212}' {
        return;
    }
    let sign = r.start - c.len_utf8();
    if prev_char(text, sign).is_none_or(|p| p.is_whitespace() || p == '(' || p == '[') {
        r.start = sign;
        r.value = -r.value;
        r.negative = true;
    }
}

/// The unit a bare number takes from the words around it: a date, an age, a year or a count.
fn context_unit(text: &str, raw: &Raw, r: &Reading, hedge: Option<(usize, usize)>) -> NumberUnit {
    if r.negative || r.scaled {
        return NumberUnit::Count;
    }
    let lead = hedge.map_or(r.start, |h| h.0);
    let after = &text[r.end..];
    if is_date(text, raw, r.start, r.end) {
        NumberUnit::Date
    } else if YEAR_OLD.is_match(after) || match_before(text, lead, &AGE_BEFORE).is_some() {
        NumberUnit::Age
    } else if is_year(raw) && hedge.is_none() && !COUNT_NOUN.is_match(after) {
        NumberUnit::Year
    } else {
        NumberUnit::Count
    }
}

/// A day number beside a month name ("December 12", "17th June") is a date, not a count.
fn is_date(text: &str, raw: &Raw, start: usize, end: usize) -> bool {
    raw.plain()
        && raw.int_len <= 2
        && (1..=31).contains(&raw.int)
        && (match_before(text, start, &MONTH_BEFORE).is_some()
            || MONTH_AFTER.is_match(&text[end..]))
}

fn is_year(raw: &Raw) -> bool {
    raw.plain() && raw.int_len == 4 && (1800..=2100).contains(&raw.int)
}

/// "one" is a pronoun, not a count, in "one of", "no one", "one another" and "at one point".
fn is_one_idiom(text: &str, raw: &Raw) -> bool {
    if !text[raw.start..raw.end].eq_ignore_ascii_case("one") {
        return false;
    }
    let after = &text[raw.end..];
    NOT_ONE_AFTER.is_match(after)
        || match_before(text, raw.start, &NO_BEFORE).is_some()
        || (match_before(text, raw.start, &AT_BEFORE).is_some() && POINT_AFTER.is_match(after))
}

/// Keeps the earliest, then longest, of overlapping readings (a time "10:30" over the "30"
/// that the digit scan also saw).
fn without_overlaps(mut found: Vec<NumberMention>) -> Vec<NumberMention> {
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<NumberMention> = Vec::with_capacity(found.len());
    for m in found {
        if kept.last().is_none_or(|k| m.start >= k.end) {
            kept.push(m);
        }
    }
    kept
}

// ---------------------------------------------------------------------------------------------
// Small text helpers.

/// The match of `re` (anchored with `$`) in the last few bytes before `pos`, in text offsets.
/// Only a window is searched so that reading every number stays linear in the text; a match
/// that begins where the window cut a word in two does not count.
fn match_before(text: &str, pos: usize, re: &Regex) -> Option<(usize, usize)> {
    let mut from = pos.saturating_sub(LOOKBACK);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let m = re.find(&text[from..pos])?;
    let start = from + m.start();
    let cut = m.start() == 0
        && prev_char(text, start).is_some_and(is_wordy)
        && next_char(text, start).is_some_and(is_wordy);
    (!cut).then_some((start, from + m.end()))
}

fn prev_char(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

fn next_char(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

fn is_wordy(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

// The patterns to compile ahead in a large run (see `ahead`).
super::ahead::patterns!(
    DIGITS, HEDGE, AM_PM, MONTH_BEFORE, MONTH_AFTER, AGE_BEFORE, YEAR_OLD, PERCENT, POINTS, DECIMAL_NEXT,
    HYPHEN_POINT, CURRENCY_WORD, SCALE_WORD, COUNT_NOUN, NOT_ONE_AFTER, NO_BEFORE, AT_BEFORE, POINT_AFTER,
    NOT_CARDINAL_AFTER, HYPHEN_PREFIX,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_are_found_in_any_case_and_nothing_else_is() {
        let mut text = String::from("One TWO tHrEe seventeen SEVENTEEN a A hundred Thousand dozen point the then tens onee on nine ninety seventeens ");
        for (word, _) in WORDS {
            let title = format!("{}{}", word[..1].to_uppercase(), &word[1..]);
            text += &format!("{word} {} {title} {word}s x{word} ", word.to_uppercase());
        }
        let text = text.as_str();
        let mut found = 0;
        for (s, e) in ascii_words(text) {
            let word = &text[s..e];
            let expected = WORDS.iter().find(|(name, _)| name.eq_ignore_ascii_case(word)).map(|&(_, k)| k);
            assert_eq!(number_word(word.as_bytes()), expected, "{word}");
            found += usize::from(expected.is_some());
        }
        let kept: Vec<&str> = number_words(text).iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(kept.len(), found);
        assert_eq!(kept[..5], ["One", "TWO", "tHrEe", "seventeen", "SEVENTEEN"]);
    }

    #[test]
    fn a_number_word_continues_only_the_word_right_before_it() {
        let text = "two-hundred thousand, five and\nsix\n\nseven x eight é nine  ten";
        let toks = number_words(text);
        let shown: Vec<(&str, bool)> = toks.iter().map(|t| (&text[t.start..t.end], t.continues)).collect();
        assert_eq!(
            shown,
            [("two", false), ("hundred", true), ("thousand", true), ("five", false), ("and", true), ("six", true), ("seven", false), ("eight", false), ("nine", false), ("ten", true)]
        );
    }

    #[test]
    fn ascii_words_are_the_runs_of_ascii_letters() {
        let text = "Twenty-five% of 3rd café voters";
        let words: Vec<&str> = ascii_words(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(words, ["Twenty", "five", "of", "rd", "caf", "voters"]);
        assert!(ascii_words("12 — 34").next().is_none());
    }
    use NumberUnit::*;

    /// The only number in `text`.
    fn one(text: &str) -> NumberMention {
        let found = find_numbers(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn span<'a>(text: &'a str, m: &NumberMention) -> &'a str {
        &text[m.start..m.end]
    }

    /// The only number in `text`: its span text, value and unit.
    fn check(text: &str, expect_span: &str, value: f64, unit: NumberUnit) -> NumberMention {
        let m = one(text);
        assert_eq!(span(text, &m), expect_span, "{text:?}");
        assert_eq!(m.value, value, "{text:?}");
        assert_eq!(m.unit, unit, "{text:?}");
        m
    }

    fn none(text: &str) {
        let found = find_numbers(text);
        assert!(found.is_empty(), "{text:?}: {found:?}");
    }

    fn hedge<'a>(text: &'a str, m: &NumberMention) -> &'a str {
        let (s, e) = m.hedge.expect("a hedge");
        &text[s..e]
    }

    #[test]
    fn counts_with_thousands_commas() {
        let m = check("won a total of 34,694 votes", "34,694", 34694.0, Count);
        assert!(!m.approx && !m.in_words && m.hedge.is_none());
        check("a majority of 1,234,567", "1,234,567", 1234567.0, Count);
        check("Turnout: 22718.", "22718", 22718.0, Count);
        check("she took 51.3 of them", "51.3", 51.3, Count);
    }

    #[test]
    fn badly_grouped_commas_are_not_one_number() {
        let found = find_numbers("1,2");
        assert!(
            found.iter().all(|m| m.value != 12.0 && m.end - m.start < 3),
            "{found:?}"
        );
        let values: Vec<f64> = find_numbers("1,2345").iter().map(|m| m.value).collect();
        assert!(
            !values.contains(&12345.0) && !values.contains(&1234.0),
            "{values:?}"
        );
        let years: Vec<f64> = find_numbers("in 2015,2017")
            .iter()
            .map(|m| m.value)
            .collect();
        assert_eq!(years, [2015.0, 2017.0]);
    }

    #[test]
    fn hedges() {
        let text = "almost 6,000";
        let m = check(text, "6,000", 6000.0, Count);
        assert!(m.approx);
        assert_eq!(hedge(text, &m), "almost");

        let text = "more than 700 volunteers";
        let m = check(text, "700", 700.0, Count);
        assert_eq!(hedge(text, &m), "more than");

        for (text, h) in [
            ("just over 200 votes", "just over"),
            ("an estimated 5,000 people", "an estimated"),
            ("in excess of 10,000", "in excess of"),
            ("Up to 40 seats", "Up to"),
            ("Nearly six thousand", "Nearly"),
            ("at least 3%", "at least"),
            ("some 1,500 residents", "some"),
        ] {
            let m = one(text);
            assert!(m.approx, "{text}");
            assert_eq!(hedge(text, &m), h);
        }
        assert!(!one("awesome 500").approx);
        assert!(!one("just 500").approx);
        assert!(!one("moreover 500").approx);
    }

    #[test]
    fn percents() {
        check("51.3% of the vote", "51.3%", 51.3, Percent);
        check(
            "turnout was 77.41 per cent",
            "77.41 per cent",
            77.41,
            Percent,
        );
        check("48 percent of voters", "48 percent", 48.0, Percent);
        check("up 30pc on last time", "30pc", 30.0, Percent);
        check("a 12 per-cent swing", "12 per-cent", 12.0, Percent);
        check("only six per cent", "six per cent", 6.0, Percent);
        check("Leave won 52 %", "52 %", 52.0, Percent);
        check("a 4.5 per cent rise", "4.5 per cent", 4.5, Percent);
    }

    #[test]
    fn points() {
        check(
            "up 4.5 percentage points",
            "4.5 percentage points",
            4.5,
            Points,
        );
        check(
            "a 1 percentage point rise",
            "1 percentage point",
            1.0,
            Points,
        );
        check("won by 3 points", "3 points", 3.0, Points);
        check("a 4.5pts swing", "4.5pts", 4.5, Points);
        check("4.5 points swing", "4.5 points", 4.5, Points);
        check("a 10-point lead", "10-point", 10.0, Points);
        check("a 10-point plan", "10", 10.0, Count);
        check(
            "fell four percentage points",
            "four percentage points",
            4.0,
            Points,
        );
    }

    #[test]
    fn words() {
        let m = check("six thousand people", "six thousand", 6000.0, Count);
        assert!(m.in_words);
        check("Six thousand turned out", "Six thousand", 6000.0, Count);
        check(
            "two hundred and fifty",
            "two hundred and fifty",
            250.0,
            Count,
        );
        check("two hundred fifty", "two hundred fifty", 250.0, Count);
        check("twenty-five seats", "twenty-five", 25.0, Count);
        check("three million voters", "three million", 3e6, Count);
        check(
            "half a million pounds",
            "half a million pounds",
            500000.0,
            Money,
        );
        check("a dozen councillors", "a dozen", 12.0, Count);
        check("two dozen", "two dozen", 24.0, Count);
        check("a hundred and one", "a hundred and one", 101.0, Count);
        check("Nineteen", "Nineteen", 19.0, Count);
        check(
            "one hundred thousand",
            "one hundred thousand",
            100000.0,
            Count,
        );
        check(
            "two million three hundred thousand",
            "two million three hundred thousand",
            2.3e6,
            Count,
        );
        check("fifteen hundred", "fifteen hundred", 1500.0, Count);
        check(
            "four point five per cent",
            "four point five per cent",
            4.5,
            Percent,
        );
        check("only one candidate", "one", 1.0, Count);
        check("twenty-one of the seats", "twenty-one", 21.0, Count);
        check("won by one point", "one point", 1.0, Points);
        let both: Vec<f64> = find_numbers("one, two").iter().map(|m| m.value).collect();
        assert_eq!(both, [1.0, 2.0]);
        let apart: Vec<f64> = find_numbers("one two").iter().map(|m| m.value).collect();
        assert_eq!(apart, [1.0, 2.0]);
    }

    #[test]
    fn words_that_are_not_counts() {
        for text in [
            "one of the most",
            "One of them",
            "no one voted",
            "no-one knew",
            "someone said",
            "anyone can",
            "everyone agreed",
            "they help one another",
            "at one point she left",
            "dozens of people",
            "hundreds of thousands",
            "two-thirds of voters",
            "one third of seats",
            "the twenty-first century",
            "one and a half",
            "a man",
            "half the vote",
            "tone, bone, phone",
            "one's own",
        ] {
            none(text);
        }
    }

    #[test]
    fn scales() {
        check("1.2 million voters", "1.2 million", 1_200_000.0, Count);
        check("2.5bn", "2.5bn", 2.5e9, Count);
        check("10k signatures", "10k", 10_000.0, Count);
        check("5m people", "5m", 5e6, Count);
        check("3 thousand", "3 thousand", 3000.0, Count);
    }

    #[test]
    fn money() {
        check("£5m", "£5m", 5e6, Money);
        check("a $30,000 fine", "$30,000", 30000.0, Money);
        check("€2bn deal", "€2bn", 2e9, Money);
        check("5 million dollars", "5 million dollars", 5e6, Money);
        check("cost 20p more", "20p", 20.0, Money);
        check("US$5 each", "US$5", 5.0, Money);
        check("$1.2 million raised", "$1.2 million", 1.2e6, Money);
        check("fifty pounds", "fifty pounds", 50.0, Money);
        let text = "nearly £5m";
        let m = check(text, "£5m", 5e6, Money);
        assert_eq!(hedge(text, &m), "nearly");
    }

    #[test]
    fn years() {
        check("in 2016", "2016", 2016.0, Year);
        check("the 2016 by-election", "2016", 2016.0, Year);
        check("the 2015 result", "2015", 2015.0, Year);
        check("2015's result", "2015", 2015.0, Year);
        check("since the 1990s", "1990s", 1990.0, Year);
        check("mid-2019", "2019", 2019.0, Year);
        check("2016 votes", "2016", 2016.0, Count);
        check("1,900 voters", "1,900", 1900.0, Count);
        check("2,016", "2,016", 2016.0, Count);
        check("a 2000-strong crowd", "2000", 2000.0, Count);
        check("1999 postal votes", "1999", 1999.0, Count);
        check("in 1700", "1700", 1700.0, Count);
        check("2016.5", "2016.5", 2016.5, Count);
        let m = check("about 2000", "2000", 2000.0, Count);
        assert!(m.approx);
    }

    #[test]
    fn times() {
        let text = "polls closed at about 1am";
        let m = check(text, "1am", 1.0, Time);
        assert!(m.approx);
        assert_eq!(hedge(text, &m), "about");
        check("at 10pm.", "10pm", 22.0, Time);
        check("declared at 10.30pm", "10.30pm", 22.5, Time);
        check("at 10:30 on Friday", "10:30", 10.5, Time);
        check("at 10 a.m. sharp", "10 a.m.", 10.0, Time);
        check("12am", "12am", 0.0, Time);
        check("2.15 PM", "2.15", 2.15, Count);
        check("10 amendments", "10", 10.0, Count);
        check("at 10.30", "10.30", 10.3, Count);
        let hours: Vec<f64> = find_numbers("open 7am-10pm")
            .iter()
            .map(|m| m.value)
            .collect();
        assert_eq!(hours, [7.0, 22.0]);
    }

    #[test]
    fn ordinals_and_dates() {
        check("the 116th Congress", "116th", 116.0, Ordinal);
        check("came 2nd", "2nd", 2.0, Ordinal);
        check("June 17: polls open", "17", 17.0, Date);
        check("on 12 December", "12", 12.0, Date);
        check("the 17th June", "17th", 17.0, Date);
        check("on the 12th of December", "12th", 12.0, Date);
        check("June 17th", "17th", 17.0, Date);
        let text = "Dec. 12, 2019";
        let found = find_numbers(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].value, found[0].unit), (12.0, Date));
        assert_eq!((found[1].value, found[1].unit), (2019.0, Year));
        check("June 2017", "2017", 2017.0, Year);
        check("a march 5 miles long", "5", 5.0, Count);
    }

    #[test]
    fn ages() {
        check("a 30-year-old man", "30", 30.0, Age);
        check("a 30 year old man", "30", 30.0, Age);
        check("aged 68", "68", 68.0, Age);
        check("Age 68", "68", 68.0, Age);
        check("a voter in her 40s", "40s", 40.0, Age);
        check("in his mid-40s", "40s", 40.0, Age);
        check("a thirty-year-old", "thirty", 30.0, Age);
        let m = check("aged about 70", "70", 70.0, Age);
        assert!(m.approx);
    }

    #[test]
    fn compound_adjectives_and_ranges() {
        check("a 12-seat majority", "12", 12.0, Count);
        check("a 149-vote margin", "149", 149.0, Count);
        check("a three-seat gain", "three", 3.0, Count);
        let found = find_numbers("5-10 seats");
        let got: Vec<(f64, NumberUnit)> = found.iter().map(|m| (m.value, m.unit)).collect();
        assert_eq!(got, [(5.0, Count), (10.0, Count)]);
        check("a swing of -3.2", "-3.2", -3.2, Count);
        check("a swing of -3.2 points", "-3.2 points", -3.2, Points);
        check("(−5%)", "−5%", -5.0, Percent);
    }

    #[test]
    fn codes_are_not_numbers() {
        for text in [
            "COVID-19",
            "Covid19",
            "B52",
            "K2",
            "the A1",
            "M25 motorway",
            "5G masts",
            "4x4",
            "24/7",
            "9/11",
            "v1.2.3",
            "the ’97 landslide",
            "X-19",
            "user_42",
            "10km",
        ] {
            none(text);
        }
        check("iPhone 6", "6", 6.0, Count);
        check("24 hours", "24", 24.0, Count);
        check("£5/month", "£5", 5.0, Money);
    }

    #[test]
    fn huge_and_odd_inputs_never_panic() {
        let long = "9".repeat(400);
        let inputs = [
            "",
            "-",
            "$",
            "£",
            "€",
            ",",
            ".",
            "1.",
            ".5",
            "1,,2",
            "12:",
            "12:3",
            "1:00000",
            "x-",
            "US$",
            "£-5",
            "-£5",
            "−",
            "١٢٣ votes",
            "½",
            "𝟙𝟚",
            "1\u{0301}2",
            "12\u{A0}%",
            "half a",
            "a",
            "and one",
            "one and",
            "twenty-",
            "point five",
            "four point",
            "nine hundred and ninety nine billion nine hundred million",
            "1e10",
            "0x1F",
            long.as_str(),
            "12345678901234567890 votes",
            "000000000000000000000001 vote",
            "日本 2019年 12月",
            "Zoë’s 3rd—4th",
            "\u{202F}5\u{202F}pc",
        ];
        for text in inputs {
            for m in find_numbers(text) {
                assert!(m.start < m.end && m.end <= text.len(), "{text:?} {m:?}");
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            }
            let _ = parse_number(text);
        }
        assert!(find_numbers(&long).is_empty());
        assert!(find_numbers("12345678901234567890 votes").is_empty());
        check(
            "000000000000000000000001 vote",
            "000000000000000000000001",
            1.0,
            Count,
        );
    }

    #[test]
    fn parse_number_values_expressions() {
        assert_eq!(parse_number("34,694"), Some(34694.0));
        assert_eq!(parse_number("51.3%"), Some(51.3));
        assert_eq!(parse_number("six thousand"), Some(6000.0));
        assert_eq!(parse_number("1.2m"), Some(1_200_000.0));
        assert_eq!(parse_number(" 77.41 per cent "), Some(77.41));
        assert_eq!(parse_number("£5m"), Some(5e6));
        assert_eq!(parse_number("half a million"), Some(500000.0));
        assert_eq!(parse_number("-3.2"), Some(-3.2));
        assert_eq!(parse_number("10-point"), Some(10.0));
        assert_eq!(parse_number("one"), Some(1.0));
        for not_one in [
            "",
            "votes",
            "1,2",
            "one of",
            "COVID-19",
            "almost 6,000",
            "5 votes",
            "5-10",
        ] {
            assert_eq!(parse_number(not_one), None, "{not_one:?}");
        }
    }

    const UK_US: &str = "Labour's Jane Smith won 34,694 votes (51.3%), almost 6,000 more than \
        in 2017. Turnout was 67.2 per cent, up 4.5 percentage points. Some six thousand people, \
        including a 30-year-old man and a voter in her 40s, queued from 7am. The count ended at \
        2.30am on December 13; the 12-seat majority cost £5m. In the US, the 116th Congress met \
        on Jan. 3, 2019, after a $30,000 fine and a 149-vote margin; more than 1.2 million \
        voters, 48 percent, backed one candidate. A swing of -3.2 points, 5-10 seats, aged 68, \
        COVID-19, one of them, half a million, twenty-five, 10:45, June 17: done.";

    #[test]
    fn shifting_the_text_shifts_every_span() {
        let base = find_numbers(UK_US);
        assert!(base.len() >= 28, "{}", base.len());
        let shifted = find_numbers(&format!("x {UK_US}"));
        assert_eq!(base.len(), shifted.len());
        for (a, b) in base.iter().zip(&shifted) {
            assert_eq!((a.start + 2, a.end + 2), (b.start, b.end));
            assert_eq!((a.value, a.unit, a.approx), (b.value, b.unit, b.approx));
            assert_eq!(a.hedge.map(|(s, e)| (s + 2, e + 2)), b.hedge);
        }
    }

    #[test]
    fn mentions_are_ordered_and_disjoint() {
        let found = find_numbers(UK_US);
        for pair in found.windows(2) {
            assert!(pair[0].end <= pair[1].start, "{pair:?}");
        }
        let units: Vec<NumberUnit> = found.iter().map(|m| m.unit).collect();
        for unit in [
            Count, Percent, Points, Money, Year, Time, Ordinal, Date, Age,
        ] {
            assert!(units.contains(&unit), "{unit:?} missing");
        }
    }

    #[test]
    fn multibyte_text_keeps_spans_on_char_boundaries() {
        let text = "“We won,” said Zoë — 34,694 votes, 51.3%, €2bn and six thousand people’s \
            ballots; café owners gave 77.41 per cent. Élise’s 12-seat majority rose 4.5 pts \
            to 1,200 (é) “twenty-five” ’2015’s 3 points… −2.5% ½ 7 ✓ 2,000 “a dozen”";
        let found = find_numbers(text);
        assert!(found.len() >= 12, "{found:?}");
        for m in &found {
            assert!(
                text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
                "{m:?}"
            );
            assert!(m.start < m.end);
            if matches!(m.unit, Count | Percent | Points) {
                let written = &text[m.start..m.end];
                assert_eq!(parse_number(written), Some(m.value), "{written:?}");
            }
        }
        let spans: Vec<&str> = found.iter().map(|m| span(text, m)).collect();
        for expected in [
            "34,694",
            "51.3%",
            "€2bn",
            "six thousand",
            "77.41 per cent",
            "12",
            "4.5 pts",
            "1,200",
            "twenty-five",
            "2015",
            "3 points",
            "−2.5%",
            "7",
            "2,000",
            "a dozen",
        ] {
            assert!(spans.contains(&expected), "{expected:?} not in {spans:?}");
        }
    }
}
