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
//! setting sizes both.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Stack of each worker thread: Typst recurses deeply on nested content.
const STACK: usize = 8 << 20;

/// `f` of each item, in the items' order, computed on up to
/// [`rayon::current_num_threads`] threads; the items are taken in order,
/// so put the longest first. One thread (or one item) runs on the
/// caller's thread. A panic in `f` is resumed on the caller's thread.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = rayon::current_num_threads().min(items.len());
    if threads <= 1 {
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
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(STACK)
                    .spawn_scoped(scope, work)
            })
            .collect();
        let mut results = Vec::with_capacity(items.len());
        let mut spawned = false;
        // A thread that could not be had leaves its share to the others
        // (or, with none, to this one).
        for handle in workers.into_iter().flatten() {
            spawned = true;
            match handle.join() {
                Ok(done) => results.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        if !spawned {
            results.extend(work());
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
