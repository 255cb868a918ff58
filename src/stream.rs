//! Articles on standard input, for engines that pipe data through a command: Spark's
//! `RDD.pipe`, Hadoop Streaming, a shell pipeline.
//!
//! Two formats. JSON Lines (the default): one object `{"id": ..., "text": ...}` per line;
//! the record's `path` is the id and its spans are byte offsets into the UTF-8 `text`.
//! Plain text: articles separated by NUL bytes, read as raw bytes like a file (so any
//! encoding `extract` reads works); the record's `path` is the article's ordinal, `1` for
//! the first. Either way there is exactly one output line per input record, in input
//! order, so an engine can zip them back together; a line that cannot be read as an
//! article gets an error entry (`"code": "malformed-input"`) in its place.
//!
//! A reader thread feeds a bounded channel, so memory holds at most a couple of windows
//! of articles however long the stream is, and the output is flushed whenever the input
//! runs dry: a caller that writes one line and waits for the answer gets it.

use std::borrow::Cow;
use std::io::{self, BufRead};
use std::sync::mpsc::{self, Receiver, SyncSender, TryRecvError};
use std::thread;

use clap::ValueEnum;
use serde_json::Value;

/// How articles are laid out on standard input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StdinFormat {
    /// One JSON object per line: {"id": "...", "text": "..."}. Other fields are ignored.
    Jsonl,
    /// Raw article bytes, one article per NUL-separated record; the path is the ordinal.
    Text,
}

impl StdinFormat {
    fn separator(self) -> u8 {
        match self {
            StdinFormat::Jsonl => b'\n',
            StdinFormat::Text => b'\0',
        }
    }
}

/// One record as read from the stream, before it is understood.
#[derive(Debug)]
pub struct RawRecord {
    /// 1 for the first record: the line number of a JSON Lines record.
    pub ordinal: u64,
    pub bytes: Vec<u8>,
}

/// An article to extract: its `path` and its bytes (borrowed from a text record).
#[derive(Debug, PartialEq, Eq)]
pub struct StreamArticle<'a> {
    pub path: String,
    pub bytes: Cow<'a, [u8]>,
}

/// Why a record is not an article. `path` names it in the error entry: the id when the
/// line had one, else `stdin:<line>`.
#[derive(Debug, PartialEq, Eq)]
pub struct Malformed {
    pub path: String,
    pub message: String,
}

impl RawRecord {
    /// Reads the record as an article of `format`.
    pub fn to_article(&self, format: StdinFormat) -> Result<StreamArticle<'_>, Malformed> {
        match format {
            StdinFormat::Text => Ok(StreamArticle { path: self.ordinal.to_string(), bytes: Cow::Borrowed(&self.bytes) }),
            StdinFormat::Jsonl => parse_json_line(self.ordinal, &self.bytes),
        }
    }
}

fn parse_json_line(line: u64, bytes: &[u8]) -> Result<StreamArticle<'static>, Malformed> {
    let anonymous = |message: String| Malformed { path: format!("stdin:{line}"), message };
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        anonymous(format!("line {line} is not JSON ({e}); each line must be an object like {{\"id\": \"a1\", \"text\": \"...\"}}"))
    })?;
    let Value::Object(mut object) = value else {
        return Err(anonymous(format!("line {line} is JSON but not an object; write {{\"id\": \"a1\", \"text\": \"...\"}}")));
    };
    let path = match object.get("id") {
        Some(Value::String(id)) => id.clone(),
        Some(Value::Number(id)) => id.to_string(),
        _ => return Err(anonymous(format!("line {line} has no \"id\" string or number; give each article an id"))),
    };
    match object.remove("text") {
        Some(Value::String(text)) => Ok(StreamArticle { path, bytes: Cow::Owned(text.into_bytes()) }),
        _ => Err(Malformed { path, message: format!("line {line} has no \"text\" string; put the article's text in \"text\"") }),
    }
}

/// Records of standard input, read ahead on their own thread into a bounded channel.
pub struct Records {
    receiver: Receiver<io::Result<Vec<u8>>>,
    next_ordinal: u64,
    held: Option<io::Result<Vec<u8>>>,
}

impl Records {
    /// Starts reading `input` (standard input in the program) split on `format`'s
    /// separator, holding at most `ahead` records that are read but not yet taken.
    pub fn spawn<R: BufRead + Send + 'static>(input: R, format: StdinFormat, ahead: usize) -> Records {
        let (sender, receiver) = mpsc::sync_channel(ahead.max(1));
        thread::spawn(move || read_records(input, format.separator(), &sender));
        Records { receiver, next_ordinal: 1, held: None }
    }

    /// The next batch: waits for one record, then takes up to `max` that are already
    /// read. `None` at the end of the input; an error when reading failed.
    pub fn next_batch(&mut self, max: usize) -> Option<io::Result<Vec<RawRecord>>> {
        let first = match self.held.take() {
            Some(record) => record,
            None => self.receiver.recv().ok()?,
        };
        let mut batch = Vec::with_capacity(max);
        let mut next = Some(first);
        while let Some(record) = next {
            match record {
                Ok(bytes) => batch.push(self.number(bytes)),
                // What was read before the failure is still returned; the error comes next.
                Err(e) if batch.is_empty() => return Some(Err(e)),
                Err(e) => {
                    self.held = Some(Err(e));
                    break;
                }
            }
            next = if batch.len() < max { self.receiver.try_recv().ok() } else { None };
        }
        Some(Ok(batch))
    }

    /// Whether taking the next batch would wait for the input: the moment to flush.
    pub fn is_dry(&mut self) -> bool {
        if self.held.is_some() {
            return false;
        }
        match self.receiver.try_recv() {
            Ok(record) => {
                self.held = Some(record);
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => false,
        }
    }

    fn number(&mut self, bytes: Vec<u8>) -> RawRecord {
        let ordinal = self.next_ordinal;
        self.next_ordinal += 1;
        RawRecord { ordinal, bytes }
    }
}

/// Sends each record of `input` without its separator (and, for lines, without a
/// `\r` before it). A final empty record, after the last separator, is not a record.
fn read_records<R: BufRead>(mut input: R, separator: u8, sender: &SyncSender<io::Result<Vec<u8>>>) {
    loop {
        let mut bytes = Vec::new();
        match input.read_until(separator, &mut bytes) {
            Ok(0) => return,
            Ok(_) => {
                if bytes.last() == Some(&separator) {
                    bytes.pop();
                    if separator == b'\n' && bytes.last() == Some(&b'\r') {
                        bytes.pop();
                    }
                }
                if sender.send(Ok(bytes)).is_err() {
                    return;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let _ = sender.send(Err(e));
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_records(input: &'static [u8], format: StdinFormat) -> Vec<RawRecord> {
        let mut records = Records::spawn(input, format, 2);
        let mut out = Vec::new();
        while let Some(batch) = records.next_batch(3) {
            let batch = batch.unwrap();
            assert!(!batch.is_empty() && batch.len() <= 3);
            out.extend(batch);
        }
        out
    }

    fn article(line: &str) -> Result<StreamArticle<'static>, Malformed> {
        parse_json_line(7, line.as_bytes())
    }

    #[test]
    fn lines_are_numbered_in_order_and_lose_their_endings() {
        let records = all_records(b"a\r\nb\n\nc\nd\ne", StdinFormat::Jsonl);
        let got: Vec<(u64, &[u8])> = records.iter().map(|r| (r.ordinal, r.bytes.as_slice())).collect();
        assert_eq!(got, [(1, &b"a"[..]), (2, b"b"), (3, b""), (4, b"c"), (5, b"d"), (6, b"e")]);
    }

    #[test]
    fn nul_separated_articles_keep_their_newlines_and_get_ordinals_as_paths() {
        let records = all_records(b"one\r\ntwo\0\0three\n\0", StdinFormat::Text);
        let articles: Vec<StreamArticle> = records.iter().map(|r| r.to_article(StdinFormat::Text).unwrap()).collect();
        assert_eq!(articles.len(), 3, "the empty record between two NULs counts, the end does not");
        assert_eq!((articles[0].path.as_str(), &*articles[0].bytes), ("1", &b"one\r\ntwo"[..]));
        assert_eq!(&*articles[1].bytes, b"");
        assert_eq!((articles[2].path.as_str(), &*articles[2].bytes), ("3", &b"three\n"[..]));
    }

    #[test]
    fn an_object_with_id_and_text_is_an_article() {
        assert_eq!(
            article(r#"{"id": "bbc/1", "text": "Caf\u00e9 \"won\"", "lang": "en"}"#).unwrap(),
            StreamArticle { path: "bbc/1".into(), bytes: Cow::Owned("Café \"won\"".as_bytes().to_vec()) }
        );
        assert_eq!(article(r#"{"text": "x", "id": 42}"#).unwrap().path, "42");
    }

    #[test]
    fn bad_lines_are_named_by_their_id_or_their_line() {
        for bad in ["", "not json", "[1, 2]", r#"{"text": "no id"}"#, r#"{"id": null, "text": "x"}"#, "{\"id\": \"a\", \"text\": \"cut"] {
            let err = article(bad).unwrap_err();
            assert_eq!(err.path, "stdin:7", "{bad}");
            assert!(err.message.starts_with("line 7 "), "{}", err.message);
        }
        let err = article(r#"{"id": "a9", "text": 5}"#).unwrap_err();
        assert_eq!(err.path, "a9");
        assert!(err.message.contains("\"text\""), "{}", err.message);
    }

    #[test]
    fn a_read_failure_comes_after_what_was_read_before_it() {
        struct FailsAfterOneLine(bool);
        impl io::Read for FailsAfterOneLine {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if std::mem::replace(&mut self.0, true) {
                    return Err(io::Error::other("disk gone"));
                }
                buf[..2].copy_from_slice(b"a\n");
                Ok(2)
            }
        }
        let mut records = Records::spawn(io::BufReader::new(FailsAfterOneLine(false)), StdinFormat::Jsonl, 4);
        let mut seen = Vec::new();
        let mut failed = false;
        while let Some(batch) = records.next_batch(8) {
            match batch {
                Ok(batch) => seen.extend(batch.into_iter().map(|r| r.bytes)),
                Err(e) => {
                    failed = true;
                    assert_eq!(e.to_string(), "disk gone");
                    break;
                }
            }
        }
        assert_eq!(seen, [b"a".to_vec()]);
        assert!(failed);
    }
}
