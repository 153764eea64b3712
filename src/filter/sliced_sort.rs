//! Sorting a query's rank keys a unit of work at a time, so that ranking 100,000 matches (or a
//! million) never holds a key back for longer than one unit: runs of keys are sorted one at a
//! time, then merged a stretch at a time.

use super::RankKey;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::collections::binary_heap::PeekMut;

/// Keys sorted in one unit of work: about a millisecond here.
pub const RUN_KEYS: usize = 1 << 15;
/// Keys merged in one unit of work: about a millisecond too.
const MERGE_KEYS: usize = 1 << 16;

/// A sort of one list of keys in units of work (see the module's note). Told to start over
/// whenever the keys change.
#[derive(Debug)]
pub struct SlicedSort {
    run_keys: usize,
    /// The keys before this one are sorted, in runs of `run_keys`.
    sorted: usize,
    merge: Option<Merge>,
    finished: bool,
}

/// The runs being merged.
#[derive(Debug)]
struct Merge {
    /// The smallest key of each run not merged yet, with its run; the smallest on top.
    heads: BinaryHeap<Reverse<(RankKey, u32)>>,
    /// For each run, where its next key is and where it ends.
    cursors: Vec<(usize, usize)>,
    merged: Vec<RankKey>,
}

impl Default for SlicedSort {
    fn default() -> Self {
        SlicedSort::with_runs_of(RUN_KEYS)
    }
}

impl SlicedSort {
    /// A sort in runs of `run_keys` keys (at least one).
    pub fn with_runs_of(run_keys: usize) -> SlicedSort {
        SlicedSort {
            run_keys: run_keys.max(1),
            sorted: 0,
            merge: None,
            finished: false,
        }
    }

    /// Starts over: the keys changed.
    pub fn reset(&mut self) {
        *self = SlicedSort::with_runs_of(self.run_keys);
    }

    /// Does one unit of work on `keys` (the same list each time, unless [`SlicedSort::reset`]
    /// came between). Returns whether they are now sorted.
    pub fn step(&mut self, keys: &mut Vec<RankKey>) -> bool {
        if self.finished {
            return true;
        }
        if self.sorted < keys.len() {
            let end = (self.sorted + self.run_keys).min(keys.len());
            keys[self.sorted..end].sort_unstable();
            self.sorted = end;
            self.finished = keys.len() <= self.run_keys;
            return self.finished;
        }
        if keys.len() <= self.run_keys {
            self.finished = true;
            return true;
        }
        let run_keys = self.run_keys;
        let merge = self.merge.get_or_insert_with(|| Merge::new(keys, run_keys));
        if merge.advance(keys, MERGE_KEYS) {
            *keys = std::mem::take(&mut merge.merged);
            self.merge = None;
            self.finished = true;
        }
        self.finished
    }
}

impl Merge {
    fn new(keys: &[RankKey], run_keys: usize) -> Merge {
        let mut cursors = Vec::new();
        let mut heads = BinaryHeap::new();
        for (run, start) in (0..keys.len()).step_by(run_keys).enumerate() {
            let end = (start + run_keys).min(keys.len());
            heads.push(Reverse((keys[start], run as u32)));
            cursors.push((start + 1, end));
        }
        Merge {
            heads,
            cursors,
            merged: Vec::with_capacity(keys.len()),
        }
    }

    /// Merges up to `count` more keys. Returns whether every key is merged.
    fn advance(&mut self, keys: &[RankKey], count: usize) -> bool {
        for _ in 0..count {
            let Some(mut top) = self.heads.peek_mut() else {
                return true;
            };
            let Reverse((key, run)) = *top;
            self.merged.push(key);
            let (next, end) = &mut self.cursors[run as usize];
            if *next < *end {
                *top = Reverse((keys[*next], run));
                *next += 1;
            } else {
                PeekMut::pop(top);
            }
        }
        self.heads.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Hit;

    fn keys(seed: u64, count: usize) -> Vec<RankKey> {
        let mut state = seed;
        (0..count)
            .map(|index| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                let hit = Hit {
                    index,
                    score: (state >> 40) as i64 % 7,
                    title_hit: state & 1 == 0,
                    unscored: false,
                };
                RankKey::new(&hit, &[])
            })
            .collect()
    }

    proptest::proptest! {
        /// Whatever the runs, the keys end as one sort puts them, a unit at a time.
        #[test]
        fn sorts_as_one_sort_would(seed in 0u64..1000, count in 0usize..700, run in 1usize..100) {
            let mut got = keys(seed, count);
            let mut want = got.clone();
            want.sort_unstable();
            let mut sort = SlicedSort::with_runs_of(run);
            let mut units = 0;
            while !sort.step(&mut got) {
                units += 1;
                proptest::prop_assert!(units <= count + 2, "it ends");
            }
            proptest::prop_assert_eq!(&got, &want);
            proptest::prop_assert!(sort.step(&mut got), "and stays sorted");
        }
    }

    #[test]
    fn each_unit_is_bounded_and_a_reset_starts_over() {
        let mut got = keys(7, 10 * 64 + 5);
        let mut sort = SlicedSort::with_runs_of(64);
        // Eleven runs, one a unit; then the merge.
        for _ in 0..11 {
            assert!(!sort.step(&mut got));
        }
        let runs_sorted = got.clone();
        assert!(runs_sorted[..64].is_sorted() && !runs_sorted.is_sorted());
        // New keys came: the sort starts over and takes them in.
        got.extend(keys(8, 100));
        sort.reset();
        while !sort.step(&mut got) {}
        assert!(got.is_sorted());
        assert_eq!(got.len(), 10 * 64 + 5 + 100);
    }
}
