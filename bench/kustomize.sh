#!/usr/bin/env bash
# Cost of building kustomizations (issue 11; results in bench/README.md, "Kustomize builds").
#
#   bench/kustomize.sh [BUILD_DIR]     (default: build; a Release build's cli/kubelint)
#
# Generates a kustomize repository (bench/gen_kustomize.py: APPS apps, each a base and three
# overlays with patches, images, labels and generators; 350 apps build 5,250 objects), renders
# every overlay with `kubelint render` into plain files, then lints
#   built  the repository itself (kubelint finds the roots, builds them, lints the results), and
#   plain  the rendered files (--no-kustomize): the same objects, with nothing to build,
# RUNS times each, interleaved, one thread, and prints the minimum CPU time (user + system: wall
# time is meaningless on a loaded machine) and peak RSS of each. Target: built <= 1.3 x plain.
# Exit status: 0 within the target, 1 over it, 2 on a setup problem.
set -euo pipefail
BUILD_DIR=${1:-build}
KUBELINT=${KUBELINT:-$(realpath "$BUILD_DIR/cli/kubelint")}
APPS=${APPS:-350}
RUNS=${RUNS:-5}
MAX_RATIO=1.3
HERE=$(cd "$(dirname "$0")" && pwd)
[[ -x $KUBELINT ]] || { echo "kustomize.sh: $KUBELINT not found; build first" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 "$HERE/gen_kustomize.py" "$WORK/repo" "$APPS"
mkdir -p "$WORK/rendered"
for overlay in "$WORK"/repo/apps/*/overlays/*; do
  app=$(basename "$(dirname "$(dirname "$overlay")")")
  "$KUBELINT" render "$overlay" >"$WORK/rendered/$app-$(basename "$overlay").yaml"
done

# run LABEL ARGS... -> appends "cpu_seconds kib" to $WORK/LABEL.txt; prints objects/findings once
run() {
  local label=$1
  shift
  /usr/bin/time -f '%U %S %M' -o "$WORK/time.txt" "$KUBELINT" lint --no-config -j1 --format json \
    "$@" >"$WORK/$label.json" 2>/dev/null || true
  read -r user sys kib < <(tail -1 "$WORK/time.txt")
  awk -v u="$user" -v s="$sys" -v k="$kib" 'BEGIN { printf "%.3f %d\n", u + s, k }' >>"$WORK/$label.txt"
}
for _ in $(seq "$RUNS"); do
  run built "$WORK/repo"
  run plain --no-kustomize "$WORK/rendered"
done
summary() {  # LABEL -> "min_cpu max_kib objects findings"
  local objects findings
  objects=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["objects"])' "$WORK/$1.json")
  findings=$(grep -o '"rule":' "$WORK/$1.json" | wc -l || true)
  sort -n "$WORK/$1.txt" | head -1 | awk -v o="$objects" -v f="$findings" '{ print $1, $2, o, f }'
}
read -r built_cpu built_kib built_objects built_findings < <(summary built)
read -r plain_cpu plain_kib plain_objects plain_findings < <(summary plain)
ratio=$(awk -v b="$built_cpu" -v p="$plain_cpu" 'BEGIN { printf "%.2f", b / p }')
printf '%-6s %8s objects %8s findings %8s s CPU %9s KiB peak\n' \
  built "$built_objects" "$built_findings" "$built_cpu" "$built_kib" \
  plain "$plain_objects" "$plain_findings" "$plain_cpu" "$plain_kib"
echo "built / plain CPU: $ratio (target <= $MAX_RATIO)"
awk -v r="$ratio" -v m="$MAX_RATIO" 'BEGIN { exit !(r <= m) }'
