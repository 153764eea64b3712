//! How long forming the stories takes, and what they hold, for a folder: loads it as the
//! reader does, then times `Stories::build`.
//!
//! cargo run --release --example bench_stories -- DIR

#[path = "common/reader.rs"]
#[allow(dead_code)]
mod reader;

use std::time::Instant;
use warta::rules::Rules;
use warta::store::{self, LoadOptions, Sources};
use warta::stories::Stories;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: bench_stories DIR");
    let started = Instant::now();
    let options = LoadOptions {
        keep_search: true,
        index: true,
        ..LoadOptions::default()
    };
    let store = store::load_all(&Sources::Paths(vec![dir.into()]), Rules::builtin(), options);
    let loaded = started.elapsed();
    let terms: usize = store.articles.iter().map(|a| a.story_terms.len()).sum();
    let loaded_peak = memory("VmHWM:");
    let started = Instant::now();
    let stories = Stories::build(&store.articles, &|i| !store.is_retired(i), store.by_date());
    let formed = started.elapsed();
    let several = stories.members.iter().filter(|m| m.len() > 1).count();
    println!(
        "{} articles loaded in {:.2} s; stories formed in {:.2} s ({:.0}% of the load): {} stories, {} of several articles; story terms {:.1} MB",
        store.articles.len(),
        loaded.as_secs_f64(),
        formed.as_secs_f64(),
        100.0 * formed.as_secs_f64() / loaded.as_secs_f64(),
        stories.members.len(),
        several,
        (terms * std::mem::size_of::<warta::stories::terms::Term>()) as f64 / 1e6,
    );
    println!(
        "peak memory (VmHWM): {:.1} MiB after the load, {:.1} MiB after the stories; resident now {:.1} MiB",
        loaded_peak,
        memory("VmHWM:"),
        memory("VmRSS:"),
    );
}

/// A line of this process's status, in MiB; 0 where there is none.
fn memory(key: &str) -> f64 {
    reader::status_mib("self", key).unwrap_or(0.0)
}
