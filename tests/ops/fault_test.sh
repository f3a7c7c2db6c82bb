#!/usr/bin/env bash
# Fault tests: a build killed with SIGKILL, a full disk during a build, a
# SIGTERM with a request in flight, and wrk at 64 connections while
# editions are switched and rolled back.
# Usage: fault_test.sh SOTAY_INDEXER SOTAY_SERVER [WRK_SECONDS]
INDEXER=$1 SERVER=$2 WRK_SECONDS=${3:-30}
source "$(dirname "$0")/common.sh"
command -v curl >/dev/null || skip "curl is not installed"
command -v xapian-check >/dev/null || skip "xapian-tools is not installed"

index=$WORK/index
small=$WORK/content-small
big=$WORK/content-big
for i in 1 2 3 4 5; do write_doc "$small" "van-phong/doc-$i" "nho$i"; done
# 3,000 files, so a kill lands in the middle of a build.
mkdir -p "$big"
cp -r "$small/." "$big/"
for d in $(seq 1 30); do
  mkdir -p "$big/phong-$d"
  for i in $(seq 1 100); do
    printf -- '---\ntitle: Hướng dẫn %d-%d về thủ tục hành chính\ndepartment: Phòng %d\n---\nCông chức tiếp nhận hồ sơ số %d của phòng %d, kiểm tra thành phần hồ sơ, lập phiếu hẹn trả kết quả và chuyển bộ phận chuyên môn giải quyết theo quy trình.\n\n## Trình tự\n\nBước một tiếp nhận, bước hai thẩm định, bước ba trả kết quả cho công dân %d.\n\n## Hồ sơ\n\nĐơn đề nghị, giấy tờ tùy thân và các giấy tờ khác theo quy định %d.\n' \
      "$d" "$i" "$d" "$i" "$d" "$i" "$i" >"$big/phong-$d/hd-$i.md"
  done
done

"$INDEXER" build --content "$small" --index "$index" >/dev/null
served=$(current_id "$index")
port=$(free_port)
start_server "$index" "$port" --threads 96 --keep-alive-max 100000
[ "$(edition_of "$port")" = "$served" ] || fail "server does not serve $served"

echo "== SIGKILL in the middle of a build"
"$INDEXER" build --full --content "$big" --index "$index" >"$WORK/killed.log" 2>&1 &
builder=$!
building() { compgen -G "$index/editions/.building-*" >/dev/null; }
wait_until 60 building || fail "the build never started writing"
sleep 0.1
kill -KILL "$builder"
wait "$builder" 2>/dev/null || true
building || fail "the kill did not land mid-build (no .building-* left)"
echo "killed mid-build: $(ls -a "$index/editions" | grep -c '^\.building-') stale build dir(s)"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/search?q=nho1")" = 200 ] ||
  fail "the server does not answer 200 after the kill"
[ "$(edition_of "$port")" = "$served" ] || fail "the served edition changed after the kill"
xapian-check "$(readlink -f "$index/current")" >"$WORK/check.log" 2>&1 ||
  fail "xapian-check fails on the current edition: $(cat "$WORK/check.log")"
t0=$SECONDS
"$INDEXER" build --content "$big" --index "$index" >"$WORK/rebuild.log" 2>&1 ||
  fail "the next build failed: $(cat "$WORK/rebuild.log")"
building && fail "the stale .building-* directory was not cleaned"
served=$(current_id "$index")
wait_until 10 eval '[ "$(edition_of "$port")" = "$served" ]' || fail "server did not follow $served"
echo "next build succeeded in $((SECONDS - t0)) s: $served; stale directory removed"

echo "== full disk during a build"
disk=$WORK/disk
mkdir -p "$disk"
if mount -t tmpfs -o size=2m tmpfs "$disk" 2>/dev/null; then
  trap 'umount "$disk" 2>/dev/null || true; cleanup' EXIT
  "$INDEXER" build --content "$small" --index "$disk/index" >/dev/null
  before=$(current_id "$disk/index")
  dport=$(free_port)
  start_server "$disk/index" "$dport"
  set +e
  "$INDEXER" build --full --content "$big" --index "$disk/index" >"$WORK/full.out" 2>"$WORK/full.err"
  status=$?
  set -e
  [ "$status" = 2 ] || fail "exit status $status on a full disk (expected 2)"
  grep -qiE "space|dung lượng|đầy" "$WORK/full.err" || fail "no clear message: $(cat "$WORK/full.err")"
  echo "message: $(head -c 300 "$WORK/full.err")"
  [ "$(edition_of "$dport")" = "$before" ] || fail "the old edition is not served after ENOSPC"
  [ "$(current_id "$disk/index")" = "$before" ] || fail "current moved after ENOSPC"
  compgen -G "$disk/index/editions/.building-*" >/dev/null && fail "ENOSPC left a .building dir"
  echo "full disk: exit 2, old edition $before still served"
  kill "${PIDS[-1]}"
  wait "${PIDS[-1]}" 2>/dev/null || true
  umount "$disk"
else
  echo "SKIP (full disk): mounting a tmpfs is not permitted here"
fi

echo "== SIGTERM with a request in flight"
tport=$(free_port)
"$SERVER" --index "$index" --port "$tport" --no-access-log >"$WORK/term.log" 2>&1 &
tpid=$!
PIDS+=($tpid)
wait_until 10 curl -s -o /dev/null "http://127.0.0.1:$tport/healthz" || fail "server did not start"
exec 3<>"/dev/tcp/127.0.0.1/$tport"
printf 'GET /search?q=nho1 HTTP/1.1\r\nHost: x\r\n' >&3   # half a request
sleep 0.3
kill -TERM "$tpid"
sleep 0.3
printf 'Connection: close\r\n\r\n' >&3
answer=$(timeout 10 cat <&3 || true)
exec 3<&-
tstatus=0
wait "$tpid" || tstatus=$?
case "$answer" in "HTTP/1.1 200 OK"*) ;; *) fail "in-flight request got: ${answer:0:200}" ;; esac
[ "$tstatus" = 0 ] || fail "sotay-server exited $tstatus after SIGTERM"
curl -s -o /dev/null "http://127.0.0.1:$tport/healthz" && fail "server still listening after SIGTERM"
echo "SIGTERM: the request in flight got 200, exit status 0"

echo "== wrk: 64 connections for $WRK_SECONDS s while editions switch"
if ! command -v wrk >/dev/null; then
  echo "SKIP (load): wrk is not installed"
else
  # A request slower than 20 s counts as failed (wrk reports it as a timeout);
  # 64 connections on 2 cores queue, so the tail is long when the machine is busy.
  wrk -t2 -c64 -d"${WRK_SECONDS}s" --timeout 20s --latency -s "$(dirname "$0")/wrk_paths.lua" \
    "http://127.0.0.1:$port" >"$WORK/wrk.log" 2>&1 &
  wrk_pid=$!
  PIDS+=($wrk_pid)
  step=$((WRK_SECONDS / 5))
  ((step > 0)) || step=1
  ids=()
  for i in 1 2 3; do
    sleep "$step"
    write_doc "$big" "van-phong/doc-$i" "phienban$i"
    "$INDEXER" build --content "$big" --index "$index" >/dev/null
    ids+=("$(current_id "$index")")
  done
  sleep "$step"
  # The documents were edited in place (no .history to restore them from):
  # the index alone goes back.
  "$INDEXER" rollback --index-only --index "$index" >/dev/null 2>&1
  [ "$(current_id "$index")" = "${ids[1]}" ] || fail "rollback did not go to ${ids[1]}"
  wait "$wrk_pid"
  cat "$WORK/wrk.log"
  grep -q "Non-2xx or 3xx responses" "$WORK/wrk.log" && fail "wrk saw non-2xx/3xx responses"
  grep -q "Socket errors" "$WORK/wrk.log" && fail "wrk saw socket errors"
  grep -q "requests in" "$WORK/wrk.log" || fail "wrk did not run"
  wait_until 10 eval '[ "$(edition_of "$port")" = "${ids[1]}" ]' ||
    fail "server serves $(edition_of "$port"), not the rolled-back ${ids[1]} ($(ls "$index/editions"))"
  echo "wrk: no failed request across 3 switches and 1 rollback"
fi
echo "PASS"
