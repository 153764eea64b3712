//! How far the stories' similarity can take the grouping on a labelled corpus, whatever rule
//! joins the pairs: every candidate pair's similarity (locally scaled, as the grouping reads
//! it) set against the labels.
//!
//!     cargo run --release --example stories_ceiling -- ../shared/storiescorpus
//!
//! The folder holds `articles/` and `LABELS.tsv` (columns `file` and `cluster_id`, the file
//! relative to the folder). It prints, for each bar:
//! - an oracle's scores: the stories made of only the right pairs at or above the bar — what
//!   a perfect judge of every pair there would reach (precision 1);
//! - how many right and wrong pairs lie in each band of similarity;
//! - how often an article's most similar other article is of its own labelled story.

use std::collections::HashMap;
use std::path::Path;
use warta::rules::Rules;
use warta::store::{self, LoadOptions, Sources};
use warta::stories::{StoryInput, cluster, grouping_docs};

fn main() {
    let folder = std::env::args()
        .nth(1)
        .expect("usage: stories_ceiling FOLDER (with articles/ and LABELS.tsv)");
    let folder = Path::new(&folder);
    let labels = read_labels(&folder.join("LABELS.tsv"));
    let store = store::load_all(
        &Sources::Paths(vec![folder.join("articles")]),
        Rules::builtin(),
        LoadOptions::default(),
    );
    let inputs: Vec<StoryInput> = (store.articles.iter())
        .map(|a| StoryInput::of(a, true))
        .collect();
    let (stable, docs) = grouping_docs(&inputs);
    // Each document's labelled story, by its file name.
    let story: Vec<&str> = stable
        .iter()
        .map(|&i| {
            let name = store.articles[i].path.file_name().expect("a file");
            let name = name.to_string_lossy();
            labels
                .get(name.as_ref())
                .unwrap_or_else(|| panic!("{name} is not in LABELS.tsv"))
                .as_str()
        })
        .collect();
    let pairs = cluster::scaled_pairs(&docs);
    let labelled = Labelled::new(&story);
    println!(
        "{} articles, {} labelled stories, {} pairs of one story ({} of them candidates), {} candidate pairs",
        story.len(),
        labelled.stories,
        labelled.right_pairs,
        pairs.iter().filter(|p| labelled.same(p)).count(),
        pairs.len()
    );
    println!(
        "\nthe stories of only the right pairs at or above the bar (a perfect judge of each):"
    );
    println!("  bar    right  wrong   B-cubed R / F1   pairwise R / F1");
    for bar in [0.5, 0.4, 0.32, 0.3, 0.28, 0.26, 0.24, 0.2, 0.1] {
        let (right, wrong): (Vec<&(u32, u32, f32)>, Vec<_>) = (pairs.iter())
            .filter(|p| p.2 >= bar)
            .partition(|p| labelled.same(p));
        let (groups, _) = cluster::clusters(story.len(), right.iter().map(|p| (p.0, p.1)));
        let (b_recall, pair_recall) = labelled.recalls(&groups);
        println!(
            "  {bar:.2}  {:6} {:6}   {b_recall:.3} / {:.3}    {pair_recall:.3} / {:.3}",
            right.len(),
            wrong.len(),
            f1(1.0, b_recall),
            f1(1.0, pair_recall)
        );
    }
    println!("\npairs by band of similarity:");
    let bands = [
        (0.32, f32::INFINITY),
        (0.29, 0.32),
        (0.26, 0.29),
        (0.22, 0.26),
    ];
    for (low, high) in bands {
        let band = pairs.iter().filter(|p| p.2 >= low && p.2 < high);
        let right = band.clone().filter(|p| labelled.same(p)).count();
        println!(
            "  {low:.2}..{high:.2}: right {right}, wrong {}",
            band.count() - right
        );
    }
    let mut closest: Vec<Option<(f32, u32)>> = vec![None; story.len()];
    for &(i, j, s) in &pairs {
        for (a, b) in [(i, j), (j, i)] {
            if closest[a as usize].is_none_or(|(best, _)| s > best) {
                closest[a as usize] = Some((s, b));
            }
        }
    }
    let with_others: Vec<usize> = (0..story.len())
        .filter(|&i| labelled.size[story[i]] > 1)
        .collect();
    let own = with_others
        .iter()
        .filter(|&&i| closest[i].is_some_and(|(_, j)| story[j as usize] == story[i]))
        .count();
    println!(
        "\nof {} articles whose story has others, {own} ({:.1} %) have one of them as their most similar article",
        with_others.len(),
        100.0 * own as f64 / with_others.len().max(1) as f64
    );
}

/// Each file's labelled story, by file name.
fn read_labels(path: &Path) -> HashMap<String, String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().expect("a header line").clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{}: no column {name}", path.display()))
    };
    let (file, story) = (column("file"), column("cluster_id"));
    reader
        .records()
        .map(|record| {
            let record = record.expect("a readable line");
            let name = Path::new(&record[file]).file_name().expect("a file name");
            (
                name.to_string_lossy().into_owned(),
                record[story].to_string(),
            )
        })
        .collect()
}

/// The labelled stories, for scoring groupings against.
struct Labelled<'a> {
    story: &'a [&'a str],
    size: HashMap<&'a str, usize>,
    stories: usize,
    right_pairs: usize,
}

impl<'a> Labelled<'a> {
    fn new(story: &'a [&'a str]) -> Labelled<'a> {
        let mut size: HashMap<&str, usize> = HashMap::new();
        for s in story {
            *size.entry(s).or_default() += 1;
        }
        let right_pairs = size.values().map(|n| n * (n - 1) / 2).sum();
        Labelled {
            story,
            stories: size.len(),
            size,
            right_pairs,
        }
    }

    fn same(&self, pair: &&(u32, u32, f32)) -> bool {
        self.story[pair.0 as usize] == self.story[pair.1 as usize]
    }

    /// B-cubed and pairwise recall of `groups` (each document's group), whose every group
    /// lies inside one labelled story.
    fn recalls(&self, groups: &[u32]) -> (f64, f64) {
        let mut group_size: HashMap<u32, usize> = HashMap::new();
        for &g in groups {
            *group_size.entry(g).or_default() += 1;
        }
        let b_cubed = (groups.iter().zip(self.story))
            .map(|(g, s)| group_size[g] as f64 / self.size[s] as f64)
            .sum::<f64>()
            / groups.len() as f64;
        let found: usize = group_size.values().map(|n| n * (n - 1) / 2).sum();
        (b_cubed, found as f64 / self.right_pairs.max(1) as f64)
    }
}

fn f1(precision: f64, recall: f64) -> f64 {
    2.0 * precision * recall / (precision + recall)
}
