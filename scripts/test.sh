#!/usr/bin/env bash
# Command 2 of the README: the whole test suite, as CI runs it —
#   1. build with warnings as errors (preset ci) and run every test;
#   2. build with AddressSanitizer + UndefinedBehaviorSanitizer (preset asan) and run them again;
#   3. check that the C++ sources are clang-format clean.
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
echo "==> all tests passed"
