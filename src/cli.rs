//! The command line, as clap definitions, and its one conversion into a [`Config`].
//!
//! Nothing clap-shaped leaves this file: [`Cli::into_config`] validates what clap cannot
//! (an empty `--ext`) and hands the commands plain data. Each flag has a one-line help
//! (`-h`) and a longer explanation (`--help`); each command's `--help` ends with examples.

use std::path::PathBuf;

use anyhow::bail;
use clap::{Args, Parser, Subcommand};

use crate::config::{Config, ExtractConfig, FixturesConfig, FixturesMode};
use crate::stream::StdinFormat;

/// Extract election facts (candidates, figures, quotes) from news articles.
///
/// Every fact carries the byte span it came from, so it can be audited against the
/// source. Records follow the contract in SPEC.md: one JSON object per article.
///
/// Exit status: 0 when all went well, 1 when some input failed (or fixtures differ), 2 for
/// bad usage or unusable input.
#[derive(Debug, Parser)]
#[command(name = "newsfacts", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write one JSON record per article, as JSON Lines, sorted by path.
    ///
    /// Folders are searched recursively for files with the chosen extensions; files named
    /// on the command line are always read. Articles are processed in parallel, yet the
    /// output is the same, byte for byte, whatever the number of threads. An article that
    /// cannot be read or decoded gets an error entry ({"path": ..., "error": {"code": ...,
    /// "message": ...}}) in its place, the run goes on, and the exit status is 1.
    #[command(after_long_help = EXTRACT_EXAMPLES)]
    Extract(ExtractArgs),

    /// Check (or, with --update, rewrite) the golden files of the corpus.
    ///
    /// Each article corpus/<name>.txt has a fixture fixtures/<name>.json: the pretty JSON of
    /// its record. --check re-extracts every article and prints what differs by meaning
    /// (items added, removed or changed), one line per change; --update rewrites the
    /// fixtures so the change can be reviewed in the version-control diff.
    #[command(after_long_help = FIXTURES_EXAMPLES)]
    Fixtures(FixturesArgs),
}

const EXTRACT_EXAMPLES: &str = "\
Examples:
  newsfacts extract corpus/ > records.jsonl
  newsfacts extract corpus/ notes/extra.txt -o records.jsonl --threads 4
  newsfacts extract site-dump/ --ext md,html --data my-lists/ | jq .figures
  jq -c '{id: .url, text: .body}' dump.jsonl | newsfacts extract --stdin > records.jsonl
  for f in corpus/*.txt; do cat \"$f\"; printf '\\0'; done | newsfacts extract --stdin --stdin-format text";

const FIXTURES_EXAMPLES: &str = "\
Examples:
  newsfacts fixtures                 # check corpus/ against fixtures/
  newsfacts fixtures --update        # rewrite fixtures/ after an intended change
  newsfacts fixtures --check --corpus tests/corpus --fixtures tests/fixtures";

#[derive(Debug, Args)]
struct ExtractArgs {
    /// Article files and folders to read.
    ///
    /// A folder is searched recursively (symbolic links are followed, loops are not) for
    /// files whose extension is one of --ext. A file named here is read whatever its
    /// extension. Each record's "path" is the file as named, or the folder as named joined
    /// with the file's path inside it, e.g. corpus/000_x.txt.
    #[arg(value_name = "PATH", required_unless_present = "stdin", conflicts_with = "stdin")]
    paths: Vec<PathBuf>,

    /// Read the articles from standard input instead of files (for Spark, Hadoop, pipes).
    ///
    /// The input is JSON Lines, one {"id": ..., "text": ...} object per line (see
    /// --stdin-format for plain text). Exactly one line is written per input record, in
    /// input order: the article's record with "path" set to the id and spans as byte
    /// offsets into the UTF-8 "text", or an error entry (code "malformed-input") for a
    /// line that is not such an object. Output is flushed whenever the input runs dry and
    /// at its end. An error entry does not change the exit status here (an engine fails the
    /// whole task on a non-zero one): it is 0 once the input was read to its end.
    #[arg(long)]
    stdin: bool,

    /// With --stdin: how the articles are laid out (default: jsonl).
    ///
    /// jsonl: one JSON object per line with "id" and "text". text: raw article bytes (any
    /// encoding extract reads), articles separated by a NUL byte; each record's "path" is
    /// the article's ordinal, 1 for the first.
    #[arg(long, value_name = "FORMAT", value_enum)]
    stdin_format: Option<StdinFormat>,

    /// Write the records to FILE instead of standard output.
    ///
    /// The file is written to a temporary name in the same folder and renamed when the run
    /// completes, so it is never left half-written. The folder must already exist.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Use N threads (default: one per core).
    ///
    /// The output does not depend on it.
    #[arg(short = 'j', long, value_name = "N", value_parser = at_least_one)]
    threads: Option<usize>,

    /// Read files with extension EXT from folders.
    ///
    /// Repeat the flag or separate extensions with commas: --ext txt,md. The match ignores
    /// case and a leading dot.
    #[arg(long = "ext", value_name = "EXT", value_delimiter = ',', default_value = "txt")]
    extensions: Vec<String>,

    /// Add the word lists found in DIR to the built-in ones.
    ///
    /// DIR may hold any of parties.tsv, titles.tsv, reporting_verbs.tsv, first_names.tsv,
    /// constituencies.tsv, org_words.tsv and not_names.tsv, in the format of the files in
    /// the project's data/ folder; their rows are added to the built-in lists.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,

    /// Do not print the summary line on standard error.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct FixturesArgs {
    /// Compare fresh records with the fixtures (the default).
    ///
    /// Exits with 1 and lists the differences when any article's record changed, a fixture
    /// is missing, or a fixture's article is gone.
    #[arg(long, conflicts_with = "update")]
    check: bool,

    /// Rewrite the fixtures from fresh records.
    ///
    /// Writes fixtures/<stem>.json for every .txt article in the corpus folder and removes
    /// fixture files whose article is gone.
    #[arg(long)]
    update: bool,

    /// The folder of articles (.txt files directly inside it).
    #[arg(long, value_name = "DIR", default_value = "corpus")]
    corpus: PathBuf,

    /// The folder of fixture files.
    #[arg(long, value_name = "DIR", default_value = "fixtures")]
    fixtures: PathBuf,

    /// Add the word lists found in DIR to the built-in ones (see `extract --help`).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

impl Cli {
    /// Checks what clap cannot and turns the parse into plain configuration.
    pub fn into_config(self) -> anyhow::Result<Config> {
        Ok(match self.command {
            Command::Extract(args) => Config::Extract(ExtractConfig {
                stdin: stdin_format(args.stdin, args.stdin_format)?,
                extensions: normalize_extensions(&args.extensions)?,
                inputs: args.paths,
                output: args.output,
                threads: args.threads,
                data: args.data,
                quiet: args.quiet,
            }),
            Command::Fixtures(args) => Config::Fixtures(FixturesConfig {
                mode: if args.update { FixturesMode::Update } else { FixturesMode::Check },
                corpus: args.corpus,
                fixtures: args.fixtures,
                data: args.data,
            }),
        })
    }
}

/// `.TXT` and `txt` mean the same; an empty one is a typo.
fn normalize_extensions(raw: &[String]) -> anyhow::Result<Vec<String>> {
    let mut extensions = Vec::with_capacity(raw.len());
    for ext in raw {
        let clean = ext.trim().trim_start_matches('.').to_lowercase();
        if clean.is_empty() {
            bail!("--ext was given an empty extension; write it like --ext txt or --ext txt,md");
        }
        if !extensions.contains(&clean) {
            extensions.push(clean);
        }
    }
    Ok(extensions)
}

/// JSON Lines unless told otherwise; a format without `--stdin` is a mistake to report.
fn stdin_format(stdin: bool, format: Option<StdinFormat>) -> anyhow::Result<Option<StdinFormat>> {
    match (stdin, format) {
        (true, format) => Ok(Some(format.unwrap_or(StdinFormat::Jsonl))),
        (false, None) => Ok(None),
        (false, Some(_)) => bail!("--stdin-format only applies to articles read from standard input; add --stdin"),
    }
}

fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("it must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("'{s}' is not a whole number of threads")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> anyhow::Result<Config> {
        Cli::try_parse_from(std::iter::once("newsfacts").chain(args.iter().copied()))?.into_config()
    }

    #[test]
    fn definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn extensions_split_on_commas_and_lose_dots_and_case() {
        let Config::Extract(config) = parse(&["extract", "x", "--ext", ".TXT,md", "--ext", "md"]).unwrap() else {
            panic!("extract expected")
        };
        assert_eq!(config.extensions, ["txt", "md"]);
    }

    #[test]
    fn extract_defaults() {
        let Config::Extract(config) = parse(&["extract", "corpus/"]).unwrap() else { panic!("extract expected") };
        assert_eq!(config.extensions, ["txt"]);
        assert_eq!((config.threads, config.output, config.quiet, config.stdin), (None, None, false, None));
    }

    #[test]
    fn stdin_replaces_paths_and_takes_a_format() {
        let Config::Extract(config) = parse(&["extract", "--stdin"]).unwrap() else { panic!("extract expected") };
        assert_eq!((config.stdin, config.inputs.len()), (Some(StdinFormat::Jsonl), 0));
        let Config::Extract(config) = parse(&["extract", "--stdin", "--stdin-format", "text"]).unwrap() else {
            panic!("extract expected")
        };
        assert_eq!(config.stdin, Some(StdinFormat::Text));
        assert!(parse(&["extract", "--stdin", "corpus/"]).is_err(), "paths and --stdin exclude each other");
        assert!(parse(&["extract", "corpus/", "--stdin-format", "text"]).is_err(), "a format needs --stdin");
        assert!(parse(&["extract"]).is_err(), "paths or --stdin");
    }

    #[test]
    fn empty_extension_and_zero_threads_are_refused() {
        assert!(parse(&["extract", "x", "--ext", ""]).is_err());
        assert!(parse(&["extract", "x", "--threads", "0"]).is_err());
    }

    #[test]
    fn fixtures_default_to_check_and_refuse_both_modes() {
        let Config::Fixtures(config) = parse(&["fixtures"]).unwrap() else { panic!("fixtures expected") };
        assert_eq!(config.mode, FixturesMode::Check);
        assert_eq!(config.corpus, PathBuf::from("corpus"));
        assert!(parse(&["fixtures", "--check", "--update"]).is_err());
    }
}
