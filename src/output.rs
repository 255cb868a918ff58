//! The JSON Lines writer of `extract`: where the lines go, and how records computed in
//! parallel reach it in path order.
//!
//! Articles are extracted on a thread pool, each thread taking the next article when it
//! is done with one; the records are written in input order through a small reorder
//! buffer, so the output is the same bytes for any thread count and memory holds a
//! window of records, not the whole corpus. An `-o` file is
//! written under a temporary name beside it and renamed into place only when the run
//! completes, so a failed run never leaves a truncated file that looks like a result.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Condvar, Mutex};

use anyhow::{bail, Context};
use newsfacts::{ArticleRecord, ErrorRecord};
use rayon::ThreadPool;
use tempfile::NamedTempFile;

use crate::interrupt;

/// Results that may wait for the writer, per thread: enough that a long article rarely
/// makes a thread wait, few enough that the waiting records stay small.
const WINDOW_PER_THREAD: usize = 16;

/// Where the JSON lines are written.
pub enum RecordSink {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File { writer: BufWriter<NamedTempFile>, target: PathBuf },
    /// `-o` naming a device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO): written in
    /// place, since there is no file to replace, and renaming a file over a device would
    /// replace the device.
    Stream { writer: BufWriter<fs::File>, target: PathBuf },
}

impl RecordSink {
    pub fn stdout() -> RecordSink {
        RecordSink::Stdout(BufWriter::new(io::stdout().lock()))
    }

    /// Opens the temporary file that becomes `target`. Creating it is the check that the
    /// folder exists and is writable, done before any article is read.
    pub fn file(target: &Path) -> anyhow::Result<RecordSink> {
        if target.is_dir() {
            bail!(
                "-o {} is a folder; give a file name, such as {}",
                target.display(),
                target.join("records.jsonl").display()
            );
        }
        if let Ok(meta) = fs::metadata(target) {
            if !meta.is_file() {
                let file = fs::OpenOptions::new().write(true).open(target).with_context(|| {
                    format!("cannot write to -o {}; choose a file or device you can write to", target.display())
                })?;
                return Ok(RecordSink::Stream { writer: BufWriter::new(file), target: target.to_path_buf() });
            }
            if meta.permissions().readonly() {
                bail!(
                    "-o {} is read-only; make it writable (chmod u+w) or choose another output file",
                    target.display()
                );
            }
        }
        // A link to a file: the file it leads to is replaced, and the link stays.
        let resolved;
        let target = match fs::symlink_metadata(target) {
            Ok(meta) if meta.file_type().is_symlink() && target.exists() => {
                resolved = fs::canonicalize(target).with_context(|| format!("cannot follow the link -o {}", target.display()))?;
                resolved.as_path()
            }
            _ => target,
        };
        let folder = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        if !folder.is_dir() {
            bail!(
                "the folder {} of -o {} does not exist; create it first or choose another output file",
                folder.display(),
                target.display()
            );
        }
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let make_temp = || {
            tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(folder).with_context(|| {
                format!(
                    "cannot write into the folder {} for -o {}; choose a folder you can write to",
                    folder.display(),
                    target.display()
                )
            })
        };
        let temp = interrupt::remove_on_signal(make_temp, |temp| Some(temp.path()))?;
        Ok(RecordSink::File { writer: BufWriter::new(temp), target: target.to_path_buf() })
    }

    /// The destination as a user would name it in a message.
    pub fn describe(&self) -> String {
        match self {
            RecordSink::Stdout(_) => "standard output".to_string(),
            RecordSink::File { target, .. } | RecordSink::Stream { target, .. } => target.display().to_string(),
        }
    }

    pub fn write_line(&mut self, line: &str) -> io::Result<()> {
        let writer = self.writer();
        writer.write_all(line.as_bytes())?;
        writer.write_all(b"\n")
    }

    /// Hands what is buffered to the reader now (a stream's consumer waits for it).
    pub fn flush(&mut self) -> io::Result<()> {
        self.writer().flush()
    }

    /// Where the bytes go, for output that is not one line per record (CSV rows, a page).
    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            RecordSink::Stdout(writer) => writer,
            RecordSink::File { writer, .. } => writer,
            RecordSink::Stream { writer, .. } => writer,
        }
    }

    /// Flushes, and moves a finished file into place.
    pub fn finish(self) -> anyhow::Result<()> {
        match self {
            RecordSink::Stdout(mut writer) => Ok(writer.flush()?),
            RecordSink::Stream { mut writer, target } => {
                writer.flush().with_context(|| format!("cannot finish writing {}", target.display()))
            }
            RecordSink::File { writer, target } => {
                let describe = || format!("cannot finish writing {}", target.display());
                let temp = writer.into_inner().map_err(io::IntoInnerError::into_error).with_context(describe)?;
                temp.as_file().sync_all().with_context(describe)?;
                give_usual_permissions(&temp, &target).with_context(describe)?;
                let temp_path = temp.path().to_path_buf();
                temp.persist(&target).map_err(|e| e.error).with_context(describe)?;
                interrupt::forget(&temp_path);
                Ok(())
            }
        }
    }
}

/// Temporary files are private (0600); the result should look like any file the user
/// writes, or keep the mode of the file it replaces.
fn give_usual_permissions(temp: &NamedTempFile, target: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions =
            fs::metadata(target).map(|m| m.permissions()).unwrap_or_else(|_| fs::Permissions::from_mode(0o644));
        temp.as_file().set_permissions(permissions)?;
    }
    #[cfg(not(unix))]
    let _ = (temp, target);
    Ok(())
}

/// How many results may wait for the writer at once on `pool`: the most a caller that
/// brings its own items (a stream) should gather before calling [`for_each_in_order`].
pub fn window_len(pool: &ThreadPool) -> usize {
    pool.current_num_threads().max(1) * WINDOW_PER_THREAD
}

/// Runs `work` over `items` on `pool` and hands the results to `emit` in item order.
/// Stops at the first error `emit` returns.
///
/// Each thread takes the next item as soon as it is done with one, so a long article
/// holds up no other thread; finished results wait in a reorder buffer until those
/// before them are written. A thread only waits when it is [`window_len`] items ahead
/// of the writer, which bounds the memory held, whatever the length of `items`.
pub fn for_each_in_order<I, R, Items>(
    pool: &ThreadPool,
    items: Items,
    work: impl Fn(I) -> R + Sync,
    mut emit: impl FnMut(R) -> io::Result<()>,
) -> io::Result<()>
where
    Items: IntoIterator<Item = I>,
    Items::IntoIter: Send,
    I: Send,
    R: Send,
{
    let capacity = window_len(pool);
    let source = Mutex::new(items.into_iter().enumerate());
    let progress = Progress { state: Mutex::new((0, false)), changed: Condvar::new() };
    let (results, received) = mpsc::channel::<(usize, R)>();
    pool.in_place_scope(|scope| {
        for _ in 0..pool.current_num_threads().max(1) {
            let results = results.clone();
            let (source, progress, work) = (&source, &progress, &work);
            scope.spawn(move |_| loop {
                let Some((i, item)) = source.lock().expect("no worker panics holding it").next() else { return };
                if !progress.wait_for_room(i, capacity) {
                    return;
                }
                if results.send((i, work(item))).is_err() {
                    return;
                }
            });
        }
        drop(results);
        let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
        let mut next = 0;
        let mut outcome = Ok(());
        for (i, result) in received {
            if outcome.is_err() {
                continue; // drain what the workers still send, then end
            }
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&next) {
                if let Err(e) = emit(result) {
                    outcome = Err(e);
                    break;
                }
                next += 1;
            }
            progress.written(next, outcome.is_err());
        }
        outcome
    })
}

/// How far the writer has got, for workers that must not run too far ahead of it.
struct Progress {
    /// Items written, and whether the run stopped.
    state: Mutex<(usize, bool)>,
    changed: Condvar,
}

impl Progress {
    /// Waits until item `i` is fewer than `capacity` items ahead of the writer; false if
    /// the run stopped meanwhile.
    fn wait_for_room(&self, i: usize, capacity: usize) -> bool {
        let mut state = self.state.lock().expect("no thread panics holding it");
        while !state.1 && i >= state.0 + capacity {
            state = self.changed.wait(state).expect("no thread panics holding it");
        }
        !state.1
    }

    fn written(&self, count: usize, stopped: bool) {
        *self.state.lock().expect("no thread panics holding it") = (count, stopped);
        self.changed.notify_all();
    }
}

/// One output line, rendered on the worker thread, and what it counts for.
pub struct Entry {
    pub line: String,
    pub summary: Summary,
}

impl Entry {
    pub fn new(result: &Result<ArticleRecord, ErrorRecord>) -> Entry {
        let (json, summary) = match result {
            Ok(record) => (serde_json::to_string(record), Summary::of_record(record)),
            Err(error) => (serde_json::to_string(error), Summary { errors: 1, ..Summary::default() }),
        };
        Entry { line: json.expect("records serialize (plain data, string keys)"), summary }
    }
}

/// The counts of the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    pub candidates: usize,
    pub figures: usize,
    pub quotes: usize,
    pub warnings: usize,
    pub errors: usize,
}

impl Summary {
    pub fn of_record(record: &ArticleRecord) -> Summary {
        Summary {
            articles: 1,
            candidates: record.candidates.len(),
            figures: record.figures.len(),
            quotes: record.quotes.len(),
            warnings: record.warnings.len(),
            errors: 0,
        }
    }

    pub fn add(&mut self, other: &Summary) {
        self.articles += other.articles;
        self.candidates += other.candidates;
        self.figures += other.figures;
        self.quotes += other.quotes;
        self.warnings += other.warnings;
        self.errors += other.errors;
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let counts = [
            (self.articles, "article", "articles"),
            (self.candidates, "candidate", "candidates"),
            (self.figures, "figure", "figures"),
            (self.quotes, "quote", "quotes"),
            (self.warnings, "warning", "warnings"),
            (self.errors, "error", "errors"),
        ];
        let parts: Vec<String> =
            counts.iter().map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many })).collect();
        write!(f, "{}", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_out_in_input_order_whatever_the_pool() {
        let items: Vec<usize> = (0..1000).collect();
        for threads in [1, 3] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let mut seen = Vec::new();
            for_each_in_order(
                &pool,
                items.iter(),
                |i| i * 2,
                |r| {
                    seen.push(r);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn workers_never_run_more_than_a_window_ahead_of_the_writer() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
        let capacity = window_len(&pool);
        let started = AtomicUsize::new(0);
        let mut written = 0;
        let mut most_ahead = 0;
        for_each_in_order(
            &pool,
            0..2000usize,
            |i| {
                started.fetch_add(1, Ordering::SeqCst);
                // Uneven work, so results finish out of order.
                (0..(i % 13) * 500).fold(i, |acc, x| acc.wrapping_add(x))
            },
            |_| {
                written += 1;
                most_ahead = most_ahead.max(started.load(Ordering::SeqCst) - written);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(written, 2000);
        assert!(most_ahead <= capacity, "{most_ahead} results ahead of the writer, window {capacity}");
    }

    #[test]
    fn a_failing_emit_stops_the_run() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let mut calls = 0;
        let result = for_each_in_order(
            &pool,
            [1, 2, 3],
            |i| i,
            |_| {
                calls += 1;
                Err(io::Error::from(io::ErrorKind::BrokenPipe))
            },
        );
        assert!(result.is_err());
        assert_eq!(calls, 1);
    }

    #[test]
    fn a_file_appears_only_when_finished() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        let mut sink = RecordSink::file(&target).unwrap();
        sink.write_line("{}").unwrap();
        assert!(!target.exists());
        sink.finish().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "{}\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
    }

    #[test]
    fn an_abandoned_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let sink = RecordSink::file(&dir.path().join("out.jsonl")).unwrap();
        drop(sink);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = RecordSink::file(&dir.path().join("missing/out.jsonl")).err().unwrap().to_string();
        assert!(err.contains("missing") && err.contains("does not exist"), "{err}");
    }

    #[test]
    fn summary_reads_as_a_sentence() {
        let summary = Summary { articles: 17, quotes: 1, ..Summary::default() };
        assert_eq!(summary.to_string(), "17 articles, 0 candidates, 0 figures, 1 quote, 0 warnings, 0 errors");
    }
}
