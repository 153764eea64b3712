//! Telling a formed story that is two events: articles join a story one link at a time, so
//! two events of one kind, each told by several outlets, can still end in one story when its
//! articles came in one by one (a lone article is never weighed against a group's inside).
//! A story is read again once formed: when it cuts into two parts of two articles or more that
//! are alike across much less than inside, it is two stories.

/// A story of more articles than this is left as formed: its cuts are tried one by one, and
/// 2^(n−1) of them are too many past a few dozen. A story told by a dozen outlets is large.
pub const MOST_ARTICLES_CUT: usize = 12;

/// The parts a story's articles make, `alike[a * n + b]` (symmetric, 0 for a pair never
/// linked) being how alike its articles `a` and `b` are: each part a list of article places,
/// in order. A story of one event is one part; one that cuts into two parts of two articles
/// or more, alike across less than `share` of the less close part's inside (both on average),
/// is those parts, each read again the same way. Of several such cuts, the one alike across
/// least (so that a story of three events is first cut between whole events, not through
/// one); of equals, the first (by the articles' places), so the same story always gives the
/// same parts.
pub fn parts(alike: &[f32], n: usize, share: f32) -> Vec<Vec<usize>> {
    let mut done = Vec::new();
    let mut waiting = vec![(0..n).collect::<Vec<usize>>()];
    while let Some(part) = waiting.pop() {
        match best_cut(alike, n, &part, share) {
            Some((one, other)) => waiting.extend([other, one]),
            None => done.push(part),
        }
    }
    done.sort();
    done
}

/// The cut of `part` (article places into `alike`, an `n` × `n` table) whose two sides are
/// least alike across, of those alike across less than `share` of their inside: the two
/// sides.
fn best_cut(
    alike: &[f32],
    n: usize,
    part: &[usize],
    share: f32,
) -> Option<(Vec<usize>, Vec<usize>)> {
    let size = part.len();
    if !(4..=MOST_ARTICLES_CUT).contains(&size) {
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
        let pairs = |k: usize| (k * (k - 1) / 2) as f32;
        let inside = (inside_one / pairs(one)).min(inside_other / pairs(size - one));
        let across = across / (one * (size - one)) as f32;
        if inside <= 0.0 {
            continue;
        }
        if across < share * inside && best.is_none_or(|(least, _)| across < least) {
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
        assert_eq!(parts(&table(4, &pairs), 4, 0.85), [vec![0, 2], vec![1, 3]]);
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
        assert_eq!(parts(&table(4, &pairs), 4, 0.85), [vec![0, 1, 2, 3]]);
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
        assert_eq!(
            parts(&alike, 8, 0.85),
            [vec![0, 3, 6], vec![1, 4], vec![2, 5, 7]]
        );
        let three = table(3, &[(0, 1, 0.9), (1, 2, 0.1), (0, 2, 0.1)]);
        assert_eq!(parts(&three, 3, 0.85), [vec![0, 1, 2]]);
        let many = MOST_ARTICLES_CUT + 1;
        let split_many = table(many, &[(0, 1, 0.9), (2, 3, 0.9)]);
        assert_eq!(
            parts(&split_many, many, 0.85),
            [(0..many).collect::<Vec<_>>()]
        );
    }
}
