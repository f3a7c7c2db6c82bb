#!/usr/bin/env bash
# CI guard for search quality: runs the slice benchmark (answers of 200 fixed
# questions plus 5,000 other articles of Bộ pháp điển) and fails when MRR@10
# of Sổ tay, with or without accents, drops more than 0.02 below the figure
# committed in bench/quality-slice.json. Skips where ../shared/data is absent.
#
#   BUILD_DIR=build-ci bash bench/check-quality.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${SOTAY_DATA:-$root/../shared/data}"
if [ ! -f "$data/phapdien/corpus.jsonl.gz" ] || [ ! -f "$data/zalo/queries.jsonl" ]; then
  echo "quality check skipped: $data/phapdien or $data/zalo not found"
  exit 0
fi
bash "$root/bench/run-quality.sh" --slice
python3 - "$root/bench/quality-slice.json" "$root/bench/out/slice/quality.json" <<'PY'
import json, sys
committed = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
rows = report["results"] if isinstance(report, dict) else report
measured = {(r["system"], r["queries"]): r for r in rows}
failed = False
for queries, expected in committed["mrr10"].items():
    got = measured[("sotay", queries)]["mrr10"]
    ok = got >= expected - committed["tolerance"]
    failed |= not ok
    print(f"quality {queries}: MRR@10 {got:.3f}, committed {expected:.3f} "
          f"(tolerance {committed['tolerance']}) [{'ok' if ok else 'DROP'}]")
sys.exit(1 if failed else 0)
PY
