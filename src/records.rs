//! Reading records back: the JSON Lines that `extract` writes, as `check` and `audit`
//! take them in.
//!
//! A line is an article record or an error entry (a file extract could not read); a line
//! that is neither means the input is not what the user thinks it is, so reading stops
//! there with the file and line named.

use std::io::BufRead;

use crate::record::{ArticleRecord, ErrorRecord};

/// One line of a records file.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordLine {
    Article(Box<ArticleRecord>),
    /// A file `extract` could not read: nothing to check in it.
    Error(ErrorRecord),
}

/// Why a records file cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    #[error("cannot read {name}: {source}")]
    Read { name: String, source: std::io::Error },
    #[error("{name} line {line} is not a newsfacts record ({message}); pass the JSON Lines that `newsfacts extract` writes")]
    Malformed { name: String, line: usize, message: String },
}

/// Calls `each` with every record of `reader` (named `name` in messages), in order.
/// Blank lines are skipped.
pub fn read_records(
    reader: impl BufRead,
    name: &str,
    mut each: impl FnMut(RecordLine),
) -> Result<(), RecordsError> {
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| RecordsError::Read { name: name.to_string(), source })?;
        if line.trim().is_empty() {
            continue;
        }
        each(parse_line(&line).map_err(|message| RecordsError::Malformed { name: name.to_string(), line: i + 1, message })?);
    }
    Ok(())
}

fn parse_line(line: &str) -> Result<RecordLine, String> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    if value.get("error").is_some() && value.get("schema").is_none() {
        return serde_json::from_value(value).map(RecordLine::Error).map_err(|e| e.to_string());
    }
    serde_json::from_value(value).map(|r| RecordLine::Article(Box::new(r))).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<RecordLine>, RecordsError> {
        let mut out = Vec::new();
        read_records(text.as_bytes(), "r.jsonl", |r| out.push(r))?;
        Ok(out)
    }

    #[test]
    fn records_and_error_entries_are_read_in_order() {
        let record = crate::Pipeline::builtin().extract("a.txt", b"Jane Doe won the by-election.").unwrap();
        let text = format!(
            "{}\n\n{}\n",
            serde_json::to_string(&record).unwrap(),
            r#"{"path":"b.bin","error":{"code":"binary","message":"m"}}"#
        );
        let lines = read(&text).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], RecordLine::Article(Box::new(record)));
        assert!(matches!(&lines[1], RecordLine::Error(e) if e.path == "b.bin"));
    }

    #[test]
    fn other_json_is_refused_with_its_line() {
        let err = read("{\"path\": \"a\"}\n").unwrap_err().to_string();
        assert!(err.starts_with("r.jsonl line 1 is not a newsfacts record"), "{err}");
        assert!(read("not json").is_err());
    }
}
