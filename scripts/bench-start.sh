#!/usr/bin/env bash
# Times TagDesk's start to a usable customer list: from starting the process until the UI has
# shown the list's first rows (the app logs "customer list shown" then; see
# src-tauri/src/started.rs). One Xvfb display serves every run, so its own start is not timed.
#
#   scripts/bench-start.sh [RUNS]          # default 11; APP=path picks another binary
#
# First: RUNS starts on a fresh data folder (the demo database is generated on the way).
# Then: RUNS starts on a copy of a folder whose demo database exists (the everyday start).
# Prints each time and the medians. Each start is a new process; the OS file cache is warm.
set -euo pipefail
self=$(realpath "$0")
cd "$(dirname "$self")/.."
runs=${1:-11}
app=${APP:-${CARGO_TARGET_DIR:-target}/app/tagdesk}
[[ -x $app ]] || { echo "no app at $app: run scripts/run.sh (or cargo build --profile app -p tagdesk --features tauri/custom-protocol) first" >&2; exit 1; }
# One virtual display (xvfb-run, as the tests use) serves every run.
if [[ -z ${TAGDESK_BENCH_DISPLAY:-} ]]; then
  exec env TAGDESK_BENCH_DISPLAY=1 xvfb-run -a -s "-screen 0 1280x800x24" "$self" "$@"
fi
work=$(mktemp -d /tmp/tagdesk-bench-start.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Starts the app on data folder $1 and prints the milliseconds until the list is shown. The
# app's stderr comes through a pipe read line by line: polling a log file would take CPU from
# the app on a 2-core machine.
start_once() {
  local t0 line pid shown=""
  rm -f "$work/stderr"
  mkfifo "$work/stderr"
  t0=${EPOCHREALTIME/./}
  TAGDESK_DATA_DIR=$1 "$app" >/dev/null 2>"$work/stderr" &
  pid=$!
  exec 4<"$work/stderr"
  while IFS= read -r -t 60 line <&4; do
    if [[ $line == *"customer list shown"* ]]; then
      shown=${EPOCHREALTIME/./}
      break
    fi
    echo "$line" >>"$work/log"
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  exec 4<&-
  if [[ -z $shown ]]; then
    echo "the app did not show the list within 60 s; its output:" >&2
    cat "$work/log" >&2
    exit 1
  fi
  echo $(((shown - t0) / 1000))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

series() {
  local label=$1 prepare=$2 times=()
  for ((i = 0; i < runs; i++)); do
    rm -rf "$work/data"
    $prepare "$work/data"
    times+=("$(start_once "$work/data")")
  done
  printf '%s: %s ms (runs: %s)\n' "$label" "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
}

fresh() { mkdir -p "$1"; }
prepared() { cp -a "$work/prepared" "$1"; }

mkdir -p "$work/prepared"
start_once "$work/prepared" >/dev/null # generates the demo database once, for the copies
echo "app: $app"
series "first start, demo database generated" fresh
series "start with the demo database" prepared
