//! What an interrupted run leaves behind: nothing.
//!
//! `-o FILE` (and a review page) is written to a temporary file beside FILE and renamed over it at the end.
//! A failure midway drops the temporary file (its destructor removes it), but a signal
//! ends the process without running destructors. So while such a file exists, SIGINT
//! (Ctrl-C), SIGTERM and SIGHUP are caught by a thread that removes the file and then
//! ends the process as the signal would have (same status for the shell: 130 for Ctrl-C).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

/// The temporary files to remove if the run is interrupted (the records, a page).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Runs `create`, which makes a temporary file (`temp_of` says which); from then until
/// [`forget`] is told of it, a SIGINT, SIGTERM or SIGHUP removes the file before the
/// process ends. A signal that arrives while the file is being made waits until it is
/// registered.
pub fn remove_on_signal<T>(create: impl FnOnce() -> anyhow::Result<T>, temp_of: impl Fn(&T) -> Option<&Path>) -> anyhow::Result<T> {
    install().map_err(|e| anyhow::anyhow!("cannot watch for Ctrl-C, which must not leave a partial output file: {e}"))?;
    let mut pending = pending();
    let made = create()?;
    pending.extend(temp_of(&made).map(Path::to_path_buf));
    Ok(made)
}

/// The temporary file `temp` has become the output (or is gone): it is not to be removed.
pub fn forget(temp: &Path) {
    pending().retain(|path| path != temp);
}

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic while holding the lock cannot leave the path half-written.
    PENDING.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(unix)]
fn install() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    static INSTALLED: Once = Once::new();
    let mut result = Ok(());
    INSTALLED.call_once(|| match Signals::new([SIGINT, SIGTERM, SIGHUP]) {
        Ok(mut signals) => {
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    for temp in pending().drain(..) {
                        let _ = std::fs::remove_file(temp);
                    }
                    // Die of the signal, as if it had never been caught.
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
        }
        Err(e) => result = Err(e),
    });
    result
}

#[cfg(not(unix))]
fn install() -> std::io::Result<()> {
    Ok(())
}
