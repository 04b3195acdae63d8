//! Checking many files on every core, with the report still in file order.
//!
//! A small scoped pool rather than rayon: what `check` needs is a stream, not a collection.
//! Workers take files in order from a shared counter; the calling thread is one of them, and
//! takes each result as soon as it is the next in order and writes it, so the output is the
//! same, byte for byte, at any number of threads. A worker does not start a file more than `WINDOW` files ahead of the
//! one being written, so a run holds a bounded number of cases whatever the number of files
//! (rayon's ordered `collect` would hold them all).

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

/// How many files each thread may be ahead of the output.
const WINDOW_PER_THREAD: usize = 4;

/// The threads to use when none are asked for: one per core.
pub fn default_threads() -> NonZeroUsize {
    std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN)
}

struct State<T> {
    /// Results waiting for their turn, by index.
    ready: BTreeMap<usize, T>,
    /// The index to hand over next.
    next_out: usize,
    /// The calling thread stopped (its `take` failed), or a worker panicked.
    stop: bool,
    panic: Option<Box<dyn std::any::Any + Send>>,
}

/// Runs `work` for every index in `0..n` on up to `threads` threads and gives each result to
/// `take`, on the calling thread, in index order. An error from `take` stops the run (workers
/// finish the file they are on) and is returned.
pub fn ordered<T: Send, E>(
    n: usize,
    threads: NonZeroUsize,
    work: impl Fn(usize) -> T + Sync,
    mut take: impl FnMut(usize, T) -> Result<(), E>,
) -> Result<(), E> {
    let threads = threads.get().min(n);
    if threads <= 1 {
        for i in 0..n {
            take(i, work(i))?;
        }
        return Ok(());
    }
    let window = threads * WINDOW_PER_THREAD;
    let counter = AtomicUsize::new(0);
    let state = Mutex::new(State {
        ready: BTreeMap::new(),
        next_out: 0,
        stop: false,
        panic: None,
    });
    // Signalled when a result is ready, and when the output moves on.
    let (ready, moved) = (Condvar::new(), Condvar::new());
    let lock = || {
        state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(|| loop {
                let i = counter.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    return;
                }
                {
                    let mut s = lock();
                    while !s.stop && i >= s.next_out + window {
                        s = wait(&moved, s);
                    }
                    if s.stop {
                        return;
                    }
                }
                let result = panic::catch_unwind(AssertUnwindSafe(|| work(i)));
                let mut s = lock();
                match result {
                    Ok(t) => {
                        s.ready.insert(i, t);
                    }
                    Err(payload) => {
                        s.stop = true;
                        s.panic.get_or_insert(payload);
                        moved.notify_all();
                    }
                }
                ready.notify_one();
            });
        }
        // The calling thread works too: it writes every result that is next in order, and
        // while none is, checks a file itself, so that a run uses as many threads as asked
        // and results are never waiting for a thread to be woken to write them.
        let mut next = 0;
        let outcome = loop {
            if next == n {
                break Ok(());
            }
            let ready_now = {
                let mut s = lock();
                if let Some(payload) = s.panic.take() {
                    drop(s);
                    panic::resume_unwind(payload);
                }
                s.ready.remove(&next)
            };
            if let Some(t) = ready_now {
                let taken = take(next, t);
                next += 1;
                let mut s = lock();
                s.next_out = next;
                s.stop |= taken.is_err();
                moved.notify_all();
                drop(s);
                match taken {
                    Ok(()) => continue,
                    Err(e) => break Err(e),
                }
            }
            // Nothing to write: check the next file no one has started, within the window.
            let claimed = counter
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |i| {
                    (i < n && i < next + window).then_some(i + 1)
                })
                .ok();
            match claimed {
                Some(i) => match panic::catch_unwind(AssertUnwindSafe(|| work(i))) {
                    Ok(t) => {
                        lock().ready.insert(i, t);
                    }
                    Err(payload) => {
                        lock().stop = true;
                        moved.notify_all();
                        panic::resume_unwind(payload);
                    }
                },
                None => {
                    let mut s = lock();
                    if !s.ready.contains_key(&next) && s.panic.is_none() {
                        s = wait(&ready, s);
                    }
                    drop(s);
                }
            }
        };
        if outcome.is_err() {
            lock().stop = true;
            moved.notify_all();
        }
        outcome
    })
}

fn wait<'a, T>(condvar: &Condvar, guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
    condvar
        .wait(guard)
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(n: usize, threads: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let threads = NonZeroUsize::new(threads).unwrap_or(NonZeroUsize::MIN);
        let result: Result<(), ()> = ordered(
            n,
            threads,
            |i| {
                // Uneven work, so that results come back out of order.
                let mut x = i as u64;
                for _ in 0..(i % 7) * 1000 {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                }
                std::hint::black_box(x);
                i * 2
            },
            |i, t| {
                assert_eq!(t, i * 2);
                out.push(i);
                Ok(())
            },
        );
        assert!(result.is_ok());
        out
    }

    #[test]
    fn results_come_in_index_order_at_any_thread_count() {
        for threads in [1, 2, 3, 8] {
            for n in [0, 1, 2, 5, 100] {
                assert_eq!(run(n, threads), (0..n).collect::<Vec<_>>(), "{threads} {n}");
            }
        }
    }

    #[test]
    fn an_error_from_take_stops_the_run() {
        let two = NonZeroUsize::new(2).unwrap_or(NonZeroUsize::MIN);
        let mut taken = 0;
        let result = ordered(
            1000,
            two,
            |i| i,
            |i, _| {
                taken += 1;
                if i == 10 {
                    Err(i)
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result, Err(10));
        assert_eq!(taken, 11);
    }

    #[test]
    fn a_panic_in_a_worker_reaches_the_caller() {
        let two = NonZeroUsize::new(2).unwrap_or(NonZeroUsize::MIN);
        let caught = panic::catch_unwind(|| {
            let _ = ordered(
                50,
                two,
                |i| {
                    if i == 7 {
                        std::panic::panic_any("worker failed");
                    }
                    i
                },
                |_, _| Ok::<(), ()>(()),
            );
        });
        assert!(caught.is_err());
    }
}
