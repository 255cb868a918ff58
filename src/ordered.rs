//! Work done in parallel, results handed on in input order.
//!
//! The calling thread is one of the workers: it extracts articles like the others and,
//! whenever the next result in input order is ready, writes it. A result therefore
//! reaches the writer without a message between threads, and with one thread nothing
//! crosses threads at all. An earlier design sent every result over a channel to a
//! writer thread that did no other work; waking it once per article cost a tenth of
//! the CPU time (futex calls) on one thread.
//!
//! Finished results wait in a reorder buffer until those before them are written. No
//! thread takes an item more than [`window_len`] items ahead of the writer, which bounds
//! the memory held whatever the number of items; a thread only sleeps when the window
//! is full or, for the caller, when there is nothing left to take and the next result is
//! still being worked on.

use std::collections::BTreeMap;
use std::io;
use std::iter::Enumerate;
use std::sync::{Condvar, Mutex, MutexGuard};

use rayon::ThreadPool;

/// Results that may wait for the writer, per thread: enough that a long article, or a
/// pattern compiled for one article, rarely makes the other threads wait; few enough
/// that the waiting records stay small (64 records of a few KB each, a thread). With 16,
/// a thread that stopped 25 ms to compile the Unicode forms of the election rules for one
/// article held up the other after 2 ms: at 64 the two-thread run of the 10k corpus took
/// 7% less time (BENCHMARKS.md, ninth round) and the same peak memory.
const WINDOW_PER_THREAD: usize = 64;

/// How many results may wait for the writer at once on `pool`; a caller that brings its
/// own items (a stream) reads about as many ahead of the workers.
pub fn window_len(pool: &ThreadPool) -> usize {
    pool.current_num_threads().max(1) * WINDOW_PER_THREAD
}

/// Runs `work` over `items` with as many threads as `pool` has (the calling thread
/// being one of them) and hands the results to `emit`, on the calling thread, in item
/// order. Stops at the first error `emit` returns. A panic in `work` reaches the caller.
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
    let queue = Queue::new(items.into_iter(), window_len(pool));
    let helpers = pool.current_num_threads().max(1) - 1;
    pool.in_place_scope(|scope| {
        for _ in 0..helpers {
            let (queue, work) = (&queue, &work);
            scope.spawn(move |_| queue.help(work));
        }
        queue.lead(&work, &mut emit)
    })
}

/// The items, the results waiting to be written, and how far the writer has got.
struct Queue<It: Iterator, R> {
    state: Mutex<State<It, R>>,
    /// Signalled when a result arrives, the writer moves on, or the run stops; only when
    /// some thread sleeps on it, so a run that never waits makes no system call.
    changed: Condvar,
    capacity: usize,
}

struct State<It: Iterator, R> {
    source: Enumerate<It>,
    exhausted: bool,
    /// Items handed out so far; item `taken` is the next one.
    taken: usize,
    /// Results written so far; result `written` is the next one.
    written: usize,
    finished: BTreeMap<usize, R>,
    /// Set when the writer fails or a worker panics: everyone stops taking items.
    stopped: bool,
    sleepers: usize,
}

/// What a thread may do next.
enum Step<I, R> {
    Work(usize, I),
    Write(R),
    Wait,
    Done,
}

impl<It: Iterator, R> Queue<It, R> {
    fn new(items: It, capacity: usize) -> Self {
        let state = State {
            source: items.enumerate(),
            exhausted: false,
            taken: 0,
            written: 0,
            finished: BTreeMap::new(),
            stopped: false,
            sleepers: 0,
        };
        Queue { state: Mutex::new(state), changed: Condvar::new(), capacity }
    }

    fn lock(&self) -> MutexGuard<'_, State<It, R>> {
        // A worker that panics holds no lock while it works (see `finish`), so the lock
        // is never poisoned; if it were, the state is still consistent.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The next item, if the window has room for it.
    fn take(&self, state: &mut State<It, R>) -> Option<(usize, It::Item)> {
        if state.stopped || state.exhausted || state.taken >= state.written + self.capacity {
            return None;
        }
        let next = state.source.next();
        match next {
            Some(_) => state.taken += 1,
            None => state.exhausted = true,
        }
        next
    }

    fn sleep<'a>(&self, mut state: MutexGuard<'a, State<It, R>>) -> MutexGuard<'a, State<It, R>> {
        state.sleepers += 1;
        let mut state = self.changed.wait(state).unwrap_or_else(|poisoned| poisoned.into_inner());
        state.sleepers -= 1;
        state
    }

    fn wake(&self, state: &State<It, R>) {
        if state.sleepers > 0 {
            self.changed.notify_all();
        }
    }

    /// Stores a result (or, when `result` is `None`, notes that a worker panicked).
    fn finish(&self, index: usize, result: Option<R>) {
        let mut state = self.lock();
        match result {
            Some(result) => {
                state.finished.insert(index, result);
            }
            None => state.stopped = true,
        }
        self.wake(&state);
    }

    /// A helper thread's loop: take an item, work, store the result.
    fn help<I>(&self, work: &(impl Fn(I) -> R + Sync))
    where
        It: Iterator<Item = I>,
    {
        loop {
            let mut state = self.lock();
            let (index, item) = loop {
                if let Some(next) = self.take(&mut state) {
                    break next;
                }
                if state.stopped || state.exhausted {
                    return;
                }
                state = self.sleep(state);
            };
            drop(state);
            let guard = PanicGuard { queue: self, index };
            let result = work(item);
            std::mem::forget(guard);
            self.finish(index, Some(result));
        }
    }

    /// The calling thread's loop: write what is ready in order, else work like a helper,
    /// else wait.
    fn lead<I>(&self, work: &impl Fn(I) -> R, emit: &mut impl FnMut(R) -> io::Result<()>) -> io::Result<()>
    where
        It: Iterator<Item = I>,
    {
        let mut state = self.lock();
        loop {
            let step = self.next_step(&mut state);
            match step {
                Step::Write(result) => {
                    drop(state);
                    let outcome = emit(result);
                    state = self.lock();
                    state.written += 1;
                    state.stopped |= outcome.is_err();
                    self.wake(&state);
                    outcome?;
                }
                Step::Work(index, item) => {
                    drop(state);
                    let guard = PanicGuard { queue: self, index };
                    let result = work(item);
                    std::mem::forget(guard);
                    state = self.lock();
                    state.finished.insert(index, result);
                }
                Step::Wait => state = self.sleep(state),
                Step::Done => return Ok(()),
            }
        }
    }

    fn next_step<I>(&self, state: &mut State<It, R>) -> Step<I, R>
    where
        It: Iterator<Item = I>,
    {
        let next = state.written;
        if let Some(result) = state.finished.remove(&next) {
            return Step::Write(result);
        }
        // A panicked helper's item never arrives; the scope re-raises its panic.
        if state.stopped || (state.exhausted && state.written == state.taken) {
            return Step::Done;
        }
        match self.take(state) {
            Some((index, item)) => Step::Work(index, item),
            None if state.exhausted && state.written == state.taken => Step::Done,
            None => Step::Wait,
        }
    }
}

/// Marks the run stopped if work panics, so that no thread waits for a result that will
/// never come (the caller for a helper's, the helpers for room the caller never makes).
struct PanicGuard<'a, It: Iterator, R> {
    queue: &'a Queue<It, R>,
    index: usize,
}

impl<It: Iterator, R> Drop for PanicGuard<'_, It, R> {
    fn drop(&mut self) {
        self.queue.finish(self.index, None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::{catch_unwind, AssertUnwindSafe};

    fn pool(threads: usize) -> ThreadPool {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap()
    }

    #[test]
    fn results_come_out_in_input_order_whatever_the_pool() {
        let items: Vec<usize> = (0..1000).collect();
        for threads in [1, 2, 3] {
            let mut seen = Vec::new();
            for_each_in_order(
                &pool(threads),
                items.iter(),
                |i| {
                    // Uneven work, so results finish out of order.
                    std::hint::black_box((0..(i % 7) * 300).fold(*i, |acc, x| acc.wrapping_add(x)));
                    i * 2
                },
                |r| {
                    seen.push(r);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>(), "{threads} threads");
        }
    }

    #[test]
    fn no_items_no_results() {
        let mut calls = 0;
        for_each_in_order(&pool(2), std::iter::empty::<u8>(), |i| i, |_| {
            calls += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(calls, 0);
    }

    #[test]
    fn workers_never_run_more_than_a_window_ahead_of_the_writer() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let pool = pool(3);
        let capacity = window_len(&pool);
        let started = AtomicUsize::new(0);
        let mut written = 0;
        let mut most_ahead = 0;
        for_each_in_order(
            &pool,
            0..2000usize,
            |i| {
                started.fetch_add(1, Ordering::SeqCst);
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
        for threads in [1, 2] {
            let mut calls = 0;
            let result = for_each_in_order(&pool(threads), 0..100, |i| i, |_| {
                calls += 1;
                Err(io::Error::from(io::ErrorKind::BrokenPipe))
            });
            assert!(result.is_err());
            assert_eq!(calls, 1, "{threads} threads");
        }
    }

    #[test]
    fn a_panic_in_the_work_reaches_the_caller_instead_of_hanging() {
        for threads in [1, 2, 3] {
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                for_each_in_order(&pool(threads), 0..500, |i| if i == 123 { panic!("item {i}") } else { i }, |_| Ok(()))
            }));
            assert!(outcome.is_err(), "{threads} threads");
        }
    }
}
