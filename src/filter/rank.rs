//! Ranking hits: title and outlet matches by score first, then body-only ones; ties newest
//! first, then in store order. Each hit becomes one integer that sorts the same way, so
//! ranking 100,000 hits compares integers and touches no article; and the rows a screen shows
//! can be put in order without ordering all the rest.

use super::Hit;
use std::ops::Range;
use std::sync::Arc;

/// A hit as one integer that sorts as the hit ranks. From the top bit down: 1 for a body-only
/// hit; the score, reversed (32 bits); the date key, reversed (40 bits); whether the hit is
/// unscored; the store index (32 bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RankKey(u128);

const DATE_BITS: u32 = 40;
const LOW_32: u128 = u32::MAX as u128;

impl RankKey {
    /// The key of `hit`; `date_keys` holds every article's
    /// [`crate::heads::Heads::date_keys`].
    pub fn new(hit: &Hit, date_keys: &[u64]) -> RankKey {
        let body_only = u128::from(!hit.title_hit);
        let score = hit
            .score
            .clamp(i64::from(i32::MIN) + 1, i64::from(i32::MAX));
        let score_reversed = (i64::from(i32::MAX) - score) as u128;
        let date = date_keys.get(hit.index).copied().unwrap_or(0) & ((1 << DATE_BITS) - 1);
        let date_reversed = u128::from((1 << DATE_BITS) - 1 - date);
        let unscored = u128::from(hit.unscored);
        let index = hit.index as u128 & LOW_32;
        RankKey(
            body_only << 127 | score_reversed << 95 | date_reversed << 33 | unscored << 32 | index,
        )
    }

    /// The key without the store index: equal for hits that rank equally, whose order is
    /// then the order they were loaded in.
    pub fn tier(self) -> u128 {
        self.0 >> 32
    }

    /// The store index of the hit's article.
    pub fn index(self) -> usize {
        (self.0 & LOW_32) as usize
    }

    /// The hit again (its score clamped to 32 bits).
    pub fn hit(self) -> Hit {
        Hit {
            index: (self.0 & LOW_32) as usize,
            score: i64::from(i32::MAX) - ((self.0 >> 95) & LOW_32) as i64,
            title_hit: self.0 >> 127 == 0,
            unscored: self.0 >> 32 & 1 == 1,
        }
    }

    /// Whether the hit waits for the fuzzy matcher's score ([`Hit::unscored`]). Its key then
    /// counts the best score it can get, so its final key is never smaller.
    pub fn unscored(self) -> bool {
        self.0 >> 32 & 1 == 1
    }
}

/// A query's matches as rank keys: in ranked order, or while the rest is being ranked, with
/// the rows a screen needs in their places (see [`rank_rows`]). Shared, not copied, between
/// the query ranking them and the list showing them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ranked(Arc<Vec<RankKey>>);

impl Ranked {
    /// How many matches there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nothing matched.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The store index of the article at `row`.
    pub fn get(&self, row: usize) -> Option<usize> {
        self.0.get(row).map(|key| key.index())
    }

    /// The row of article `index`, looking at the first `limit` rows.
    pub fn position(&self, index: usize, limit: usize) -> Option<usize> {
        self.0
            .iter()
            .take(limit)
            .position(|key| key.index() == index)
    }

    /// The matches in order.
    pub fn hits(&self) -> impl Iterator<Item = Hit> + '_ {
        self.0.iter().map(|key| key.hit())
    }

    /// The keys, in order.
    pub fn keys(&self) -> &[RankKey] {
        &self.0
    }

    /// The keys, to change: copied first if the list still shows them.
    pub fn keys_mut(&mut self) -> &mut Vec<RankKey> {
        Arc::make_mut(&mut self.0)
    }
}

/// Sorts hits into their ranked order.
pub fn rank(hits: &mut [Hit], date_keys: &[u64]) {
    let mut keys: Vec<RankKey> = hits
        .iter()
        .map(|hit| RankKey::new(hit, date_keys))
        .collect();
    keys.sort_unstable();
    for (hit, key) in hits.iter_mut().zip(keys) {
        *hit = key.hit();
    }
}

/// Puts in `keys[rows]` the keys the sorted order has there, sorted. The keys before them are
/// the smaller ones and those after the larger ones, each lot in no particular order.
pub fn rank_rows(keys: &mut [RankKey], rows: Range<usize>) {
    let end = rows.end.min(keys.len());
    let start = rows.start.min(end);
    if start > 0 {
        keys.select_nth_unstable(start - 1);
    }
    if end < keys.len() && end > start {
        keys[start..].select_nth_unstable(end - start);
    }
    keys[start..end].sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::UNSCORED;

    fn hit(index: usize, score: i64, title_hit: bool) -> Hit {
        Hit {
            index,
            score,
            title_hit,
            unscored: score == UNSCORED,
        }
    }

    #[test]
    fn keys_keep_every_part_of_the_order() {
        let dates = [5, 0, 9, 9, 9, 1];
        let mut hits = vec![
            hit(0, 10, false),
            hit(1, 7, true),
            hit(4, 7, true),
            hit(5, 150_000, true),
            hit(3, 7, true),
            hit(0, UNSCORED, true),
            hit(2, 7, true),
        ];
        rank(&mut hits, &dates);
        assert_eq!(
            hits,
            [
                hit(5, 150_000, true),
                hit(0, UNSCORED, true),
                hit(2, 7, true),
                hit(3, 7, true),
                hit(4, 7, true),
                hit(1, 7, true),
                hit(0, 10, false),
            ],
            "title hits by score, then newest (undated last), then store order; body-only last"
        );
    }

    #[test]
    fn ranking_some_rows_puts_them_where_a_full_sort_would() {
        let dates: Vec<u64> = (0..500).map(|i| (i * 7919 % 61) as u64).collect();
        let hits: Vec<Hit> = (0..500)
            .map(|i| hit(i, (i * 104_729 % 97) as i64, i % 5 != 0))
            .collect();
        let mut sorted: Vec<RankKey> = hits.iter().map(|h| RankKey::new(h, &dates)).collect();
        sorted.sort_unstable();
        for rows in [0..40, 100..140, 470..510, 0..0, 499..500, 0..500] {
            let mut keys: Vec<RankKey> = hits.iter().map(|h| RankKey::new(h, &dates)).collect();
            rank_rows(&mut keys, rows.clone());
            let end = rows.end.min(500);
            assert_eq!(keys[rows.start..end], sorted[rows.start..end], "{rows:?}");
            let mut before = keys[..rows.start].to_vec();
            before.sort_unstable();
            assert_eq!(
                before,
                sorted[..rows.start],
                "{rows:?}: the smaller ones before"
            );
        }
    }
}
