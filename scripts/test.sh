#!/usr/bin/env bash
# Lantern's whole test suite, the one command CI runs:
#   formatting and lints; unit and property tests; the storage contract on
#   SQLite and PostgreSQL; the real server over HTTP on both; every fuzz
#   target for a few seconds; the browser flows in headless Chromium on
#   both; and sqlmap against the real server on both.
# Installs (Debian/Ubuntu) and starts what is missing: a PostgreSQL server,
# Chromium, Node.js and the Node package that drives the browser, cargo-fuzz
# and sqlmap. It never skips a part: anything it cannot provide fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
root_dir=$(pwd)

say() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else fail "need root to run: $*"; fi
}

apt_updated=
apt_install() {
  command -v apt-get >/dev/null || fail "cannot install $* here: no apt-get; install it and run again"
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- PostgreSQL -------------------------------------------------------------
pg_reachable() { psql "$1" -qtAc 'select 1' >/dev/null 2>&1; }

ensure_postgres() {
  command -v psql >/dev/null || apt_install postgresql-client
  PG_URL="${LANTERN_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
  pg_reachable "$PG_URL" && return
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    for version in $(ls /etc/postgresql); do
      as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
    done
    pg_reachable "$PG_URL" && return
  fi
  # No server we can use: run a private one with trust authentication on
  # its own port, owned by the postgres system user.
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql
  local bin dir
  bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
  dir=/tmp/lantern-test-postgres
  id postgres >/dev/null 2>&1 || as_root useradd --system --home-dir "$dir" postgres
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_root mkdir -p "$dir" && as_root chown postgres "$dir"
    as_root su postgres -s /bin/sh -c "$bin/initdb -D $dir -U postgres --auth=trust >/dev/null"
  fi
  as_root su postgres -s /bin/sh -c "$bin/pg_ctl -D $dir -o '-p 54329 -k /tmp -c listen_addresses=127.0.0.1' -l $dir/server.log -w start >/dev/null" || true
  PG_URL=postgres://postgres@127.0.0.1:54329/postgres
  pg_reachable "$PG_URL" || fail "could not start PostgreSQL (see $dir/server.log)"
}

# --- Browser ----------------------------------------------------------------
ensure_browser() {
  CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
  if [ -z "$CHROMIUM" ]; then apt_install chromium; CHROMIUM=$(command -v chromium); fi
  command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  export CHROMIUM
}

# --- Browser flows against a real server -------------------------------------
run_browser_flows() {
  local backend=$1 work url_args=() db_name="" server_pid url password
  work=$(mktemp -d)
  if [ "$backend" = postgresql ]; then
    db_name="lantern_browser_$$"
    psql "$PG_URL" -qc "CREATE DATABASE $db_name" >/dev/null
    url_args=(--database-url "${PG_URL%/*}/$db_name")
  fi
  local lantern=(target/debug/lantern --data-dir "$work/data" "${url_args[@]}")
  "${lantern[@]}" office add --code KOL --name Kolkata --country IN --region "West Bengal" >/dev/null
  password="browser-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$password" | "${lantern[@]}" user add --username tester --display-name "Test Worker" \
    --role case_worker --office KOL >/dev/null
  "${lantern[@]}" serve --bind 127.0.0.1:0 >"$work/server.out" 2>"$work/server.err" &
  server_pid=$!
  for _ in $(seq 1 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.out" 2>/dev/null || true)
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || { cat "$work/server.err" >&2; kill "$server_pid"; fail "the server did not start ($backend)"; }
  say "browser flows on $backend at $url"
  local status=0
  (cd tests/browser && LANTERN_URL="$url" LANTERN_USER=tester LANTERN_PASSWORD="$password" npm test --silent) || status=$?
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  if grep -q -- "$password" "$work/server.err" "$work/server.out"; then fail "a password reached the server log"; fi
  [ -n "$db_name" ] && psql "$PG_URL" -qc "DROP DATABASE $db_name" >/dev/null
  rm -rf "$work"
  [ "$status" -eq 0 ] || fail "browser flows on $backend"
}

say "checking formatting and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings

say "preparing PostgreSQL and the browser"
ensure_postgres
ensure_browser
export LANTERN_TEST_POSTGRES_URL=$PG_URL
export LANTERN_SHARED="${LANTERN_SHARED:-$root_dir/../shared}"

say "unit, property, storage and HTTP tests (SQLite and PostgreSQL)"
cargo test --workspace

# Every parser of outside input (forms, JSON, queries, uploads, the config
# file, Accept-Language) under libFuzzer: 8 s per target, about two minutes
# with the build. Longer runs: scripts/fuzz.sh SECONDS.
say "fuzzing every target briefly"
./scripts/fuzz.sh 8

say "building the server for the browser tests"
cargo build -p lantern --quiet
run_browser_flows sqlite
run_browser_flows postgresql

# SQL injection from outside, on both backends side by side (about 4.5
# minutes, set by the sign-in scans paced under the rate limit; see the
# script).
command -v sqlmap >/dev/null || apt_install sqlmap
PG_URL=$PG_URL ./scripts/sqlmap.sh sqlite postgresql

say "all tests passed"
