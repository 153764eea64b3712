#!/usr/bin/env bash
# How soon the story view shows after `v`, on a first start in a folder and on later ones
# (the stories then come from the cache). Runs warta in tmux, waits until every article is
# loaded, presses `v`, and polls the screen every 50 ms until "forming" is gone. Prints the
# reader's peak memory (VmHWM) before `v` and after the stories show, too.
#
#   scripts/bench-story-view.sh CORPUS [STARTS]      (needs tmux and bc; STARTS defaults to 3)
#
# The first start has an empty cache folder of its own; the later ones reuse it.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$1
starts=${2:-3}
cargo build --release --quiet --bin warta
cache=$(mktemp -d)
trap 'tmux kill-session -t warta-bench 2>/dev/null || true; rm -rf "$cache"' EXIT
count=$(find "$corpus" -type f | wc -l | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta')
for start in $(seq "$starts"); do
  tmux new-session -d -s warta-bench -x 120 -y 40 \
    "exec env XDG_CACHE_HOME=$cache $PWD/target/release/warta --no-state $corpus"
  began=$(date +%s.%N)
  until tmux capture-pane -p -t warta-bench | grep -q "$count/$count"; do sleep 0.05; done
  while tmux capture-pane -p -t warta-bench | grep -q loading; do sleep 0.05; done
  loaded=$(date +%s.%N)
  pid=$(tmux list-panes -t warta-bench -F '#{pane_pid}')
  peak() { awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$pid/status"; }
  before=$(peak)
  tmux send-keys -t warta-bench v
  sleep 0.2
  while tmux capture-pane -p -t warta-bench | grep -qi forming; do sleep 0.05; done
  shown=$(date +%s.%N)
  echo "start $start: loaded in $(echo "$loaded - $began" | bc) s; story view $(echo "$shown - $loaded" | bc) s after v (first look 0.2 s after it); peak memory $before before v, $(peak) after"
  sleep 3 # the parse cache and the stories are written after they show
  tmux kill-session -t warta-bench
done
