//! The whole per-article pipeline on arbitrary bytes: it must not panic, and every span
//! it reports must lie inside the input, fall on character boundaries of the decoded
//! text, and hold exactly the text the record claims (`text == file[span]`, decoded the
//! way the record's `encoding` says, as `newsfacts audit` reads it).

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newsfacts::audit::source::decode_span;
use newsfacts::record::ByteSpan;
use newsfacts::{ArticleRecord, Pipeline};

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::builtin);

fuzz_target!(|raw: &[u8]| {
    match PIPELINE.extract("fuzz.txt", raw) {
        Ok(record) => check(&record, raw),
        Err(error) => assert_eq!(error.error.code, "binary", "only binary input is refused"),
    }
});

fn check(record: &ArticleRecord, raw: &[u8]) {
    assert_eq!(record.bytes as usize, raw.len());
    for (span, text) in record.spans() {
        let [start, end] = span;
        assert!(start < end && end <= raw.len(), "span {span:?} outside a file of {} bytes", raw.len());
        assert!(on_char_boundaries(record, raw, span), "span {span:?} cuts a character ({})", record.encoding);
        if let Some(text) = text {
            assert_eq!(decode_span(raw, span, &record.encoding).as_deref(), Some(text), "span {span:?}");
        }
    }
}

/// Whether both ends of `span` are character boundaries of the raw file in its encoding.
/// A UTF-8 file with invalid bytes is checked through its texts only (`decode_span`).
fn on_char_boundaries(record: &ArticleRecord, raw: &[u8], [start, end]: ByteSpan) -> bool {
    let lossy = record.warnings.iter().any(|w| w.code == "invalid-utf8");
    match record.encoding.as_str() {
        "utf-8" | "utf-8-bom" if lossy => !raw.starts_with(b"\xEF\xBB\xBF") || start >= 3,
        "utf-8" => std::str::from_utf8(&raw[start..end]).is_ok(),
        "utf-8-bom" => start >= 3 && std::str::from_utf8(&raw[start..end]).is_ok(),
        "utf-16le" | "utf-16be" => start >= 2 && start % 2 == 0 && end % 2 == 0,
        "windows-1252" => true,
        other => panic!("unknown encoding {other}"),
    }
}
