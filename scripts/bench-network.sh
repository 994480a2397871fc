#!/usr/bin/env bash
# What the network walk costs the person page: loads demo data into SQLite,
# signs in as a case worker of the first office (on the team of its cases),
# finds the suspect of the first cases with the largest network, then runs
# wrk on that person's page (which walks the network on every full view),
# on the GraphML export (the walk alone, with the same audit entry, no page)
# and on the case page (no walk) for comparison.
# Usage: scripts/bench-network.sh            (5,000 cases, 10 s per endpoint)
#        CASES=1000 DURATION=5s scripts/bench-network.sh
# Needs: wrk, curl, python3, a release build (built here).
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-5000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-8}
TARGET=${CARGO_TARGET_DIR:-target}
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }

cargo build --release --quiet -p lantern
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

load=$("$TARGET/release/lantern" --data-dir "$work" demo --cases "$CASES" --seed 1)
password=$(awk '/password:/ {print $2}' <<<"$load")
worker=$(awk -F', ' '/users:/ {print $4}' <<<"$load")
"$TARGET/release/lantern" --data-dir "$work" serve --bind 127.0.0.1:0 --duplicate-scan-minutes 0 >"$work/serve.out" 2>/dev/null &
pid=$!
for _ in $(seq 1 300); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" 2>/dev/null | head -n 1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
cookie=$(printf '%s\n' "$password" | python3 scripts/bench_login.py "$url" "$worker" -)
get() { curl -s -H "Cookie: lantern_session=$cookie" "$url$1"; }

# The suspect with the most network nodes among the first 50 cases listed.
best= best_nodes=0 best_case=
for case_path in $(get "/cases?per_page=50" | grep -o '/cases/[0-9a-f-]\{36\}' | sort -u); do
  for person in $(get "$case_path" | grep -o '/people/[0-9a-f-]\{36\}' | sort -u); do
    nodes=$(get "$person" | grep -c '<g class="vertex">' || true)
    if [ "$nodes" -gt "$best_nodes" ]; then best=$person best_nodes=$nodes best_case=$case_path; fi
  done
done
printf '\nData: %s demo cases; person %s with %s network nodes; wrk -t2 -c%s -d%s\n\n' \
  "$CASES" "$best" "$best_nodes" "$CONNECTIONS" "$DURATION"
printf '| endpoint | requests/s | p50 | p99 |\n|---|---|---|---|\n'
measure() {
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: lantern_session=$cookie" "$url$2")
  printf '| %s | %s | %s | %s |\n' "$1" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
}
measure "person page (with the network walk)" "$best"
measure "GraphML export (the walk, no page)" "$best/network.graphml"
measure "case page of one of their cases (no walk)" "$best_case"
