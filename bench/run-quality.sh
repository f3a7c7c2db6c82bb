#!/usr/bin/env bash
# Search-quality benchmark: imports Bộ pháp điển, builds a Sổ tay edition and
# a stock Xapian baseline of it, and scores both on the Zalo legal questions
# (bench/README.md).
#
#   bash bench/run-quality.sh            # all 65,270 articles, 714 questions
#   bash bench/run-quality.sh --slice    # answers of 200 questions + 5,000 others
#
# Environment: BUILD_DIR (default build/), SOTAY_DATA (default ../shared/data).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
missing=$(missing_data)
if [ -n "$missing" ]; then
  echo "benchmark skipped: $missing not found (set SOTAY_DATA)" >&2
  exit 1
fi

out="$root/bench/out/$mode"
declare -a timings=()
now() { date +%s.%N; }
timed() {  # timed <label> <command...>
  local label="$1" start status=0
  shift
  start="$(now)"
  "$@" || status=$?
  timings+=("$(awk -v l="$label" -v s="$start" -v e="$(now)" 'BEGIN { printf "%-9s %7.1f s", l, e - s }')")
  return "$status"
}

[ -f "$build/CMakeCache.txt" ] || cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
timed build cmake --build "$build" -j2 --target sotay-indexer sotay-bench-quality
indexer="$build/sotay-indexer"
bench="$build/sotay-bench-quality"

rm -rf "$out"
mkdir -p "$out"
ids=()
limit=()
if [ "$mode" = slice ]; then
  "$bench" --write-slice "$out/slice-ids.txt" --corpus "$corpus" --queries "$queries" \
    --slice-queries 200 --slice-every 13 --slice-sample 5000
  ids=(--ids "$out/slice-ids.txt")
  limit=(--limit-queries 200)
fi

echo "== import ($mode)"
status=0  # 1: some articles were skipped (reported above)
timed import "$indexer" import-phapdien --input "$corpus" --output "$out/content" "${ids[@]}" ||
  status=$?
[ "$status" -le 1 ] || exit "$status"

echo "== index"
status=0
timed index "$indexer" build --content "$out/content" --index "$out/index" \
  2> "$out/index-errors.log" || status=$?
[ "$status" -le 1 ] || { cat "$out/index-errors.log" >&2; exit "$status"; }
echo "indexer: exit $status, $(grep -c . "$out/index-errors.log" || true) lines in $out/index-errors.log"

echo "== baseline"
timed baseline "$bench" --build-baseline --corpus "$corpus" "${ids[@]}" \
  --baseline-index "$out/baseline"

echo "== queries"
timed queries "$bench" --index "$out/index" --baseline-index "$out/baseline" \
  --queries "$queries" --queries2 "$queries2" "${limit[@]}" --json "$out/quality.json" \
  > "$out/table.txt"
cat "$out/table.txt"

echo
echo "timings ($mode, $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(
  git -C "$root" diff --quiet 2>/dev/null || echo '+dirty')):"
printf '  %s\n' "${timings[@]}"
