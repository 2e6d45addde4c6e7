#!/usr/bin/env bash
# Command 1 of the README: install what kubelint needs (Debian 12 packages), build it, and run it
# on the bundled examples. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake ninja-build pkg-config libyaml-cpp-dev libfmt-dev libcli11-dev libre2-dev libmimalloc-dev
          doctest-dev clang-format git pre-commit libxml2-utils python3-jsonschema
          clang libclang-rt-14-dev)  # clang + libFuzzer runtime: scripts/test.sh's sanitizer and fuzz build
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

echo "==> building (build/release)"
cmake --preset release >/dev/null
# The library and the CLI only: the test suite builds its own trees (scripts/test.sh).
cmake --build --preset release --target kubelint_cli

echo "==> kubelint lint examples/"
status=0
./build/release/cli/kubelint lint examples/ || status=$?
# Exit 1 means "findings at or above --fail-on": the examples are broken on purpose.
if [ "$status" -ne 1 ]; then
  echo "unexpected exit code $status from kubelint on examples/" >&2
  exit 1
fi
echo "==> done: the findings above are the failure classes examples/ demonstrates."
echo "    Install with: sudo cmake --install build/release"
