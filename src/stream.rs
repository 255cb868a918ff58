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
use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read};
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
    receiver: Receiver<Chunk>,
    next_ordinal: u64,
    /// Records received and not yet taken, in input order.
    pending: VecDeque<io::Result<Vec<u8>>>,
}

/// Records the reader sends at once: those it read without waiting for the input. One
/// record a message cost two thread wake-ups a record (the reader's and the workers'),
/// 0.17 s of CPU time over the 10k bench corpus on one thread.
type Chunk = Vec<io::Result<Vec<u8>>>;

/// The most records in one [`Chunk`].
const CHUNK_RECORDS: usize = 64;

impl Records {
    /// Starts reading `input` (standard input in the program) split on `format`'s
    /// separator, holding about `ahead` records that are read but not yet taken.
    pub fn spawn<R: Read + Send + 'static>(input: R, format: StdinFormat, ahead: usize) -> Records {
        let (sender, receiver) = mpsc::sync_channel(ahead.div_ceil(CHUNK_RECORDS).max(1));
        let input = BufReader::with_capacity(1 << 16, input);
        thread::spawn(move || read_records(input, format.separator(), &sender));
        Records { receiver, next_ordinal: 1, pending: VecDeque::new() }
    }

    /// Waits until a record has been read: `None` at the end of the input. A read
    /// failure is returned here, after every record read before it has been taken.
    pub fn wait(&mut self) -> Option<io::Result<()>> {
        if self.pending.is_empty() {
            self.pending = self.receiver.recv().ok()?.into();
        }
        match self.pending.pop_front()? {
            Err(e) => Some(Err(e)),
            record => {
                self.pending.push_front(record);
                Some(Ok(()))
            }
        }
    }

    /// The records that can be taken without waiting: the one [`Records::wait`] saw,
    /// then each one the reader has sent by the time it is asked for. It ends where the
    /// reader has nothing yet, at the end of the input, or at a read failure (which the
    /// next `wait` returns). It is lazy, so a run over it goes on taking records for as
    /// long as they keep coming: batches gathered first had every thread wait at the
    /// end of each for the batch's slowest article.
    pub fn ready(&mut self) -> Ready<'_> {
        Ready { records: self }
    }

    /// Whether taking the next record would wait for the input: the moment to flush.
    pub fn is_dry(&mut self) -> bool {
        if !self.pending.is_empty() {
            return false;
        }
        match self.receiver.try_recv() {
            Ok(chunk) => {
                self.pending = chunk.into();
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

/// See [`Records::ready`].
pub struct Ready<'r> {
    records: &'r mut Records,
}

impl Iterator for Ready<'_> {
    type Item = RawRecord;

    fn next(&mut self) -> Option<RawRecord> {
        let records = &mut *self.records;
        if records.pending.is_empty() {
            records.pending = records.receiver.try_recv().ok()?.into();
        }
        match records.pending.pop_front()? {
            Ok(bytes) => Some(records.number(bytes)),
            failure => {
                records.pending.push_front(failure);
                None
            }
        }
    }
}

/// Sends the records of `input` without their separator (and, for lines, without a
/// `\r` before it), in chunks: a chunk goes as soon as the next record would have to
/// wait for the input, so that a caller who writes one line and waits is answered. A
/// final empty record, after the last separator, is not a record.
fn read_records<R: Read>(mut input: BufReader<R>, separator: u8, sender: &SyncSender<Chunk>) {
    let mut chunk = Vec::with_capacity(CHUNK_RECORDS);
    loop {
        let mut bytes = Vec::new();
        match input.read_until(separator, &mut bytes) {
            Ok(0) => break,
            Ok(_) => {
                if bytes.last() == Some(&separator) {
                    bytes.pop();
                    if separator == b'\n' && bytes.last() == Some(&b'\r') {
                        bytes.pop();
                    }
                }
                chunk.push(Ok(bytes));
                let full = chunk.len() == CHUNK_RECORDS;
                if (full || input.buffer().is_empty()) && sender.send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_RECORDS))).is_err() {
                    return;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                chunk.push(Err(e));
                break;
            }
        }
    }
    if !chunk.is_empty() {
        let _ = sender.send(chunk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_records(input: &'static [u8], format: StdinFormat) -> Vec<RawRecord> {
        let mut records = Records::spawn(input, format, 2);
        let mut out = Vec::new();
        while let Some(waited) = records.wait() {
            waited.unwrap();
            let before = out.len();
            out.extend(records.ready());
            assert!(out.len() > before, "a record waited for is ready");
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

    /// Input that arrives when the test sends it, as from a caller writing a line at a
    /// time and waiting for each answer.
    struct Typed(mpsc::Receiver<&'static [u8]>);

    impl io::Read for Typed {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Ok(bytes) = self.0.recv() else { return Ok(0) };
            buf[..bytes.len()].copy_from_slice(bytes);
            Ok(bytes.len())
        }
    }

    #[test]
    fn a_record_is_ready_while_the_input_waits_and_a_run_takes_what_comes_later() {
        let (typist, typed) = mpsc::channel();
        let mut records = Records::spawn(Typed(typed), StdinFormat::Jsonl, 128);
        // Generous: this only guards against a hang, it measures nothing.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
        let before_deadline = || {
            assert!(std::time::Instant::now() < deadline, "a record read never came");
            thread::yield_now();
        };
        typist.send(&b"first\n"[..]).unwrap();
        // The reader now waits for more input: what it read must not wait with it.
        while records.is_dry() {
            before_deadline();
        }
        assert!(records.wait().unwrap().is_ok());
        let mut ready = records.ready();
        assert_eq!(ready.next().unwrap().bytes, b"first");
        typist.send(&b"second\nthird\n"[..]).unwrap();
        let mut later = Vec::new();
        while later.len() < 2 {
            match ready.next() {
                Some(record) => later.push((record.ordinal, record.bytes)),
                None => before_deadline(),
            }
        }
        assert_eq!(later, [(2, b"second".to_vec()), (3, b"third".to_vec())]);
        drop(typist);
        assert!(records.wait().is_none(), "the input ended");
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
        let mut records = Records::spawn(FailsAfterOneLine(false), StdinFormat::Jsonl, 4);
        let mut seen = Vec::new();
        let mut failed = false;
        while let Some(waited) = records.wait() {
            match waited {
                Ok(()) => seen.extend(records.ready().map(|r| r.bytes)),
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
