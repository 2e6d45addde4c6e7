#!/usr/bin/env bash
# Cost of custom rules: lints a corpus with and without ten custom rules loaded (the first ten
# worked policies of docs/custom-rules.md, testdata/custom-rules/*/.kubelint.yaml), in interleaved
# rounds, and reports the median CPU time (user + system) of each and their ratio. Target: ≤ 1.05.
#
#   bench/custom_rules.sh BUILD_DIR CORPUS_DIR     e.g. build/release ../shared/corpus/realworld
#   RUNS [9]  timed rounds;  JOBS [1]  -j for kubelint
#
# CPU time rather than wall-clock time, so that a machine shared with other work still measures
# the work done. Exit status: 0 within the target, 1 above it, 2 setup problem.
set -euo pipefail
BUILD_DIR=${1:?usage: bench/custom_rules.sh BUILD_DIR CORPUS_DIR}
CORPUS=${2:?usage: bench/custom_rules.sh BUILD_DIR CORPUS_DIR}
RUNS=${RUNS:-9}
JOBS=${JOBS:-1}
here="$(cd "$(dirname "$0")/.." && pwd)"
kubelint="$BUILD_DIR/cli/kubelint"
[ -x "$kubelint" ] || { echo "no kubelint binary at $kubelint" >&2; exit 2; }
[ -d "$CORPUS" ] || { echo "no corpus at $CORPUS" >&2; exit 2; }

rules=()
for dir in $(ls -d "$here"/testdata/custom-rules/*/ | head -10); do
  rules+=(--custom-rules "$dir.kubelint.yaml")
done
[ "${#rules[@]}" -eq 20 ] || { echo "expected ten policies" >&2; exit 2; }

cpu() {  # prints user+sys seconds of one run
  local t0 t1 me=$BASHPID
  t0=$(awk '{print $14 + $15 + $16 + $17}' /proc/$me/stat)
  "$kubelint" lint --no-config -j "$JOBS" --fail-on none -q "$@" "$CORPUS" >/dev/null 2>&1 || true
  t1=$(awk '{print $14 + $15 + $16 + $17}' /proc/$me/stat)
  awk -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f\n", (b - a) / hz }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

base=()
with=()
cpu >/dev/null
cpu "${rules[@]}" >/dev/null
for ((i = 0; i < RUNS; i++)); do
  base+=("$(cpu)")
  with+=("$(cpu "${rules[@]}")")
done
b=$(printf '%s\n' "${base[@]}" | median)
w=$(printf '%s\n' "${with[@]}" | median)
count() { "$kubelint" lint --no-config --fail-on none -f json "$@" "$CORPUS" 2>/dev/null | grep -c '"rule": ' || true; }
findings=$(($(count "${rules[@]}") - $(count)))
ratio=$(awk -v b="$b" -v w="$w" 'BEGIN { printf "%.3f", w / b }')
echo "corpus: $CORPUS; runs: $RUNS; -j $JOBS"
echo "without custom rules: median CPU ${b} s"
echo "with ten custom rules: median CPU ${w} s  (ratio ${ratio}; target <= 1.05)"
echo "findings of the ten custom rules: $findings"
awk -v r="$ratio" 'BEGIN { exit (r <= 1.05) ? 0 : 1 }'
