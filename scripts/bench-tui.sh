#!/usr/bin/env bash
# Measures warta and fzf from outside, through a pseudo-terminal, on the same corpus, in one
# run: `cat` of the corpus and `warta --list` (time and peak memory), time to first frame, time
# until all articles are loaded, per-key settle time, list actions (move, star, read, end, top,
# fold, sort), keys typed while loading, and the reader's peak memory — with the ratios to
# `cat` and to the corpus's size. Then, inside the process, what the reader holds part by part.
#
#   scripts/bench-tui.sh [COUNT] [RUNS]      (defaults: 100000 articles, 5 runs)
#
# The reader is measured on a first start in the folder (CACHE=cold: every file parsed and the
# parse cache written) and on a later one (CACHE=warm: the cache read back); CACHE=off runs
# warta with --no-cache. Default: cold and warm, one after the other.
#
# Writes the corpus to ${CORPUS:-/tmp/warta-corpus-COUNT} once, and reports medians.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
runs=${2:-5}
corpus=${CORPUS:-/tmp/warta-corpus-$count}
if ! command -v fzf >/dev/null; then
  echo "installing fzf (Debian's package)…" >&2
  (apt-get update -qq && apt-get install -y -qq fzf) >/dev/null
fi
cargo build --release --quiet --bin warta --example gen_corpus --example bench_tui --example bench_memory
if [[ ! -d $corpus ]]; then
  ./target/release/examples/gen_corpus --count "$count" --out "$corpus"
fi
titles=$corpus.titles
./target/release/warta --no-cache --list "$corpus" | cut -f4 > "$titles"
# Warm the page cache, as the figures are for a warm cache.
find "$corpus" -type f -print0 | xargs -0 cat > /dev/null
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
for cache in ${CACHE:-cold warm}; do
  ./target/release/examples/bench_tui --corpus "$corpus" --titles "$titles" --runs "$runs" --query putin --warta "$PWD/target/release/warta" --cache "$cache"
done
./target/release/examples/bench_memory "$corpus"
