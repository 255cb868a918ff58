//! One article as the extractors see it: the raw bytes, the decoded text, and its
//! paragraphs, sentences and word tokens, each with a span.
//!
//! Everything is built once per article and then only read. Extractors work in offsets of
//! the decoded `text`; [`Document::raw_span`] maps them back to byte offsets of the raw
//! file, which is what records carry. For UTF-8 input the two are the same (shifted past a
//! BOM); for other encodings a per-byte offset table does the mapping.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::record::ByteSpan;

/// A half-open range of offsets into [`Document::text`].
pub type Span = Range<usize>;

/// Why a file's bytes could not be turned into text at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file looks binary (it holds NUL bytes and no UTF-16 byte-order mark); only text articles can be read")]
    Binary,
}

/// A sentence and the paragraph it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

/// A parsed article.
#[derive(Debug)]
pub struct Document<'a> {
    pub raw: &'a [u8],
    pub text: Cow<'a, str>,
    /// `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be` or `windows-1252`. UTF-8 with a few
    /// invalid bytes stays `utf-8`, with each bad sequence read as U+FFFD ([`Self::replaced`]).
    pub encoding: &'static str,
    /// Raw offset of text offset 0 (3 after a UTF-8 BOM).
    base: usize,
    /// For transcoded input: raw offset of every text byte offset (len = text.len() + 1).
    offsets: Option<Vec<u32>>,
    /// How many invalid byte sequences of a mostly-UTF-8 file were read as U+FFFD.
    pub replaced: usize,
    pub paragraphs: Vec<Span>,
    /// Made when first asked for ([`Document::sentences`]).
    sentences: OnceCell<Vec<Sentence>>,
}

impl<'a> Document<'a> {
    /// Decodes `raw` and segments it. Fails only for bytes that are not text.
    pub fn parse(raw: &'a [u8]) -> Result<Document<'a>, DecodeError> {
        let Decoded { text, encoding, base, offsets, replaced } = decode(raw)?;
        let paragraphs = paragraphs(&text);
        Ok(Document { raw, text, encoding, base, offsets, replaced, paragraphs, sentences: OnceCell::new() })
    }

    /// The sentences, in order. Split when first asked for: an article with no quotation
    /// that is not about an election never is (one in eight of the bench corpus), and the
    /// split was most of the time the parse took.
    pub fn sentences(&self) -> &[Sentence] {
        self.sentences.get_or_init(|| split_sentences(&self.text, &self.paragraphs))
    }

    /// Word tokens (UAX #29 words holding a letter or digit), in order. Made on request:
    /// no extractor reads them today, and making them for every article cost a tenth of
    /// the running time.
    pub fn tokens(&self) -> Vec<Span> {
        self.text
            .split_word_bound_indices()
            .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
            .map(|(i, w)| i..i + w.len())
            .collect()
    }

    /// The raw-file byte span of a text span.
    pub fn raw_span(&self, span: &Span) -> ByteSpan {
        match &self.offsets {
            None => [span.start + self.base, span.end + self.base],
            Some(map) => [map[span.start] as usize, map[span.end] as usize],
        }
    }

    /// The text offset of a raw-file byte offset: the inverse of [`Document::raw_span`],
    /// for readers of records (the review page) that hold raw spans and need the text.
    /// `None` when the offset lies before the text (inside a BOM), past its end, or
    /// inside a character.
    pub fn text_offset(&self, raw: usize) -> Option<usize> {
        match &self.offsets {
            None => {
                let at = raw.checked_sub(self.base)?;
                self.text.is_char_boundary(at).then_some(at)
            }
            Some(map) => {
                let at = map.partition_point(|&r| (r as usize) < raw);
                // Every byte of one character maps to its first raw byte: the first text
                // byte that maps to `raw` starts the character there, if one does.
                (map.get(at).is_some_and(|&r| r as usize == raw) && self.text.is_char_boundary(at)).then_some(at)
            }
        }
    }

    /// The text span of a raw-file byte span, when both ends fall between characters.
    pub fn text_span(&self, [start, end]: ByteSpan) -> Option<Span> {
        let (start, end) = (self.text_offset(start)?, self.text_offset(end)?);
        (start <= end).then_some(start..end)
    }

    /// The text of a span.
    pub fn slice(&self, span: &Span) -> &str {
        &self.text[span.clone()]
    }

    /// Index of the sentence holding `pos` (the last one starting at or before it).
    pub fn sentence_at(&self, pos: usize) -> usize {
        self.sentences().partition_point(|s| s.span.start <= pos).saturating_sub(1)
    }

    /// Where the sentence before the one holding `pos` starts: the window in which a
    /// pronoun's referent counts as recent.
    pub fn previous_sentence_start(&self, pos: usize) -> usize {
        self.sentences().get(self.sentence_at(pos).saturating_sub(1)).map_or(0, |s| s.span.start)
    }

    /// Index of the paragraph holding `pos` (the last one starting at or before it).
    pub fn paragraph_at(&self, pos: usize) -> usize {
        self.paragraphs.partition_point(|p| p.start <= pos).saturating_sub(1)
    }
}

/// The largest char boundary of `text` at or before `at` (clamped to the text), so a
/// window of a fixed byte width never cuts a character in two.
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

/// Decoded text and how to map its offsets back to the raw bytes.
struct Decoded<'a> {
    text: Cow<'a, str>,
    encoding: &'static str,
    base: usize,
    offsets: Option<Vec<u32>>,
    replaced: usize,
}

impl<'a> Decoded<'a> {
    fn borrowed(text: &'a str, encoding: &'static str, base: usize) -> Decoded<'a> {
        Decoded { text: Cow::Borrowed(text), encoding, base, offsets: None, replaced: 0 }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

fn decode(raw: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if let Some(rest) = raw.strip_prefix(UTF8_BOM) {
        if let Ok(s) = std::str::from_utf8(rest) {
            return Ok(Decoded::borrowed(s, "utf-8-bom", 3));
        }
    }
    if raw.starts_with(b"\xFF\xFE") || raw.starts_with(b"\xFE\xFF") {
        let little = raw[0] == 0xFF;
        return Ok(decode_utf16(&raw[2..], little));
    }
    if raw.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Ok(s) = std::str::from_utf8(raw) {
        return Ok(Decoded::borrowed(s, "utf-8", 0));
    }
    // A UTF-8 file with a few stray bytes (a pound sign typed in Latin-1, a cut
    // character) is still UTF-8: reading it all as Windows-1252 would garble every curly
    // quote in it. A byte-order mark, or more well-formed multi-byte characters than
    // broken sequences, says which it is.
    if raw.starts_with(UTF8_BOM) || mostly_utf8(raw) {
        return Ok(decode_utf8_lossy(raw));
    }
    // Not UTF-8: Windows-1252 (a superset of Latin-1 for printable text) maps each byte
    // to exactly one character, so the offset table is a running count. No BOM sniffing:
    // the bytes are known not to start with one, and the table assumes none was removed.
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(raw);
    let mut map = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.chars().enumerate() {
        map.extend(std::iter::repeat_n(i as u32, c.len_utf8()));
    }
    map.push(raw.len() as u32);
    Ok(Decoded { text: Cow::Owned(text.into_owned()), encoding: "windows-1252", base: 0, offsets: Some(map), replaced: 0 })
}

fn mostly_utf8(raw: &[u8]) -> bool {
    let (mut multibyte, mut broken) = (0usize, 0usize);
    for chunk in raw.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    multibyte > broken
}

/// UTF-8 with each invalid sequence read as one U+FFFD, as `String::from_utf8_lossy`
/// does; the replacement character's three bytes map to the sequence it stands for.
fn decode_utf8_lossy(raw: &[u8]) -> Decoded<'static> {
    let bom = raw.starts_with(UTF8_BOM);
    let body_start = if bom { UTF8_BOM.len() } else { 0 };
    let mut text = String::with_capacity(raw.len() + 8);
    let mut map: Vec<u32> = Vec::with_capacity(raw.len() + 9);
    let mut raw_pos = body_start;
    let mut replaced = 0;
    for chunk in raw[body_start..].utf8_chunks() {
        text.push_str(chunk.valid());
        map.extend((raw_pos..raw_pos + chunk.valid().len()).map(|p| p as u32));
        raw_pos += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            map.extend(std::iter::repeat_n(raw_pos as u32, char::REPLACEMENT_CHARACTER.len_utf8()));
            raw_pos += chunk.invalid().len();
            replaced += 1;
        }
    }
    map.push(raw.len() as u32);
    let encoding = if bom { "utf-8-bom" } else { "utf-8" };
    Decoded { text: Cow::Owned(text), encoding, base: 0, offsets: Some(map), replaced }
}

fn decode_utf16(body: &[u8], little: bool) -> Decoded<'static> {
    let units = body.chunks_exact(2).map(|p| {
        if little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let mut text = String::with_capacity(body.len() / 2);
    let mut map = Vec::with_capacity(body.len() / 2 + 1);
    let mut raw_pos = 2usize;
    for c in char::decode_utf16(units) {
        let (c, width) = match c {
            Ok(c) => (c, c.len_utf16() * 2),
            Err(_) => (char::REPLACEMENT_CHARACTER, 2),
        };
        map.extend(std::iter::repeat_n(raw_pos as u32, c.len_utf8()));
        text.push(c);
        raw_pos += width;
    }
    map.push(raw_pos as u32);
    let encoding = if little { "utf-16le" } else { "utf-16be" };
    Decoded { text: Cow::Owned(text), encoding, base: 0, offsets: Some(map), replaced: 0 }
}

/// The longest paragraph and sentence the extractors are given, in bytes. Real news
/// stays far below them (the longest paragraph in the 3,400 articles of the shared corpus
/// is about 5,500 bytes, the longest sentence about 1,100), but a file with no line
/// breaks or no full stops would otherwise be one paragraph or one sentence of megabytes,
/// and every rule that looks around a quote or a number within its sentence or paragraph
/// would then cost time in proportion to the whole file, for every quote and number.
/// Longer stretches are cut at a space, so that work per article stays linear in its size.
pub const MAX_PARAGRAPH: usize = 20_000;
pub const MAX_SENTENCE: usize = 2_000;

/// Splits text into paragraphs. News dumps put one paragraph per line, with or without
/// blank lines between; hard-wrapped text (short lines in blank-line separated blocks)
/// is joined block by block instead. No paragraph is longer than [`MAX_PARAGRAPH`].
fn paragraphs(text: &str) -> Vec<Span> {
    let lines = lines(text);
    let hard_wrapped = is_hard_wrapped(text, &lines);
    let mut out: Vec<Span> = Vec::new();
    let mut open: Option<Span> = None;
    for line in lines {
        let trimmed = trim_span(text, line);
        if trimmed.is_empty() {
            out.extend(open.take());
            continue;
        }
        match (&mut open, hard_wrapped) {
            (Some(block), true) => block.end = trimmed.end,
            _ => {
                out.extend(open.take());
                open = Some(trimmed);
            }
        }
    }
    out.extend(open);
    if out.iter().any(|p| p.len() > MAX_PARAGRAPH) {
        out = out.into_iter().flat_map(|p| cut_long(text, p, MAX_PARAGRAPH)).collect();
    }
    out
}

/// `span` in pieces of at most `max` bytes, each ending at the last whitespace that keeps
/// it within `max` (or at a character boundary, for a stretch with no whitespace).
fn cut_long(text: &str, span: Span, max: usize) -> Vec<Span> {
    let mut pieces = Vec::new();
    let mut rest = span;
    while rest.len() > max {
        let limit = floor_char_boundary(text, rest.start + max);
        let (end, next) = match text[rest.start..limit].rfind(char::is_whitespace) {
            Some(at) if at > 0 => (rest.start + at, rest.start + at),
            // No space to cut at, or only at the very start: cut inside the word.
            _ => (limit, limit),
        };
        pieces.push(trim_span(text, rest.start..end));
        rest = trim_span(text, next..rest.end);
    }
    pieces.push(rest);
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// Line spans without their terminators; `\n`, `\r\n` and a lone `\r` all end a line.
fn lines(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    // One line per paragraph, and paragraphs run to a few hundred bytes.
    let mut out = Vec::with_capacity(text.len() / 128 + 1);
    let mut start = 0;
    while let Some(k) = memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
        let end = start + k;
        out.push(start..end);
        let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
        start = end + 1 + usize::from(crlf);
    }
    out.push(start..bytes.len());
    out
}

/// Whether the text is wrapped at a fixed width, its paragraphs parted by blank lines.
/// Most news text has a line longer than 100 bytes among its first few, and the answer
/// comes there.
fn is_hard_wrapped(text: &str, lines: &[Span]) -> bool {
    let is_blank = |line: &Span| text[line.clone()].trim().is_empty();
    let mut non_blank = 0;
    for line in lines.iter().filter(|line| !is_blank(line)) {
        if line.len() > 100 {
            return false;
        }
        non_blank += 1;
    }
    if non_blank < 4 {
        return false;
    }
    let followed = lines.windows(2).filter(|w| !is_blank(&w[0]) && !is_blank(&w[1])).count();
    let has_blank = non_blank < lines.len();
    has_blank && followed * 2 >= non_blank
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    start..end.max(start)
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Dr", "Mr", "Mrs", "Ms", "Mx", "St", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt",
    "Prof", "Rev", "Jr", "Sr", "No", "vs", "Inc", "Corp", "Co", "Mt", "Ft", "Jan", "Feb", "Mar",
    "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Cllr", "Hon", "Rt", "Pres", "Supt", "approx",
    "Ald", "Assn", "Dept", "Univ", "Ave", "Blvd", "Calif", "Mass", "Penn", "Fla", "Ill", "Mich",
    "Wash", "Wis", "Ariz", "Colo", "Conn", "Del", "Ga", "Ky", "La", "Md", "Minn", "Miss", "Mo",
    "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wyo", "Ala", "Ark",
];

/// Splits each paragraph into sentences (UAX #29), then re-joins splits that follow an
/// abbreviation ("Dr.", "Sen."), an initial ("J."), or a dotted acronym ("U.S.").
/// No sentence is longer than [`MAX_SENTENCE`].
fn split_sentences(text: &str, paragraphs: &[Span]) -> Vec<Sentence> {
    // News sentences run well over a hundred bytes: rarely a second allocation.
    let mut out: Vec<Sentence> = Vec::with_capacity(text.len() / 100 + paragraphs.len());
    // One buffer for the pieces of every paragraph.
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    for (pi, para) in paragraphs.iter().enumerate() {
        let first_in_para = out.len();
        let body = &text[para.clone()];
        pieces.clear();
        if !crate::sentence_breaks::push_sentence_bound_indices(body, &mut pieces) {
            pieces.extend(body.split_sentence_bound_indices());
        }
        for &(off, piece) in &pieces {
            let span = trim_span(text, para.start + off..para.start + off + piece.len());
            if span.is_empty() {
                continue;
            }
            let joins = out.len() > first_in_para && ends_with_abbreviation(&text[out.last().unwrap().span.clone()]);
            match out.last_mut() {
                Some(prev) if joins => prev.span.end = span.end,
                _ => out.push(Sentence { span, paragraph: pi }),
            }
        }
    }
    if out.iter().any(|s| s.span.len() > MAX_SENTENCE) {
        out = out
            .into_iter()
            .flat_map(|s| cut_long(text, s.span, MAX_SENTENCE).into_iter().map(move |span| Sentence { span, paragraph: s.paragraph }))
            .collect();
    }
    out
}

fn ends_with_abbreviation(sentence: &str) -> bool {
    let Some(body) = sentence.trim_end().strip_suffix('.') else {
        return false;
    };
    let word = body.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201C}').next().unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let single_initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    // "U.S" / "U.K" / "D.C": letters separated by dots.
    let dotted = word.contains('.') && word.split('.').all(|p| p.chars().count() == 1);
    single_initial || dotted || ABBREVIATION_SET.contains(word)
}

/// [`ABBREVIATIONS`] for lookup: the list is asked about the last word of every
/// sentence, where a scan of it compared dozens of strings.
static ABBREVIATION_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| ABBREVIATIONS.iter().copied().collect());

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<String> {
        let doc = Document::parse(text.as_bytes()).unwrap();
        doc.sentences().iter().map(|s| doc.slice(&s.span).to_string()).collect()
    }

    #[test]
    fn one_paragraph_per_line_with_or_without_blank_lines() {
        let doc = Document::parse(b"First para.\nSecond para.\n\nThird para.\n").unwrap();
        assert_eq!(doc.paragraphs.len(), 3);
        assert_eq!(doc.slice(&doc.paragraphs[2]), "Third para.");
    }

    #[test]
    fn hard_wrapped_blocks_are_joined() {
        let text = "A line that wraps\nonto another line.\n\nSecond block here\nand it goes on.\n\nThird\nblock.\n";
        let doc = Document::parse(text.as_bytes()).unwrap();
        assert_eq!(doc.paragraphs.len(), 3);
        assert_eq!(doc.slice(&doc.paragraphs[0]), "A line that wraps\nonto another line.");
    }

    #[test]
    fn a_long_line_or_too_few_lines_are_not_hard_wrapped() {
        let long = format!("A line that wraps\nonto another line.\n\n{}\nand it goes on.\n\nThird\nblock.\n", "word ".repeat(21));
        assert_eq!(Document::parse(long.as_bytes()).unwrap().paragraphs.len(), 6, "one paragraph a line");
        let few = "Two short\nlines.\n\nThird.\n";
        assert_eq!(Document::parse(few.as_bytes()).unwrap().paragraphs.len(), 3);
        let no_blank = "One\ntwo\nthree\nfour";
        assert_eq!(Document::parse(no_blank.as_bytes()).unwrap().paragraphs.len(), 4);
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let doc = Document::parse(b"One.\r\nTwo.\rThree.").unwrap();
        let paras: Vec<&str> = doc.paragraphs.iter().map(|p| doc.slice(p)).collect();
        assert_eq!(paras, ["One.", "Two.", "Three."]);
    }

    #[test]
    fn lines_end_where_a_byte_by_byte_scan_ends_them() {
        fn plain(text: &str) -> Vec<Span> {
            let bytes = text.as_bytes();
            let (mut out, mut start, mut i) = (Vec::new(), 0, 0);
            while i < bytes.len() {
                if bytes[i] == b'\n' || bytes[i] == b'\r' {
                    out.push(start..i);
                    if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    start = i + 1;
                }
                i += 1;
            }
            out.push(start..bytes.len());
            out
        }
        for text in crate::generated::texts(&["a", " ", "\n", "\r", "\r\n", "é"], 20_000, 16) {
            assert_eq!(lines(&text), plain(&text), "{text:?}");
        }
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentence_texts("Dr. Smith met Sen. J. Doe in the U.S. capital. They talked."),
            ["Dr. Smith met Sen. J. Doe in the U.S. capital.", "They talked."]
        );
        assert_eq!(sentence_texts("He won. She lost."), ["He won.", "She lost."]);
    }

    #[test]
    fn long_paragraphs_and_sentences_are_cut_at_spaces() {
        let text = "word ".repeat(MAX_PARAGRAPH / 2);
        let doc = Document::parse(text.as_bytes()).unwrap();
        assert!(doc.paragraphs.len() >= 2 && doc.paragraphs.iter().all(|p| p.len() <= MAX_PARAGRAPH));
        assert!(doc.sentences().len() >= 5 && doc.sentences().iter().all(|s| s.span.len() <= MAX_SENTENCE));
        for s in doc.sentences() {
            assert!(doc.slice(&s.span).starts_with("word") && doc.slice(&s.span).ends_with("word"), "cut between words");
        }
        let covered: usize = doc.sentences().iter().map(|s| s.span.len() + 1).sum();
        assert_eq!(covered, text.len(), "every word is in one sentence");
        // A sentence of normal length is left whole.
        let short = "Short one. ".repeat(3);
        assert_eq!(Document::parse(short.as_bytes()).unwrap().sentences().len(), 3);
    }

    #[test]
    fn a_stretch_without_spaces_is_cut_on_character_boundaries() {
        let text = "é".repeat(MAX_SENTENCE);
        let doc = Document::parse(text.as_bytes()).unwrap();
        assert!(doc.sentences().len() >= 2);
        assert!(doc.sentences().iter().all(|s| s.span.len() <= MAX_SENTENCE && text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end)));
        assert_eq!(doc.sentences().iter().map(|s| s.span.len()).sum::<usize>(), text.len());
    }

    #[test]
    fn bom_shifts_spans_to_raw_offsets() {
        let raw = b"\xEF\xBB\xBFHello world";
        let doc = Document::parse(raw).unwrap();
        assert_eq!(doc.encoding, "utf-8-bom");
        assert_eq!(doc.raw_span(&(6..11)), [9, 14]);
        assert_eq!(&raw[9..14], b"world");
    }

    #[test]
    fn windows_1252_maps_each_char_to_its_byte() {
        let raw = b"caf\xe9 won 5,000 votes";
        let doc = Document::parse(raw).unwrap();
        assert_eq!(doc.encoding, "windows-1252");
        let start = doc.text.find("5,000").unwrap();
        assert_eq!(doc.raw_span(&(start..start + 5)), [9, 14]);
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let mut raw = vec![0xFF, 0xFE];
        for u in "Hi “x”".encode_utf16() {
            raw.extend(u.to_le_bytes());
        }
        let doc = Document::parse(&raw).unwrap();
        assert_eq!(doc.text, "Hi “x”");
        let x = doc.text.find('x').unwrap();
        assert_eq!(doc.raw_span(&(x..x + 1)), [10, 12]);
    }

    #[test]
    fn a_bom_before_invalid_utf8_keeps_utf8_and_raw_offsets() {
        let raw = b"\xEF\xBB\xBFcaf\xFF won 9,000 \xE2\x80\x9Cvotes\xE2\x80\x9D";
        let doc = Document::parse(raw).unwrap();
        assert_eq!((doc.encoding, doc.replaced), ("utf-8-bom", 1));
        assert_eq!(doc.text, "caf\u{FFFD} won 9,000 \u{201C}votes\u{201D}");
        let start = doc.text.find("9,000").unwrap();
        assert_eq!(doc.raw_span(&(start..start + 5)), [12, 17]);
        assert_eq!(&raw[12..17], b"9,000");
        let fffd = doc.text.find('\u{FFFD}').unwrap();
        assert_eq!(doc.raw_span(&(fffd..fffd + 3)), [6, 7], "the replacement stands for the one bad byte");
    }

    #[test]
    fn a_stray_byte_in_utf8_text_is_replaced_not_a_reason_for_windows_1252() {
        let raw = "\u{201C}We won,\u{201D} she said. Cost: \u{a3}5 or ".as_bytes().iter().chain(b"\xA35.").copied().collect::<Vec<u8>>();
        let doc = Document::parse(&raw).unwrap();
        assert_eq!((doc.encoding, doc.replaced), ("utf-8", 1));
        assert!(doc.text.starts_with('\u{201C}') && doc.text.ends_with("or \u{FFFD}5."));
        let five = doc.text.rfind('5').unwrap();
        assert_eq!(doc.raw_span(&(five..five + 1)), [raw.len() - 2, raw.len() - 1]);
        // Latin-1 text has no well-formed multi-byte character: Windows-1252 it is.
        assert_eq!(Document::parse(b"\x93We won,\x94 caf\xe9").unwrap().encoding, "windows-1252");
    }

    #[test]
    fn tokens_are_words_with_a_letter_or_digit() {
        let doc = Document::parse("Turnout: 61.2%, can't — “Lib Dems”".as_bytes()).unwrap();
        let words: Vec<&str> = doc.tokens().iter().map(|t| doc.slice(t)).collect();
        assert_eq!(words, ["Turnout", "61.2", "can't", "Lib", "Dems"]);
    }

    #[test]
    fn raw_offsets_map_back_to_text_offsets() {
        let utf8 = Document::parse("\u{FEFF}Caf\u{e9} 5,000".as_bytes()).unwrap();
        assert_eq!(utf8.text_span([9, 14]), Some(6..11));
        assert_eq!(utf8.text_offset(1), None, "inside the BOM");
        assert_eq!(utf8.text_offset(7), None, "inside the two bytes of é");
        assert_eq!(utf8.text_offset(15), None, "past the end");
        let latin = Document::parse(b"caf\xe9 won 5,000").unwrap();
        let span = latin.text_span([9, 14]).unwrap();
        assert_eq!(latin.slice(&span), "5,000");
        let mut raw = vec![0xFF, 0xFE];
        for u in "é x".encode_utf16() {
            raw.extend(u.to_le_bytes());
        }
        let utf16 = Document::parse(&raw).unwrap();
        assert_eq!(utf16.text_span([6, 8]).map(|s| utf16.slice(&s).to_string()).as_deref(), Some("x"));
        assert_eq!(utf16.text_offset(3), None, "inside a UTF-16 unit");
        assert_eq!(utf16.text_span([6, 4]), None, "reversed");
    }

    #[test]
    fn nul_bytes_without_bom_are_binary() {
        assert_eq!(Document::parse(b"ab\0cd").unwrap_err(), DecodeError::Binary);
    }
}
