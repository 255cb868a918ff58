//! The JSON Lines writer of `extract`: where the lines go.
//!
//! Records arrive in input order from [`crate::ordered`], so the output is the same
//! bytes for any thread count and memory holds a window of records, not the whole
//! corpus. An `-o` file is written under a temporary name beside it and renamed into
//! place only when the run completes, so a failed run never leaves a truncated file that
//! looks like a result.

use std::fmt;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use newsfacts::{ArticleRecord, ErrorRecord};
use tempfile::NamedTempFile;

use crate::interrupt;

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

    pub fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        let writer = self.writer();
        writer.write_all(line)?;
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

/// One output line, rendered on the worker thread, and what it counts for. The line is
/// kept as the serializer's bytes: they are UTF-8, and checking that again cost as much as
/// a tenth of writing them.
pub struct Entry {
    pub line: Vec<u8>,
    pub summary: Summary,
}

impl Entry {
    pub fn new(result: &Result<ArticleRecord, ErrorRecord>) -> Entry {
        // Most records fit in this much: one allocation instead of a regrowth per doubling.
        let mut json = Vec::with_capacity(2048);
        let (written, summary) = match result {
            Ok(record) => (serde_json::to_writer(&mut json, record), Summary::of_record(record)),
            Err(error) => (serde_json::to_writer(&mut json, error), Summary { errors: 1, ..Summary::default() }),
        };
        written.expect("records serialize (plain data, string keys)");
        Entry { line: json, summary }
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
    fn a_file_appears_only_when_finished() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        let mut sink = RecordSink::file(&target).unwrap();
        sink.write_line(b"{}").unwrap();
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
