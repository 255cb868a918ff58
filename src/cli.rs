//! The command line, as clap definitions, and its one conversion into a [`Config`].
//!
//! Nothing clap-shaped leaves this file: [`Cli::into_config`] validates what clap cannot
//! (an empty `--ext`) and hands the commands plain data. Each flag has a one-line help
//! (`-h`) and a longer explanation (`--help`); each command's `--help` ends with examples.

use std::path::PathBuf;

use anyhow::bail;
use clap::{Args, Parser, Subcommand};

use newsfacts::table::Table;

use crate::config::{
    AuditConfig, CheckConfig, Config, ExtractConfig, FindingFormat, FixturesConfig, FixturesMode, RecordFormat, ReportConfig,
};
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
    /// Write one JSON record per article, as JSON Lines (or CSV tables), sorted by path.
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

    /// Cross-check extracted numbers: within each article and across articles.
    ///
    /// Within an article: a share against the votes (with the rounding the text used), a
    /// majority against the first two's votes, turnout against the votes cast, the winner
    /// against the others, shares summing to at most 100, percentages within 0-100, turnout
    /// against turnout count and electorate, and stated ratios ("almost doubling") against
    /// the numbers they relate. Across articles: one candidate with two parties, one
    /// contest (area and year) with two different numbers. Each finding has a stable rule
    /// id, a severity, a message and the path and byte span of every number it rests on.
    /// Exit status: 0 no findings, 1 findings, 2 unusable input.
    #[command(after_long_help = CHECK_EXAMPLES)]
    Check(CheckArgs),

    /// Re-read every source and prove each record's numbers stand where it says.
    ///
    /// Reports a missing or changed source (sha256), any span whose bytes are not the
    /// record's text, any value its text does not say, and lists for review the numbers in
    /// the source's sentences about voting that no figure accounts for. With --reference,
    /// also holds votes, shares and majorities against an official results table.
    /// Exit status: 0 clean (review items and agreements do not count), 1 findings, 2
    /// unusable input.
    #[command(after_long_help = AUDIT_EXAMPLES)]
    Audit(AuditArgs),

    /// Write an HTML page for reviewing the records: each article with its facts
    /// highlighted.
    ///
    /// One self-contained file (no network needed to open it): an index of the articles
    /// with their counts and finding badges; for each article, its text with every
    /// candidate, figure and quote highlighted in its own colour (hover or tap one for its
    /// kind, value, subject and rule), a results table per contest in vote order, the
    /// quotes grouped by speaker, and the findings of `check` and `audit` beside the
    /// sentences they concern. The sources are re-read from the records' paths, relative to
    /// --root. Exit status: 0 page written (findings do not count), 2 unusable input.
    #[command(after_long_help = REPORT_EXAMPLES)]
    Report(ReportArgs),
}

const REPORT_EXAMPLES: &str = "\
Examples:
  newsfacts extract corpus/ -o records.jsonl
  newsfacts report records.jsonl -o report.html
  newsfacts report records.jsonl --root /data/articles -o report.html --title \"Election night\"
  newsfacts extract corpus/ -o records.jsonl --html report.html    # both in one run";

const CHECK_EXAMPLES: &str = "\
Examples:
  newsfacts check records.jsonl
  newsfacts check corpus/                       # extract on the way
  newsfacts check a.jsonl b.jsonl --format jsonl | jq 'select(.severity == \"error\")'";

const AUDIT_EXAMPLES: &str = "\
Examples:
  newsfacts audit records.jsonl
  newsfacts audit records.jsonl --root /data/articles
  newsfacts audit records.jsonl --reference HoC-GE2019-results-by-candidate.csv \\
      --year 2019 --kind general

Reference tables: a CSV with a header row and one row per candidate. Columns are found
by name (case and spaces ignored):
  area        constituency_name, constituency, ward_name, ward, division,
              electoral_division, district, county_name, county, area, contest
  surname     surname, last_name, lastname, family_name
              (or a full name: candidate_name, candidate, name)
  first name  firstname, first_name, forename, forenames, given_name (optional)
  votes       votes, candidate_votes, total_votes, vote
  share       share, vote_share, share_pct, percent, pct, percentage (optional;
              fractions 0-1 or percentages)
Candidates are matched on area and surname; the first name only decides between two
candidates of one surname.";

const EXTRACT_EXAMPLES: &str = "\
Examples:
  newsfacts extract corpus/ > records.jsonl
  newsfacts extract corpus/ notes/extra.txt -o records.jsonl --threads 4
  newsfacts extract site-dump/ --ext md,html --data my-lists/ | jq .figures
  newsfacts extract corpus/ --format csv --table candidates -o candidates.csv
  newsfacts extract corpus/ -o records.jsonl --html report.html
  jq -c '{id: .url, text: .body}' dump.jsonl | newsfacts extract --stdin > records.jsonl
  for f in corpus/*.txt; do cat \"$f\"; printf '\\0'; done | newsfacts extract --stdin --stdin-format text

CSV columns (one row per item; empty cells are nulls; spans are byte offsets):
  candidates  path, name, party, constituency, elected, votes, share_pct, span_start,
              span_end (first mention), mentions (start-end;...), evidence (a;b)
  figures     path, kind, value, approx, subject, subject_type, year, span_start,
              span_end, text, rule
  quotes      path, speaker, cue, partial, span_start, span_end, speaker_span_start,
              speaker_span_end, rule, text";

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

    /// Skip articles larger than SIZE bytes.
    ///
    /// A larger file gets a "too-large" error entry, without being read: news articles are
    /// rarely above 100 KB, and a file of hundreds of megabytes in a news folder is a dump
    /// or a mistake. Work and memory grow in proportion to an article's size (a 10 MB
    /// article needs about 90 MB, per thread). SIZE is a number of bytes, or a
    /// number with K, M or G (1024, 1024², 1024³): --max-bytes 50M.
    #[arg(long, value_name = "SIZE", default_value = "10M", value_parser = parse_size)]
    max_bytes: u64,
    /// Write JSON Lines (one record per article) or CSV (one row per item of --table).
    ///
    /// CSV is RFC 4180 (cells quoted where needed, CRLF line ends) with a header row; an
    /// article that cannot be read has no rows and is named on standard error. The
    /// columns are listed at the end of `extract --help`.
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<RecordFormatArg>,

    /// The items of the CSV: candidates, figures or quotes (implies --format csv).
    #[arg(long, value_enum, value_name = "TABLE")]
    table: Option<TableArg>,

    /// Also write the review page of these records to FILE (see `report --help`).
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,

    /// Do not print progress or the summary line on standard error.
    ///
    /// Progress is shown only on a terminal, and only for runs longer than a second.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum RecordFormatArg {
    Jsonl,
    Csv,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum TableArg {
    Candidates,
    Figures,
    Quotes,
}

impl From<TableArg> for Table {
    fn from(t: TableArg) -> Table {
        match t {
            TableArg::Candidates => Table::Candidates,
            TableArg::Figures => Table::Figures,
            TableArg::Quotes => Table::Quotes,
        }
    }
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// Records files, as `newsfacts extract` writes them (- for standard input).
    #[arg(value_name = "RECORDS", required = true)]
    records: Vec<PathBuf>,

    /// Write the page to FILE (default: standard output, when it is not a terminal).
    ///
    /// The file is written under a temporary name and renamed when complete.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// The folder the records' paths are relative to (default: the current folder).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,

    /// The page's title.
    #[arg(long, value_name = "TEXT", default_value = "newsfacts report")]
    title: String,

    /// Leave out the numbers listed for review (those no figure accounts for).
    #[arg(long)]
    no_review: bool,

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

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Text,
    Jsonl,
}

impl From<FormatArg> for FindingFormat {
    fn from(f: FormatArg) -> FindingFormat {
        match f {
            FormatArg::Text => FindingFormat::Text,
            FormatArg::Jsonl => FindingFormat::Jsonl,
        }
    }
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Records files, or articles to extract first.
    ///
    /// A file ending in .jsonl, .ndjson or .json (or - for standard input) is read as the
    /// records `newsfacts extract` writes; a folder or any other file is read as articles
    /// and extracted on the way, as `extract` would.
    #[arg(value_name = "RECORDS|PATH", required = true)]
    inputs: Vec<PathBuf>,

    /// Print findings as text blocks or as one JSON object per line.
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,

    /// Read files with extension EXT from folders of articles (see `extract --help`).
    #[arg(long = "ext", value_name = "EXT", value_delimiter = ',', default_value = "txt")]
    extensions: Vec<String>,

    /// Add the word lists found in DIR, for articles extracted on the way.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,

    /// Use N threads to extract articles (default: one per core).
    #[arg(short = 'j', long, value_name = "N", value_parser = at_least_one)]
    threads: Option<usize>,

    /// Also write the review page of the records and their findings to FILE (see
    /// `report --help`).
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,

    /// The folder the records' paths are relative to, for --html (default: the current
    /// folder).
    #[arg(long, value_name = "DIR", requires = "html")]
    root: Option<PathBuf>,

    /// Do not print progress or the summary line on standard error.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct AuditArgs {
    /// Records files, as `newsfacts extract` writes them (- for standard input).
    #[arg(value_name = "RECORDS", required = true)]
    records: Vec<PathBuf>,

    /// The folder the records' paths are relative to (default: the current folder).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,

    /// Hold votes, shares and majorities against this official results table (CSV).
    ///
    /// See the end of `audit --help` for the columns it may have.
    #[arg(long, value_name = "CSV")]
    reference: Option<PathBuf>,

    /// The year of the table's election: articles that say they report another year are
    /// not compared with it.
    #[arg(long, value_name = "YEAR", requires = "reference")]
    year: Option<i32>,

    /// The kind of the table's election (general, local, by-election, primary...):
    /// articles that say they report another kind are not compared with it.
    #[arg(long, value_name = "KIND", requires = "reference")]
    kind: Option<String>,

    /// Print findings as text blocks or as one JSON object per line.
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,

    /// Leave out the numbers listed for review (those no figure accounts for).
    #[arg(long)]
    no_review: bool,

    /// Do not print the summary line on standard error.
    #[arg(short, long)]
    quiet: bool,
}

impl Cli {
    /// Checks what clap cannot and turns the parse into plain configuration.
    pub fn into_config(self) -> anyhow::Result<Config> {
        Ok(match self.command {
            Command::Extract(args) => Config::Extract(ExtractConfig {
                stdin: stdin_format(args.stdin, args.stdin_format)?,
                extensions: normalize_extensions(&args.extensions)?,
                format: record_format(args.format, args.table)?,
                inputs: args.paths,
                output: args.output,
                threads: args.threads,
                data: args.data,
                max_bytes: args.max_bytes,
                html: args.html,
                quiet: args.quiet,
            }),
            Command::Fixtures(args) => Config::Fixtures(FixturesConfig {
                mode: if args.update { FixturesMode::Update } else { FixturesMode::Check },
                corpus: args.corpus,
                fixtures: args.fixtures,
                data: args.data,
            }),
            Command::Check(args) => Config::Check(CheckConfig {
                extensions: normalize_extensions(&args.extensions)?,
                inputs: args.inputs,
                format: args.format.into(),
                data: args.data,
                threads: args.threads,
                html: args.html,
                root: args.root,
                quiet: args.quiet,
            }),
            Command::Audit(args) => Config::Audit(AuditConfig {
                records: args.records,
                root: args.root,
                reference: args.reference,
                reference_year: args.year,
                reference_kind: args.kind,
                format: args.format.into(),
                no_review: args.no_review,
                quiet: args.quiet,
            }),
            Command::Report(args) => Config::Report(ReportConfig {
                records: args.records,
                output: args.output,
                root: args.root,
                title: args.title,
                review: !args.no_review,
                quiet: args.quiet,
            }),
        })
    }
}

/// `--table` alone means CSV; CSV needs a table; JSON Lines has none.
fn record_format(format: Option<RecordFormatArg>, table: Option<TableArg>) -> anyhow::Result<RecordFormat> {
    match (format, table) {
        (None | Some(RecordFormatArg::Jsonl), None) => Ok(RecordFormat::Jsonl),
        (None | Some(RecordFormatArg::Csv), Some(table)) => Ok(RecordFormat::Csv(table.into())),
        (Some(RecordFormatArg::Csv), None) => {
            bail!("--format csv needs a table: add --table candidates, --table figures or --table quotes")
        }
        (Some(RecordFormatArg::Jsonl), Some(_)) => {
            bail!("--table is for CSV output; drop --format jsonl, or write --format csv")
        }
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

/// The largest `--max-bytes`: text offsets are kept in 32 bits.
const LARGEST_MAX_BYTES: u64 = u32::MAX as u64;

/// "5000000", "512K", "10M", "1G" (and "10MB", "10MiB", any case) as a number of bytes.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let factor: u64 = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        _ => return Err(format!("'{s}' is not a size; write a number of bytes, or a number with K, M or G, as in 10M")),
    };
    let bytes = number.parse::<u64>().ok().and_then(|n| n.checked_mul(factor));
    match bytes {
        None => Err(format!("'{s}' is not a size; write a number of bytes, or a number with K, M or G, as in 10M")),
        Some(0) => Err("it must be at least 1 byte".to_string()),
        Some(n) if n > LARGEST_MAX_BYTES => Err(format!("it can be at most 4G-1 ({LARGEST_MAX_BYTES} bytes)")),
        Some(n) => Ok(n),
    }
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
    fn sizes_take_binary_units() {
        assert_eq!(parse_size("5000000"), Ok(5_000_000));
        assert_eq!(parse_size("512K"), Ok(512 * 1024));
        assert_eq!(parse_size("10M"), Ok(10 * 1024 * 1024));
        assert_eq!(parse_size("10mb"), Ok(10 * 1024 * 1024));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        let Config::Extract(config) = parse(&["extract", "x"]).unwrap() else { panic!("extract expected") };
        assert_eq!(config.max_bytes, crate::config::DEFAULT_MAX_BYTES, "the default in --help is the constant");
    }

    #[test]
    fn sizes_that_mean_nothing_are_refused() {
        for bad in ["", "M", "ten", "10X", "-5", "1.5M", "0", "4G", "99999999999999999999"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
        assert!(parse(&["extract", "x", "--max-bytes", "lots"]).is_err());
    }

    #[test]
    fn empty_extension_and_zero_threads_are_refused() {
        assert!(parse(&["extract", "x", "--ext", ""]).is_err());
        assert!(parse(&["extract", "x", "--threads", "0"]).is_err());
    }

    #[test]
    fn csv_needs_a_table_and_a_table_means_csv() {
        let format = |args: &[&str]| match parse(args) {
            Ok(Config::Extract(config)) => Ok(config.format),
            Ok(_) => panic!("extract expected"),
            Err(e) => Err(e.to_string()),
        };
        assert_eq!(format(&["extract", "x"]), Ok(RecordFormat::Jsonl));
        assert_eq!(format(&["extract", "x", "--table", "figures"]), Ok(RecordFormat::Csv(Table::Figures)));
        assert_eq!(format(&["extract", "x", "--format", "csv", "--table", "quotes"]), Ok(RecordFormat::Csv(Table::Quotes)));
        assert!(format(&["extract", "x", "--format", "csv"]).unwrap_err().contains("--table candidates"));
        assert!(format(&["extract", "x", "--format", "jsonl", "--table", "quotes"]).unwrap_err().contains("--format csv"));
        assert!(parse(&["extract", "x", "--table", "people"]).is_err());
    }

    #[test]
    fn report_defaults_and_check_root_needs_html() {
        let Config::Report(config) = parse(&["report", "r.jsonl"]).unwrap() else { panic!("report expected") };
        assert_eq!((config.output, config.root, config.review), (None, None, true));
        assert_eq!(config.title, "newsfacts report");
        assert!(parse(&["report"]).is_err(), "records are required");
        assert!(parse(&["check", "r.jsonl", "--root", "d"]).is_err());
        let Config::Check(config) = parse(&["check", "r.jsonl", "--html", "p.html", "--root", "d"]).unwrap() else {
            panic!("check expected")
        };
        assert_eq!(config.html, Some(PathBuf::from("p.html")));
    }

    #[test]
    fn fixtures_default_to_check_and_refuse_both_modes() {
        let Config::Fixtures(config) = parse(&["fixtures"]).unwrap() else { panic!("fixtures expected") };
        assert_eq!(config.mode, FixturesMode::Check);
        assert_eq!(config.corpus, PathBuf::from("corpus"));
        assert!(parse(&["fixtures", "--check", "--update"]).is_err());
    }
}
