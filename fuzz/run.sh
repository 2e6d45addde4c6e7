#!/usr/bin/env bash
# Fuzzing campaigns (fuzz/README.md).
#
#   fuzz/run.sh build                  configure and build the targets in build/fuzz (clang)
#   fuzz/run.sh TARGET MINUTES [JOBS]  run one target (lint, config, suppression, baseline, glob,
#                                      kustomize, schema) for MINUTES on a working copy of
#                                      fuzz/corpus/TARGET
#   fuzz/run.sh ci [SECONDS]           what CI runs: every target SECONDS (60) on the committed
#                                      corpus, -timeout=5 -rss_limit_mb=1024, JOBS (nproc) targets
#                                      at a time; fails on any finding
#
# Environment: BUILD_DIR (build/fuzz), WORK_DIR (BUILD_DIR/work: corpora and crash files).
# A crash, leak, timeout or out-of-memory input is written to WORK_DIR/TARGET/ (crash-*,
# timeout-*, oom-*); copy it to fuzz/regressions/ so the normal test suite runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build/fuzz}
WORK_DIR=${WORK_DIR:-$BUILD_DIR/work}
TARGETS=(lint config suppression baseline glob kustomize schema)

build() {
  command -v clang++ >/dev/null || { echo "fuzz/run.sh: clang++ not found" >&2; exit 2; }
  if [[ ! -f $BUILD_DIR/build.ninja ]]; then
    CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -gline-tables-only -DNDEBUG" -DCMAKE_UNITY_BUILD=ON \
      -DKUBELINT_BUILD_FUZZ=ON -DKUBELINT_BUILD_TESTS=OFF -DKUBELINT_BUILD_CLI=OFF \
      -DKUBELINT_BUILD_BENCH=OFF >/dev/null
  fi
  cmake --build "$BUILD_DIR" -j "${JOBS:-$(nproc 2>/dev/null || echo 2)}" \
    --target "${TARGETS[@]/#/fuzz_}"
}

# run TARGET SECONDS [extra libFuzzer flags...]: fuzzes a fresh copy of the committed corpus.
run() {
  local target=$1 seconds=$2
  shift 2
  local exe=$BUILD_DIR/fuzz/fuzz_$target
  [[ -x $exe ]] || { echo "fuzz/run.sh: $exe not built (fuzz/run.sh build)" >&2; exit 2; }
  local work=$WORK_DIR/$target
  mkdir -p "$work/corpus"
  cp -n fuzz/corpus/"$target"/* "$work/corpus/" 2>/dev/null || true
  local max_len=65536
  [[ $target == glob ]] && max_len=4096
  # -timeout: one input taking 5 s is a hang; -rss_limit_mb: 1 GB is an amplification.
  (cd "$work" && ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$OLDPWD/$exe" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=1024 \
    -max_len=$max_len -dict="$OLDPWD/fuzz/yaml.dict" -print_final_stats=1 "$@" corpus)
}

case ${1:-} in
  build) build ;;
  ci)
    seconds=${2:-60}
    build
    # The targets run side by side, one per core (JOBS, default nproc): each still gets its
    # SECONDS of one core, so coverage is that of running them one after another, in less wall
    # time. Summaries are printed in target order once all have finished.
    parallel=${JOBS:-$(nproc 2>/dev/null || echo 2)}
    ((parallel >= 1)) || parallel=1
    declare -A pid_of=()
    running=0
    for t in "${TARGETS[@]}"; do
      if ((running >= parallel)); then
        wait -n || true
        running=$((running - 1))
      fi
      rm -rf "${WORK_DIR:?}/$t"
      # A fixed seed: CI explores the same way on every run.
      run "$t" "$seconds" -seed=1 2>"$WORK_DIR.$t.log" &
      pid_of[$t]=$!
      running=$((running + 1))
    done
    status=0
    for t in "${TARGETS[@]}"; do
      echo "==> fuzz_$t (${seconds}s)"
      wait "${pid_of[$t]}" || { status=1; tail -40 "$WORK_DIR.$t.log"; }
      grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$WORK_DIR.$t.log" | tail -2 || true
    done
    exit $status
    ;;
  "" | -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
  *)
    target=$1 minutes=${2:?minutes}
    shift 2
    jobs=${1:-1}
    [[ " ${TARGETS[*]} " == *" $target "* ]] || { echo "fuzz/run.sh: unknown target $target" >&2; exit 2; }
    mkdir -p "$WORK_DIR"
    if [[ $jobs -gt 1 ]]; then
      run "$target" $((minutes * 60)) -jobs="$jobs" -workers="$jobs"
    else
      run "$target" $((minutes * 60))
    fi
    ;;
esac
