#!/usr/bin/env bash
# Peers benchmark: Sổ tay beside stock Xapian and SQLite FTS5 on Bộ pháp điển
# (bench/README.md, "Peers benchmark").
#
#   bash bench/run-peers.sh            # all 65,270 articles, 714 questions
#   bash bench/run-peers.sh --slice    # the slice of run-quality.sh, 200 questions
#
# 1. Indexing: each system indexes the same articles as a separate process,
#    one after another (never at the same time), under /usr/bin/time -v:
#    `sotay-indexer build --full`, `sotay-bench-quality --build-baseline`
#    (stock Xapian TermGenerator) and `sotay-bench-peers --build-fts5`.
# 2. Query latency in-process (`sotay-bench-peers --latency`): questions and
#    keyword queries, with and without accents, on the three indexes.
#
# Re-uses bench/out/<mode>/content when run-quality.sh imported it, else
# imports into the output directory. Outputs: bench/out/peers-<mode>/
# (indexing.txt, latency.txt, latency.json, keywords*.jsonl, *.time, *.log).
# Environment: BUILD_DIR (default build/), SOTAY_DATA (default ../shared/data),
# PASSES (timed latency passes; default 3 on the slice, 1 on the full corpus).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
missing=$(missing_data)
if [ -n "$missing" ]; then
  echo "peers benchmark skipped: $missing not found (set SOTAY_DATA)"
  exit 0
fi

passes="${PASSES:-1}"
[ "$mode" = slice ] && passes="${PASSES:-3}"
src="$root/bench/out/$mode"   # run-quality.sh's outputs
out="$root/bench/out/peers-$mode"

[ -f "$build/CMakeCache.txt" ] || cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j2 --target sotay-indexer sotay-bench-quality sotay-bench-peers
indexer="$build/sotay-indexer"
quality="$build/sotay-bench-quality"
peers="$build/sotay-bench-peers"

rm -rf "$out"
mkdir -p "$out"
ids=()
limit=()
[ "$mode" = slice ] && limit=(--limit-queries 200)

if [ -d "$src/content" ] && { [ "$mode" = full ] || [ -f "$src/slice-ids.txt" ]; }; then
  content="$src/content"
  [ "$mode" = slice ] && ids=(--ids "$src/slice-ids.txt")
  echo "== content: re-using $content (imported by run-quality.sh)"
else
  content="$out/content"
  if [ "$mode" = slice ]; then
    "$quality" --write-slice "$out/slice-ids.txt" --corpus "$corpus" --queries "$queries" \
      --slice-queries 200 --slice-every 13 --slice-sample 5000
    ids=(--ids "$out/slice-ids.txt")
  fi
  echo "== import ($mode) into $content"
  status=0  # 1: some articles were skipped (reported above)
  "$indexer" import-phapdien --input "$corpus" --output "$content" "${ids[@]}" || status=$?
  [ "$status" -le 1 ] || exit "$status"
fi

# Every system starts with its input in the page cache.
cat "$corpus" > /dev/null
find "$content" -type f -print0 | xargs -0 cat > /dev/null

have_time=0
[ -x /usr/bin/time ] && have_time=1
[ "$have_time" = 1 ] || echo "note: /usr/bin/time not found (Debian package time): no peak RSS"

# measure <name> <allowed exit status> <command...>: runs the command with its
# output in <name>.log and its /usr/bin/time -v report in <name>.time; writes
# "wall_s rss_kib" to <name>.stats.
measure() {
  local name="$1" allowed="$2" status=0 start
  shift 2
  echo "== index: $name"
  start="$(date +%s.%N)"
  if [ "$have_time" = 1 ]; then
    /usr/bin/time -v -o "$out/$name.time" "$@" > "$out/$name.log" 2>&1 || status=$?
  else
    "$@" > "$out/$name.log" 2>&1 || status=$?
  fi
  local end
  end="$(date +%s.%N)"
  if [ "$status" -gt "$allowed" ]; then
    cat "$out/$name.log" >&2
    echo "$name: exit status $status" >&2
    exit 1
  fi
  if [ "$have_time" = 1 ]; then
    time_v_stats "$out/$name.time" > "$out/$name.stats"
  else
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f -1\n", e - s }' > "$out/$name.stats"
  fi
  tail -n 3 "$out/$name.log"
}

measure sotay 1 "$indexer" build --full --content "$content" --index "$out/sotay-index"
measure xapian-stock 0 "$quality" --build-baseline --corpus "$corpus" "${ids[@]}" \
  --baseline-index "$out/baseline"
measure fts5 0 "$peers" --build-fts5 --corpus "$corpus" "${ids[@]}" --fts5 "$out/fts5.db"

n_sotay="$(find "$content" -name '*.md' -not -path '*/_*' | wc -l)"
n_stock="$(sed -n 's/^baseline: \([0-9]*\) articles.*/\1/p' "$out/xapian-stock.log")"
n_fts5="$(sed -n 's/^fts5: \([0-9]*\) articles.*/\1/p' "$out/fts5.log")"
row() {  # row <name> <articles> <index path>: name,articles,wall_s,rss_kib,index_bytes
  echo "$1,$2,$(tr ' ' , < "$out/$1.stats"),$(du -sb "$3" | cut -f1)"
}
{
  # The edition served; the index root also holds the spare copy for quick
  # publishing (quick_publish.h), as large again.
  row sotay "$n_sotay" "$out/sotay-index/current/"
  row xapian-stock "$n_stock" "$out/baseline"
  row fts5 "$n_fts5" "$out/fts5.db"
} > "$out/indexing.csv"

awk -F, '
  { name[NR] = $1; n[NR] = $2; wall[NR] = $3; rss[NR] = $4; size[NR] = $5 }
  $1 == "xapian-stock" { stock_wall = $3; stock_size = $5 }
  END {
    printf "%-13s %8s %8s %10s %13s %10s %8s %8s\n", "system", "articles", "wall s",
           "articles/s", "peak RSS MiB", "index MiB", "time x", "size x"
    for (i = 1; i <= NR; i++) {
      rate = wall[i] > 0 ? n[i] / wall[i] : 0
      mem = rss[i] < 0 ? "n/a" : sprintf("%.0f", rss[i] / 1024)
      printf "%-13s %8d %8.1f %10.0f %13s %10.1f %8.2f %8.2f\n", name[i], n[i], wall[i], rate,
             mem, size[i] / 1048576, wall[i] / stock_wall, size[i] / stock_size
    }
    print "(time x, size x: ratio to xapian-stock; wall and RSS from /usr/bin/time -v of each process)"
  }' "$out/indexing.csv" > "$out/indexing.txt"

echo "== keyword queries"
"$peers" --write-keywords --corpus "$corpus" --queries "$queries" "${limit[@]}" \
  --keywords "$out/keywords.jsonl" --keywords2 "$out/keywords-noaccents.jsonl"

echo "== latency ($passes timed passes after one warm-up)"
"$peers" --latency --index "$out/sotay-index" --baseline-index "$out/baseline" \
  --fts5 "$out/fts5.db" --queries "$queries" --queries2 "$queries2" "${limit[@]}" \
  --keywords "$out/keywords.jsonl" --keywords2 "$out/keywords-noaccents.jsonl" \
  --passes "$passes" --json "$out/latency.json" > "$out/latency.txt"

echo
echo "peers ($mode, $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(
  git -C "$root" diff --quiet 2>/dev/null || echo '+dirty'); $(nproc) cores; load average $(
  cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "indexing:"
cat "$out/indexing.txt"
echo
echo "query latency (in-process, one thread):"
cat "$out/latency.txt"
