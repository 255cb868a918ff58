//! Progress on stderr while articles are read, and the closing throughput.
//!
//! A bar is drawn only where a person is watching: stderr must be a terminal, `--quiet`
//! must be off, and the run must have lasted a second (a bar that flashes for 200 ms is
//! noise). It shows files done, MB/s and the time left; it is cleared when the run ends,
//! so the closing summary line is the last thing on the screen. Output on stdout is never
//! touched, so `extract ... > records.jsonl` shows progress and a clean file.

use std::fmt;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before its bar appears.
const QUIET_START: Duration = Duration::from_secs(1);

/// The progress of one run over `total` files.
pub struct Progress {
    /// `None` when no bar may ever be drawn (not a terminal, or `--quiet`).
    bar: Option<ProgressBar>,
    shown: bool,
    throughput: Throughput,
}

impl Progress {
    /// A bar over `total()` files, drawn after a second when `may_draw(quiet, ...)`
    /// allows. The files are counted only then: counting walks the folders once more.
    pub fn start(total: impl FnOnce() -> usize, quiet: bool) -> Progress {
        let bar = may_draw(quiet, std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total() as u64), ProgressDrawTarget::hidden());
            let style = ProgressStyle::with_template("{spinner} {pos}/{len} files  {msg}  {wide_bar}  ETA {eta}")
                .expect("the template is valid");
            bar.set_style(style);
            bar
        });
        Progress { bar, shown: false, throughput: Throughput::since(Instant::now()) }
    }

    /// One more file done, of `bytes` bytes.
    pub fn advance(&mut self, bytes: u64) {
        self.throughput.bytes += bytes;
        let Some(bar) = &self.bar else { return };
        let elapsed = self.throughput.started.elapsed();
        if !self.shown && elapsed >= QUIET_START {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        if self.shown {
            bar.set_message(format!("{:.1} MB/s", self.throughput.megabytes_per_second(elapsed)));
        }
        bar.inc(1);
    }

    /// Clears the bar and returns what was read in how long.
    pub fn finish(self) -> Throughput {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        Throughput { seconds: Some(self.throughput.started.elapsed()), ..self.throughput }
    }
}

/// A bar only for a person at a terminal who did not ask for quiet.
fn may_draw(quiet: bool, stderr_is_terminal: bool) -> bool {
    !quiet && stderr_is_terminal
}

/// Bytes read and the time it took: the end of the summary line.
#[derive(Debug, Clone, Copy)]
pub struct Throughput {
    pub bytes: u64,
    started: Instant,
    /// Set when the run is over.
    seconds: Option<Duration>,
}

impl Throughput {
    fn since(started: Instant) -> Throughput {
        Throughput { bytes: 0, started, seconds: None }
    }

    fn megabytes_per_second(&self, elapsed: Duration) -> f64 {
        let seconds = elapsed.as_secs_f64();
        if seconds > 0.0 {
            self.bytes as f64 / 1e6 / seconds
        } else {
            0.0
        }
    }
}

/// `2.41 s, 3.7 MB/s`.
impl fmt::Display for Throughput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let elapsed = self.seconds.unwrap_or_else(|| self.started.elapsed());
        write!(f, "{:.2} s, {:.1} MB/s", elapsed.as_secs_f64(), self.megabytes_per_second(elapsed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_needs_a_terminal_and_no_quiet() {
        assert!(may_draw(false, true));
        assert!(!may_draw(true, true));
        assert!(!may_draw(false, false));
    }

    #[test]
    fn throughput_reads_as_seconds_and_megabytes() {
        let t = Throughput { bytes: 3_000_000, started: Instant::now(), seconds: Some(Duration::from_millis(1500)) };
        assert_eq!(t.to_string(), "1.50 s, 2.0 MB/s");
        let instant = Throughput { bytes: 10, started: Instant::now(), seconds: Some(Duration::ZERO) };
        assert_eq!(instant.to_string(), "0.00 s, 0.0 MB/s");
    }

    #[test]
    fn a_quiet_run_counts_bytes_without_a_bar() {
        let mut progress = Progress::start(|| 2, true);
        progress.advance(100);
        progress.advance(50);
        assert!(progress.bar.is_none());
        assert_eq!(progress.finish().bytes, 150);
    }
}
