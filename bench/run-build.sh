#!/usr/bin/env bash
# Full build beside stock Xapian (issue 18): the whole pháp điển corpus and
# its first 20,000 articles, each built RUNS times, Sổ tay and stock Xapian
# alternating (so both see the same machine), one process at a time.
#
#   bash bench/run-build.sh
#
# Sổ tay: `sotay-indexer build --full` from the imported Markdown content
# (its command wall time, which includes the spare for quick publish);
# stock: `sotay-bench-quality --build-baseline` (TermGenerator, one
# replace_document per article, from corpus.jsonl.gz). Prints wall times
# (median, min–max), the ratio of the medians and the median of each run's
# ratio, and peak RSS (/usr/bin/time -v). Outputs: bench/out/build/.
# Environment: BUILD_DIR (default build/), SOTAY_DATA (default ../shared/data),
# RUNS (default 3), SUBSET (articles in the subset, default 20000).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
missing=$(missing_data)
if [ -n "$missing" ]; then
  echo "build benchmark skipped: $missing not found (set SOTAY_DATA)"
  exit 0
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package time)" >&2; exit 1; }
runs="${RUNS:-3}"
subset="${SUBSET:-20000}"
out="$root/bench/out/build"

[ -f "$build/CMakeCache.txt" ] || cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j2 --target sotay-indexer sotay-bench-quality >/dev/null
indexer="$build/sotay-indexer"
quality="$build/sotay-bench-quality"

rm -rf "$out"
mkdir -p "$out/sub"
# The full content: run-quality.sh's import when there, else imported here.
full="$root/bench/out/full/content"
if [ ! -d "$full" ]; then
  full="$out/full-content"
  "$indexer" import-phapdien --input "$corpus" --output "$full" >"$out/import-full.log" 2>&1 ||
    [ $? -le 1 ]
fi
# The subset: the first SUBSET articles of the corpus.
{ gzip -dc "$corpus" || true; } | head -n "$subset" | sed -n 's/^{"id": "\([0-9A-Za-z]*\)".*/\1/p' \
  >"$out/sub/ids.txt"
"$indexer" import-phapdien --input "$corpus" --output "$out/sub/content" \
  --ids "$out/sub/ids.txt" >"$out/import-sub.log" 2>&1 || [ $? -le 1 ]

# one <label> <name> <command...>: one timed build; appends "label name wall rss_kib".
one() {
  local label="$1" name="$2" status=0
  shift 2
  /usr/bin/time -v -o "$out/$label-$name.time" "$@" >"$out/$label-$name.log" 2>&1 || status=$?
  if [ "$status" -gt 1 ]; then
    cat "$out/$label-$name.log" >&2
    echo "$label $name: exit status $status" >&2
    exit 1
  fi
  echo "$label $name $(time_v_stats "$out/$label-$name.time")" >>"$out/runs.txt"
}

for set in full sub; do
  if [ "$set" = full ]; then content="$full"; ids=(); else content="$out/sub/content"; ids=(--ids "$out/sub/ids.txt"); fi
  cat "$corpus" >/dev/null
  find "$content" -type f -print0 | xargs -0 cat >/dev/null
  docs=$(find "$content" -name '*.md' -not -path '*/_*' | wc -l)
  echo "== $set: $docs articles, $runs runs each"
  for r in $(seq "$runs"); do
    rm -rf "$out/index" "$out/baseline"
    one "$set" sotay "$indexer" build --full --content "$content" --index "$out/index"
    one "$set" stock "$quality" --build-baseline --corpus "$corpus" "${ids[@]}" \
      --baseline-index "$out/baseline"
    tail -n 2 "$out/runs.txt"
  done
  echo "$set articles $docs" >>"$out/sizes.txt"
  echo "$set sotay_MiB $(du -sm "$out/index/current/" | cut -f1) stock_MiB $(du -sm "$out/baseline" | cut -f1)" >>"$out/sizes.txt"
done

python3 - "$out/runs.txt" "$out/sizes.txt" <<'PY' | tee "$out/table.txt"
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    label, name, wall, rss = line.split()
    runs.setdefault(label, {}).setdefault(name, []).append((float(wall), int(rss)))
sizes = {}
for line in open(sys.argv[2]):
    f = line.split()
    sizes.setdefault(f[0], {}).update(dict(zip(f[1::2], f[2::2])))
print("| set | articles | Sổ tay wall s, median (min–max) | stock Xapian wall s | ratio of medians "
      "| median of run ratios | peak RSS MiB Sổ tay / stock | index MiB Sổ tay / stock |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for label in ("full", "sub"):
    s, x = runs[label]["sotay"], runs[label]["stock"]
    sw, xw = [w for w, _ in s], [w for w, _ in x]
    ratio = statistics.median(sw) / statistics.median(xw)
    paired = statistics.median(a / b for a, b in zip(sw, xw))
    z = sizes[label]
    print(f"| {label} | {z['articles']} | {statistics.median(sw):.1f} ({min(sw):.1f}–{max(sw):.1f}) "
          f"| {statistics.median(xw):.1f} ({min(xw):.1f}–{max(xw):.1f}) | {ratio:.2f} | {paired:.2f} "
          f"| {max(r for _, r in s) / 1024:.0f} / {max(r for _, r in x) / 1024:.0f} "
          f"| {z['sotay_MiB']} / {z['stock_MiB']} |")
PY
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; commit $(git -C "$root" rev-parse --short HEAD)"
