//! What the reader holds once a folder is loaded, part by part, beside the process's resident
//! and peak memory: for BENCHMARKS.md's table.
//!
//!     cargo run --release --example bench_memory -- DIR [--cache]
//!
//! With `--cache`, the load reads and writes the parse cache in `$XDG_CACHE_HOME` (an empty
//! folder there measures a first start; run it twice for a later one).

#[path = "common/reader.rs"]
#[allow(dead_code)]
mod reader;

use ratatui::layout::Rect;
use std::mem::size_of;
use warta::article::{Article, StoryTerm};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: bench_memory DIR [--cache]");
    let cache = std::env::args().nth(2).is_some_and(|a| a == "--cache");
    let app = reader::loaded_app_with_cache(&dir, Rect::new(0, 0, 120, 40), cache);
    let corpus = reader::folder_bytes(&dir) as f64;
    let articles = &app.store.articles;
    let strings = |a: &Article| {
        a.id.capacity()
            + a.path.as_os_str().len()
            + a.title.capacity()
            + a.section.as_ref().map_or(0, String::capacity)
            + a.dateline.as_ref().map_or(0, String::capacity)
            + a.lead.as_ref().map_or(0, String::capacity)
            + [&a.authors, &a.editors, &a.sources, &a.warnings]
                .iter()
                .map(|l| {
                    l.capacity() * size_of::<String>()
                        + l.iter().map(String::capacity).sum::<usize>()
                })
                .sum::<usize>()
            + a.paragraphs.iter().map(String::capacity).sum::<usize>()
            + a.removed
                .iter()
                .map(|r| r.text.capacity() + r.rule.capacity())
                .sum::<usize>()
    };
    let (index_words, index_lists, postings) = app.search.index().held_bytes();
    let parts: Vec<(&str, usize)> = vec![
        (
            "article records (the structs)",
            articles.capacity() * size_of::<Article>(),
        ),
        (
            "their strings (title, path, id, names, lead)",
            articles.iter().map(strings).sum(),
        ),
        (
            "bodies' search text (folded, packed)",
            articles.iter().map(|a| a.search_body.held_bytes()).sum(),
        ),
        (
            "story terms",
            articles
                .iter()
                .map(|a| a.story_terms.len() * size_of::<StoryTerm>())
                .sum(),
        ),
        (
            "titles and outlets for the filter (heads)",
            // The text, a bit a byte for where its capitals are, and a span, a date and a
            // flag an article (with the lists' room to grow).
            app.store.heads.text().len() * 9 / 8 + app.store.heads.len() * 48,
        ),
        ("word index: words", index_words),
        ("word index: lists of articles", index_lists),
    ];
    let mib = |b: f64| b / 1048576.0;
    println!(
        "{} articles, corpus {:.0} MiB; word index {postings} entries",
        articles.len(),
        mib(corpus)
    );
    let mut total = 0;
    for (name, bytes) in &parts {
        total += bytes;
        println!(
            "  {name:>46}: {:7.1} MiB  {:.2} x corpus",
            mib(*bytes as f64),
            *bytes as f64 / corpus
        );
    }
    println!(
        "  {:>46}: {:7.1} MiB  {:.2} x corpus",
        "counted",
        mib(total as f64),
        total as f64 / corpus
    );
    for (name, key) in [
        ("resident now (VmRSS)", "VmRSS:"),
        ("peak while loading (VmHWM)", "VmHWM:"),
    ] {
        let bytes = reader::status_mib("self", key).map_or(f64::NAN, |mib| mib * 1048576.0);
        println!(
            "  {name:>46}: {:7.1} MiB  {:.2} x corpus",
            mib(bytes),
            bytes / corpus
        );
    }
}
