#!/usr/bin/env bash
# The Debian package, installed for real: lintian, dpkg -i, the sotay user
# and /var/lib/sotay, the server started as sotay-server.service's
# ExecStart would start it (setpriv as User=sotay, no systemd needed), a search, a backup, stop,
# dpkg -r (data kept), dpkg --purge (data still kept unless asked).
# Needs root and a machine where installing sotay is fine (CI); exits 77
# (skipped) otherwise.
# Usage: package_test.sh PATH/TO/sotay_*.deb
set -euo pipefail
deb=$(realpath "$1")
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "skipped: needs root"; exit 77; }
command -v dpkg >/dev/null || { echo "skipped: no dpkg"; exit 77; }
if dpkg-query -W -f='${Status}' sotay 2>/dev/null | grep -q "install ok installed"; then
  echo "skipped: sotay is already installed here"; exit 77
fi
export DEBIAN_FRONTEND=noninteractive

echo "== lintian"
if command -v lintian >/dev/null; then
  # Tags explained in docs/deploy/README.md ("The Debian package").
  lintian --fail-on error,warning --suppress-tags-from-file "$(dirname "$0")/lintian-overrides" \
    "$deb" || fail "lintian"
fi

echo "== install"
apt-get install -y -qq --no-install-recommends "$deb" >/dev/null || fail "apt-get install"
cleanup() {
  if [ -n "${server:-}" ]; then kill "$server" 2>/dev/null || true; fi
  dpkg --purge sotay >/dev/null 2>&1 || true
  rm -rf /var/lib/sotay
  deluser --system sotay >/dev/null 2>&1 || true
}
trap cleanup EXIT
getent passwd sotay >/dev/null || fail "no sotay user"
[ -L /var/lib/sotay/index/current ] || fail "postinst built no edition"
[ "$(stat -c %U /var/lib/sotay/content)" = sotay ] || fail "content is not sotay's"
[ -f /etc/default/sotay ] || fail "no /etc/default/sotay"
grep -qx /etc/default/sotay /var/lib/dpkg/info/sotay.conffiles || fail "config is not a conffile"
man -w sotay-server >/dev/null 2>&1 || [ -f /usr/share/man/man1/sotay-server.1.gz ] || fail "no man page"

echo "== the service's ExecStart, as user sotay"
unit=/lib/systemd/system/sotay-server.service
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
set -a
# shellcheck disable=SC1091
. /etc/default/sotay
set +a
SOTAY_PORT=0  # any free port; the server prints the one it bound
# systemd's ${VAR} and $VAR expansion, done by the shell here.
command_line=$(eval "echo $exec_start")
log=$(mktemp)
setpriv --reuid=sotay --regid=sotay --init-groups -- $command_line 2>"$log" &
server=$!
for _ in $(seq 1 100); do grep -q "^listening " "$log" && break; sleep 0.1; done
grep -q "^listening " "$log" || { cat "$log"; fail "the server did not start"; }
SOTAY_PORT=$(sed -n 's/^listening host=.* port=\([0-9]*\)$/\1/p' "$log")
body=$(curl -fsS "http://127.0.0.1:$SOTAY_PORT/api/search?q=ubnd")
echo "$body" | grep -q '"total":[1-9]' || fail "search found nothing: $body"
curl -fsS "http://127.0.0.1:$SOTAY_PORT/healthz" >/dev/null || fail "healthz"

echo "== backup as the timer's service would"
runuser -u sotay -- env SOTAY_CONTENT="$SOTAY_CONTENT" SOTAY_DATA="$SOTAY_DATA" \
  /usr/share/sotay/sotay-backup-rotate /var/lib/sotay/backups 2 >/dev/null || fail "backup"
ls /var/lib/sotay/backups/sotay-*.tar.zst >/dev/null || fail "no backup written"

echo "== stop"
kill -TERM "$server"
wait "$server" || fail "the server did not exit 0 on SIGTERM"
server=

echo "== remove: data kept"
dpkg -r sotay >/dev/null || fail "dpkg -r"
[ ! -e /usr/bin/sotay-server ] || fail "binary left after remove"
[ -d /var/lib/sotay/content ] || fail "remove deleted the content"
echo "== purge: data still kept unless asked"
purged=$(dpkg --purge sotay 2>&1) || fail "dpkg --purge: $purged"
echo "$purged" | grep -q "kept in /var/lib/sotay" || fail "purge did not say where the data is"
[ -d /var/lib/sotay/content ] || fail "purge deleted the content without SOTAY_PURGE_DATA=yes"
[ ! -e /etc/default/sotay ] || fail "purge left /etc/default/sotay"
echo "package: ok"
