//! Inputs that broke the pipeline, found by the fuzzer (`fuzz/`, `cargo +nightly fuzz run
//! pipeline`) or by the size measurements of `scripts/bad_inputs.py`, each cut down to
//! the words that matter, with what must hold of them now: a record, and every span
//! holding its text.

use newsfacts::audit::source::decode_span;
use newsfacts::{ArticleRecord, Pipeline};

fn extract(raw: &[u8]) -> ArticleRecord {
    Pipeline::builtin().extract("fuzz.txt", raw).expect("text gives a record")
}

/// Every figure and quote span is inside the file and holds the record's text.
fn assert_spans_hold_their_text(record: &ArticleRecord, raw: &[u8]) {
    let texts = record.figures.iter().map(|f| (f.span, &f.text)).chain(record.quotes.iter().map(|q| (q.span, &q.text)));
    for (span, text) in texts {
        assert_eq!(decode_span(raw, span, &record.encoding).as_ref(), Some(text), "span {span:?}");
    }
}

/// Crash 1 (an assertion of the fuzz target): a UTF-8 byte-order mark followed by bytes
/// that are not UTF-8 sent the file to the Windows-1252 decoder, which removed the mark
/// as a BOM while the offset table assumed it had not: every span was three bytes off.
#[test]
fn a_utf8_bom_before_invalid_bytes_keeps_spans_on_their_text() {
    let mut raw = b"\xEF\xBB\xBFLabour has taken Harbridge, with a majority of more than 9,000 at the count.\n\n".to_vec();
    raw.extend(b"Turnout was 67.2% in the town\xE2\x80\x99s \xFF\xFF\xFF election; Ms Achebe polled 21,345 votes.\n");
    let record = extract(&raw);
    assert_eq!(record.encoding, "utf-8-bom");
    assert_eq!(record.warnings[0].code, "invalid-utf8");
    assert!(record.figures.iter().any(|f| f.text == "9,000"), "{:?}", record.figures);
    assert_spans_hold_their_text(&record, &raw);
}

/// Crash 2 (a panic, "begin > end"): two scores joined by "to" before the people they
/// belong to; the check for "lost to" sliced the text from the first person named back
/// to the score.
#[test]
fn a_score_before_the_people_it_belongs_to_does_not_panic() {
    let raw = b"The election count ended. In the election, 5,200 votes to 4,100 went to Jane Smith and John Roe, the candidates.\n";
    let record = extract(raw);
    let votes: Vec<(Option<&str>, f64)> = record.figures.iter().map(|f| (f.subject.as_deref(), f.value)).collect();
    assert_eq!(votes, [(Some("Jane Smith"), 5200.0), (Some("John Roe"), 4100.0)]);
    assert_spans_hold_their_text(&record, raw);
}

/// Found measuring a 5 MB line (where a sentence cut at 2,000 bytes fell between "more
/// than" and its number), and then in plain text: a hedge on the line before its number
/// made the figure reader slice from before its sentence ("end byte index
/// 18446744073709551606").
#[test]
fn a_hedge_on_the_line_before_its_number_does_not_panic() {
    let raw = b"The election count was held and the turnout rose. Labour won more than\n9,000 votes in the election.\n";
    let record = extract(raw);
    let figure = record.figures.iter().find(|f| f.text == "9,000").expect("the votes are read");
    assert_eq!(figure.kind.as_str(), "votes");
    assert_spans_hold_their_text(&record, raw);
}

/// Found measuring a 5 MB sentence (no full stop anywhere): a sentence cut for its length
/// between a quote's comma and its cue ("..., | Smith said") left the cue past the end
/// of the sentence it was checked against ("begin > end (2000 > 1995)").
#[test]
fn a_cue_past_a_cut_sentence_does_not_panic() {
    use newsfacts::doc::{Document, MAX_SENTENCE};
    let mut cut_between = 0;
    for pad in 0..24 {
        let filler = "Word ".to_string() + &"word ".repeat((MAX_SENTENCE - 40) / 5 - 1) + &"x".repeat(pad);
        let raw = format!("Jane Smith spoke in the election. {filler} \u{201C}We have won the seat\u{201D} today, Smith said on Friday.\n");
        let doc = Document::parse(raw.as_bytes()).unwrap();
        cut_between += doc.sentences().iter().filter(|s| doc.slice(&s.span).ends_with("today,")).count();
        let record = extract(raw.as_bytes());
        assert_spans_hold_their_text(&record, raw.as_bytes());
    }
    assert!(cut_between > 0, "some padding puts the cut between the comma and the cue");
}
