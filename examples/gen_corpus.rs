//! Writes a deterministic synthetic corpus for benchmarks (see `examples/common/corpus.rs`).
//!
//!     cargo run --release --example gen_corpus -- --count 100000 --out /tmp/corpus
//!
//! The same `--count` and `--seed` always write the same bytes.

#[path = "common/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let mut count = 100_000usize;
    let mut out = PathBuf::from("corpus");
    let mut seed = 0x5EED_u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_default();
        match arg.as_str() {
            "--count" => count = value.parse().expect("--count takes a number"),
            "--out" => out = PathBuf::from(value),
            "--seed" => seed = value.parse().expect("--seed takes a number"),
            other => panic!("unknown argument {other}; use --count N --out DIR [--seed N]"),
        }
    }
    let bytes = corpus::write_corpus(&out, count, seed)?;
    eprintln!(
        "wrote {count} articles, {bytes} bytes, to {}",
        out.display()
    );
    Ok(())
}
