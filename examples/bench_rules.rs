//! Times each line rule over every line of a folder's files, one thread (for profiling the
//! parser's per-line work).
//!
//!     cargo run --release --example bench_rules -- DIR

#[path = "common/reader.rs"]
#[allow(dead_code)]
mod reader;

use std::time::{Duration, Instant};
use warta::article::dateline::{reporter_line, signature};
use warta::article::parse::{Searchable, parse_bytes_with};
use warta::rules::Rules;

fn main() {
    let dir = std::env::args().nth(1).expect("a folder");
    let rules = Rules::builtin();
    let files: Vec<Vec<u8>> = reader::files_under(&dir)
        .iter()
        .filter_map(|path| std::fs::read(path).ok())
        .filter(|bytes| std::str::from_utf8(bytes).is_ok())
        .collect();
    let lines: Vec<&str> = files
        .iter()
        .flat_map(|bytes| std::str::from_utf8(bytes).unwrap_or_default().lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let bytes: usize = lines.iter().map(|l| l.len()).sum();
    println!("{} lines, {} bytes", lines.len(), bytes);
    let report = |name: &str, took: Duration, hits: Option<usize>| {
        println!(
            "{name:>14}: {:>7.1} ms  {:>6.0} MB/s{}",
            took.as_secs_f64() * 1e3,
            bytes as f64 / took.as_secs_f64() / 1e6,
            hits.map(|h| format!("  {h} hits")).unwrap_or_default()
        );
    };
    let parse_all = |searchable: Searchable| {
        let start = Instant::now();
        for file in &files {
            std::hint::black_box(parse_bytes_with(file, rules, searchable));
        }
        start.elapsed()
    };
    report(
        "parse",
        (0..5).map(|_| parse_all(Searchable::No)).min().unwrap(),
        None,
    );
    report("parse+search", parse_all(Searchable::Yes), None);
    if std::env::var_os("PARSE_ONLY").is_some() {
        return;
    }
    let time = |name: &str, f: &dyn Fn(&str) -> bool| {
        let start = Instant::now();
        let hits = lines.iter().filter(|l| f(l)).count();
        report(name, start.elapsed(), Some(hits));
    };
    // A file's lines screened in one scan, as the parser screens an article's.
    let start = Instant::now();
    let mut hits = 0;
    for file in &files {
        let text = std::str::from_utf8(file).unwrap_or_default();
        let file_lines: Vec<&str> = (text.lines().map(str::trim))
            .filter(|l| !l.is_empty())
            .collect();
        let screen = rules.inline_screen(file_lines.iter().copied());
        hits += (file_lines.iter().enumerate())
            .filter(|&(n, l)| !rules.inline_cuts(&screen, n, l).is_empty())
            .count();
    }
    report("inline", start.elapsed(), Some(hits));
    time("boilerplate", &|l| rules.boilerplate_rule(l).is_some());
    time("photo", &|l| rules.is_photo_credit(l));
    time("byline", &|l| rules.is_byline(l));
    time("section", &|l| rules.is_section(l));
    time("reporter", &|l| reporter_line(l).is_some());
    time("signature", &|l| signature(l, rules).is_some());
    time("trailing", &|l| rules.trailing_tag(l).is_some());
    time("dateline", &|l| {
        warta::article::dateline::dateline(l, rules).is_some()
    });
    time("memchr-x", &|l| {
        memchr::memchr(b'x', l.as_bytes()).is_some()
    });
}
