#!/usr/bin/env bash
# Runs the README's test command N times, each on a fresh clone of this
# repository's HEAD (with ../shared beside it, as CI has it), and prints one
# line per run and a summary. With --hog K, the first K runs (the last K with
# --hog-last) have a CPU hog (one `yes` per core) running beside them, to
# shake out races that only show under load. Logs stay in the work folder
# for failed runs.
#
#   bash scripts/repeat-tests.sh [--runs N] [--hog K] [--hog-last] [--command "npm test"]
set -uo pipefail
runs=10 hog=3 hog_last=0 command="npm test"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --hog) hog="$2"; shift 2 ;;
    --hog-last) hog_last=1; shift ;;
    --command) command="$2"; shift 2 ;;
    *) echo "repeat-tests: unknown option $1 (use --runs N, --hog K, --hog-last, --command CMD)" >&2; exit 2 ;;
  esac
done
repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="$(cd "$repo/.." && pwd)/shared"
work="$(mktemp -d "${TMPDIR:-/tmp}/rpcstate-repeat-XXXXXX")"
chmod 755 "$work"   # as a clone usually is: the permission tests run the CLI as user nobody
[ -d "$shared" ] && ln -s "$shared" "$work/shared"
git clone -q "$repo" "$work/main" || { echo "repeat-tests: cannot clone $repo" >&2; exit 2; }
cd "$work/main"
echo "repeat-tests: $runs runs of '$command' on a fresh clone of $(git rev-parse --short HEAD) in $work, the $([ "$hog_last" -eq 1 ] && echo last || echo first) $hog under a CPU hog ($(nproc) cores, started $(date -u +%H:%M) UTC)"
npm ci --no-audit --no-fund >"$work/npm-ci.log" 2>&1 || { echo "repeat-tests: npm ci failed, see $work/npm-ci.log" >&2; exit 2; }
passed=0
for i in $(seq 1 "$runs"); do
  hogs=()
  if { [ "$hog_last" -eq 0 ] && [ "$i" -le "$hog" ]; } || { [ "$hog_last" -eq 1 ] && [ "$i" -gt $((runs - hog)) ]; }; then
    for _ in $(seq 1 "$(nproc)"); do yes >/dev/null & hogs+=($!); done
  fi
  started=$(date +%s)
  if bash -c "$command" >"$work/run-$i.log" 2>&1; then status=pass; passed=$((passed + 1)); rm -f "$work/run-$i.log"; else status="FAIL (log: $work/run-$i.log)"; fi
  [ ${#hogs[@]} -gt 0 ] && kill "${hogs[@]}" 2>/dev/null
  printf 'run %2d%s: %s in %ss\n' "$i" "$([ ${#hogs[@]} -gt 0 ] && echo ' (hog)' || echo '      ')" "$status" "$(( $(date +%s) - started ))"
done
echo "repeat-tests: $passed of $runs passed"
[ "$passed" -eq "$runs" ]
