#!/usr/bin/env bash
# Regenerates testdata/kustomize-corpus/ (one golden per kustomization root of
# ../shared/corpus/kustomize) with kubectl's kustomize as the oracle, offline:
#
#   scripts/kustomize-corpus-goldens.sh [BUILD_DIR] [--keep DIR]
#
# Each root is built with `kubectl kustomize ROOT`, and when that fails, again with
# `--load-restrictor LoadRestrictionsNone` (the verdict says which worked, or `fail`). kubectl's
# outputs go to a scratch directory; the test binary (BUILD_DIR, default build/dev) turns them
# into goldens (KUBELINT_UPDATE_GOLDEN=1 KUBELINT_KUSTOMIZE_ORACLE=DIR), so the golden hashes
# are computed by the same canonical form the test compares with. --keep DIR keeps kubectl's
# outputs; KUBELINT_KUSTOMIZE_ORACLE=DIR on a later test run then names the first differing
# field of a mismatch. Needs kubectl (kustomize v5.5.0 was used for the committed goldens).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/dev
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep="$2"; shift 2 ;;
    *) build="$1"; shift ;;
  esac
done
corpus=""
for c in ../shared/corpus/kustomize ../../shared/corpus/kustomize; do
  if [ -f "$c/index.tsv" ]; then corpus="$c"; break; fi
done
[ -n "$corpus" ] || { echo "../shared/corpus/kustomize not found" >&2; exit 2; }
command -v kubectl >/dev/null || { echo "kubectl not found" >&2; exit 2; }
oracle="${keep:-$(mktemp -d)}"
mkdir -p "$oracle"
[ -n "$keep" ] || trap 'rm -rf "$oracle"' EXIT
kubectl version --client 2>/dev/null | grep -i kustomize >&2 || true

tail -n +2 "$corpus/index.tsv" | cut -f1 | while read -r file; do
  root=$(dirname "$file")
  name="${root//\//__}.txt"
  out="$oracle/$name"
  if kubectl kustomize "$corpus/$root" >"$out.yaml" 2>"$out.err"; then
    echo ok >"$out.status"
  elif kubectl kustomize --load-restrictor LoadRestrictionsNone "$corpus/$root" \
      >"$out.yaml" 2>"$out.err"; then
    echo LoadRestrictionsNone >"$out.status"
  else
    echo fail >"$out.status"
    # The error without klog's time stamp and the machine-specific corpus location.
    python3 - "$out.err" "$(cd "$corpus" && pwd -P)/" "$(cd "$corpus" && pwd)/" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8", errors="replace").read()
for prefix in sys.argv[2:]:
    text = text.replace(prefix, "")
text = re.sub(r"^E\d+ [\d:.]+ +\d+ [\w.]+:\d+\] ", "", text, flags=re.M)
open(path, "w", encoding="utf-8").write(text)
PY
  fi
done
rm -rf testdata/kustomize-corpus
KUBELINT_UPDATE_GOLDEN=1 KUBELINT_KUSTOMIZE_ORACLE="$oracle" \
  "$build/tests/kubelint_tests" -tc='kustomize corpus*' || true
echo "goldens: $(ls testdata/kustomize-corpus | wc -l) files," \
  "$(du -sh testdata/kustomize-corpus | cut -f1)" >&2
