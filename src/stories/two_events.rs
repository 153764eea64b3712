//! Telling two events of one kind apart ([`are_two_events`]): the grouping asks it when two
//! groups would join, and of each story once formed ([`parts`]). Articles join a story one
//! link at a time, so two events, each told by several outlets, can still end in one story
//! when its articles came in one by one (a lone article is never weighed against a group's
//! inside); read again, a story that cuts into two parts of two articles or more that are two
//! events is two stories.

use std::ops::RangeInclusive;

/// Two groups of two articles or more are two events when their articles are alike across,
/// on average, less than this share of what the articles of each are inside (the less close
/// of the two): two tellings of one event agree with a third about as much as with each
/// other, where two earthquakes, two rate decisions, each reported twice, agree far more
/// inside each event (its places, names and numbers) than across.
pub const ACROSS_SHARE_OF_INSIDE: f32 = 0.85;

/// The stories read again: at least two parts of two; a story of more articles is left as
/// formed, as its cuts are tried one by one and 2^(n−1) of them are too many past a few
/// dozen. A story told by a dozen outlets is large.
pub const ARTICLES_CUT: RangeInclusive<usize> = 4..=12;

/// How many pairs `articles` articles make.
pub fn pairs_among(articles: usize) -> f32 {
    (articles * articles.saturating_sub(1) / 2) as f32
}

/// Whether two groups, alike across by `across` and inside by `inside_one` and `inside_other`
/// (each an average over its pairs), are two events ([`ACROSS_SHARE_OF_INSIDE`]).
pub fn are_two_events(across: f32, inside_one: f32, inside_other: f32) -> bool {
    across < ACROSS_SHARE_OF_INSIDE * inside_one.min(inside_other)
}

/// The parts a story's articles make, `alike[a * n + b]` (symmetric, 0 for a pair never
/// linked) being how alike its articles `a` and `b` are: each part a list of article places,
/// in order. A story of one event is one part; one that cuts into two parts of two articles
/// or more that are two events ([`are_two_events`]) is those parts, each read again the same
/// way. Of several such cuts, the one alike across
/// least (so that a story of three events is first cut between whole events, not through
/// one); of equals, the first (by the articles' places), so the same story always gives the
/// same parts.
pub fn parts(alike: &[f32], n: usize) -> Vec<Vec<usize>> {
    let mut done = Vec::new();
    let mut waiting = vec![(0..n).collect::<Vec<usize>>()];
    while let Some(part) = waiting.pop() {
        match best_cut(alike, n, &part) {
            Some((one, other)) => waiting.extend([other, one]),
            None => done.push(part),
        }
    }
    done.sort();
    done
}

/// The cut of `part` (article places into `alike`, an `n` × `n` table) whose two sides are
/// least alike across, of those that are two events: the two sides.
fn best_cut(alike: &[f32], n: usize, part: &[usize]) -> Option<(Vec<usize>, Vec<usize>)> {
    let size = part.len();
    if !ARTICLES_CUT.contains(&size) {
        return None;
    }
    let mut best: Option<(f32, u32)> = None;
    // The first article is always on the side left out of the mask, so each cut is tried once.
    for mask in 1u32..(1 << (size - 1)) {
        let one = mask.count_ones() as usize;
        if one < 2 || size - one < 2 {
            continue;
        }
        let (mut inside_one, mut inside_other, mut across) = (0.0, 0.0, 0.0);
        for a in 0..size {
            for b in a + 1..size {
                let s = alike[part[a] * n + part[b]];
                match (mask >> (a as u32) & 1, mask >> (b as u32) & 1) {
                    (1, 1) => inside_one += s,
                    (0, 0) => inside_other += s,
                    _ => across += s,
                }
            }
        }
        let across = across / (one * (size - one)) as f32;
        let (inside_one, inside_other) = (
            inside_one / pairs_among(one),
            inside_other / pairs_among(size - one),
        );
        if are_two_events(across, inside_one, inside_other)
            && best.is_none_or(|(least, _)| across < least)
        {
            best = Some((across, mask));
        }
    }
    let (_, mask) = best?;
    let side = |bit: u32| -> Vec<usize> {
        (0..size)
            .filter(|&a| mask >> (a as u32) & 1 == bit)
            .map(|a| part[a])
            .collect()
    };
    Some((side(1), side(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of `n` articles alike by `pairs` ((a, b, how alike)), the rest 0.
    fn table(n: usize, pairs: &[(usize, usize, f32)]) -> Vec<f32> {
        let mut alike = vec![0.0; n * n];
        for &(a, b, s) in pairs {
            alike[a * n + b] = s;
            alike[b * n + a] = s;
        }
        alike
    }

    /// Two events told twice each, their articles joined one by one into one story: alike
    /// inside at 0.8 and 0.7, across at 0.4, they are two stories.
    #[test]
    fn two_pairs_alike_across_by_half_are_two() {
        let across = [(0, 1), (0, 3), (1, 2), (2, 3)].map(|(a, b)| (a, b, 0.4));
        let mut pairs = vec![(0, 2, 0.8), (1, 3, 0.7)];
        pairs.extend(across);
        assert_eq!(parts(&table(4, &pairs), 4), [vec![0, 2], vec![1, 3]]);
    }

    /// One event told four times, some tellings closer than others: no cut leaves its sides
    /// much less alike across than inside, so it is one story.
    #[test]
    fn one_event_with_closer_tellings_stays_one() {
        let pairs = [
            (0, 1, 0.7),
            (2, 3, 0.6),
            (0, 2, 0.55),
            (0, 3, 0.5),
            (1, 2, 0.6),
            (1, 3, 0.5),
        ];
        assert_eq!(parts(&table(4, &pairs), 4), [vec![0, 1, 2, 3]]);
    }

    /// Three events, two told three times and one twice, in one story: each is a part, and a
    /// story too small or too large to cut is left whole.
    #[test]
    fn three_events_are_cut_out_one_after_another() {
        let events = [vec![0, 3, 6], vec![1, 4], vec![2, 5, 7]];
        let mut pairs = Vec::new();
        for a in 0..8 {
            for b in a + 1..8 {
                let same = events.iter().any(|e| e.contains(&a) && e.contains(&b));
                pairs.push((a, b, if same { 0.7 } else { 0.3 }));
            }
        }
        let alike = table(8, &pairs);
        assert_eq!(parts(&alike, 8), [vec![0, 3, 6], vec![1, 4], vec![2, 5, 7]]);
        let three = table(3, &[(0, 1, 0.9), (1, 2, 0.1), (0, 2, 0.1)]);
        assert_eq!(parts(&three, 3), [vec![0, 1, 2]]);
        let many = ARTICLES_CUT.end() + 1;
        let split_many = table(many, &[(0, 1, 0.9), (2, 3, 0.9)]);
        assert_eq!(parts(&split_many, many), [(0..many).collect::<Vec<_>>()]);
    }
}
