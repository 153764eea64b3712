//! How long forming the stories takes, and what they hold, for a folder: loads it as the
//! reader does, then times `Stories::build`.
//!
//! cargo run --release --example bench_stories -- DIR

#[path = "common/reader.rs"]
#[allow(dead_code)]
mod reader;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use warta::rules::Rules;
use warta::store::{self, LoadOptions, Sources};
use warta::stories::Stories;

/// The system allocator, counting the bytes live and the most live since the count was last
/// reset: what forming the stories takes above what the loaded store holds, exactly (the
/// process's resident size also counts what the allocator keeps after the load frees it).
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            if new_size >= layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                    + (new_size - layout.size());
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MIB: f64 = 1024.0 * 1024.0;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: bench_stories DIR");
    let started = Instant::now();
    let options = LoadOptions {
        keep_search: true,
        index: true,
        ..LoadOptions::default()
    };
    let store = store::load_all(
        &Sources::Paths(vec![dir.clone().into()]),
        Rules::builtin(),
        options,
    );
    let loaded = started.elapsed();
    let terms: usize = store.articles.iter().map(|a| a.story_terms.len()).sum();
    let loaded_peak = memory("VmHWM:");
    let live_before = LIVE.load(Ordering::Relaxed);
    PEAK.store(live_before, Ordering::Relaxed);
    let started = Instant::now();
    let stories = Stories::build(&store.articles, &|i| !store.is_retired(i), store.by_date());
    let formed = started.elapsed();
    let forming_peak = PEAK.load(Ordering::Relaxed) - live_before;
    let kept = LIVE.load(Ordering::Relaxed).saturating_sub(live_before);
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
    let corpus = reader::folder_bytes(&dir) as f64;
    println!(
        "heap while forming: {:.1} MiB at most above the loaded store ({:.1} % of the corpus's {:.1} MiB); the stories keep {:.1} MiB",
        forming_peak as f64 / MIB,
        100.0 * forming_peak as f64 / corpus,
        corpus / MIB,
        kept as f64 / MIB,
    );
}

/// A line of this process's status, in MiB; 0 where there is none.
fn memory(key: &str) -> f64 {
    reader::status_mib("self", key).unwrap_or(0.0)
}
