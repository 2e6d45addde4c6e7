#!/usr/bin/env bash
# Command 2 of the README: the whole test suite, as CI runs it —
#   1. build with warnings as errors (preset ci) and run every test;
#   2. build with clang, AddressSanitizer + UndefinedBehaviorSanitizer (preset asan) and run them
#      again; this build also compiles the libFuzzer targets against the same library;
#   3. check that the C++ sources are clang-format clean;
#   4. package the ci build as a .deb (cpack; no extra build), install it with dpkg -i and run the
#      installed kubelint on examples/.
#   5. run each libFuzzer target of the asan build for FUZZ_SECONDS (45) on the committed corpus
#      (fuzz/run.sh ci): a reintroduced hang, crash or amplification fails.
#      FUZZ_SECONDS=0 skips this step.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
# Each step is printed with the wall time since the start, so a CI log shows where time goes.
step() { echo "==> $* [$((SECONDS / 60))m$((SECONDS % 60))s]"; }

step "clang-format"
files=$(git ls-files '*.cpp' '*.hpp' '*.h' '*.c' 2>/dev/null || find lib cli rules tests bench fuzz examples -name '*.[ch]pp')
clang-format --dry-run -Werror $files

for preset in ci asan; do
  step "build ($preset)"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  step "test ($preset)"
  ctest --preset "$preset" -j "$jobs"
done
step "package (.deb of build/ci), install it, run the installed kubelint"
rm -f build/ci/kubelint_*.deb
(cd build/ci && cpack -G DEB >/dev/null)
deb=$(ls build/ci/kubelint_*.deb)
contents=$(dpkg-deb --contents "$deb")
for f in /usr/bin/kubelint /usr/share/man/man1/kubelint.1 \
         /usr/share/bash-completion/completions/kubelint /usr/share/zsh/vendor-completions/_kubelint \
         /usr/share/fish/vendor_completions.d/kubelint.fish /usr/include/kubelint/kubelint.hpp \
         /usr/lib/libkubelint.a /usr/lib/cmake/kubelint/kubelintConfig.cmake \
         /usr/lib/pkgconfig/kubelint.pc; do
  grep -q " \.$f\$" <<<"$contents" || { echo "the .deb lacks $f" >&2; exit 1; }
done
bash -n build/ci/cli/docs/kubelint.bash
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo dpkg -i "$deb" >/dev/null
/usr/bin/kubelint --version
status=0
/usr/bin/kubelint lint --no-config examples/ >/dev/null 2>&1 || status=$?
# Exit 1: findings, as the examples are broken on purpose (anything else is a broken install).
if [ "$status" -ne 1 ]; then
  echo "the installed kubelint exited $status on examples/" >&2
  exit 1
fi
pkg-config --exists kubelint || { echo "kubelint.pc is not installed" >&2; exit 1; }

fuzz_seconds=${FUZZ_SECONDS:-45}
if [[ $fuzz_seconds != 0 ]]; then
  step "fuzz (7 targets x ${fuzz_seconds}s, ${jobs} at a time, clang, ASan+UBSan)"
  BUILD_DIR=build/asan fuzz/run.sh ci "$fuzz_seconds"
fi
step "all tests passed"
