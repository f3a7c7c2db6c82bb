# Sourced by bench/run-quality.sh and bench/run-peers.sh: the paths, the
# benchmark data and the --slice flag (mode is "full" or "slice").
# Environment: BUILD_DIR (default build/), SOTAY_DATA (default ../shared/data).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
data="${SOTAY_DATA:-$root/../shared/data}"
mode=full
case "${1:-}" in
  --slice) mode=slice ;;
  "") ;;
  *) echo "usage: $0 [--slice]" >&2; exit 2 ;;
esac
corpus="$data/phapdien/corpus.jsonl.gz"
queries="$data/zalo/queries.jsonl"
queries2="$data/zalo/queries-nodiacritics.jsonl"

# Prints the first benchmark data file that is missing; nothing when all are there.
missing_data() {
  local f
  for f in "$corpus" "$queries" "$queries2"; do
    [ -f "$f" ] || { echo "$f"; return; }
  done
}

# "<wall seconds> <peak RSS KiB>" from a `/usr/bin/time -v` report.
time_v_stats() {
  awk '/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = 0;
                                  for (i = 1; i <= n; i++) wall = wall * 60 + t[i] }
       /Maximum resident set size/ { rss = $NF }
       END { printf "%.2f %d\n", wall, rss }' "$1"
}
