//! Times each line rule over every line of a folder's files, one thread (for profiling the
//! parser's per-line work).
//!
//!     cargo run --release --example bench_rules -- DIR
use std::time::Instant;
use warta::article::dateline::{reporter_line, signature};
use warta::rules::Rules;

fn main() {
    let dir = std::env::args().nth(1).expect("a folder");
    let rules = Rules::builtin();
    let mut lines = Vec::new();
    let mut files: Vec<Vec<u8>> = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                stack.push(e.unwrap().path());
            }
        } else if let Ok(text) = std::fs::read_to_string(&p) {
            files.push(text.clone().into_bytes());
            lines.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from),
            );
        }
    }
    let bytes: usize = lines.iter().map(String::len).sum();
    println!("{} lines, {} bytes", lines.len(), bytes);
    let time = |name: &str, f: &dyn Fn(&str) -> bool| {
        let start = Instant::now();
        let hits = lines.iter().filter(|l| f(l)).count();
        let took = start.elapsed();
        println!(
            "{name:>14}: {:>7.1} ms  {:>6.0} MB/s  {hits} hits",
            took.as_secs_f64() * 1e3,
            bytes as f64 / took.as_secs_f64() / 1e6
        );
    };
    let took = (0..5)
        .map(|_| {
            let start = Instant::now();
            for file in &files {
                std::hint::black_box(warta::article::parse::parse_bytes_with(
                    file,
                    rules,
                    warta::article::parse::Searchable::No,
                ));
            }
            start.elapsed()
        })
        .min()
        .unwrap();
    println!(
        "{:>14}: {:>7.1} ms  {:>6.0} MB/s",
        "parse",
        took.as_secs_f64() * 1e3,
        bytes as f64 / took.as_secs_f64() / 1e6
    );
    let start = Instant::now();
    for file in &files {
        std::hint::black_box(warta::article::parse::parse_bytes_with(
            file,
            rules,
            warta::article::parse::Searchable::Yes,
        ));
    }
    let took = start.elapsed();
    println!(
        "{:>14}: {:>7.1} ms  {:>6.0} MB/s",
        "parse+search",
        took.as_secs_f64() * 1e3,
        bytes as f64 / took.as_secs_f64() / 1e6
    );
    if std::env::var_os("PARSE_ONLY").is_some() {
        return;
    }
    time("inline", &|l| !rules.inline_cuts(l).is_empty());
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
