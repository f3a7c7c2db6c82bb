#!/usr/bin/env bash
# Real documents through the importer (issue 13): accuracy per field on the
# 43 Gazette PDFs and the 6 signed scans of ../shared/data/documents, speed
# of text PDFs and OCR, peak memory; beside it, poppler's own pdftotext over
# the same Gazette files as the speed baseline. Prints a Markdown table.
#   bash bench/run-import.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
docs=../shared/data/documents
[ -f "$docs/gold.jsonl" ] || { echo "không có $docs/gold.jsonl: bỏ qua"; exit 0; }
cmake --build "$build" --target sotay-bench-import -j2 >/dev/null
echo "== baseline: pdftotext -layout over the Gazette PDFs"
pages=0
start=$(date +%s.%N)
for f in "$docs"/gazette/*.pdf; do
  pdftotext -layout "$f" - >/dev/null 2>&1
  pages=$((pages + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')))
done
end=$(date +%s.%N)
awk -v p="$pages" -v s="$start" -v e="$end" \
  'BEGIN { printf "pdftotext: %d pages in %.1f s, %.1f pages/s\n", p, e - s, p / (e - s) }'
echo "== Sổ tay import"
"$build/sotay-bench-import" --documents "$docs" "$@"
