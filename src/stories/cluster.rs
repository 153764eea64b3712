//! Grouping articles into stories: candidates found through their rarer shared terms (an
//! inverted index, so an article is compared only with those that share a rare word with it),
//! confirmed by a cosine over TF-IDF weights in which rare shared words — names, places,
//! numbers — weigh high and common ones low, and kept apart when both dates are known and far
//! apart. Similarities are read against each article's neighbourhood (local scaling), then
//! stories are formed by average linkage: the most similar pairs first, two
//! groups joining only when their articles are on average alike, so that one article about
//! a topic does not chain two different events of it together. The result depends only on
//! the articles, not on the order they came in.

use super::terms::Term;
use crate::article::dates::{MonthDay, month_days_apart};
use rustc_hash::FxHashMap;

/// Two articles whose (locally scaled) similarity reaches this may be one story; two groups
/// join when their articles' average similarity (pairs never linked counting as 0) does.
pub const LINK_SIMILARITY: f32 = 0.34;
/// The least scale: an article with few neighbours has its pairs raised, but not past this.
const SCALE_FLOOR: f32 = 0.15;
/// The neighbour whose similarity sets an article's scale.
const SCALE_NEIGHBOUR: usize = 7;
/// A pair whose articles' scales are both this (a typical similarity) keeps its similarity.
const SCALED_UNIT: f32 = 0.5;
/// Pairs at least this alike count in a group's average; only pairs reaching
/// [`LINK_SIMILARITY`] join groups.
const KNOWN_SIMILARITY: f32 = 0.05;
/// Articles dated further apart than this (in days) are not one story.
pub const MAX_DAYS_APART: i32 = 4;
/// A small folder's words are not all rare: document frequencies are read as if this many
/// more articles, none with the word, were there.
const BACKGROUND_ARTICLES: f32 = 50.0;
/// A term in more than this share of articles (and more than [`MIN_COMMON`]) finds no
/// candidates: it still counts in the similarity.
const COMMON_SHARE: usize = 50;
const MIN_COMMON: usize = 24;
/// Articles below which one more thread finding pairs is not worth starting.
const PAIRS_PER_THREAD: usize = 2000;

/// What the grouping reads of one article.
#[derive(Debug, Clone, Copy, Default)]
pub struct Doc<'a> {
    /// Terms sorted by hash, borrowed from the article's.
    pub terms: &'a [Term],
    /// Days since 1970, when the article has a date.
    pub day: Option<i32>,
    /// The month and day of its date, or the day it gives without a year (a wire dateline's
    /// "March 18"): when either has no date, two such days far apart still keep them apart.
    pub month_day: Option<MonthDay>,
}

/// All that [`group`] reads of `docs`, as bytes: the same bytes, the same stories.
pub fn grouping_input(docs: &[Doc<'_>]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(docs.iter().map(|d| 12 + d.terms.len() * 6).sum());
    for doc in docs {
        bytes.extend_from_slice(&doc.day.unwrap_or(i32::MIN).to_le_bytes());
        let (month, day) = doc.month_day.unwrap_or((0, 0));
        bytes.extend_from_slice(&[month, day]);
        bytes.extend_from_slice(&(doc.terms.len() as u32).to_le_bytes());
        for term in doc.terms {
            let Term { hash, halves } = *term;
            bytes.extend_from_slice(&hash.to_le_bytes());
            bytes.extend_from_slice(&halves.to_le_bytes());
        }
    }
    bytes
}

/// Each article's story number; stories are numbered from 0 in the order of their first
/// article.
pub fn group(docs: &[Doc<'_>]) -> Vec<u32> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(docs.len() / PAIRS_PER_THREAD + 1);
    group_on(docs, threads)
}

/// [`group`], with the pairs found on `threads` threads.
fn group_on(docs: &[Doc<'_>], threads: usize) -> Vec<u32> {
    let n = docs.len();
    let mut df: FxHashMap<u32, u32> = FxHashMap::default();
    for doc in docs {
        for term in doc.terms {
            *df.entry(term.hash).or_insert(0) += 1;
        }
    }
    let total = n as f32 + BACKGROUND_ARTICLES;
    let idf = |hash: u32| -> f32 {
        let count = df.get(&hash).copied().unwrap_or(1) as f32;
        (1.0 + total / (count + 1.0)).ln()
    };
    // Each article's weights (idf applied) and their norm.
    let weighted: Vec<(Vec<(u32, f32)>, f32)> = docs
        .iter()
        .map(|doc| {
            let w: Vec<(u32, f32)> = doc
                .terms
                .iter()
                .map(|t| (t.hash, t.weight() * idf(t.hash)))
                .collect();
            let norm = w.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
            (w, norm)
        })
        .collect();
    let common = (n / COMMON_SHARE).max(MIN_COMMON) as u32;
    let mut postings: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (i, doc) in docs.iter().enumerate() {
        for term in doc.terms {
            if df[&{ term.hash }] <= common {
                postings.entry(term.hash).or_default().push(i as u32);
            }
        }
    }
    // The pairs are found on every core, each thread taking every `threads`th article; the
    // links' order does not matter (they are sorted before they join anything).
    let threads = threads.max(1);
    let pairs_from = |first: usize| {
        let mut links: Vec<(f32, u32, u32)> = Vec::new();
        let mut seen: Vec<u32> = vec![u32::MAX; n];
        for i in (first..n).step_by(threads) {
            let doc = &docs[i];
            for term in doc.terms {
                let Some(list) = postings.get(&{ term.hash }) else {
                    continue;
                };
                for &j in list {
                    let j = j as usize;
                    if j <= i || seen[j] == i as u32 {
                        continue;
                    }
                    seen[j] = i as u32;
                    if far_apart(doc, &docs[j]) {
                        continue;
                    }
                    let similarity = cosine(&weighted[i], &weighted[j]);
                    if similarity >= KNOWN_SIMILARITY {
                        links.push((similarity, i as u32, j as u32));
                    }
                }
            }
        }
        links
    };
    let mut links = match threads {
        1 => pairs_from(0),
        _ => std::thread::scope(|scope| {
            let others: Vec<_> = (1..threads)
                .map(|first| scope.spawn(move || pairs_from(first)))
                .collect();
            let mut links = pairs_from(0);
            for other in others {
                links.extend(other.join().expect("a pair-finding thread does not panic"));
            }
            links
        }),
    };
    local_scale(n, &mut links);
    average_linkage(n, links)
}

/// Whether two articles are dated too far apart to be one story: by their dates when both
/// have one, else by the month and day each gives (a year apart is not seen then).
fn far_apart(a: &Doc<'_>, b: &Doc<'_>) -> bool {
    match (a.day, b.day, a.month_day, b.month_day) {
        (Some(x), Some(y), _, _) => (x - y).abs() > MAX_DAYS_APART,
        (_, _, Some(x), Some(y)) => month_days_apart(x, y) > MAX_DAYS_APART,
        _ => false,
    }
}

/// Similarities read against each article's neighbourhood (local scaling, as in self-tuning
/// clustering): a pair counts for more where both articles are otherwise alone, and for less
/// inside a crowd of articles on one topic, where only the closest pairs are one event.
/// Each article's scale is its similarity to its [`SCALE_NEIGHBOUR`]th closest article.
fn local_scale(n: usize, links: &mut [(f32, u32, u32)]) {
    let mut nearest: Vec<Vec<f32>> = vec![Vec::new(); n];
    for &(s, i, j) in links.iter() {
        nearest[i as usize].push(s);
        nearest[j as usize].push(s);
    }
    let scale: Vec<f32> = nearest
        .into_iter()
        .map(|mut sims| {
            sims.sort_unstable_by(|a, b| b.total_cmp(a));
            sims.get(SCALE_NEIGHBOUR - 1)
                .copied()
                .unwrap_or(SCALE_FLOOR)
                .max(SCALE_FLOOR)
        })
        .collect();
    for link in links.iter_mut() {
        let (i, j) = (link.1 as usize, link.2 as usize);
        link.0 = SCALED_UNIT * link.0 / (scale[i] * scale[j]).sqrt().sqrt();
    }
}

/// Joins groups along `links`, most similar first, while the two groups' average similarity
/// holds up.
fn average_linkage(n: usize, mut links: Vec<(f32, u32, u32)>) -> Vec<u32> {
    links.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut neighbours: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
    for &(s, i, j) in &links {
        neighbours[i as usize].push((j, s));
        neighbours[j as usize].push((i, s));
    }
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut members: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
    for &(similarity, i, j) in &links {
        if similarity < LINK_SIMILARITY {
            break;
        }
        let (a, b) = (find(&mut parent, i), find(&mut parent, j));
        if a == b {
            continue;
        }
        let (small, large) = if members[a as usize].len() <= members[b as usize].len() {
            (a, b)
        } else {
            (b, a)
        };
        let mut sum = 0.0;
        for &x in &members[small as usize] {
            for &(y, s) in &neighbours[x as usize] {
                if find(&mut parent, y) == large {
                    sum += s;
                }
            }
        }
        let pairs = (members[a as usize].len() * members[b as usize].len()) as f32;
        if sum / pairs >= LINK_SIMILARITY {
            union(&mut parent, a, b);
            let root = find(&mut parent, a);
            let other = if root == a { b } else { a };
            let moved = std::mem::take(&mut members[other as usize]);
            members[root as usize].extend(moved);
        }
    }
    number_stories(&mut parent)
}

/// The cosine of two weighted term lists sorted by hash.
fn cosine(a: &(Vec<(u32, f32)>, f32), b: &(Vec<(u32, f32)>, f32)) -> f32 {
    if a.1 == 0.0 || b.1 == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.0.len() && j < b.0.len() {
        match a.0[i].0.cmp(&b.0[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a.0[i].1 * b.0[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot / (a.1 * b.1)
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let up = parent[parent[x as usize] as usize];
        parent[x as usize] = up;
        x = up;
    }
    x
}

/// Joins two sets; the smaller root number wins, so the result never depends on the order
/// links were found in.
fn union(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (keep, join) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[join as usize] = keep;
    }
}

/// Story numbers from 0, in the order of each story's first article.
fn number_stories(parent: &mut [u32]) -> Vec<u32> {
    let n = parent.len();
    let mut number_of_root: Vec<u32> = vec![u32::MAX; n];
    let mut next = 0;
    (0..n as u32)
        .map(|i| {
            let root = find(parent, i) as usize;
            if number_of_root[root] == u32::MAX {
                number_of_root[root] = next;
                next += 1;
            }
            number_of_root[root]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(words: &[&str], day: Option<i32>) -> Doc<'static> {
        let mut terms: Vec<Term> = words
            .iter()
            .map(|w| Term {
                hash: super::super::terms::hash_word(w),
                halves: 2,
            })
            .collect();
        terms.sort_by_key(|t| t.hash);
        terms.dedup_by_key(|t| t.hash);
        Doc {
            terms: terms.leak(),
            day,
            month_day: None,
        }
    }

    /// Wire copy with no year: four earnings reports on one template, two of them filed on
    /// March 18 and two on June 1 — and one with a full date of June 2.
    #[test]
    fn days_without_a_year_keep_events_apart_too() {
        let report = |company: &str, month_day, day| Doc {
            month_day,
            day,
            ..doc(
                &["qtr", "shr", "cts", "net", "sales", "loss", company],
                None,
            )
        };
        let docs = [
            report("publicker", Some((3, 18)), None),
            report("comptek", Some((6, 1)), None),
            report("publicker", Some((3, 18)), None),
            report("comptek", Some((6, 1)), None),
            report("comptek", Some((6, 2)), Some(19_876)),
        ];
        assert_eq!(group(&docs), [0, 1, 0, 1, 1]);
        let undated: Vec<Doc> = docs
            .iter()
            .map(|d| Doc {
                month_day: None,
                ..*d
            })
            .collect();
        assert_eq!(
            group(&undated),
            [0, 0, 0, 0, 0],
            "the template alone joins them"
        );
    }

    /// Stories found with the pairs split over threads are the ones found on one.
    #[test]
    fn the_threads_finding_pairs_do_not_change_the_stories() {
        let vocabulary: Vec<String> = (0..120).map(|n| format!("word{n}")).collect();
        let own: Vec<String> = (0..240).map(|n| format!("event{n}")).collect();
        // 600 articles: 60 events of ten, each sharing four words of its own, with words
        // of the whole folder mixed in, and dates on most.
        let docs: Vec<Doc<'static>> = (0..600usize)
            .map(|i| {
                let event = i % 60;
                let mut words: Vec<&str> = (0..4).map(|k| own[event * 4 + k].as_str()).collect();
                words.extend((0..5).map(|k| vocabulary[(i * 7 + k * 13) % 120].as_str()));
                doc(&words, (i % 9 != 0).then_some((event * 3 + i % 2) as i32))
            })
            .collect();
        let one = group_on(&docs, 1);
        let stories = one.iter().max().map_or(0, |&m| m as usize + 1);
        assert!((30..590).contains(&stories), "{stories} stories");
        for threads in [2, 3, 7] {
            assert_eq!(group_on(&docs, threads), one, "{threads} threads");
        }
    }

    #[test]
    fn shared_rare_words_make_a_story_and_dates_keep_events_apart() {
        let docs = [
            doc(
                &["putin", "kim", "pyongyang", "treaty", "signed"],
                Some(100),
            ),
            doc(
                &["putin", "kim", "pyongyang", "treaty", "defence"],
                Some(101),
            ),
            doc(&["flood", "jakarta", "rain", "evacuated"], Some(100)),
            doc(
                &["putin", "kim", "pyongyang", "treaty", "signed"],
                Some(300),
            ),
            doc(&["flood", "jakarta", "rain", "homes"], None),
        ];
        assert_eq!(group(&docs), [0, 0, 1, 2, 1]);
    }
}
