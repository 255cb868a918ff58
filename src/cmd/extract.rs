//! `newsfacts extract PATH...`: one JSON line per article (or, with `--format csv`, the
//! rows of one table), in path order; with `--html`, also the review page. With
//! `--stdin`, the articles come from standard input and the lines follow input order.
//!
//! Everything that can make the run pointless (an unwritable `-o`, a bad `--data` list,
//! a path that does not exist) is checked before the first article is read. After that,
//! an article that fails only costs its own line: it gets an error entry in its place and
//! the exit status becomes 1 (0 with `--stdin`, where engines read a non-zero status as
//! a failed task; the error entries are in the stream).

use std::fs::File;
use std::io::{self, Read};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::AtomicUsize;

use anyhow::Context;
use newsfacts::extract::ahead;
use newsfacts::record::ErrorDetail;
use newsfacts::records::RecordLine;
use newsfacts::report::ReportOptions;
use newsfacts::table;
use newsfacts::{ArticleRecord, ErrorRecord, Pipeline};
use rayon::ThreadPool;

use super::{load_pipeline, report, Outcome};
use crate::config::{ExtractConfig, RecordFormat};
use crate::input::{self, Input};
use crate::ordered::{for_each_in_order, window_len};
use crate::output::{Entry, RecordSink, Summary};
use crate::progress::Progress;
use crate::stream::{RawRecord, Records, StdinFormat};

/// Where the articles come from.
enum Articles {
    Files(input::Inputs),
    Stdin(StdinFormat),
}

pub fn run(config: &ExtractConfig) -> anyhow::Result<Outcome> {
    let mut sink = match &config.output {
        Some(target) => RecordSink::file(target)?,
        None => RecordSink::stdout(),
    };
    let page = config.html.as_deref().map(|target| report::page_sink(Some(target))).transpose()?;
    let pipeline = load_pipeline(config.data.as_deref())?;
    let articles = match config.stdin {
        Some(format) => Articles::Stdin(format),
        None => Articles::Files(input::walk(&config.inputs, &config.extensions)?),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads.unwrap_or(0))
        .build()
        .context("cannot start the worker threads; try a smaller --threads")?;

    let destination = sink.describe();
    let mut summary = Summary::default();
    // A stream has no known length to draw a bar for; its throughput is still counted.
    let mut progress = Progress::start(|| input::count(&config.inputs, &config.extensions), config.quiet || config.stdin.is_some());
    let mut kept: Vec<RecordLine> = Vec::new();
    let keep = page.is_some();
    if let RecordFormat::Csv(table) = config.format {
        let header: Vec<String> = table.headers().iter().map(ToString::to_string).collect();
        sink.writer().write_all(table::to_csv(&[header]).as_bytes()).with_context(|| format!("cannot write to {destination}"))?;
    }
    let mut emit = |done: Extracted, sink: &mut RecordSink| {
        summary.add(&done.summary);
        progress.advance(done.bytes);
        if let (RecordFormat::Csv(_), Some(error)) = (config.format, &done.error) {
            eprintln!("newsfacts: {}: {} (it has no rows in the table)", error.path, error.error.message);
        }
        kept.extend(done.kept);
        match config.format {
            RecordFormat::Jsonl => sink.write_line(&done.text),
            RecordFormat::Csv(_) => sink.writer().write_all(&done.text),
        }
    };
    match articles {
        Articles::Files(inputs) => for_each_in_order(
            &pool,
            compile_ahead_if_large(&pool, &pipeline, inputs),
            |input| Extracted::new(extract_one(&pipeline, &input, config.max_bytes), config.format, keep),
            |done| emit(done, &mut sink),
        )
        .with_context(|| format!("cannot write the records to {destination}"))?,
        Articles::Stdin(format) => {
            let work = |record: RawRecord| Extracted::new(extract_record(&pipeline, &record, format, config.max_bytes), config.format, keep);
            extract_stream(&pool, format, &mut sink, work, &mut emit)?
        }
    }
    sink.finish()?;
    let throughput = progress.finish();

    if !config.quiet {
        eprintln!("newsfacts: {summary}; {throughput}");
    }
    if let Some(page) = page {
        let written = report::write_page(kept, None, &ReportOptions::default(), page)?;
        if !config.quiet {
            eprintln!("newsfacts: {written}");
        }
    }
    Ok(if summary.errors > 0 && config.stdin.is_none() { Outcome::Failures } else { Outcome::Clean })
}

/// `inputs`, after the pipeline's patterns have been compiled on all of `pool`'s threads
/// at once when the run is large enough to need most of them ([`ahead::worth_it`], which
/// looks at the first thousand inputs). Otherwise each compiles when first needed.
fn compile_ahead_if_large(pool: &ThreadPool, pipeline: &Pipeline, mut inputs: input::Inputs) -> impl Iterator<Item = Input> + Send {
    let first: Vec<Input> = inputs.by_ref().take(ahead::WORTH_IT_FROM).collect();
    if ahead::worth_it(pool.current_num_threads(), first.len()) {
        let turns = AtomicUsize::new(0);
        pool.broadcast(|_| pipeline.compile_ahead(&turns));
    }
    first.into_iter().chain(inputs)
}

/// Standard input through the same ordered machinery as files, one run for as long as
/// records keep arriving; the output is flushed whenever the input runs dry.
fn extract_stream(
    pool: &ThreadPool,
    format: StdinFormat,
    sink: &mut RecordSink,
    work: impl Fn(RawRecord) -> Extracted + Sync,
    emit: &mut impl FnMut(Extracted, &mut RecordSink) -> io::Result<()>,
) -> anyhow::Result<()> {
    let window = window_len(pool);
    let mut records = Records::spawn(io::stdin(), format, window);
    let destination = sink.describe();
    while let Some(waited) = records.wait() {
        waited.context("cannot read the articles from standard input")?;
        for_each_in_order(pool, records.ready(), &work, |done| emit(done, sink))
            .and_then(|()| if records.is_dry() { sink.flush() } else { Ok(()) })
            .with_context(|| format!("cannot write the records to {destination}"))?;
    }
    Ok(())
}

/// One article's output, made on the worker thread.
struct Extracted {
    /// What to write: a JSON line (without its line end), or the article's CSV rows.
    text: Vec<u8>,
    summary: Summary,
    /// The article's size, for the throughput.
    bytes: u64,
    /// The file could not be read: in CSV no row says so, so the run does.
    error: Option<ErrorRecord>,
    /// The record or error entry, kept for the review page.
    kept: Option<RecordLine>,
}

impl Extracted {
    fn new(result: Result<ArticleRecord, ErrorRecord>, format: RecordFormat, keep: bool) -> Extracted {
        let (text, summary) = match (format, &result) {
            (RecordFormat::Jsonl, _) => {
                let entry = Entry::new(&result);
                (entry.line, entry.summary)
            }
            (RecordFormat::Csv(table), Ok(record)) => (table::to_csv(&table.rows(record)).into_bytes(), Summary::of_record(record)),
            (RecordFormat::Csv(_), Err(_)) => (Vec::new(), Summary { errors: 1, ..Summary::default() }),
        };
        let bytes = result.as_ref().map_or(0, |r| r.bytes);
        let error = result.as_ref().err().cloned();
        let kept = keep.then(|| match result {
            Ok(record) => RecordLine::Article(Box::new(record)),
            Err(error) => RecordLine::Error(error),
        });
        Extracted { text, summary, bytes, error, kept }
    }
}

/// The record of one article file, or the error entry that takes its place.
pub(super) fn extract_one(pipeline: &Pipeline, input: &Input, max_bytes: u64) -> Result<ArticleRecord, ErrorRecord> {
    let result = match &input.walk_error {
        Some(reason) => Err(error_entry(&input.label, "unreadable", reason.to_string())),
        None => with_article(input, max_bytes, |raw| extract_guarded(pipeline, &input.label, raw)),
    };
    let path_bytes = || input.label_bytes.clone();
    result
        .map(|record| ArticleRecord { path_bytes: path_bytes(), ..record })
        .map_err(|error| ErrorRecord { path_bytes: path_bytes(), ..error })
}

/// `f` of the bytes of an article of at most `max_bytes`. A small file the walk found
/// regular is read in one go into this thread's buffer, which `f` reads in place
/// ([`with_small_file`]): a copy of it was an allocation and a free per article.
fn with_article<T>(input: &Input, max_bytes: u64, f: impl FnOnce(&[u8]) -> Result<T, ErrorRecord>) -> Result<T, ErrorRecord> {
    let f = if input.regular {
        match with_small_file(&input.path, max_bytes, f) {
            Ok(result) => return result,
            Err(f) => f,
        }
    } else {
        f
    };
    read_article(input, max_bytes).and_then(|raw| f(&raw))
}

/// The bytes of an article of at most `max_bytes`, read by the general path: a larger
/// file is refused from its size alone, unread; a pipe or a device, whose size is not
/// known, is read up to one byte past the limit, so that nothing ever reads more than
/// `max_bytes + 1`.
fn read_article(input: &Input, max_bytes: u64) -> Result<Vec<u8>, ErrorRecord> {
    let unreadable = |e: io::Error| {
        let message = input::dangling_link(&input.path).unwrap_or_else(|| format!("cannot read this file: {e}"));
        error_entry(&input.label, "unreadable", message)
    };
    // The size comes from the open file: one path lookup per article, not two. A file
    // that cannot be opened is looked up by its path, so that a folder or a file too
    // large is still named as such to a user who may not read it.
    let (file, meta) = match File::open(&input.path) {
        Ok(file) => {
            let meta = file.metadata().map_err(unreadable)?;
            (Ok(file), meta)
        }
        Err(e) => (Err(e), std::fs::metadata(&input.path).map_err(unreadable)?),
    };
    if meta.is_dir() {
        return Err(error_entry(&input.label, "unreadable", "this is a folder, not an article; name the folder itself to read the articles in it".into()));
    }
    if meta.is_file() && meta.len() > max_bytes {
        let size = format!("the file is {} bytes", meta.len());
        return Err(too_large(&input.label, &size, "it was skipped unread", max_bytes));
    }
    let file = file.map_err(unreadable)?;
    let raw = if meta.is_file() { read_regular(file, meta.len(), max_bytes + 1) } else { read_stream(file, max_bytes + 1) };
    let raw = raw.map_err(unreadable)?;
    if raw.len() as u64 > max_bytes {
        let size = format!("the file holds at least {} bytes (it is a stream, or it grew while read)", raw.len());
        return Err(too_large(&input.label, &size, "reading stopped there and it was skipped", max_bytes));
    }
    Ok(raw)
}

/// The most a file read by [`with_small_file`] may hold: more than nearly every article.
const SMALL_FILE: usize = 64 << 10;

thread_local! {
    /// Where [`with_small_file`] reads, kept from article to article.
    static SMALL_READS: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; SMALL_FILE]);
}

/// `f` of the bytes of a file the folder walk found to be a regular file, when it holds
/// fewer than [`SMALL_FILE`] bytes (and the limit allows that many): one read, where the
/// general path first asks for the file's size. A read of a regular file that stops
/// short of the buffer has reached the file's end. For anything else (a larger file, a
/// file that cannot be opened or read, one that has become something else since the
/// walk) `f` comes back uncalled: the general path then reads the file, or says why it
/// cannot.
fn with_small_file<T, F: FnOnce(&[u8]) -> T>(path: &std::path::Path, max_bytes: u64, f: F) -> Result<T, F> {
    if max_bytes < SMALL_FILE as u64 {
        return Err(f);
    }
    let Ok(mut file) = File::open(path) else { return Err(f) };
    SMALL_READS.with(|buffer| {
        // Busy only if `f` itself reached here: then the general path serves.
        let Ok(mut buffer) = buffer.try_borrow_mut() else { return Err(f) };
        let n = loop {
            match file.read(&mut buffer[..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Ok(n) if n < SMALL_FILE => break n,
                _ => return Err(f),
            }
        };
        Ok(f(&buffer[..n]))
    })
}

/// Up to `limit` bytes of a regular file of `size` bytes, in one read when its size
/// holds. A read of a regular file stops short only at the file's end, so a buffer one
/// byte larger than the file that comes back short has read all of it, without the
/// second read that `read_to_end` makes to find the end (one of the five system calls
/// an article cost). A file that grew since its size was taken fills the buffer, and is
/// read on to its end like a stream.
fn read_regular(mut file: File, size: u64, limit: u64) -> io::Result<Vec<u8>> {
    let want = usize::try_from(size.saturating_add(1).min(limit)).unwrap_or(usize::MAX);
    let mut raw = vec![0u8; want];
    let mut filled = 0;
    while filled < raw.len() {
        match file.read(&mut raw[filled..]) {
            Ok(0) => break,
            Ok(n) if n < raw.len() - filled && filled + n == usize::try_from(size).unwrap_or(usize::MAX) => {
                filled += n;
                break;
            }
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    raw.truncate(filled);
    if filled == want && (filled as u64) < limit {
        file.take(limit - filled as u64).read_to_end(&mut raw)?;
    }
    Ok(raw)
}

/// Up to `limit` bytes of a file whose size says nothing (a pipe, a device).
fn read_stream(file: File, limit: u64) -> io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    file.take(limit).read_to_end(&mut raw)?;
    Ok(raw)
}

/// The record of one article of the stream, or the error entry that takes its place.
fn extract_record(
    pipeline: &Pipeline,
    record: &RawRecord,
    format: StdinFormat,
    max_bytes: u64,
) -> Result<ArticleRecord, ErrorRecord> {
    let article = record.to_article(format).map_err(|bad| error_entry(&bad.path, "malformed-input", bad.message))?;
    if article.bytes.len() as u64 > max_bytes {
        let size = format!("the article is {} bytes", article.bytes.len());
        return Err(too_large(&article.path, &size, "it was skipped", max_bytes));
    }
    extract_guarded(pipeline, &article.path, &article.bytes)
}

/// An extractor bug on one article must not cost the user the other records; the panic
/// message itself still reaches stderr through the default hook.
fn extract_guarded(pipeline: &Pipeline, path: &str, raw: &[u8]) -> Result<ArticleRecord, ErrorRecord> {
    panic::catch_unwind(AssertUnwindSafe(|| pipeline.extract(path, raw))).unwrap_or_else(|_| {
        Err(error_entry(path, "internal", "the extractor crashed on this article; please report it with the file".into()))
    })
}

/// The `too-large` entry: "{size}, more than --max-bytes N; {outcome} (raise ...)".
fn too_large(path: &str, size: &str, outcome: &str, max_bytes: u64) -> ErrorRecord {
    let message = format!("{size}, more than --max-bytes {max_bytes}; {outcome} (raise --max-bytes to read it)");
    error_entry(path, "too-large", message)
}

fn error_entry(path: &str, code: &str, message: String) -> ErrorRecord {
    ErrorRecord { path: path.to_string(), path_bytes: None, error: ErrorDetail { code: code.to_string(), message } }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `read_regular` given the size a stat would have given, right or stale.
    fn read(content: &[u8], stated: u64, limit: u64) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, content).unwrap();
        read_regular(File::open(&path).unwrap(), stated, limit).unwrap()
    }

    #[test]
    fn a_regular_file_is_read_whole_whatever_its_stated_size() {
        let text = b"Labour held the seat.".repeat(500);
        let len = text.len() as u64;
        for stated in [len, 0, 1, len - 1, len + 1, 3 * len] {
            assert_eq!(read(&text, stated, 1 << 20), text, "stated {stated}");
        }
        assert_eq!(read(b"", 0, 10), b"");
        assert_eq!(read(b"", 5, 10), b"");
    }

    #[test]
    fn reading_stops_one_byte_past_the_limit() {
        let text = b"x".repeat(100);
        for stated in [0, 10, 100] {
            assert_eq!(read(&text, stated, 11).len(), 11, "stated {stated}");
        }
        assert_eq!(read(&text, 100, 101).len(), 100);
    }

    #[test]
    fn a_small_walked_file_is_read_in_one_go_and_anything_else_the_general_way() {
        let dir = tempfile::tempdir().unwrap();
        let limit = crate::config::DEFAULT_MAX_BYTES;
        for size in [0, 1, 2_500, SMALL_FILE - 1, SMALL_FILE, SMALL_FILE + 1, 3 * SMALL_FILE] {
            let path = dir.path().join(format!("{size}.txt"));
            let content: Vec<u8> = (0..size).map(|i| b"ab\n\xff"[i % 4]).collect();
            std::fs::write(&path, &content).unwrap();
            let small = with_small_file(&path, limit, <[u8]>::to_vec).ok();
            assert_eq!(small.is_some(), size < SMALL_FILE, "{size}");
            assert!(small.is_none_or(|raw| raw == content), "{size}");
            // Walked or named, the article's bytes are the same.
            let named = Input { label: "a".into(), label_bytes: None, path: path.clone(), walk_error: None, regular: false };
            let walked = Input { regular: true, ..named.clone() };
            assert_eq!(with_article(&walked, limit, |raw| Ok(raw.to_vec())).unwrap(), content, "{size}");
            assert_eq!(with_article(&named, limit, |raw| Ok(raw.to_vec())).unwrap(), content, "{size}");
            // An article read while another is being read in place is read the general way.
            let nested = with_article(&walked, limit, |outer| Ok((outer.to_vec(), with_article(&walked, limit, |inner| Ok(inner.to_vec())))));
            assert_eq!(nested.map(|(outer, inner)| (outer, inner.unwrap())).unwrap(), (content.clone(), content.clone()), "{size}");
            // Under a limit below the buffer, the general path and its messages decide.
            assert!(with_small_file(&path, SMALL_FILE as u64 - 1, <[u8]>::to_vec).is_err());
            assert_eq!(with_article(&walked, 10, |raw| Ok(raw.to_vec())).map_err(|e| e.error.message), with_article(&named, 10, |raw| Ok(raw.to_vec())).map_err(|e| e.error.message));
        }
        // What the walk saw as a file may be gone or a folder by the time it is read.
        for path in [dir.path().join("missing.txt"), dir.path().to_path_buf()] {
            assert!(with_small_file(&path, limit, <[u8]>::to_vec).ok().is_none());
            let named = Input { label: "a".into(), label_bytes: None, path, walk_error: None, regular: false };
            let walked = Input { regular: true, ..named.clone() };
            assert_eq!(with_article(&walked, limit, |raw| Ok(raw.to_vec())).map_err(|e| e.error.message), with_article(&named, limit, |raw| Ok(raw.to_vec())).map_err(|e| e.error.message));
        }
    }
}
