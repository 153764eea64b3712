//! How long forming the stories takes, and what they hold, for a folder: loads it as the
//! reader does, then times `Stories::build`.
//!
//! cargo run --release --example bench_stories -- DIR

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
}
