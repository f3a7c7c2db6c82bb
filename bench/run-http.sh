#!/usr/bin/env bash
# HTTP benchmark (bench/README.md): wrk against /api/search of sotay-server
# on the pháp điển edition with a mix of queries (keywords with and without
# accents, and Zalo questions) at 1, 8 and 64 connections, beside a trivial
# cpp-httplib handler (sotay-bench-http-ceiling) measured in the same run.
#
#   bash bench/run-http.sh [--slice]     # needs bench/out/<full|slice>/index
#
# Environment: BUILD_DIR (default build/), SOTAY_DATA (default ../shared/data),
# DURATION (seconds per run, default 10), INDEX (index root, default
# bench/out/<mode>/index).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
data="${SOTAY_DATA:-$root/../shared/data}"
duration="${DURATION:-10}"
mode=full
[ "${1:-}" = --slice ] && mode=slice
index="${INDEX:-$root/bench/out/$mode/index}"
[ -d "$index" ] || { echo "no edition in $index: run bash bench/run-quality.sh first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
cmake --build "$build" -j2 --target sotay-server sotay-bench-http-ceiling >/dev/null

out="$root/bench/out/http"
mkdir -p "$out"
# The mix: every keyword query (bench/http-keywords.txt) and 100 Zalo
# questions, URL-encoded.
python3 - "$root/bench/http-keywords.txt" "$data/zalo/queries.jsonl" >"$out/queries.txt" <<'PY'
import json, sys, urllib.parse
lines = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
try:
    with open(sys.argv[2], encoding="utf-8") as f:
        qs = sorted((json.loads(l) for l in f), key=lambda q: q["id"])[:100]
    lines += [q["text"] for q in qs]
except FileNotFoundError:
    pass
for l in lines:
    print(urllib.parse.quote(l, safe=""))
PY
nkw=$(grep -c . "$root/bench/http-keywords.txt")
head -n "$nkw" "$out/queries.txt" >"$out/keywords.txt"
echo "queries: mixed $(wc -l <"$out/queries.txt") (keywords + Zalo questions), keywords $nkw"

port_sotay=18181
port_ceiling=18182
"$build/sotay-server" --index "$index" --port "$port_sotay" --threads 80 --no-access-log \
  >"$out/server.log" 2>&1 &
sotay_pid=$!
"$build/sotay-bench-http-ceiling" --port "$port_ceiling" --threads 80 >"$out/ceiling.log" 2>&1 &
ceiling_pid=$!
trap 'kill $sotay_pid $ceiling_pid 2>/dev/null || true' EXIT
for p in $port_sotay $port_ceiling; do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$p/api/search?q=x" >/dev/null && break; sleep 0.2; done
done
# Warm the caches with one pass over the queries.
while IFS= read -r q; do curl -s "http://127.0.0.1:$port_sotay/api/search?q=$q" >/dev/null; done <"$out/queries.txt"

rss() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
printf '%-16s %5s %9s %8s %8s %8s %8s %7s %8s\n' system conns rps p50_ms p90_ms p99_ms max_ms errors rss_MiB
for conns in 1 8 64; do
  threads=$((conns < 2 ? 1 : 2))
  for run in sotay/keywords sotay/mixed ceiling; do
    case $run in
      sotay/keywords) port=$port_sotay pid=$sotay_pid queries="$out/keywords.txt" ;;
      sotay/mixed) port=$port_sotay pid=$sotay_pid queries="$out/queries.txt" ;;
      ceiling) port=$port_ceiling pid=$ceiling_pid queries="$out/keywords.txt" ;;
    esac
    line=$(WRK_QUERIES="$queries" wrk -t"$threads" -c"$conns" -d"${duration}s" --timeout 10s \
      -s "$root/bench/wrk-mix.lua" "http://127.0.0.1:$port" | grep '^RESULT')
    eval "$(echo "$line" | sed 's/^RESULT //')"
    printf '%-16s %5d %9s %8s %8s %8s %8s %7s %8s\n' "$run" "$conns" "$rps" "$p50" "$p90" "$p99" \
      "$max" "$((errors + non2xx))" "$(rss "$pid")"
  done
done | tee "$out/table.txt"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
