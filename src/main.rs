//! The `newsfacts` program: parse the command line, run one command, and turn how it
//! ended into an exit status: 0 clean, 1 some inputs failed or fixtures differ, 2 bad
//! usage or unusable input. Errors are printed as `newsfacts: <sentence>` on stderr;
//! stdout carries data only.

mod cli;
mod cmd;
mod config;
mod input;
mod interrupt;
mod ordered;
mod output;
mod stream;
mod progress;

use std::io;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::Parser;

use crate::cli::Cli;
use crate::cmd::Outcome;
use crate::config::Config;

/// jemalloc rather than glibc's malloc: the pipeline makes some 85 short-lived
/// allocations for an article with quotations. With jemalloc a one-thread run over the
/// bench's 10k articles took 6% less time, for 2-5 MB more peak memory, still flat from
/// 10k to 100k articles (BENCHMARKS.md, eleventh round). mimalloc was faster still but
/// reserved up to 88 MB.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    let config = match parse_command_line() {
        Ok(config) => config,
        Err(code) => return code,
    };
    match cmd::run(&config) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Failures) => ExitCode::from(1),
        // The reader (`| head`) has all it wanted: that is not a failure.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("newsfacts: {err:#}");
            ExitCode::from(USAGE_ERROR)
        }
    }
}

fn parse_command_line() -> Result<Config, ExitCode> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err)
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            err.exit()
        }
        Err(err) => {
            let text = err.render().to_string();
            eprint!("newsfacts: {}", text.strip_prefix("error: ").unwrap_or(&text));
            return Err(ExitCode::from(USAGE_ERROR));
        }
    };
    cli.into_config().map_err(|err| {
        eprintln!("newsfacts: {err:#}");
        ExitCode::from(USAGE_ERROR)
    })
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}
