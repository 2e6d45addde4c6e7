#!/usr/bin/env bash
# ABI check: the dynamic symbols libkubelint.so exports (demangled, sorted) must equal the
# committed list lib/abi/exported-symbols.txt.
#
# Usage: lib/abi/check-abi.sh LIBRARY     LIBRARY: libkubelint.so.* or a directory holding it
#   KUBELINT_UPDATE_ABI=1 rewrites the list instead of comparing (then review the diff).
# ctest runs it as the test `abi` (label `abi`) on the library examples/embed/run.sh --shared builds.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
list="$here/exported-symbols.txt"
[ $# -eq 1 ] || { echo "usage: $0 LIBRARY" >&2; exit 2; }
library="$1"
if [ -d "$library" ]; then
  library="$(find "$library" -name 'libkubelint.so.*' -type f -print -quit)"
fi
[ -f "$library" ] || { echo "abi: no shared library at '$1'" >&2; exit 2; }

actual="$(mktemp)"
trap 'rm -f "$actual"' EXIT
# "0000000000012345 T kubelint_version" → "kubelint_version"; C++ names keep their spaces.
nm -D --defined-only --demangle "$library" | sed -E 's/^[0-9a-fA-F]+ [A-Za-z] //' \
  | LC_ALL=C sort -u >"$actual"

if [ "${KUBELINT_UPDATE_ABI:-0}" = 1 ]; then
  cp "$actual" "$list"
  echo "abi: wrote $(wc -l <"$list") symbols to $list; review the diff before committing"
  exit 0
fi
if diff -u --label "exported-symbols.txt (committed)" --label "$(basename "$library") (built)" \
    "$list" "$actual"; then
  echo "abi: $(basename "$library") exports the $(wc -l <"$list") symbols of exported-symbols.txt"
  exit 0
fi
cat >&2 <<MSG

abi: the symbols exported by $(basename "$library") differ from lib/abi/exported-symbols.txt
     (- committed, + built).
  - If you did not mean to change the public API, something leaked: check the KUBELINT_API
    annotations, the visibility of new code and lib/abi/kubelint.map.
  - If the change is intended, update the list and commit it with the change:
        KUBELINT_UPDATE_ABI=1 ctest --test-dir <build> -R '^abi\$'
    (or: KUBELINT_UPDATE_ABI=1 lib/abi/check-abi.sh path/to/libkubelint.so).
    Removing or changing a symbol breaks programs built against the current version: within a
    MAJOR.MINOR series only additions are allowed (see docs/library.md, "Stability").
MSG
exit 1
