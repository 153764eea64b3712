//! Benchmarks: parsing, loading 10k and 100k articles, filtering 100k with growing queries (with
//! nucleo-matcher beside fuzzy-matcher on the same titles), and laying out a 20 MB article.
//!
//!     cargo bench                     # everything (the 100k corpus is written once to /tmp)
//!     cargo bench -- filter           # one group
//!
//! WARTA_BENCH_DIR picks where the corpora go (default: the system temp folder).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Utf32Str};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;
use warta::app::reader::ReaderPane;
use warta::article::parse::parse_bytes;
use warta::article::render::layout;
use warta::filter::{Matcher, NoFlags, Query};
use warta::index::{BatchIndex, WordIndex};
use warta::rules::Rules;
use warta::store::{self, LoadOptions, Sources, Store};

const SEED: u64 = 0x5EED;

/// A corpus of `count` articles on disk, written once and reused between runs.
fn corpus(count: usize) -> PathBuf {
    let base = std::env::var_os("WARTA_BENCH_DIR").map_or_else(std::env::temp_dir, PathBuf::from);
    let dir = base.join(format!("warta-bench-{count}"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        warta_bench::corpus::write_corpus(&dir, count, SEED).expect("the corpus is written");
        std::fs::write(&done, b"").expect("marker");
    }
    dir
}

/// How the reader loads: bodies let go, search text kept.
fn reader_options() -> LoadOptions {
    LoadOptions {
        keep_body: false,
        ..LoadOptions::default()
    }
}

fn load(count: usize) -> Store {
    store::load_all(
        &Sources::Paths(vec![corpus(count)]),
        Rules::builtin(),
        reader_options(),
    )
}

fn parsing(c: &mut Criterion) {
    let rules = Rules::builtin();
    let mut group = c.benchmark_group("parse");
    for (name, bytes) in [
        ("seed-003", store::SEEDS[3].1.to_vec()),
        (
            "synthetic-4k",
            warta_bench::corpus::articles(1, SEED)[0]
                .clone()
                .into_bytes(),
        ),
    ] {
        group.bench_function(name, |b| b.iter(|| parse_bytes(black_box(&bytes), rules)));
    }
    group.finish();
}

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    for count in [10_000, 100_000] {
        let dir = corpus(count);
        group.bench_with_input(BenchmarkId::from_parameter(count), &dir, |b, dir| {
            b.iter(|| {
                store::load_all(
                    &Sources::Paths(vec![dir.clone()]),
                    Rules::builtin(),
                    reader_options(),
                )
            })
        });
    }
    group.finish();
}

const QUERIES: [&str; 7] = ["p", "pu", "put", "puti", "putin", "@kompas", "vostochny"];

fn filtering(c: &mut Criterion) {
    let store = load(100_000);
    let matcher = Matcher::default();
    let mut group = c.benchmark_group("filter-100k");
    group.sample_size(10);
    for query in QUERIES {
        let parsed = Query::parse(query);
        group.bench_with_input(BenchmarkId::new("warta", query), &parsed, |b, q| {
            b.iter(|| matcher.filter(q, &store, &NoFlags).len())
        });
    }
    // The same queries with bodies looked up in the word index, as the reader does.
    let mut index = WordIndex::default();
    index.merge(BatchIndex::build(&store.articles), 0);
    for query in QUERIES {
        let mut parsed = Query::parse(query);
        parsed.use_index(&index, store.articles.len());
        group.bench_with_input(BenchmarkId::new("warta+index", query), &parsed, |b, q| {
            b.iter(|| matcher.filter(q, &store, &NoFlags).len())
        });
    }
    // Matching alone, on one thread, as the reader's first pass does it (titles scanned a run
    // at a time; fuzzy title scores left for after the first screen is shown).
    let every: Vec<usize> = (0..store.articles.len()).collect();
    for query in QUERIES {
        let mut parsed = Query::parse(query);
        parsed.use_index(&index, store.articles.len());
        group.bench_with_input(BenchmarkId::new("match-only", query), &parsed, |b, q| {
            b.iter(|| matcher.quick_hits(q, &every, &store, &NoFlags).len())
        });
    }
    // The growing query as the reader runs it: each key re-checks only what still matched.
    group.bench_function("match-only/typed p..putin narrowing", |b| {
        b.iter(|| {
            let mut candidates: Vec<usize> = every.clone();
            for n in 1..=5 {
                let mut q = Query::parse(&"putin"[..n]);
                q.use_index(&index, store.articles.len());
                candidates = matcher
                    .quick_hits(&q, &candidates, &store, &NoFlags)
                    .iter()
                    .map(|hit| hit.index)
                    .collect();
            }
            candidates.len()
        })
    });
    // Reference points on the same title+outlet strings: fuzzy-matcher alone and nucleo.
    let heads: Vec<String> = store
        .articles
        .iter()
        .map(|a| format!("{} {}", a.title, a.outlet_name()))
        .collect();
    let skim = fuzzy_matcher::skim::SkimMatcherV2::default().smart_case();
    let mut nucleo = nucleo_matcher::Matcher::new(Config::DEFAULT);
    let utf32: Vec<Vec<char>> = heads.iter().map(|h| h.chars().collect()).collect();
    for query in ["p", "pu", "put", "puti", "putin", "kompas"] {
        group.bench_with_input(
            BenchmarkId::new("fuzzy-matcher titles", query),
            &query,
            |b, q| {
                b.iter(|| {
                    heads
                        .iter()
                        .filter(|h| fuzzy_matcher::FuzzyMatcher::fuzzy_match(&skim, h, q).is_some())
                        .count()
                })
            },
        );
        let pattern = Pattern::new(
            query,
            CaseMatching::Smart,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        group.bench_with_input(BenchmarkId::new("nucleo titles", query), &query, |b, _| {
            b.iter(|| {
                utf32
                    .iter()
                    .filter(|h| pattern.score(Utf32Str::Unicode(h), &mut nucleo).is_some())
                    .count()
            })
        });
    }
    group.finish();
}

fn wrapping(c: &mut Criterion) {
    let paragraph = "Korea Utara dan Rusia sepakat memberikan bantuan militer segera jika keduanya menghadapi agresi bersenjata. ";
    let mut text = String::from("Artikel Raksasa Dua Puluh Megabita\n");
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(paragraph);
        text.push_str(paragraph);
        text.push('\n');
    }
    let article = parse_bytes(text.as_bytes(), Rules::builtin());
    let mut group = c.benchmark_group("article-20mb");
    group.sample_size(10);
    group.bench_function("parse", |b| {
        b.iter(|| parse_bytes(black_box(text.as_bytes()), Rules::builtin()))
    });
    group.bench_function("layout at 80 columns (--show)", |b| {
        b.iter(|| layout(black_box(&article), 80).len())
    });
    group.bench_function("open in the reading pane", |b| {
        b.iter(|| {
            let mut pane = ReaderPane::default();
            pane.set_height(40);
            pane.show(0, black_box(&article), 80);
            pane.visible().len()
        })
    });
    let mut pane = ReaderPane::default();
    pane.set_height(40);
    pane.show(0, &article, 80);
    group.bench_function("scroll a line", |b| b.iter(|| pane.scroll_by(1)));
    group.bench_function("scroll a page", |b| b.iter(|| pane.scroll_by(39)));
    group.bench_function("jump to the bottom and back", |b| {
        b.iter(|| {
            pane.scroll_edge(true);
            pane.scroll_edge(false);
        })
    });
    group.finish();
}

criterion_group!(benches, parsing, wrapping, loading, filtering);
criterion_main!(benches);
