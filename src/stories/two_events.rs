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

/// The stories read again: at least two parts of two, and no more articles than a table of
/// every pair of them and a grouping of them alone take a moment (past that, a story is left
/// as formed).
pub const ARTICLES_CUT: RangeInclusive<usize> = 4..=400;

/// The most articles a story may have for every cut of it to be tried (2^(n−1) of them); a
/// larger one is cut between the last two groups its own grouping makes ([`grouping_cut`]).
const EVERY_CUT_UP_TO: usize = 12;

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
/// way. Of several such cuts, the one alike across least (so that a story of three events is
/// first cut between whole events, not through one); of equals, the first (by the articles'
/// places), so the same story always gives the same parts. Past [`EVERY_CUT_UP_TO`]
/// articles, the one cut tried is between the last two groups of the story's own grouping
/// ([`grouping_cut`]).
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

/// The cut of `part` (article places into `alike`, an `n` × `n` table) that makes it two
/// events, if one does: the two sides.
fn best_cut(alike: &[f32], n: usize, part: &[usize]) -> Option<(Vec<usize>, Vec<usize>)> {
    match part.len() {
        size if !ARTICLES_CUT.contains(&size) => None,
        size if size <= EVERY_CUT_UP_TO => least_alike_cut(alike, n, part),
        _ => grouping_cut(alike, n, part)
            .filter(|(one, other)| across_if_two_events(alike, n, one, other).is_some()),
    }
}

/// How alike two sides of a cut (article places into `alike`, an `n` × `n` table) are across,
/// on average, when they are two events ([`are_two_events`]); `None` when they are one.
fn across_if_two_events(alike: &[f32], n: usize, one: &[usize], other: &[usize]) -> Option<f32> {
    let inside = |side: &[usize]| sum_among(alike, n, side) / pairs_among(side.len());
    let across = sum_across(alike, n, one, other) / (one.len() * other.len()) as f32;
    are_two_events(across, inside(one), inside(other)).then_some(across)
}

/// Of every cut of `part` into two sides of two articles or more, the one whose sides are
/// least alike across, of those that are two events (of equals, the first): the two sides.
fn least_alike_cut(alike: &[f32], n: usize, part: &[usize]) -> Option<(Vec<usize>, Vec<usize>)> {
    let size = part.len();
    let side = |mask: u32, bit: u32| -> Vec<usize> {
        (0..size)
            .filter(|&a| mask >> (a as u32) & 1 == bit)
            .map(|a| part[a])
            .collect()
    };
    // The first article is always on the side left out of the mask, so each cut is tried once.
    (1u32..(1 << (size - 1)))
        .map(|mask| (side(mask, 1), side(mask, 0)))
        .filter(|(one, other)| one.len() >= 2 && other.len() >= 2)
        .filter_map(|(one, other)| {
            across_if_two_events(alike, n, &one, &other).map(|across| (across, one, other))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, one, other)| (one, other))
}

/// The last two groups of two or more articles that `part`'s articles make, grouped by
/// average linkage among themselves alone (with no bar): with each article that joined
/// the rest only at the end (an outlier, alike with every group a little) put with the group
/// it is on average more alike. None when no two groups of two form.
fn grouping_cut(alike: &[f32], n: usize, part: &[usize]) -> Option<(Vec<usize>, Vec<usize>)> {
    // Every group the grouping forms, and the two it was formed of.
    let mut groups: Vec<Vec<usize>> = part.iter().map(|&a| vec![a]).collect();
    let mut formed_of: Vec<Option<(usize, usize)>> = vec![None; part.len()];
    let mut open: Vec<usize> = (0..part.len()).collect();
    while open.len() > 2 {
        // The two groups most alike on average; of equals, the first found.
        let mut best: Option<(f32, usize, usize)> = None;
        for x in 0..open.len() {
            for y in x + 1..open.len() {
                let (g, h) = (&groups[open[x]], &groups[open[y]]);
                let average = sum_across(alike, n, g, h) / (g.len() * h.len()) as f32;
                if best.is_none_or(|(most, ..)| average > most) {
                    best = Some((average, x, y));
                }
            }
        }
        let (_, x, y) = best?;
        let joined = [groups[open[x]].as_slice(), &groups[open[y]]].concat();
        groups.push(joined);
        formed_of.push(Some((open[x], open[y])));
        open[x] = groups.len() - 1;
        open.swap_remove(y);
    }
    // Down from the top: a group of one that joined last is an outlier, and the cut is read
    // inside the rest (the grouping of the rest alone would be the same).
    let (mut one, mut other) = (*open.first()?, *open.get(1)?);
    let mut outliers = Vec::new();
    while groups[one].len() < 2 || groups[other].len() < 2 {
        let (lone, rest) = if groups[one].len() < 2 {
            (one, other)
        } else {
            (other, one)
        };
        outliers.push(groups[lone][0]);
        if groups[rest].len() < 4 {
            return None;
        }
        (one, other) = formed_of[rest]?;
    }
    let (mut one, mut other) = (groups[one].clone(), groups[other].clone());
    for outlier in outliers {
        let with = |side: &[usize]| sum_across(alike, n, &[outlier], side) / side.len() as f32;
        if with(&one) >= with(&other) {
            one.push(outlier);
        } else {
            other.push(outlier);
        }
    }
    one.sort_unstable();
    other.sort_unstable();
    Some((one, other))
}

/// The sum of how alike each article of `one` is with each of `other`.
fn sum_across(alike: &[f32], n: usize, one: &[usize], other: &[usize]) -> f32 {
    one.iter()
        .map(|&a| other.iter().map(|&b| alike[a * n + b]).sum::<f32>())
        .sum()
}

/// The sum of how alike each pair of `side`'s articles is.
fn sum_among(alike: &[f32], n: usize, side: &[usize]) -> f32 {
    (0..side.len())
        .map(|x| sum_across(alike, n, &side[x..=x], &side[x + 1..]))
        .sum()
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

    /// `n` articles in `events` (lists of article places), alike `inside` within an event and
    /// `across` between two, with a little spread so that no two pairs are quite equal.
    fn events_table(n: usize, events: &[Vec<usize>], inside: f32, across: f32) -> Vec<f32> {
        let mut pairs = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                let same = events.iter().any(|e| e.contains(&a) && e.contains(&b));
                let spread = ((a * 7 + b * 13) % 11) as f32 * 0.01;
                pairs.push((a, b, if same { inside } else { across } + spread));
            }
        }
        table(n, &pairs)
    }

    /// Past the size where every cut is tried, stories are cut too: three events of seven
    /// articles each, their articles interleaved, come out as the three; one event of 21
    /// stays whole however its tellings differ.
    #[test]
    fn large_stories_are_cut_into_their_events() {
        let n = 21;
        let events: Vec<Vec<usize>> = (0..3)
            .map(|e| (0..n).filter(|a| a % 3 == e).collect())
            .collect();
        let alike = events_table(n, &events, 0.6, 0.25);
        assert_eq!(parts(&alike, n), events);
        let one_event = events_table(n, &[(0..n).collect()], 0.45, 0.0);
        assert_eq!(parts(&one_event, n), [(0..n).collect::<Vec<_>>()]);
    }

    /// An article alike with both events less than they are with each other (a roundup of
    /// both) stands apart to the end of the grouping; it goes with the event it is nearer,
    /// and the two events are still cut apart.
    #[test]
    fn an_article_between_two_events_goes_with_the_nearer() {
        let n = 16;
        let roundup = 15;
        let events = [(0..7).collect::<Vec<_>>(), (7..15).collect()];
        let mut alike = events_table(n, &events, 0.6, 0.2);
        for a in 0..15 {
            let with = if a < 7 { 0.12 } else { 0.08 };
            alike[a * n + roundup] = with;
            alike[roundup * n + a] = with;
        }
        let mut first = events[0].clone();
        first.push(roundup);
        assert_eq!(parts(&alike, n), [first, events[1].clone()]);
    }
}
