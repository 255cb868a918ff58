//! Invariants of the whole pipeline over every bundled article (corpus/ and
//! tests/challenge/): spans always hold the text they claim, output moves with the input,
//! and no cut of an article makes the extractors panic.

use std::path::{Path, PathBuf};

use newsfacts::{ArticleRecord, Pipeline};

fn articles() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["corpus", "tests/challenge/texts"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }
    out.sort();
    assert!(out.len() >= 40, "the bundled articles are there");
    out
}

fn extract(pipeline: &Pipeline, raw: &[u8]) -> ArticleRecord {
    pipeline.extract("a.txt", raw).expect("text articles give records")
}

/// Every span of a record, with what the record says it holds (if it says).
fn spans(rec: &ArticleRecord) -> Vec<([usize; 2], Option<String>)> {
    let mut out = Vec::new();
    for f in &rec.figures {
        out.push((f.span, Some(f.text.clone())));
    }
    for q in &rec.quotes {
        out.push((q.span, Some(q.text.clone())));
        out.extend(q.speaker_span.map(|s| (s, None)));
    }
    for c in &rec.candidates {
        out.extend(c.mentions.iter().map(|m| (*m, None)));
    }
    if let Some(e) = &rec.election {
        out.extend(e.span.map(|s| (s, e.text.clone())));
    }
    for c in &rec.comparisons {
        out.push((c.span, Some(c.text.clone())));
        out.push((c.base.span, Some(c.base.text.clone())));
        out.push((c.result.span, Some(c.result.text.clone())));
    }
    out
}

#[test]
fn every_span_holds_its_text() {
    let pipeline = Pipeline::builtin();
    for path in articles() {
        let raw = std::fs::read(&path).unwrap();
        let rec = extract(&pipeline, &raw);
        for (span, text) in spans(&rec) {
            assert!(span[0] < span[1] && span[1] <= raw.len(), "{}: span {span:?} outside the file", path.display());
            let bytes = std::str::from_utf8(&raw[span[0]..span[1]]).unwrap_or_else(|_| panic!("{}: span {span:?} cuts a character", path.display()));
            if let Some(text) = text {
                assert_eq!(bytes, text, "{}: span {span:?}", path.display());
            }
        }
    }
}

#[test]
fn spans_move_with_the_input() {
    let pipeline = Pipeline::builtin();
    for path in articles() {
        let raw = std::fs::read(&path).unwrap();
        let shifted: Vec<u8> = b"   ".iter().chain(raw.iter()).copied().collect();
        let before = spans(&extract(&pipeline, &raw));
        let after = spans(&extract(&pipeline, &shifted));
        let moved: Vec<_> = before.iter().map(|(s, t)| ([s[0] + 3, s[1] + 3], t.clone())).collect();
        assert_eq!(moved, after, "{}: three leading spaces must shift every span by three", path.display());
    }
}

#[test]
fn no_cut_of_an_article_panics() {
    let pipeline = Pipeline::builtin();
    for path in articles() {
        let text = std::fs::read_to_string(&path).unwrap();
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for k in 1..24 {
            let cut = boundaries[boundaries.len() * k / 24];
            for piece in [&text[..cut], &text[cut..]] {
                let rec = extract(&pipeline, piece.as_bytes());
                for (span, _) in spans(&rec) {
                    assert!(span[1] <= piece.len() && piece.is_char_boundary(span[0]) && piece.is_char_boundary(span[1]));
                }
            }
        }
    }
}
