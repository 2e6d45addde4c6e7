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
# time is meaningless on a loaded machine; the median too) and peak RSS of each.
# Target: built <= 1.3 x plain, by the minima.
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

# run LABEL ARGS... -> appends "cpu_seconds kib" of one kubelint run to $WORK/LABEL.txt. The
# child's own rusage (wait4), in microseconds: /usr/bin/time prints hundredths, 2.5% of a 0.4 s
# run, which is the size of the differences this measures.
run() {
  local label=$1
  shift
  python3 - "$WORK/$label.txt" "$WORK/$label.json" "$KUBELINT" lint --no-config -j1 \
    --format json "$@" <<'PY'
import os
import sys

record, output, *command = sys.argv[1:]
pid = os.fork()
if pid == 0:
    os.dup2(os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 1)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    os.execv(command[0], command)
_, _, usage = os.wait4(pid, 0)
with open(record, "a") as f:
    f.write(f"{usage.ru_utime + usage.ru_stime:.4f} {usage.ru_maxrss}\n")
PY
}
for _ in $(seq "$RUNS"); do
  run built "$WORK/repo"
  run plain --no-kustomize "$WORK/rendered"
done
summary() {  # LABEL -> "min_cpu median_cpu kib objects findings"
  local objects findings
  objects=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["objects"])' "$WORK/$1.json")
  findings=$(grep -o '"rule":' "$WORK/$1.json" | wc -l || true)
  sort -n "$WORK/$1.txt" | awk -v o="$objects" -v f="$findings" '
    { cpu[NR] = $1; kib[NR] = $2 }
    END { printf "%.3f %.3f %d %d %d\n", cpu[1], cpu[int((NR + 1) / 2)], kib[1], o, f }'
}
read -r built_cpu built_median built_kib built_objects built_findings < <(summary built)
read -r plain_cpu plain_median plain_kib plain_objects plain_findings < <(summary plain)
ratio=$(awk -v b="$built_cpu" -v p="$plain_cpu" 'BEGIN { printf "%.2f", b / p }')
median_ratio=$(awk -v b="$built_median" -v p="$plain_median" 'BEGIN { printf "%.2f", b / p }')
printf '%-6s %8s objects %8s findings %8s s CPU (median %s) %9s KiB peak\n' \
  built "$built_objects" "$built_findings" "$built_cpu" "$built_median" "$built_kib" \
  plain "$plain_objects" "$plain_findings" "$plain_cpu" "$plain_median" "$plain_kib"
echo "built / plain CPU: $ratio (target <= $MAX_RATIO; medians: $median_ratio)"
awk -v r="$ratio" -v m="$MAX_RATIO" 'BEGIN { exit !(r <= m) }'
