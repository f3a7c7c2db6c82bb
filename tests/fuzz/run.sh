#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan + libFuzzer, in
# build-fuzz/) and runs each for SECONDS seconds (default 60) on seed corpora
# made from the shipped content (content/**/*.md) and tests/fuzz/seeds.
#
#   bash tests/fuzz/run.sh 600        # the documented 10-minute run per target
#   bash tests/fuzz/run.sh 60         # what CI runs (.ci/fuzz)
#   FUZZ_TARGETS="query" bash tests/fuzz/run.sh 30
#
# A crash leaves its input in build-fuzz/artifacts/ and fails the script;
# reproduce with build-fuzz/tests/fuzz/fuzz_<name> <file>.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
build=${FUZZ_BUILD_DIR:-build-fuzz}
targets=${FUZZ_TARGETS:-"load_document submission query doc_number backup"}
jobs=$(nproc)

command -v clang++ >/dev/null || { echo "clang++ is missing (apt-get install clang libclang-rt-14-dev)"; exit 1; }
# -O1 with line tables: fast to build, readable stack traces.
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DSOTAY_FUZZ=ON >/dev/null
cmake --build "$build" -j"$jobs" >"$build/build.log" 2>&1 || { tail -40 "$build/build.log"; exit 1; }

# Seed corpora, made anew each run; what a run finds is kept in corpus/<name>.
seeds="$build/seeds"
rm -rf "$seeds"
mkdir -p "$seeds/markdown" "$seeds/submission" "$seeds/text" "$seeds/backup" "$build/artifacts"
i=0
while IFS= read -r -d '' f; do
  cp "$f" "$seeds/markdown/$i.md"
  # A submission declares its id (docs/submissions.md).
  id="${f#content/}"
  sed "1a id: ${id%.md}" "$f" >"$seeds/submission/$i.md"
  i=$((i + 1))
done < <(find content -name '*.md' -print0 | sort -z)
i=0
while IFS= read -r line; do
  printf '%s' "$line" > "$seeds/text/q$i"
  i=$((i + 1))
done < tests/fuzz/seeds/queries.txt
# Lines of the content that cite document numbers or articles.
grep -rhoE '.{0,60}[0-9]+/[0-9A-Za-zĐđ/-]+.{0,40}' content --include='*.md' >"$seeds/numbers.txt" || true
while IFS= read -r line; do
  printf '%s' "$line" > "$seeds/text/n$i"
  i=$((i + 1))
done < <(head -300 "$seeds/numbers.txt")

# A small valid backup (docs/backup.md), plain and zstd-compressed: header
# first, a content file, a manifest with its size and SHA-256 last.
tree="$build/seed-backup"
rm -rf "$tree" && mkdir -p "$tree/content/van-phong"
printf '{"format":"sotay-backup","version":1,"sotay":"0","created":"2026-01-01T00:00:00Z"}\n' \
  >"$tree/sotay-backup.json"
cp "$(find content -name '*.md' | sort | head -1)" "$tree/content/van-phong/a.md"
sum=$(sha256sum "$tree/content/van-phong/a.md" | cut -d' ' -f1)
bytes=$(stat -c %s "$tree/content/van-phong/a.md")
printf '{"format":"sotay-backup","version":1,"created":"x","sotay":"0","edition":"","parts":["content"],"files":[{"path":"content/van-phong/a.md","size":%s,"sha256":"%s","mode":420}]}\n' \
  "$bytes" "$sum" >"$tree/MANIFEST.json"
tar --format=pax -cf "$seeds/backup/plain.tar" -C "$tree" sotay-backup.json content MANIFEST.json
tar --format=pax --zstd -cf "$seeds/backup/zstd.tar.zst" -C "$tree" sotay-backup.json content MANIFEST.json

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=()
for name in $targets; do
  case $name in
    load_document) seed="$seeds/markdown" ;;
    submission) seed="$seeds/submission" ;;
    backup) seed="$seeds/backup" ;;
    *) seed="$seeds/text" ;;
  esac
  corpus="$build/corpus/$name"
  mkdir -p "$corpus"
  echo "== fuzz_$name: ${seconds}s"
  # -rss_limit_mb: a runaway allocation is a finding; -timeout: an input
  # taking longer than 10 s is a hang.
  if ! "$build/tests/fuzz/fuzz_$name" "$corpus" "$seed" \
      -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$build/artifacts/$name-" \
      >"$build/fuzz_$name.log" 2>&1; then
    failed+=("$name")
    tail -60 "$build/fuzz_$name.log"
  else
    grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+ *DONE' "$build/fuzz_$name.log" || true
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]} (inputs in $build/artifacts/)"
  exit 1
fi
echo "fuzzing clean: $targets (${seconds}s each)"
