//! Grouping articles into stories: candidates found through their rarer shared terms (an
//! inverted index, so an article is compared only with those that share a rare word with it),
//! confirmed by a cosine over TF-IDF weights in which rare shared words — names, places,
//! numbers — weigh high and common ones low, lowered when both articles have names and
//! numbers but share few of them (two events of one kind told in the same words), and kept
//! apart when both dates are known and far apart. Similarities are read against each
//! article's neighbourhood (local scaling), then stories are formed by average linkage: the
//! most similar pairs first, two groups joining only when their articles are on average
//! alike, so that one article about a topic does not chain two different events of it
//! together — and, when each group is already two tellings or more, only when they are
//! nearly as alike across as each is inside, so that two events of one kind, each told by
//! several outlets, stay two ([`two_events::ACROSS_SHARE_OF_INSIDE`]). A story formed one
//! article at a time is read again the same way ([`two_events`]). The result depends only on
//! the articles, not on the order they came in.

use super::terms::Term;
use super::two_events::{self, ARTICLES_CUT, are_two_events, pairs_among};
use crate::article::dates::{MonthDay, month_days_apart};
use rustc_hash::FxHashMap;

/// Two articles whose (locally scaled) similarity reaches this may be one story; two groups
/// join when their articles' average similarity (pairs never linked counting as 0) does.
pub const LINK_SIMILARITY: f32 = 0.32;
/// The least scale: an article with few neighbours has its pairs raised, but not past this.
const SCALE_FLOOR: f32 = 0.15;
/// The neighbour whose similarity sets an article's scale.
const SCALE_NEIGHBOUR: usize = 7;
/// A pair whose articles' scales are both this (a typical similarity) keeps its similarity.
const SCALED_UNIT: f32 = 0.5;
/// Pairs at least this alike count in a group's average; only pairs reaching
/// [`LINK_SIMILARITY`] join groups.
const KNOWN_SIMILARITY: f32 = 0.05;
/// Two articles that both have names or numbers, whose names and numbers are less alike than
/// this (their cosine), are less alike in proportion (see [`Alike`]).
const SPECIFIC_AGREEMENT: f32 = 0.35;
/// Articles dated further apart than this (in days) are not one story.
pub const MAX_DAYS_APART: i32 = 4;
/// A small folder's words are not all rare: document frequencies are read as if this many
/// more articles, none with the word, were there.
const BACKGROUND_ARTICLES: f32 = 50.0;
/// A term in more than this share of articles (and more than [`MIN_COMMON`]) finds no
/// candidates: it still counts in the similarity.
const COMMON_SHARE: usize = 50;
const MIN_COMMON: usize = 24;
/// Nor does a term in more than this many articles, however many there are: the pairs a
/// term's list finds grow as the square of its length, and one event's articles share
/// rarer words than that (at 100,000 articles, [`COMMON_SHARE`] gives this already).
const MAX_COMMON: usize = 2000;
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

/// All that [`group`] reads of `docs`, as bytes handed to `feed` a piece at a time (at
/// 100,000 articles they are 30 MB, which are hashed, not kept): the same bytes, the same
/// stories.
pub fn grouping_input(docs: &[Doc<'_>], mut feed: impl FnMut(&[u8])) {
    const PIECE: usize = 64 * 1024;
    let mut bytes = Vec::with_capacity(PIECE + 512);
    for doc in docs {
        bytes.extend_from_slice(&doc.day.unwrap_or(i32::MIN).to_le_bytes());
        let (month, day) = doc.month_day.unwrap_or((0, 0));
        bytes.extend_from_slice(&[month, day]);
        bytes.extend_from_slice(&(doc.terms.len() as u32).to_le_bytes());
        for term in doc.terms {
            let Term { hash, packed } = *term;
            bytes.extend_from_slice(&hash.to_le_bytes());
            bytes.extend_from_slice(&packed.to_le_bytes());
            if bytes.len() >= PIECE {
                feed(&bytes);
                bytes.clear();
            }
        }
    }
    feed(&bytes);
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
///
/// Two passes over the candidate pairs, so that the millions of weak pairs of a large folder
/// are never all held at once (at 100,000 articles they were 3.3 million links, 40 MB, and
/// as much again to sort and index them). The first keeps only each article's closest
/// similarities (its scale) and the pairs strong enough that they might join; those pairs
/// give the clusters no join can leave. The second keeps the pairs inside those clusters
/// alone: a pair of articles that can never be in two groups weighed for a join never
/// counts in an average. The stories are the ones every pair would give.
fn group_on(docs: &[Doc<'_>], threads: usize) -> Vec<u32> {
    let n = docs.len();
    let pairs = Pairs::of(docs, threads);
    // First pass: each article's scale, and the pairs that may join.
    let may_join = least_joining_similarity();
    let (scale, strong) = scales_and_pairs(&pairs, |similarity| similarity >= may_join);
    // The clusters the joining links make: every join happens inside one.
    let joining = strong
        .iter()
        .filter(|&&(s, i, j)| scaled(s, &scale, i, j) >= LINK_SIMILARITY)
        .map(|&(_, i, j)| (i, j));
    let (cluster, in_a_cluster) = clusters(n, joining);
    drop(strong);
    // Second pass: the pairs inside the clusters, which alone are read by the joining.
    let found = pairs.each(
        &|i| in_a_cluster[i],
        &|i, j| cluster[i] == cluster[j],
        &Vec::new,
        &|links: &mut Vec<Link>, i, j, alike| links.push((alike.similarity, i as u32, j as u32)),
    );
    // What found the pairs is not needed to join them.
    drop(pairs);
    let mut links: Vec<Link> = found.into_iter().flatten().collect();
    for link in &mut links {
        link.0 = scaled(link.0, &scale, link.1, link.2);
    }
    average_linkage(n, links)
}

/// Every candidate pair `(i, j, similarity)`, `i < j`, with its similarity read against both
/// articles' neighbourhoods ([`scales`]), as the grouping reads it before it joins anything.
/// For measuring how well the similarity tells one story from another
/// (`examples/stories_ceiling.rs`); the grouping itself never holds every pair.
pub fn scaled_pairs(docs: &[Doc<'_>]) -> Vec<(u32, u32, f32)> {
    let pairs = Pairs::of(docs, 1);
    let (scale, all) = scales_and_pairs(&pairs, |_| true);
    all.into_iter()
        .map(|(similarity, i, j)| (i, j, scaled(similarity, &scale, i, j)))
        .collect()
}

/// One pass over the candidate pairs: each article's scale (from its closest similarities),
/// and the pairs whose similarity `keep` keeps.
fn scales_and_pairs(
    pairs: &Pairs<'_, '_>,
    keep: impl Fn(f32) -> bool + Sync,
) -> (Vec<f32>, Vec<Link>) {
    let n = pairs.docs.len();
    let found = pairs.each(
        &|_| true,
        &|_, _| true,
        &|| (vec![[f32::NEG_INFINITY; SCALE_NEIGHBOUR]; n], Vec::new()),
        &|(closest, kept): &mut (Vec<[f32; SCALE_NEIGHBOUR]>, Vec<Link>), i, j, alike| {
            keep_closest(&mut closest[i], alike.cosine);
            keep_closest(&mut closest[j], alike.cosine);
            if keep(alike.similarity) {
                kept.push((alike.similarity, i as u32, j as u32));
            }
        },
    );
    let mut closest = vec![[f32::NEG_INFINITY; SCALE_NEIGHBOUR]; n];
    let mut kept = Vec::new();
    for (their_closest, their_kept) in found {
        for (mine, theirs) in closest.iter_mut().zip(their_closest) {
            for s in theirs.into_iter().take_while(|s| s.is_finite()) {
                keep_closest(mine, s);
            }
        }
        kept.extend(their_kept);
    }
    (scales(&closest), kept)
}

/// Each article's term weights, and the articles of each term rare enough to find pairs by.
fn weights_and_postings(docs: &[Doc<'_>]) -> (Weights, FxHashMap<u32, Vec<u32>>) {
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
    let weights = Weights::of(docs, idf);
    let common = common_from(n);
    let mut postings: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (i, doc) in docs.iter().enumerate() {
        for term in doc.terms {
            if df[&{ term.hash }] <= common {
                postings.entry(term.hash).or_default().push(i as u32);
            }
        }
    }
    (weights, postings)
}

/// The clusters that `pairs` of articles make, joined through any pair: each article's
/// cluster (its root, so one look tells two clusters apart), and whether it has others.
pub fn clusters(n: usize, pairs: impl Iterator<Item = (u32, u32)>) -> (Vec<u32>, Vec<bool>) {
    let mut cluster: Vec<u32> = (0..n as u32).collect();
    let mut joined = vec![false; n];
    for (i, j) in pairs {
        union(&mut cluster, i, j);
        joined[i as usize] = true;
        joined[j as usize] = true;
    }
    for i in 0..n as u32 {
        cluster[i as usize] = find(&mut cluster, i);
    }
    (cluster, joined)
}

/// How many articles a term may be in and still find pairs, among `n`.
fn common_from(n: usize) -> u32 {
    (n / COMMON_SHARE).clamp(MIN_COMMON, MAX_COMMON) as u32
}

/// How alike two articles are.
#[derive(Debug, Clone, Copy, Default)]
struct Alike {
    /// The cosine of their terms' weights: what sets each article's neighbourhood (its scale).
    cosine: f32,
    /// The cosine, lowered when both articles name people, places or numbers and share few
    /// of them (less than [`SPECIFIC_AGREEMENT`] by the cosine of those terms alone): two
    /// reports of one kind of event (an earthquake, a shooting) share most of their words,
    /// and only the names and numbers tell the events apart. What joins articles.
    similarity: f32,
}

/// A pair of articles and their similarity.
type Link = (f32, u32, u32);

/// The least raw similarity a pair may join at: its scaled similarity reaches
/// [`LINK_SIMILARITY`] only when the raw one reaches this with both articles' scales at
/// [`SCALE_FLOOR`] (a higher scale lowers a pair), less a margin for rounding.
fn least_joining_similarity() -> f32 {
    0.999 * LINK_SIMILARITY / SCALED_UNIT * SCALE_FLOOR.sqrt()
}

/// The candidate pairs of a set of articles: those that share a term rare enough to have a
/// list of its articles, not dated far apart, and at least [`KNOWN_SIMILARITY`] alike.
struct Pairs<'a, 'd> {
    docs: &'a [Doc<'d>],
    weights: Weights,
    postings: FxHashMap<u32, Vec<u32>>,
    threads: usize,
}

impl<'a, 'd> Pairs<'a, 'd> {
    /// The candidate pairs of `docs`, to be found on `threads` threads.
    fn of(docs: &'a [Doc<'d>], threads: usize) -> Self {
        let (weights, postings) = weights_and_postings(docs);
        Pairs {
            docs,
            weights,
            postings,
            threads: threads.max(1),
        }
    }

    /// Visits each pair `(i, j)`, `i < j`, with `i` taken and `(i, j)` wanted, with its
    /// similarity, on every thread: each thread visits every `threads`th article's pairs into
    /// a state of its own, and the states come back in the threads' order.
    fn each<S: Send>(
        &self,
        taken: &(dyn Fn(usize) -> bool + Sync),
        wanted: &(dyn Fn(usize, usize) -> bool + Sync),
        new_state: &(dyn Fn() -> S + Sync),
        visit: &(dyn Fn(&mut S, usize, usize, Alike) + Sync),
    ) -> Vec<S> {
        let (docs, n, threads) = (self.docs, self.docs.len(), self.threads);
        let from = |first: usize| {
            let mut state = new_state();
            let mut seen: Vec<u32> = vec![u32::MAX; n];
            for i in (first..n).step_by(threads).filter(|&i| taken(i)) {
                let doc = &docs[i];
                for term in doc.terms {
                    let Some(list) = self.postings.get(&{ term.hash }) else {
                        continue;
                    };
                    for &j in list {
                        let j = j as usize;
                        if j <= i || seen[j] == i as u32 {
                            continue;
                        }
                        seen[j] = i as u32;
                        if !wanted(i, j) || far_apart(doc, &docs[j]) {
                            continue;
                        }
                        let alike = self.weights.alike(docs, i, j);
                        if alike.cosine >= KNOWN_SIMILARITY {
                            visit(&mut state, i, j, alike);
                        }
                    }
                }
            }
            state
        };
        match threads {
            1 => vec![from(0)],
            _ => std::thread::scope(|scope| {
                let others: Vec<_> = (1..threads)
                    .map(|first| scope.spawn(move || from(first)))
                    .collect();
                let mut states = vec![from(0)];
                states.extend(
                    others
                        .into_iter()
                        .map(|other| other.join().expect("a pair-finding thread does not panic")),
                );
                states
            }),
        }
    }
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
/// Each article's scale is its cosine with its [`SCALE_NEIGHBOUR`]th closest article
/// (`closest`: each article's closest similarities, most alike first), never below
/// [`SCALE_FLOOR`].
fn scales(closest: &[[f32; SCALE_NEIGHBOUR]]) -> Vec<f32> {
    closest
        .iter()
        .map(|nearest| match nearest[SCALE_NEIGHBOUR - 1] {
            f32::NEG_INFINITY => SCALE_FLOOR,
            s => s.max(SCALE_FLOOR),
        })
        .collect()
}

/// A pair's similarity read against both articles' scales.
fn scaled(similarity: f32, scale: &[f32], i: u32, j: u32) -> f32 {
    SCALED_UNIT * similarity / (scale[i as usize] * scale[j as usize]).sqrt().sqrt()
}

/// Puts `similarity` among an article's closest ones (most alike first) when it is one.
fn keep_closest(nearest: &mut [f32; SCALE_NEIGHBOUR], similarity: f32) {
    let mut at = SCALE_NEIGHBOUR;
    while at > 0 && nearest[at - 1] < similarity {
        at -= 1;
    }
    if at < SCALE_NEIGHBOUR {
        nearest.copy_within(at..SCALE_NEIGHBOUR - 1, at + 1);
        nearest[at] = similarity;
    }
}

/// Joins groups along `links`, most similar first, while the two groups' average similarity
/// holds up, and, for two groups of two or more, while they are not two events
/// ([`two_events::are_two_events`]); then cuts each story that is two events.
fn average_linkage(n: usize, mut links: Vec<Link>) -> Vec<u32> {
    // No two links are of one pair, so this order is total: no sort could order them
    // otherwise, and the unstable one needs no buffer.
    links.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let neighbours = Neighbours::of(n, &links);
    // Only the links that reach the threshold join anything; the rest count in averages.
    let joining = links.partition_point(|link| link.0 >= LINK_SIMILARITY);
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut members: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
    // Each group's sum of similarities between its own articles (under its root).
    let mut inside: Vec<f32> = vec![0.0; n];
    for &(_, i, j) in &links[..joining] {
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
            for (y, s) in neighbours.of_article(x, &links) {
                if find(&mut parent, y) == large {
                    sum += s;
                }
            }
        }
        let (size_a, size_b) = (members[a as usize].len(), members[b as usize].len());
        let across = sum / (size_a * size_b) as f32;
        let inside_average = |group: u32, size: usize| inside[group as usize] / pairs_among(size);
        let two_events = size_a >= 2
            && size_b >= 2
            && are_two_events(across, inside_average(a, size_a), inside_average(b, size_b));
        if across >= LINK_SIMILARITY && !two_events {
            let joined_inside = inside[a as usize] + inside[b as usize] + sum;
            union(&mut parent, a, b);
            let root = find(&mut parent, a);
            inside[root as usize] = joined_inside;
            let other = if root == a { b } else { a };
            let moved = std::mem::take(&mut members[other as usize]);
            members[root as usize].extend(moved);
        }
    }
    // A story's articles are all under its root; every other article's list is empty.
    for story in members.iter().filter(|m| ARTICLES_CUT.contains(&m.len())) {
        cut_two_events(&mut parent, story, &neighbours, &links);
    }
    number_stories(&mut parent)
}

/// Cuts the story of `articles` (its root in `parent`; of [`ARTICLES_CUT`] articles) into its
/// events when it is two or more (see [`two_events::parts`]): each part's first article
/// becomes its root.
fn cut_two_events(parent: &mut [u32], articles: &[u32], neighbours: &Neighbours, links: &[Link]) {
    let n = articles.len();
    let mut articles = articles.to_vec();
    articles.sort_unstable();
    let mut alike = vec![0.0; n * n];
    for (a, &x) in articles.iter().enumerate() {
        for (y, s) in neighbours.of_article(x, links) {
            if let Ok(b) = articles.binary_search(&y) {
                alike[a * n + b] = s;
            }
        }
    }
    for part in two_events::parts(&alike, n) {
        let root = articles[part[0]];
        for at in part {
            parent[articles[at] as usize] = root;
        }
    }
}

/// Each article's links (their places in the sorted links), in the order of those links, in
/// one table: at 100,000 articles, millions of links, and a list for each article would take
/// half as much again in slack and headers.
struct Neighbours {
    /// Where each article's links start in `links`; the last entry is its length.
    starts: Vec<u32>,
    links: Vec<u32>,
}

impl Neighbours {
    fn of(n: usize, links: &[Link]) -> Neighbours {
        let mut starts = vec![0u32; n + 1];
        for &(_, i, j) in links {
            starts[i as usize + 1] += 1;
            starts[j as usize + 1] += 1;
        }
        for k in 1..=n {
            starts[k] += starts[k - 1];
        }
        let mut next = starts.clone();
        let mut placed = vec![0u32; links.len() * 2];
        for (at, &(_, i, j)) in links.iter().enumerate() {
            for end in [i, j] {
                let slot = &mut next[end as usize];
                placed[*slot as usize] = at as u32;
                *slot += 1;
            }
        }
        Neighbours {
            starts,
            links: placed,
        }
    }

    /// The articles linked with article `x`, each with the link's similarity.
    fn of_article<'a>(
        &'a self,
        x: u32,
        links: &'a [Link],
    ) -> impl Iterator<Item = (u32, f32)> + 'a {
        let range = self.starts[x as usize] as usize..self.starts[x as usize + 1] as usize;
        self.links[range].iter().map(move |&at| {
            let (s, i, j) = links[at as usize];
            (if i == x { j } else { i }, s)
        })
    }
}

/// Each article's term weights (a term's weight in the article times its idf), in one table
/// beside the articles' terms, and their norms.
struct Weights {
    /// Where each article's weights start in `weights`; the last entry is its length.
    starts: Vec<u32>,
    weights: Vec<f32>,
    norms: Vec<f32>,
    /// The norm of each article's specific terms alone (names and numbers).
    specific_norms: Vec<f32>,
}

impl Weights {
    fn of(docs: &[Doc<'_>], idf: impl Fn(u32) -> f32) -> Weights {
        let mut starts = Vec::with_capacity(docs.len() + 1);
        let mut weights = Vec::with_capacity(docs.iter().map(|d| d.terms.len()).sum());
        let mut norms = Vec::with_capacity(docs.len());
        let mut specific_norms = Vec::with_capacity(docs.len());
        starts.push(0);
        for doc in docs {
            let first = weights.len();
            weights.extend(doc.terms.iter().map(|t| t.weight() * idf(t.hash)));
            let mine = &weights[first..];
            norms.push(mine.iter().map(|x| x * x).sum::<f32>().sqrt());
            let specific = doc.terms.iter().zip(mine).filter(|(t, _)| t.is_specific());
            specific_norms.push(specific.map(|(_, x)| x * x).sum::<f32>().sqrt());
            starts.push(weights.len() as u32);
        }
        Weights {
            starts,
            weights,
            norms,
            specific_norms,
        }
    }

    fn of_article(&self, i: usize) -> &[f32] {
        &self.weights[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// How alike articles `i` and `j` of `docs` (whose terms are sorted by hash) are.
    fn alike(&self, docs: &[Doc<'_>], i: usize, j: usize) -> Alike {
        let (norm_a, norm_b) = (self.norms[i], self.norms[j]);
        if norm_a == 0.0 || norm_b == 0.0 {
            return Alike::default();
        }
        let (a, b) = (docs[i].terms, docs[j].terms);
        let (weight_a, weight_b) = (self.of_article(i), self.of_article(j));
        let (mut x, mut y, mut dot, mut specific_dot) = (0, 0, 0.0, 0.0);
        while x < a.len() && y < b.len() {
            match { a[x].hash }.cmp(&{ b[y].hash }) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    let product = weight_a[x] * weight_b[y];
                    dot += product;
                    if a[x].is_specific() || b[y].is_specific() {
                        specific_dot += product;
                    }
                    x += 1;
                    y += 1;
                }
            }
        }
        let cosine = dot / (norm_a * norm_b);
        let specific_norms = self.specific_norms[i] * self.specific_norms[j];
        let kept = match specific_norms {
            // One of them names nothing: nothing to disagree on.
            0.0 => 1.0,
            _ => (specific_dot / specific_norms / SPECIFIC_AGREEMENT).min(1.0),
        };
        Alike {
            cosine,
            similarity: cosine * kept,
        }
    }
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
#[path = "cluster_tests.rs"]
mod tests;
