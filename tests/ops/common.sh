# Helpers for the operations tests (sourced). Processes started here are
# stopped by their pid on exit.
set -euo pipefail
PIDS=()
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sotay-ops.XXXXXX")
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 20000))
}

# write_doc DIR NAME WORD: a small content file mentioning WORD.
write_doc() {
  mkdir -p "$1/$(dirname "$2")"
  printf -- '---\ntitle: Văn bản %s\ndepartment: Văn phòng\n---\nNội dung %s về công tác văn thư.\n\n## Mục một\n\nHồ sơ %s được lưu trữ.\n' \
    "$2" "$3" "$3" >"$1/$2.md"
}

# start_server INDEX PORT [ARGS...]: sotay-server in the background.
start_server() {
  local index=$1 port=$2
  shift 2
  "$SERVER" --index "$index" --port "$port" --reload-ms 200 --no-access-log "$@" \
    >>"$WORK/server-$port.log" 2>&1 &
  PIDS+=($!)
  local i
  for i in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
    sleep 0.1
  done
  fail "sotay-server on port $port did not start: $(cat "$WORK/server-$port.log")"
}

# edition_of PORT: the edition id a server reports ("" if none).
edition_of() {
  curl -s "http://127.0.0.1:$1/healthz" | sed -n 's/.*"edition":"\([^"]*\)".*/\1/p'
}

# total_of PORT QUERY: search total on a server.
total_of() {
  curl -s "http://127.0.0.1:$1/api/search?q=$2" | sed -n 's/.*"total":\([0-9]*\).*/\1/p'
}

# wait_until SECONDS COMMAND...: polls every 0.2 s; returns 1 on timeout.
wait_until() {
  local limit=$1
  shift
  local end=$((SECONDS + limit))
  while ((SECONDS < end)); do
    "$@" && return 0
    sleep 0.2
  done
  return 1
}

current_id() { basename "$(readlink "$1/current")"; }
