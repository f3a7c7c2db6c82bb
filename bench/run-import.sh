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

# A 20-page scan (issue 18): the first 20 pages of a Gazette text PDF
# rendered at 200 dpi and wrapped as an image-only PDF (bench/make-scan.py),
# read by `sotay-indexer convert` (OCR, 2 pages at once). CPU / wall near 2
# means both cores worked. Baseline: tesseract on the same page images, one
# after another, one thread each (what a plain loop over the pages gives).
scan_src="$docs/gazette/thong-tu-so-147-2025-tt-btc-468713.pdf"
if [ -f "$scan_src" ] && command -v tesseract >/dev/null; then
  echo "== OCR of a 20-page scan"
  cmake --build "$build" --target sotay-indexer -j2 >/dev/null
  scan_dir=$(mktemp -d)
  trap 'rm -rf "$scan_dir"' EXIT
  pdftoppm -r 200 -l 20 -gray -jpeg -jpegopt quality=75 "$scan_src" "$scan_dir/p"
  python3 bench/make-scan.py "$scan_dir/scan20.pdf" 200 "$scan_dir"/p-*.jpg
  /usr/bin/time -f "%e %U %S %M" -o "$scan_dir/sotay.time" \
    "$build/sotay-indexer" convert --department "Văn phòng" "$scan_dir/scan20.pdf" \
    >"$scan_dir/out.json"
  start=$(date +%s.%N)
  for p in "$scan_dir"/p-*.jpg; do
    OMP_THREAD_LIMIT=1 tesseract "$p" - -l vie >/dev/null 2>&1
  done
  end=$(date +%s.%N)
  read -r wall user sys rss <"$scan_dir/sotay.time"
  chars=$(python3 -c 'import json,sys; d = json.load(open(sys.argv[1])); print(len(d["document"]["content"]) if d.get("ok") else "error: " + d.get("error", "?"))' \
    "$scan_dir/out.json" 2>/dev/null || echo "?")
  awk -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v c="$chars" -v b0="$start" -v b1="$end" \
    'BEGIN { printf "sotay convert: 20 pages in %.1f s (%.2f pages/s), CPU %.1f s, CPU/wall %.2f, peak RSS %d MiB, %s characters\n", w, 20 / w, u + s, (u + s) / w, r / 1024, c;
             printf "tesseract, one page after another: 20 pages in %.1f s (%.2f pages/s)\n", b1 - b0, 20 / (b1 - b0) }'
fi
