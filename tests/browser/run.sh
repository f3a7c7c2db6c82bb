#!/usr/bin/env bash
# Browser tests: builds an edition of content/ in a temporary directory,
# starts build/sotay-server on a free port and runs sotay.test.mjs with
# node's test runner in headless Debian chromium (playwright-core).
# Screenshots of each step go to tests/browser/output/.
#
#   bash tests/browser/run.sh [build-dir]
#
# Exits 77 (CTest: skipped) when node, npm or chromium is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-${SOTAY_BUILD_DIR:-$root/build}}"
chromium="${SOTAY_CHROMIUM:-/usr/bin/chromium}"

skip() { echo "browser tests skipped: $*"; exit 77; }
command -v node >/dev/null || skip "node not installed (bash .ci/deps installs nodejs)"
command -v npm >/dev/null || skip "npm not installed (bash .ci/deps installs npm)"
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] ||
  skip "node $(node --version) is older than 20 (playwright-core needs 20)"
[ -x "$chromium" ] || skip "$chromium not installed (bash .ci/deps installs chromium)"
for bin in sotay-server sotay-indexer; do
  [ -x "$build/$bin" ] || { echo "missing $build/$bin: build first" >&2; exit 2; }
done

cd "$here"
if [ -n "${CI:-}" ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/sotay-browser-XXXXXX")"
server_pid=""
wf_pid=""
cleanup() {
  for pid in $server_pid $wf_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

status=0
"$build/sotay-indexer" build --content "$root/content" --index "$tmp/index" >"$tmp/index.log" 2>&1 ||
  status=$?
if [ "$status" -gt 1 ]; then cat "$tmp/index.log" >&2; exit "$status"; fi

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
wait_healthy() {  # URL LOG
  SOTAY_HEALTH="$1/healthz" node -e '
const url = process.env.SOTAY_HEALTH;
const until = Date.now() + 20000;
(async () => {
  for (;;) {
    try { if ((await fetch(url)).ok) return; } catch {}
    if (Date.now() > until) { console.error("server did not start"); process.exit(1); }
    await new Promise(r => setTimeout(r, 100));
  }
})();' || { cat "$2" >&2; exit 1; }
}

port="$(free_port)"
"$build/sotay-server" --index "$tmp/index" --host 127.0.0.1 --port "$port" >"$tmp/server.log" 2>&1 &
server_pid=$!
export SOTAY_URL="http://127.0.0.1:$port"
export SOTAY_CHROMIUM="$chromium"
wait_healthy "$SOTAY_URL" "$tmp/server.log"

# The submission workflow (workflow*.test.mjs): a second server with
# --submissions on a copy of content/, one token per role. The department
# tokens are named exactly as the documents' `department:`.
wf="$tmp/wf"
mkdir -p "$wf"
cp -r "$root/content" "$wf/content"
"$build/sotay-indexer" build --content "$wf/content" --index "$wf/index" >"$wf/index.log" 2>&1 ||
  { [ $? -le 1 ] || { cat "$wf/index.log" >&2; exit 1; }; }
export SOTAY_DEPT_NAME="Văn phòng HĐND và UBND"
export SOTAY_DEPT2_NAME="Phòng Văn hóa - Xã hội"
SOTAY_DEPT_TOKEN="$("$build/sotay-indexer" token add "$SOTAY_DEPT_NAME" --role department \
  --auth "$wf/auth.json" --content "$wf/content" --fast-hash | head -n 1)"
SOTAY_DEPT2_TOKEN="$("$build/sotay-indexer" token add "$SOTAY_DEPT2_NAME" --role department \
  --auth "$wf/auth.json" --content "$wf/content" --fast-hash | head -n 1)"
SOTAY_EDITOR_TOKEN="$("$build/sotay-indexer" token add "Nguyễn Thị Lan" --role editor \
  --auth "$wf/auth.json" --fast-hash | head -n 1)"
export SOTAY_DEPT_TOKEN SOTAY_DEPT2_TOKEN SOTAY_EDITOR_TOKEN
export SOTAY_WF_DIR="$wf"
export SOTAY_INDEXER="$build/sotay-indexer"  # workflow-clerk: inbox reject
wf_port="$(free_port)"
"$build/sotay-server" --index "$wf/index" --host 127.0.0.1 --port "$wf_port" --submissions \
  --content "$wf/content" --inbox "$wf/inbox" --auth "$wf/auth.json" --audit "$wf/audit.log" \
  --query-stats "$wf/query-stats.json" \
  >"$wf/server.log" 2>&1 &
wf_pid=$!
export SOTAY_WF_URL="http://127.0.0.1:$wf_port"
wait_healthy "$SOTAY_WF_URL" "$wf/server.log"

rm -rf "$here/output"
mkdir -p "$here/output"
# One file at a time: the workflow files share the second server's inbox.
node --test --test-concurrency=1 "$here/sotay.test.mjs" "$here"/workflow*.test.mjs
