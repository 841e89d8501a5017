//! Reports side by side: one plain thread per core, each taking the next
//! report when it finishes one.
//!
//! Not rayon's pool, though Typst runs its own parallel work there (page
//! runs, fonts, images): while a pool thread waits on that work, rayon has
//! it run whatever else is queued, and a queued report then starts on top
//! of the half-done one. Forty reports on one pool thread ended up stacked
//! that way, all their layouts alive at once (312 MB against 146 MB one
//! after another), and the thread that ran out of reports sat idle while
//! the other finished its run (issue 18). Here a thread holds one report at
//! a time and takes the next only when it is done, so the cores stay busy to
//! the end and memory stays at one report per thread.
//!
//! The number of threads is rayon's (`--jobs`, else every core), so one
//! setting sizes both. Calls nest: a report's formats are one more `map`,
//! which takes only the threads no other `map` is using: a single report's
//! Markdown and HTML are made side by side, forty reports' formats one
//! after another on each report's thread.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Stack of each worker thread: Typst recurses deeply on nested content.
const STACK: usize = 8 << 20;

/// Threads for a run, set by `--jobs` ([`set_threads`]); 0 when not set.
static THREADS: AtomicUsize = AtomicUsize::new(0);

/// Sets the number of threads a `map` outside a rayon pool may use.
pub fn set_threads(n: usize) {
    THREADS.store(n, Ordering::Relaxed);
}

/// The threads a `map` may use: the pool's inside a rayon pool (tests),
/// else `--jobs`, else rayon's default (`RAYON_NUM_THREADS`, else every
/// core), found without starting rayon's pool: a run that typesets
/// nothing never starts it.
pub fn threads() -> usize {
    if rayon::current_thread_index().is_some() {
        return rayon::current_num_threads();
    }
    match THREADS.load(Ordering::Relaxed) {
        0 => std::env::var("RAYON_NUM_THREADS")
            .ok()
            .and_then(|n| n.parse().ok())
            .filter(|&n: &usize| n > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        n => n,
    }
}

/// The threads of one outermost `map` and of the calls nested in it.
struct Budget {
    total: usize,
    /// Threads working through items right now, the first caller included.
    busy: AtomicUsize,
}

impl Budget {
    /// Takes up to `want` of the free threads: how many it got.
    fn reserve(&self, want: usize) -> usize {
        let mut busy = self.busy.load(Ordering::Relaxed);
        loop {
            let take = want.min(self.total.saturating_sub(busy));
            if take == 0 {
                return 0;
            }
            match self.busy.compare_exchange_weak(
                busy,
                busy + take,
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => return take,
                Err(now) => busy = now,
            }
        }
    }

    fn give_back(&self) {
        self.busy.fetch_sub(1, Ordering::Relaxed);
    }
}

thread_local! {
    /// The budget this thread works under, inside a `map`.
    static BUDGET: RefCell<Option<Arc<Budget>>> = const { RefCell::new(None) };
}

/// Sets this thread's budget until dropped; gives a helper's place back.
struct Working {
    helper: Option<Arc<Budget>>,
}

impl Working {
    fn under(budget: &Arc<Budget>, helper: bool) -> Self {
        BUDGET.with(|b| *b.borrow_mut() = Some(Arc::clone(budget)));
        Working {
            helper: helper.then(|| Arc::clone(budget)),
        }
    }
}

impl Drop for Working {
    fn drop(&mut self) {
        BUDGET.with(|b| *b.borrow_mut() = None);
        if let Some(budget) = &self.helper {
            budget.give_back();
        }
    }
}

/// `f` of each item, in the items' order. The caller works through the
/// items with as many more threads as are free: of [`threads`], less those
/// the calls it is nested in are using. The items are taken in order, so put the longest first. A panic
/// in `f` is resumed on the caller's thread.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let nested = BUDGET.with(|b| b.borrow().clone());
    let (budget, _outermost) = match nested {
        Some(budget) => (budget, None),
        None => {
            let budget = Arc::new(Budget {
                total: threads(),
                busy: AtomicUsize::new(1),
            });
            let working = Working::under(&budget, false);
            (budget, Some(working))
        }
    };
    let helpers = budget.reserve(items.len().saturating_sub(1));
    if helpers == 0 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            done.push((i, f(item)));
        }
        done
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let spawned: Vec<_> = (0..helpers)
            .map(|_| {
                let budget = Arc::clone(&budget);
                let work = &work;
                std::thread::Builder::new()
                    .stack_size(STACK)
                    .spawn_scoped(scope, move || {
                        let _working = Working::under(&budget, true);
                        work()
                    })
            })
            .collect();
        // A thread that could not be had gives its place back; the others
        // (and the caller) do its share.
        let mut handles = Vec::new();
        for outcome in spawned {
            match outcome {
                Ok(handle) => handles.push(handle),
                Err(_) => budget.give_back(),
            }
        }
        let mut results = work();
        for handle in handles {
            match handle.join() {
                Ok(done) => results.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        results
    });
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    #[test]
    fn results_come_in_the_items_order_whatever_the_threads() {
        let items: Vec<u64> = (0..200).collect();
        // Uneven work, so that threads finish out of order.
        let f = |&n: &u64| (0..(n % 7) * 1000).fold(n, |a, b| a.wrapping_mul(31) ^ b);
        let one = pool(1).install(|| map(&items, f));
        let three = pool(3).install(|| map(&items, f));
        assert_eq!(one, three);
        assert_eq!(one.len(), 200);
        assert_eq!(one[5], f(&5));
    }

    #[test]
    fn every_thread_takes_work_and_each_item_runs_once() {
        use std::collections::HashSet;
        use std::sync::Mutex;
        let seen = Mutex::new(Vec::new());
        let threads = Mutex::new(HashSet::new());
        let items: Vec<usize> = (0..64).collect();
        pool(2).install(|| {
            map(&items, |&i| {
                threads.lock().unwrap().insert(std::thread::current().id());
                std::thread::sleep(std::time::Duration::from_millis(2));
                seen.lock().unwrap().push(i);
            })
        });
        let mut seen = seen.into_inner().unwrap();
        seen.sort_unstable();
        assert_eq!(seen, items);
        assert_eq!(
            threads.into_inner().unwrap().len(),
            2,
            "both threads worked"
        );
    }

    #[test]
    fn one_thread_or_one_item_runs_on_the_callers() {
        let (caller, ran_on) = pool(1).install(|| {
            let caller = std::thread::current().id();
            (caller, map(&[1, 2], |_| std::thread::current().id()))
        });
        assert_eq!(ran_on, vec![caller, caller]);
        let me = std::thread::current().id();
        assert_eq!(map(&[1], |_| std::thread::current().id()), vec![me]);
    }

    #[test]
    fn a_nested_call_uses_only_the_threads_left_free() {
        use std::collections::HashSet;
        use std::sync::Mutex;
        // Two reports on two threads: each report's formats stay on its
        // thread. One report: its two formats take both threads.
        let threads_of = |reports: usize| {
            let per_report = Mutex::new(Vec::new());
            let items: Vec<usize> = (0..reports).collect();
            pool(2).install(|| {
                map(&items, |_| {
                    let ids: HashSet<_> = map(&[0, 1], |_| {
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        std::thread::current().id()
                    })
                    .into_iter()
                    .collect();
                    per_report.lock().unwrap().push(ids.len());
                })
            });
            per_report.into_inner().unwrap()
        };
        assert_eq!(threads_of(1), vec![2]);
        assert_eq!(threads_of(2), vec![1, 1]);
        assert!(
            BUDGET.with(|b| b.borrow().is_none()),
            "the caller's budget is gone"
        );
    }

    #[test]
    #[should_panic(expected = "report 3 broke")]
    fn a_panic_reaches_the_caller() {
        let items: Vec<u32> = (0..8).collect();
        pool(2).install(|| {
            map(&items, |&i| {
                if i == 3 {
                    panic!("report 3 broke");
                }
                i
            })
        });
    }
}
