//! Where the reader's load spends its time, phase by phase, on one thread: reading, parsing
//! (with the body's search text), story terms, the word index, packing the search text.
//!
//!     cargo run --release --example bench_phases -- DIR [LIMIT]

#[path = "common/reader.rs"]
#[allow(dead_code)]
mod reader;

use std::time::{Duration, Instant};
use warta::article::parse::{Searchable, parse_bytes_with};
use warta::article::search_text::SearchText;
use warta::index::BatchIndex;
use warta::rules::Rules;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: bench_phases DIR [LIMIT]");
    let limit: usize = args.next().map_or(20_000, |n| n.parse().expect("a number"));
    let mut paths = reader::files_under(&dir);
    paths.truncate(limit);
    let rules = Rules::builtin();
    let mut time = [Duration::ZERO; 5];
    let mut bytes = 0;
    for chunk in paths.chunks(256) {
        let start = Instant::now();
        let files: Vec<Vec<u8>> = chunk.iter().map(|p| std::fs::read(p).unwrap()).collect();
        bytes += files.iter().map(Vec::len).sum::<usize>();
        let read = Instant::now();
        let mut batch: Vec<_> = files
            .iter()
            .map(|f| parse_bytes_with(f, rules, Searchable::Yes))
            .collect();
        let parsed = Instant::now();
        for article in &mut batch {
            warta::store::with_story_terms(article);
        }
        let termed = Instant::now();
        let index = BatchIndex::build(&batch);
        let indexed = Instant::now();
        SearchText::pack(batch.iter_mut().map(|a| &mut a.search_body));
        let packed = Instant::now();
        std::hint::black_box(index);
        for (slot, (from, to)) in time.iter_mut().zip([
            (start, read),
            (read, parsed),
            (parsed, termed),
            (termed, indexed),
            (indexed, packed),
        ]) {
            *slot += to - from;
        }
    }
    let total: Duration = time.iter().sum();
    println!("{} files, {:.0} MB", paths.len(), bytes as f64 / 1e6);
    for (name, t) in ["read", "parse", "story terms", "word index", "pack"]
        .iter()
        .zip(time)
    {
        println!(
            "  {name:>12}: {:7.0} ms  {:4.1} %  {:6.0} MB/s",
            t.as_secs_f64() * 1e3,
            100.0 * t.as_secs_f64() / total.as_secs_f64(),
            bytes as f64 / 1e6 / t.as_secs_f64()
        );
    }
}
