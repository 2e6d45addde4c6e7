#!/usr/bin/env bash
# kubelint performance benchmark. See bench/README.md.
#
#   bench/run.sh [BUILD_DIR]        (default: build; it must hold a Release build)
#
# Environment knobs (defaults in brackets):
#   JOBS [nproc]        worker threads for both kubelint and the baseline (-j)
#   RUNS [10]           timed runs per command at scale 1
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
RUNS=${RUNS:-10}
BIG_RUNS=${BIG_RUNS:-5}
WARMUP=${WARMUP:-2}
BIG_SCALE=${BIG_SCALE:-10}
BENCH_DIR=${BENCH_DIR:-$BUILD_DIR/bench-data}
# Targets: lint <= 1.3x the parse-only baseline; 10x the objects costs <= 11x the time.
MAX_RATIO=1.3
MAX_SCALE_RATIO=$(awk "BEGIN { print 1.1 * $BIG_SCALE }")
# "Memory stays flat": peak RSS may at most double while the corpus grows BIG_SCALE times.
MAX_RSS_RATIO=2

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
# measure NAME RUNS -> runs CMD; sets MEDIAN (wall seconds) and CPU (mean user+sys seconds).
measure() {
  local name=$1 runs=$2 warmup=${3:-$WARMUP}
  if [[ -n $HYPERFINE ]]; then
    # -N: no intermediate shell; -i: exit code 1 (findings) is the expected result.
    hyperfine -N -i --style basic --warmup "$warmup" --runs "$runs" \
      --export-json "$RESULTS/$name.json" -n "$name" "$(printf '%q ' "${CMD[@]}")" \
      >"$RESULTS/$name.log" 2>&1 || die "hyperfine failed for $name: $(tail -5 "$RESULTS/$name.log")"
    json_number() { grep -o "\"$1\": *[0-9.eE+-]*" "$RESULTS/$name.json" | head -1 | sed 's/.*: *//'; }
    MEDIAN=$(json_number median)
    CPU=$(calc "$(json_number user) + $(json_number system)")
  else
    # bash's `time` keyword: wall, user and system time of each run.
    local i TIMEFORMAT='%3R %3U %3S'
    for ((i = 0; i < warmup; i++)); do "${CMD[@]}" >/dev/null 2>&1 || true; done
    : >"$RESULTS/$name.times"
    for ((i = 0; i < runs; i++)); do
      { time "${CMD[@]}" >/dev/null 2>&1 || true; } 2>>"$RESULTS/$name.times"
    done
    MEDIAN=$(sort -g "$RESULTS/$name.times" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
    CPU=$(awk '{ s += $2 + $3 } END { printf "%.3f", s / NR }' "$RESULTS/$name.times")
  fi
}

echo
echo "== timing (-j $JOBS, ${HYPERFINE:-bash loop}, medians of wall time)"
base_cmd scale-1 && measure base-1 "$RUNS"
base1=$MEDIAN base1_cpu=$CPU
lint_cmd scale-1 && measure lint-1 "$RUNS"
lint1=$MEDIAN lint1_cpu=$CPU
base_cmd "scale-$BIG_SCALE" && measure base-big "$BIG_RUNS" 1
basebig=$MEDIAN basebig_cpu=$CPU
lint_cmd "scale-$BIG_SCALE" && measure lint-big "$BIG_RUNS" 1
lintbig=$MEDIAN lintbig_cpu=$CPU

ratio1=$(calc "$lint1 / $base1")
ratio1_cpu=$(calc "$lint1_cpu / $base1_cpu")
ratiobig=$(calc "$lintbig / $basebig")
scale_ratio=$(calc "$lintbig / $lint1")
scale_ratio_base=$(calc "$basebig / $base1")
objects_ratio=$(calc "$big_objects / $s1_objects")

printf '%-34s %10s %10s %10s\n' "" "baseline" "kubelint" "ratio"
printf '%-34s %9.3fs %9.3fs %9.2fx\n' "scale 1 ($s1_objects objects), wall" "$base1" "$lint1" "$ratio1"
printf '%-34s %9.3fs %9.3fs %9.2fx\n' "scale 1, CPU (user+sys)" "$base1_cpu" "$lint1_cpu" "$ratio1_cpu"
printf '%-34s %9.3fs %9.3fs %9.2fx\n' "scale $BIG_SCALE ($big_objects objects), wall" "$basebig" "$lintbig" "$ratiobig"
printf '%-34s %9.3fs %9.3fs %9.2fx\n' "scale $BIG_SCALE, CPU (user+sys)" "$basebig_cpu" "$lintbig_cpu" "$(calc "$lintbig_cpu / $basebig_cpu")"
printf '%-34s %9.2fx %9.2fx   (objects %sx)\n' "time scale $BIG_SCALE / scale 1" "$scale_ratio_base" "$scale_ratio" "$objects_ratio"

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
  le "$rss_ratio" "$MAX_RSS_RATIO" && memory=PASS || memory=FAIL
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
check "lint time, scale $BIG_SCALE / scale 1" "$scale_ratio" "$MAX_SCALE_RATIO"
if [[ $memory == SKIP ]]; then
  echo "SKIP  peak RSS, scale $BIG_SCALE / scale 1 (no /usr/bin/time -v)"
else
  check "peak RSS, scale $BIG_SCALE / scale 1 (memory flat)" "$rss_ratio" "$MAX_RSS_RATIO"
fi
printf '%s  %s\n' "$identical" "byte-identical JSON output for every -j tried"
printf '%s  %s\n' "$corpus_deterministic" "corpus generator deterministic"
[[ $identical == PASS && $corpus_deterministic == PASS ]] || status=1
echo "results: $RESULTS"
exit $status
