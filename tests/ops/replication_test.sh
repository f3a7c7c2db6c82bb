#!/usr/bin/env bash
# Read replicas with Xapian's own replication, on loopback: one master
# (editions + xapian-replicate-server), two replicas (xapian-replicate +
# sotay-server each). docs/deploy/replication.md describes the setup.
# Usage: replication_test.sh SOTAY_INDEXER SOTAY_SERVER
INDEXER=$1 SERVER=$2
source "$(dirname "$0")/common.sh"
command -v xapian-replicate-server >/dev/null || skip "xapian-tools is not installed"
command -v curl >/dev/null || skip "curl is not installed"

master=$WORK/master
content=$WORK/content
for i in 1 2 3; do write_doc "$content" "van-phong/doc-$i" "ban$i"; done
"$INDEXER" build --content "$content" --index "$master" >/dev/null

rport=$(free_port)
# Its own session: on SIGTERM xapian-replicate-server signals its whole
# process group (Xapian's forking TCP server does kill(0, SIGTERM)).
setsid xapian-replicate-server -I 127.0.0.1 -p "$rport" "$master" >"$WORK/replicate-server.log" 2>&1 &
PIDS+=($!)
sleep 0.3

declare -A REPL
start_replica() {  # start_replica N: xapian-replicate into replica-N
  xapian-replicate -h 127.0.0.1 -p "$rport" -m current -i 1 -r 0 -q "$WORK/replica-$1" \
    >>"$WORK/replicate-$1.log" 2>&1 &
  REPL[$1]=$!
  PIDS+=($!)
}
declare -A PORT
for n in 1 2; do
  start_replica "$n"
  PORT[$n]=$(free_port)
  start_server "$WORK/replica-$n" "${PORT[$n]}"
done

both_serve() {  # both_serve EDITION
  [ "$(edition_of "${PORT[1]}")" = "$1" ] && [ "$(edition_of "${PORT[2]}")" = "$1" ]
}
found_on() {  # found_on N WORD
  local t
  t=$(total_of "${PORT[$1]}" "$2")
  [ -n "$t" ] && [ "$t" -gt 0 ]
}

first=$(current_id "$master")
wait_until 30 both_serve "$first" || fail "the replicas did not get the first edition $first"
echo "both replicas serve $first"

# An approved change: searchable on both within a bounded time.
write_doc "$content" "van-phong/doc-2" "moiduyet"
"$INDEXER" build --content "$content" --index "$master" >/dev/null
second=$(current_id "$master")
start=$SECONDS
wait_until 30 found_on 1 moiduyet || fail "replica 1 did not get the change"
wait_until 30 found_on 2 moiduyet || fail "replica 2 did not get the change"
both_serve "$second" || fail "replicas do not report edition $second"
echo "change searchable on both replicas after $((SECONDS - start)) s"

# Replica 2 goes down; two editions are published; it catches up.
kill "${REPL[2]}"
wait "${REPL[2]}" 2>/dev/null || true
write_doc "$content" "van-phong/doc-3" "batkip"
"$INDEXER" build --content "$content" --index "$master" >/dev/null
write_doc "$content" "van-phong/doc-4" "themnua"
"$INDEXER" build --content "$content" --index "$master" >/dev/null
third=$(current_id "$master")
wait_until 30 found_on 1 batkip || fail "replica 1 did not get the third edition"
sleep 2
found_on 2 batkip && fail "replica 2 changed while its xapian-replicate was stopped"
start_replica 2
start=$SECONDS
wait_until 30 both_serve "$third" || fail "replica 2 did not catch up to $third"
found_on 2 themnua || fail "replica 2 caught up but does not find the new document"
echo "replica 2 caught up after $((SECONDS - start)) s"

# A rollback on the master reaches the replicas too (each edition has its
# own database UUID, so the lower revision is copied in full).
"$INDEXER" rollback --index "$master" --content "$content" --inbox "$WORK/inbox" \
  --audit "$WORK/audit.log" >/dev/null
back=$(current_id "$master")
wait_until 30 both_serve "$back" || fail "replicas did not follow the rollback to $back"
found_on 1 themnua && fail "replica 1 still finds a document the rollback removed"
echo "rollback to $back followed by both replicas"
echo "PASS"
