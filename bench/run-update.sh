#!/usr/bin/env bash
# One changed document until searchable in the full pháp điển edition
# (bench/README.md), beside stock Xapian's replace_document + commit on the
# same corpus. Needs the outputs of bench/run-peers.sh (the Sổ tay index and
# the stock baseline of bench/out/full/content); works on copies of both.
#
#   bash bench/run-update.sh [--slice]
#
# Environment: BUILD_DIR (default build/), RUNS (changes timed, default 5).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
runs="${RUNS:-5}"
mode=full
[ "${1:-}" = --slice ] && mode=slice
content="$root/bench/out/$mode/content"
peers="$root/bench/out/peers-$mode"
if [ ! -d "$content" ] || [ ! -d "$peers/sotay-index" ] || [ ! -d "$peers/baseline" ]; then
  echo "update benchmark skipped: run bash bench/run-peers.sh${1:+ $1} first"
  exit 0
fi
cmake --build "$build" -j2 --target sotay-indexer sotay-bench-update >/dev/null

out="$root/bench/out/update-$mode"
rm -rf "$out"
mkdir -p "$out"
cp -r "$peers/sotay-index" "$out/sotay-index"
cp -r "$peers/baseline" "$out/baseline"
# The first article file in name order: a typical one-section article.
file=$(cd "$content" && find . -name '*.md' | sort | sed -n 1p)
file=${file#./}
# Untimed: an edition built by an older sotay-indexer is rebuilt in full
# (incremental_build.h), which is not what is measured.
"$build/sotay-indexer" build --content "$content" --index "$out/sotay-index" >"$out/warmup.log" 2>&1
echo "== changing $file ($(find "$content" -name '*.md' | wc -l) documents), $runs runs"
"$build/sotay-bench-update" --content "$content" --index "$out/sotay-index" \
  --baseline-index "$out/baseline" --file "$file" --runs "$runs" \
  --indexer "$build/sotay-indexer" --log "$out/indexer.log" | tee "$out/table.txt"
grep -E '^(Xây dựng|Xuất bản)' "$out/indexer.log" | sort | uniq -c || true
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
rm -rf "$out/sotay-index" "$out/baseline"
