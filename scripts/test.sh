#!/usr/bin/env bash
# Command 2 of the README: the whole test suite, as CI runs it —
#   1. build with warnings as errors (preset ci) and run every test;
#   2. build with AddressSanitizer + UndefinedBehaviorSanitizer (preset asan) and run them again;
#   3. check that the C++ sources are clang-format clean;
#   4. build the libFuzzer targets with clang (build/fuzz) and run each for FUZZ_SECONDS (45) on
#      the committed corpus (fuzz/run.sh ci): a reintroduced hang, crash or amplification fails.
#      FUZZ_SECONDS=0 skips this step.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

echo "==> clang-format"
files=$(git ls-files '*.cpp' '*.hpp' '*.h' '*.c' 2>/dev/null || find lib cli rules tests bench fuzz examples -name '*.[ch]pp')
clang-format --dry-run -Werror $files

for preset in ci asan; do
  echo "==> build ($preset)"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  echo "==> test ($preset)"
  ctest --preset "$preset" -j "$jobs"
done
fuzz_seconds=${FUZZ_SECONDS:-45}
if [[ $fuzz_seconds != 0 ]]; then
  echo "==> fuzz (5 targets x ${fuzz_seconds}s, clang, ASan+UBSan)"
  fuzz/run.sh ci "$fuzz_seconds"
fi
echo "==> all tests passed"
