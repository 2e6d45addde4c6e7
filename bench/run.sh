#!/usr/bin/env bash
# kubelint performance benchmark. See bench/README.md.
#
#   bench/run.sh [BUILD_DIR]        (default: build; it must hold a Release build)
#
# Environment knobs (defaults in brackets):
#   JOBS [nproc]        worker threads for both kubelint and the baseline (-j)
#   RUNS [15]           timed runs per command at scale 1 (interleaved rounds)
#   BIG_RUNS [5]        timed runs per command at the big scale
#   WARMUP [2]          untimed warm-up runs per command at scale 1 (1 at the big scale)
#   BIG_SCALE [10]      scale factor of the second corpus
#   BENCH_DIR [BUILD_DIR/bench-data]   where corpora and results go (rewritten on every run)
#   NO_HYPERFINE [0]    1 = time with the bash fallback even if hyperfine is installed
#
# Exit status: 0 when every check passes, 1 when one fails, 2 on a setup problem.
set -euo pipefail

BUILD_DIR=${1:-build}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 1)}
RUNS=${RUNS:-15}
BIG_RUNS=${BIG_RUNS:-5}
WARMUP=${WARMUP:-2}
BIG_SCALE=${BIG_SCALE:-10}
BENCH_DIR=${BENCH_DIR:-$BUILD_DIR/bench-data}
# Targets: lint <= 1.3x the parse-only baseline; 10x the objects costs <= 11x the time.
MAX_RATIO=1.3
MAX_SCALE_RATIO=$(awk "BEGIN { print 1.1 * $BIG_SCALE }")
# Memory: what a run keeps to its end (a summary per object for the cross-object rules, every
# finding for sorted output) is linear in its input by design, so the check bounds the cost per
# object: the peak RSS that each object added from scale 1 to BIG_SCALE costs, at most 5 KB
# (100,000 objects in about half a gigabyte). Issue 9 first asked for "at most 2x from scale 1 to
# 10"; bench/README.md ("Memory") explains why that was replaced.
MAX_KB_PER_OBJECT=5

KUBELINT=$BUILD_DIR/cli/kubelint
BASELINE=$BUILD_DIR/bench/kubelint_parse_baseline
GENERATOR=$BUILD_DIR/bench/kubelint_gen_corpus

die() {
  echo "run.sh: $*" >&2
  exit 2
}

for exe in "$KUBELINT" "$BASELINE" "$GENERATOR"; do
  [[ -x $exe ]] || die "$exe not found; build first: cmake -S . -B $BUILD_DIR -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build $BUILD_DIR"
done
if [[ -f $BUILD_DIR/CMakeCache.txt ]]; then
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")
  [[ $build_type == Release ]] || echo "run.sh: warning: $BUILD_DIR is a '$build_type' build; numbers are only meaningful for Release" >&2
fi

# Floating-point helper (awk is everywhere; bash has integers only).
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }
le() { awk "BEGIN { exit !($1 <= $2) }"; }

HYPERFINE=
if [[ ${NO_HYPERFINE:-0} != 1 ]] && command -v hyperfine >/dev/null; then HYPERFINE=hyperfine; fi
GNU_TIME=
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then GNU_TIME=/usr/bin/time; fi

# BENCH_DIR is wiped on every run, so refuse a non-empty directory this script did not create.
if [[ -d $BENCH_DIR && -n $(ls -A "$BENCH_DIR") && ! -f $BENCH_DIR/.kubelint-bench ]]; then
  die "$BENCH_DIR is not empty and not a kubelint bench directory; choose another BENCH_DIR"
fi
rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR/results"
touch "$BENCH_DIR/.kubelint-bench"
BENCH_DIR=$(realpath "$BENCH_DIR")
RESULTS=$BENCH_DIR/results
KUBELINT=$(realpath "$KUBELINT")
BASELINE=$(realpath "$BASELINE")
GENERATOR=$(realpath "$GENERATOR")

# --- corpora -------------------------------------------------------------------------------
generate() {  # generate DIR SCALE -> prints the generator's counts
  "$GENERATOR" "$1" "$2"
}
echo "== corpus"
S1=$BENCH_DIR/scale-1
SBIG=$BENCH_DIR/scale-$BIG_SCALE
s1_counts=$(generate "$S1" 1)
big_counts=$(generate "$SBIG" "$BIG_SCALE")
field() { awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' <<<"$1"; }
s1_objects=$(field "$s1_counts" objects)
big_objects=$(field "$big_counts" objects)
echo "scale 1:  $s1_counts"
echo "scale $BIG_SCALE: $big_counts"
# The generator must be deterministic: a second run gives the same bytes.
generate "$BENCH_DIR/scale-1-again" 1 >/dev/null
if diff -r -q "$S1" "$BENCH_DIR/scale-1-again" >/dev/null; then
  corpus_deterministic=PASS
else
  corpus_deterministic=FAIL
fi
rm -rf "$BENCH_DIR/scale-1-again"
echo "generator deterministic: $corpus_deterministic"

# Commands are run from BENCH_DIR so file names in the output are short and relative.
cd "$BENCH_DIR"

# The two commands under test, as arrays (paths may hold spaces): lint_cmd DIR / base_cmd DIR.
lint_cmd() { CMD=("$KUBELINT" lint --format json -q -j "$JOBS" "$1"); }
base_cmd() { CMD=("$BASELINE" -j "$JOBS" "$1"); }

# --- sanity: both tools accept the corpus ---------------------------------------------------
for dir in scale-1 "scale-$BIG_SCALE"; do
  lint_cmd "$dir"
  set +e
  "${CMD[@]}" >/dev/null 2>"$RESULTS/lint-$dir.stderr"
  rc=$?
  set -e
  # 0 = clean, 1 = findings (expected); anything else (3 = input error) invalidates the run.
  [[ $rc == 0 || $rc == 1 ]] || die "kubelint exited $rc on $dir: $(head -5 "$RESULTS/lint-$dir.stderr")"
  base_cmd "$dir"
  "${CMD[@]}" >"$RESULTS/baseline-$dir.out" || die "baseline failed on $dir"
done
echo "kubelint summary (scale 1): $("$KUBELINT" lint -j "$JOBS" scale-1 2>&1 >/dev/null | tail -1 || true)"
echo "baseline (scale 1): $(cat "$RESULTS/baseline-scale-1.out")"

# --- timing ----------------------------------------------------------------------------------
# time_group TAG RUNS WARMUP NAME... times the commands in the arrays CMD_<NAME>, interleaved:
# each round runs every command once, in order, so load from other processes on a shared machine
# falls on all of them alike (timing one command's runs en bloc, then the next's, does not).
# Appends "wall user system" per run to RESULTS/<NAME>.times; read back with median/cpu below.
time_group() {
  local tag=$1 runs=$2 warmup=$3 name r i
  shift 3
  for name in "$@"; do
    local -n cmd="CMD_$name"
    : >"$RESULTS/$name.times"
    for ((i = 0; i < warmup; i++)); do "${cmd[@]}" >/dev/null 2>&1 || true; done
    unset -n cmd
  done
  for ((r = 1; r <= runs; r++)); do
    if [[ -n $HYPERFINE ]]; then
      local args=()
      for name in "$@"; do
        local -n cmd="CMD_$name"
        args+=(-n "$name" "$(printf '%q ' "${cmd[@]}")")
        unset -n cmd
      done
      # -N: no intermediate shell; -i: exit code 1 (findings) is the expected result.
      hyperfine -N -i --style none --runs 1 --export-json "$RESULTS/$tag-$r.json" "${args[@]}" \
        >"$RESULTS/$tag.log" 2>&1 || die "hyperfine failed: $(tail -5 "$RESULTS/$tag.log")"
      # One run per command: its median is its wall time, user/system its CPU time.
      awk -v dir="$RESULTS" '
        { v = $0; sub(/^[^:]*: */, "", v); sub(/,$/, "", v); gsub(/"/, "", v) }
        /"command":/ { name = v }
        /"median":/ { wall = v }
        /"user":/ { user = v }
        /"system":/ { print wall, user, v >>(dir "/" name ".times") }
      ' "$RESULTS/$tag-$r.json"
    else
      # bash's `time` keyword: wall, user and system time of the run.
      local TIMEFORMAT='%3R %3U %3S'
      for name in "$@"; do
        local -n cmd="CMD_$name"
        { time "${cmd[@]}" >/dev/null 2>&1 || true; } 2>>"$RESULTS/$name.times"
        unset -n cmd
      done
    fi
  done
}
median() {  # median NAME -> median wall seconds
  sort -g "$RESULTS/$1.times" |
    awk '{ a[NR] = $1 } END { printf "%.3f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
cpu() {  # cpu NAME -> mean user+system seconds
  awk '{ s += $2 + $3 } END { printf "%.3f", s / NR }' "$RESULTS/$1.times"
}
paired() {  # paired A B -> median over rounds of wall(A) / wall(B), runs of the same round paired
  paste -d' ' "$RESULTS/$1.times" "$RESULTS/$2.times" | awk '{ print $1 / $4 }' | sort -g |
    awk '{ a[NR] = $1 } END { printf "%.3f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

echo
echo "== timing (-j $JOBS, ${HYPERFINE:-bash time}, interleaved rounds, medians of wall time)"
# shellcheck disable=SC2034  # read through namerefs in time_group
{
  CMD_base1=("$BASELINE" -j "$JOBS" scale-1)
  CMD_lint1=("$KUBELINT" lint --format json -q -j "$JOBS" scale-1)
  # For information: yaml-cpp's event parser alone (no node graph), the tighter floor.
  CMD_events1=("$BASELINE" -j "$JOBS" --events scale-1)
  CMD_basebig=("$BASELINE" -j "$JOBS" "scale-$BIG_SCALE")
  CMD_lintbig=("$KUBELINT" lint --format json -q -j "$JOBS" "scale-$BIG_SCALE")
  # Scale-1 runs again inside the big rounds: the scaling ratio compares runs made side by side,
  # never scale-1 runs from a quiet minute with big runs from a busy one.
  CMD_lint1b=("${CMD_lint1[@]}")
  CMD_base1b=("${CMD_base1[@]}")
}
time_group scale-1 "$RUNS" "$WARMUP" base1 lint1 events1
time_group "scale-$BIG_SCALE" "$BIG_RUNS" 1 lint1b lintbig base1b basebig
base1=$(median base1) base1_cpu=$(cpu base1)
lint1=$(median lint1) lint1_cpu=$(cpu lint1)
events1=$(median events1) events1_cpu=$(cpu events1)
basebig=$(median basebig) basebig_cpu=$(cpu basebig)
lintbig=$(median lintbig) lintbig_cpu=$(cpu lintbig)

ratio1=$(calc "$lint1 / $base1")
ratio1_cpu=$(calc "$lint1_cpu / $base1_cpu")
ratiobig=$(calc "$lintbig / $basebig")
scale_ratio=$(paired lintbig lint1b)
scale_ratio_base=$(paired basebig base1b)
scale_ratio_cpu=$(calc "$lintbig_cpu / $(cpu lint1b)")
scale_ratio_base_cpu=$(calc "$basebig_cpu / $(cpu base1b)")
objects_ratio=$(calc "$big_objects / $s1_objects")

row() { printf '%-38s %9.3fs %9.3fs %9.2fx\n' "$@"; }
printf '%-38s %10s %10s %10s\n' "" "baseline" "kubelint" "ratio"
row "scale 1 ($s1_objects objects), wall" "$base1" "$lint1" "$ratio1"
row "scale 1, CPU (user+sys)" "$base1_cpu" "$lint1_cpu" "$ratio1_cpu"
row "scale 1, wall, events-only baseline" "$events1" "$lint1" "$(calc "$lint1 / $events1")"
row "scale 1, CPU, events-only baseline" "$events1_cpu" "$lint1_cpu" "$(calc "$lint1_cpu / $events1_cpu")"
row "scale $BIG_SCALE ($big_objects objects), wall" "$basebig" "$lintbig" "$ratiobig"
row "scale $BIG_SCALE, CPU (user+sys)" "$basebig_cpu" "$lintbig_cpu" "$(calc "$lintbig_cpu / $basebig_cpu")"
echo "time at scale $BIG_SCALE / time at scale 1 (objects ${objects_ratio}x):"
printf '%-38s %9.2fx %9.2fx\n' "  wall, median of paired rounds" "$scale_ratio_base" "$scale_ratio"
printf '%-38s %9.2fx %9.2fx\n' "  CPU (user+sys)" "$scale_ratio_base_cpu" "$scale_ratio_cpu"

# --- determinism across thread counts ----------------------------------------------------------
echo
echo "== output identical for any thread count (scale 1)"
identical=PASS
"$KUBELINT" lint --format json -q -j 1 scale-1 >"$RESULTS/lint-j1.json" 2>/dev/null || true
for j in $(printf '%s\n' 2 4 "$JOBS" | sort -nu); do
  [[ $j == 1 ]] && continue
  "$KUBELINT" lint --format json -q -j "$j" scale-1 >"$RESULTS/lint-j$j.json" 2>/dev/null || true
  if cmp -s "$RESULTS/lint-j1.json" "$RESULTS/lint-j$j.json"; then
    echo "-j1 vs -j$j: identical ($(wc -c <"$RESULTS/lint-j1.json") bytes)"
  else
    echo "-j1 vs -j$j: DIFFERENT (diff $RESULTS/lint-j1.json $RESULTS/lint-j$j.json)"
    identical=FAIL
  fi
done

# --- memory ----------------------------------------------------------------------------------
echo
rss() {  # rss -> peak RSS of CMD in KiB
  "$GNU_TIME" -v -o "$RESULTS/time-v.txt" "${CMD[@]}" >/dev/null 2>&1 || true
  sed -n 's/.*Maximum resident set size (kbytes): *//p' "$RESULTS/time-v.txt"
}
memory=SKIP
if [[ -n $GNU_TIME ]]; then
  echo "== peak RSS (/usr/bin/time -v, -j $JOBS)"
  lint_cmd scale-1 && lint_rss1=$(rss)
  lint_cmd "scale-$BIG_SCALE" && lint_rssbig=$(rss)
  base_cmd scale-1 && base_rss1=$(rss)
  base_cmd "scale-$BIG_SCALE" && base_rssbig=$(rss)
  rss_ratio=$(calc "$lint_rssbig / $lint_rss1")
  printf '%-36s %12s %12s %8s\n' "" "scale 1" "scale $BIG_SCALE" "ratio"
  printf '%-36s %8d KiB %8d KiB %7.2fx\n' "kubelint lint" "$lint_rss1" "$lint_rssbig" "$rss_ratio"
  # The same run with every rule disabled: loading and parsing only, no findings to keep.
  all_rules=$("$KUBELINT" rules 2>/dev/null | awk 'NR > 1 && $1 ~ /^[a-z0-9-]+$/ { print $1 }' | paste -sd, -)
  if [[ -n $all_rules ]]; then
    # The path goes first: --disable takes every argument after it.
    CMD=("$KUBELINT" lint scale-1 --format json -q -j "$JOBS" --disable "$all_rules")
    quiet_rss1=$(rss)
    CMD=("$KUBELINT" lint "scale-$BIG_SCALE" --format json -q -j "$JOBS" --disable "$all_rules")
    quiet_rssbig=$(rss)
    printf '%-36s %8d KiB %8d KiB %7.2fx\n' "kubelint lint, every rule disabled" "$quiet_rss1" \
      "$quiet_rssbig" "$(calc "$quiet_rssbig / $quiet_rss1")"
  fi
  printf '%-36s %8d KiB %8d KiB %7.2fx\n' "parse baseline" "$base_rss1" "$base_rssbig" \
    "$(calc "$base_rssbig / $base_rss1")"
  json1=$(wc -c <"$RESULTS/lint-j1.json")
  lint_cmd "scale-$BIG_SCALE" && jsonbig=$({ "${CMD[@]}" 2>/dev/null || true; } | wc -c)
  printf '%-36s %8d KiB %8d KiB %7.2fx\n' "(size of kubelint's JSON output)" "$((json1 / 1024))" \
    "$((jsonbig / 1024))" "$(calc "$jsonbig / $json1")"
  kb_per_object=$(calc "($lint_rssbig - $lint_rss1) * 1.024 / ($big_objects - $s1_objects)")
  printf '%-36s %s KB (ratio scale %s / scale 1: %sx)\n' "peak RSS per added object" \
    "$kb_per_object" "$BIG_SCALE" "$rss_ratio"
  memory=DONE
else
  echo "== peak RSS: skipped (/usr/bin/time -v not available)"
  lint_rss1=n/a lint_rssbig=n/a rss_ratio=n/a
fi

# --- verdict ---------------------------------------------------------------------------------
echo
echo "== checks"
status=0
check() {  # check NAME VALUE LIMIT
  if le "$2" "$3"; then
    printf 'PASS  %-48s %s <= %s\n' "$1" "$2" "$3"
  else
    printf 'FAIL  %-48s %s >  %s\n' "$1" "$2" "$3"
    status=1
  fi
}
check "lint / parse baseline, scale 1 (wall median)" "$ratio1" "$MAX_RATIO"
check "lint / parse baseline, scale $BIG_SCALE (wall median)" "$ratiobig" "$MAX_RATIO"
check "lint time, scale $BIG_SCALE / scale 1 (paired wall)" "$scale_ratio" "$MAX_SCALE_RATIO"
if [[ $memory == SKIP ]]; then
  echo "SKIP  peak RSS per added object (no /usr/bin/time -v)"
else
  check "peak RSS per added object, KB" "$kb_per_object" "$MAX_KB_PER_OBJECT"
fi
printf '%s  %s\n' "$identical" "byte-identical JSON output for every -j tried"
printf '%s  %s\n' "$corpus_deterministic" "corpus generator deterministic"
[[ $identical == PASS && $corpus_deterministic == PASS ]] || status=1
echo "results: $RESULTS"
exit $status
