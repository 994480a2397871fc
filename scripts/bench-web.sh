#!/usr/bin/env bash
# Web throughput and latency of Lantern, signed in, with wrk:
#   the case list, a search and the case page, on SQLite and on PostgreSQL,
#   each loaded with demo data, plus the bare-handler baseline
#   (lantern-baseline: the same storage reads as the case page, nothing else).
# Usage: scripts/bench-web.sh            (100,000 cases, 20 s per endpoint)
#        CASES=20000 DURATION=5s scripts/bench-web.sh
# Needs: wrk, curl, a PostgreSQL server (LANTERN_TEST_POSTGRES_URL or
# postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-100000}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
PG_URL=${LANTERN_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }

cargo build --release --quiet -p lantern -p lantern-bench
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

wait_for_url() { # file → prints the first http URL once it appears
  for _ in $(seq 1 300); do
    local url; url=$(grep -o 'http://127.0.0.1:[0-9]*' "$1" 2>/dev/null | head -n 1 || true)
    [ -n "$url" ] && { echo "$url"; return; }
    sleep 0.1
  done
  echo "server did not start: $(cat "$1")" >&2; exit 1
}

measure() { # label url cookie → one table row
  local label=$1 url=$2 cookie=$3 out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: lantern_session=$cookie" "$url")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -Eo 'Non-2xx or 3xx responses: [0-9]+' <<<"$out" | grep -Eo '[0-9]+$' || echo 0)
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "$errors"
}

printf '\nMachine: %s, %s cores, %s\n' "$(uname -m)" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf 'Data: %s demo cases; wrk -t2 -c%s -d%s\n\n' "$CASES" "$CONNECTIONS" "$DURATION"
printf '| backend / endpoint | requests/s | p50 | p99 | non-2xx |\n|---|---|---|---|---|\n'

for backend in sqlite postgresql; do
  args=(--data-dir "$work/$backend")
  if [ "$backend" = postgresql ]; then
    db="lantern_bench_$$"
    psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $db" >/dev/null
    psql "$PG_URL" -qc "CREATE DATABASE $db" >/dev/null
    args+=(--database-url "${PG_URL%/*}/$db")
  fi
  load=$(target/release/lantern "${args[@]}" demo --cases "$CASES" --seed 1)
  password=$(awk '/password:/ {print $2}' <<<"$load")
  printf '| %s: %s |  |  |  |  |\n' "$backend" "$(grep -o 'Loaded.*' <<<"$load")"

  target/release/lantern "${args[@]}" serve --bind 127.0.0.1:0 >"$work/$backend.out" 2>/dev/null &
  pids+=($!)
  url=$(wait_for_url "$work/$backend.out")
  # A case worker of the first office, on the team of its cases: the case
  # page then decrypts identities and records the view in the audit log.
  worker=$(awk -F', ' '/users:/ {print $4}' <<<"$load")
  cookie=$(printf '%s\n' "$password" | python3 scripts/bench_login.py "$url" "$worker" -)
  list=$(curl -s -H "Cookie: lantern_session=$cookie" "$url/cases")
  case_path=$(grep -o '/cases/[0-9a-f-]\{36\}' <<<"$list" | head -n 1)
  pseudonym=$(curl -s -H "Cookie: lantern_session=$cookie" "$url$case_path" | grep -o '/people/[0-9a-f-]\{36\}">[^<]*' | head -n 1 | sed 's/.*">//')
  # A whole pseudonym (what a caseworker types) and its first word alone
  # (demo pseudonyms are "word number", so the word matches thousands).
  exact=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$pseudonym")
  broad=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1].split()[0]))' "$pseudonym")

  measure "$backend: case list" "$url/cases" "$cookie"
  measure "$backend: search, whole pseudonym" "$url/cases?q=$exact" "$cookie"
  measure "$backend: search, broad prefix (~3,000 matches)" "$url/cases?q=$broad" "$cookie"
  measure "$backend: case page, full (decrypts identities, audits the view)" "$url$case_path" "$cookie"
  # The same page without encryption or auditing at work: the M&E analyst
  # sees it de-identified (no identity opened, no audit entry written; the
  # summary, notes and files are left out of the HTML too).
  analyst_cookie=$(printf '%s\n' "$password" | python3 scripts/bench_login.py "$url" nadia.me -)
  measure "$backend: case page, de-identified (no decryption, no audit)" "$url$case_path" "$analyst_cookie"

  target/release/lantern-baseline "${args[@]}" --bind 127.0.0.1:0 >"$work/$backend.baseline" 2>/dev/null &
  pids+=($!)
  base=$(wait_for_url "$work/$backend.baseline")
  measure "$backend: bare handler, same reads as case page" "$base$case_path" "$cookie"
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  pids=()
  [ "$backend" = postgresql ] && psql "$PG_URL" -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null
done
