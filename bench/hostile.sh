#!/usr/bin/env bash
# Scaling of the hostile-input amplifiers (issue 15; results in bench/README.md, "Hostile input").
#
#   bench/hostile.sh [BUILD_DIR]     (default: build; a Release build's cli/kubelint)
#
# For each amplifier, inputs of growing size are generated and linted with every rule; the
# script prints CPU time (user + system: wall time is meaningless on a loaded machine), peak RSS
# and findings per size. Linear means: time and memory grow
# with the input (or stay flat when a limit refuses it early), never with its square or worse.
#   merge    a merge-key bomb of D levels, each merging the previous 10 times (10^D lookups
#            before; refused at the merge-expansion limit now)
#   alias    an env list of 100 bad entries (&e) used by F containers (*e): F x 100 findings
#            before; 100 findings with alias notes now, and the env rules walk the list once
#   line     one minified JSON line: a List of N Pods
#   glob     --ignore with S `**/` segments against a file 30 directories deep
#   select   N Deployments and N Services in one file, every Service selecting every Deployment
#            and targeting a port none declares (N x N service-target-port-not-found pairs)
# Each run is stopped after TIMEOUT seconds (default 60) and reported as "timeout".
set -euo pipefail
BUILD_DIR=${1:-build}
KUBELINT=${KUBELINT:-$(realpath "$BUILD_DIR/cli/kubelint")}
TIMEOUT=${TIMEOUT:-60}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

measure() {  # measure LABEL FILE... -> "LABEL  bytes  seconds  KiB  findings"
  local label=$1
  shift
  local bytes
  bytes=$(cat "${@: -1}" 2>/dev/null | wc -c)
  /usr/bin/time -f '%U %S %M' -o time.txt timeout "$TIMEOUT" "$KUBELINT" lint --all-rules \
    --format json -q -j1 "$@" >out.json 2>/dev/null || true
  local findings
  findings=$(grep -o '"rule":' out.json | wc -l || true)
  read -r user sys kib < <(tail -1 time.txt)
  secs=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  grep -q 'status 124' time.txt && secs="timeout($TIMEOUT)"
  printf '%-28s %10s B %8s s CPU %9s KiB %9s findings\n' "$label" "$bytes" "$secs" "$kib" "$findings"
}

echo "== merge-key bomb (levels x 10 merges)"
for depth in 2 4 6 8 10 20; do
  {
    echo "apiVersion: v1"
    echo "kind: ConfigMap"
    echo "x:"
    echo "  m0: &m0 {a: 1}"
    for ((i = 1; i <= depth; i++)); do
      printf '  m%d: &m%d {<<: [' "$i" "$i"
      for ((k = 0; k < 10; k++)); do printf '%s*m%d' "$([[ $k -gt 0 ]] && echo ', ')" $((i - 1)); done
      echo ']}'
    done
    echo "metadata: {name: bomb, <<: *m$depth}"
  } >merge.yaml
  measure "depth $depth" merge.yaml
done

echo "== selector fan-out (N Services x N Deployments, every pair a missing target port)"
for n in 250 500 1000 2000; do
  for ((i = 0; i < n; i++)); do
    printf -- "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d%d}\n" "$i"
    printf "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n"
    printf "    metadata: {labels: {app: x}}\n    spec:\n      containers:\n"
    printf "      - {name: a, image: 'x:1', ports: [{name: http, containerPort: 8080}]}\n"
    printf -- "---\napiVersion: v1\nkind: Service\nmetadata: {name: s%d}\n" "$i"
    printf "spec:\n  selector: {app: x}\n  ports: [{port: 80, targetPort: metrics}]\n"
  done >select.yaml
  measure "services x workloads $n" select.yaml
done

echo "== alias fan-out (100 bad env entries used by F containers)"
for fan in 100 1000 4000 16000; do
  {
    printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n'
    printf '    - name: holder\n      image: a:1\n      env: &e\n'
    for ((i = 0; i < 100; i++)); do printf "        - {name: 'B=%d', value: x}\n" "$i"; done
    printf '  containers:\n'
    for ((i = 0; i < fan; i++)); do printf "    - {name: c%d, image: 'a:1', env: *e}\n" "$i"; done
  } >alias.yaml
  measure "fan-out $fan" alias.yaml
done

echo "== one-line minified List of N Pods"
for n in 1000 4000 16000 32000; do
  awk -v n="$n" 'BEGIN {
    printf "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":["
    for (i = 0; i < n; i++) {
      printf "%s{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p%d\"},", (i ? "," : ""), i
      printf "\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"nginx:latest\"}]}}"
    }
    print "]}"
  }' >list.json
  measure "objects $n" list.json
done

echo "== glob segments (--ignore '**/' x S, a file 30 directories deep)"
deep=tree
for ((i = 0; i < 30; i++)); do deep="$deep/d$i"; done
mkdir -p "$deep"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' >"$deep/file.yaml"
for segs in 10 25 100 1000; do
  pattern=$(printf '**/%.0s' $(seq "$segs"))nothing.yaml
  /usr/bin/time -f '%U %S %M' -o time.txt timeout "$TIMEOUT" "$KUBELINT" lint -q -j1 \
    --ignore "$pattern" tree >/dev/null 2>&1 || true
  read -r user sys kib < <(tail -1 time.txt)
  secs=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  grep -q 'status 124' time.txt && secs="timeout($TIMEOUT)"
  printf '%-28s %10s B %8s s CPU %9s KiB\n' "segments $segs" "${#pattern}" "$secs" "$kib"
done
