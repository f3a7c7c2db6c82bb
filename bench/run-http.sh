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
cmake --build "$build" -j2 --target sotay-server sotay-bench-http-ceiling \
  sotay-bench-searcher-ceiling >/dev/null

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
port_gated=18183
"$build/sotay-server" --index "$index" --port "$port_sotay" --no-access-log \
  >"$out/server.log" 2>&1 &
sotay_pid=$!
"$build/sotay-bench-http-ceiling" --port "$port_ceiling" --threads 80 >"$out/ceiling.log" 2>&1 &
ceiling_pid=$!
"$build/sotay-bench-http-ceiling" --port "$port_gated" --threads 80 --gated \
  >"$out/ceiling-gated.log" 2>&1 &
gated_pid=$!
trap 'kill $sotay_pid $ceiling_pid $gated_pid 2>/dev/null || true' EXIT
for p in $port_sotay $port_ceiling $port_gated; do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$p/api/search?q=x" >/dev/null && break; sleep 0.2; done
done
# Warm the caches with one pass over the queries.
while IFS= read -r q; do curl -s "http://127.0.0.1:$port_sotay/api/search?q=$q" >/dev/null; done <"$out/queries.txt"

rss() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
printf '%-16s %5s %9s %8s %8s %8s %8s %7s %8s\n' system conns rps p50_ms p90_ms p99_ms max_ms errors rss_MiB
for conns in 1 8 64; do
  threads=$((conns < 2 ? 1 : 2))
  for run in sotay/keywords sotay/mixed sotay/healthz ceiling ceiling/gated; do
    path=
    case $run in
      sotay/keywords) port=$port_sotay pid=$sotay_pid queries="$out/keywords.txt" ;;
      sotay/mixed) port=$port_sotay pid=$sotay_pid queries="$out/queries.txt" ;;
      sotay/healthz) port=$port_sotay pid=$sotay_pid queries= path=/healthz ;;
      ceiling) port=$port_ceiling pid=$ceiling_pid queries="$out/keywords.txt" ;;
      ceiling/gated) port=$port_gated pid=$gated_pid queries="$out/keywords.txt" ;;
    esac
    line=$(WRK_QUERIES="$queries" WRK_PATH="$path" wrk -t"$threads" -c"$conns" -d"${duration}s" \
      --timeout 10s -s "$root/bench/wrk-mix.lua" "http://127.0.0.1:$port" | grep '^RESULT')
    eval "$(echo "$line" | sed 's/^RESULT //')"
    printf '%-16s %5d %9s %8s %8s %8s %8s %7s %8s\n' "$run" "$conns" "$rps" "$p50" "$p90" "$p99" \
      "$max" "$((errors + non2xx))" "$(rss "$pid")"
  done
done | tee "$out/table.txt"
kill $sotay_pid $ceiling_pid $gated_pid 2>/dev/null || true
wait 2>/dev/null || true

# The in-process ceiling: the same Searcher calls on the same queries, as
# many threads as cores, no HTTP (bench/searcher_ceiling.cc).
cores=$(nproc)
echo
echo "in-process Searcher ceiling ($cores threads, ${duration} s each):"
for mix in keywords mixed; do
  file="$out/keywords.txt"
  [ "$mix" = mixed ] && file="$out/queries.txt"
  line=$("$build/sotay-bench-searcher-ceiling" --index "$index" --queries "$file" \
    --threads "$cores" --seconds "$duration" | grep '^RESULT')
  eval "$(echo "$line" | sed 's/^RESULT //')"
  echo "$mix $rps"
done | tee "$out/searcher-ceiling.txt" | awk '{ printf "  %-9s %9s req/s\n", $1, $2 }'
# Over HTTP against in process, at 8 and 64 connections (target >= 0.8).
awk 'NR == FNR { ceiling[$1] = $2; next }
     $1 ~ /^sotay\/(keywords|mixed)$/ && ($2 == 8 || $2 == 64) {
       mix = substr($1, 7); printf "  %-15s %3d conns: %9s / %9s = %.2f of the in-process ceiling\n",
         $1, $2, $3, ceiling[mix], $3 / ceiling[mix] }' \
  "$out/searcher-ceiling.txt" "$out/table.txt" | tee "$out/ratios.txt"
awk '$1 == "sotay/healthz" || $1 == "ceiling" || $1 == "ceiling/gated" { r[$1 " " $2] = $3 }
     END { for (c = 1; c <= 64; c *= 8) printf "  /healthz %2d conns: %.2f of the trivial handler, %.2f of it gated\n",
       c, r["sotay/healthz " c] / r["ceiling " c], r["sotay/healthz " c] / r["ceiling/gated " c] }' \
  "$out/table.txt" | tee -a "$out/ratios.txt"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
