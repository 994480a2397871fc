#!/usr/bin/env bash
# sqlmap against the real Lantern server, once on SQLite and once on
# PostgreSQL (both by default; the two run side by side, as the scans spend
# most of their time waiting):
#
#   scripts/sqlmap.sh [sqlite] [postgresql]
#
# PostgreSQL needs PG_URL (a server URL whose user may create databases);
# scripts/test.sh provides it. Each backend gets a fresh server with an
# office, a case worker, an API token, two cases and a person, and sqlmap
# then scans, in batch mode:
#   - GET /cases?q=…&status=…&from=…  (the web case search, with a session
#     cookie; the cookie itself is tested too),
#   - GET /api/v1/cases?q=…           (the API search, bearer token),
#   - GET /api/v1/cases/<id>          (the id in the path),
#   - POST /login                     (username; and password on SQLite).
# The step fails if sqlmap reports any injection point, if any tentative
# detection was not rejected by sqlmap's own false-positive check, if a scan
# did not finish, or if a password or token shows up in any log.
set -euo pipefail
cd "$(dirname "$0")/.."
root_dir=$(pwd)

say() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

backends=("$@")
[ "${#backends[@]}" -gt 0 ] || backends=(sqlite postgresql)
for backend in "${backends[@]}"; do
  case "$backend" in
    sqlite) ;;
    postgresql) [ -n "${PG_URL:-}" ] || fail "PG_URL is needed for the PostgreSQL scan" ;;
    *) fail "unknown backend $backend (sqlite or postgresql)" ;;
  esac
done

if ! command -v sqlmap >/dev/null; then
  command -v apt-get >/dev/null || fail "sqlmap is missing and there is no apt-get to install it"
  as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlmap >/dev/null
fi
sqlmap --version >/dev/null 2>&1 || fail "sqlmap does not run"
command -v curl >/dev/null || fail "curl is missing"

cargo build -p lantern --quiet
lantern_bin=$root_dir/target/debug/lantern

# --- How sqlmap is run ---------------------------------------------------------
# Bounded so the GET scans take well under a minute per backend:
#   --level=3     tests query parameters, cookies (level 2: the session
#                 cookie), User-Agent and Referer (level 3)
#   --risk=3      includes OR-based payloads; the scanned requests are reads
#   --technique=BEUST  boolean, error, union, stacked and time-based (not
#                 inline queries, which need a reflected query result)
#   --time-sec=2  time-based payloads wait 2 s, not 5
#   --dbms=…      the backend is known, so only its payloads are sent
#   --threads=2   one per core
# Requests come from files (-r), so the token and cookie are never on a
# command line; --ignore-stdin because CI's standard input is not a terminal.
common_flags=(--batch --ignore-stdin --disable-coloring --flush-session --skip-waf
  --technique=BEUST --time-sec=2)

# The sign-in form allows ten attempts per minute per address (state.rs),
# answering 429 before it reads the body, and there is no way to lift that
# from outside, nor should there be. So the login scan is small and paced
# under the limit instead: boolean and time-based tests only (the only ones
# that can see into a sign-in, which shows no query results), level 1,
# requests 7 s apart (at most 9 a minute, plus the one sign-in that
# fetched the session cookie). The original request carries the right
# password, so a working injection in `username` would sign in (303) where
# the false condition does not (401): --code=303 makes exactly that the
# "true" page, and a 429 can only ever read as "false". Every scan must
# finish with no 429 at all, so the pacing is checked, not assumed. (These
# flags were checked against a deliberately injectable stand-in for this
# form, with the same CSRF cookie and limiter: sqlmap found its injection
# in 12 requests.)
# On PostgreSQL sqlmap has more such payloads, so there the scan keeps to
# `username` (about 37 requests, 4.5 minutes): the password never reaches
# SQL on either backend (it is checked against the stored Argon2 hash), and
# it is still scanned on SQLite (30 requests for both, 3.5 minutes). The
# two run side by side with everything else, so they set the step's length.
login_flags=(--level=1 --risk=1 --technique=BT --time-sec=2 --code=303 --ignore-redirects
  --ignore-code=401 --drop-set-cookie --delay=7 --threads=1)

# The current backend's password, token and session cookie, for redact.
secrets=()
redact() {
  # What sqlmap prints can hold them: the payload of a finding repeats the
  # whole request, and cookie values appear (cut short) in its prompts.
  local text secret
  text=$(cat)
  for secret in "${secrets[@]}"; do
    [ -n "$secret" ] && text=${text//"$secret"/…}
  done
  printf '%s\n' "$text" | sed -E "s/(lantern_[a-z_]+=)[^;' ]*/\1…/g"
}

# Checks one sqlmap run's output and output directory; prints a summary.
check_scan() {
  local name=$1 log=$2 outdir=$3 tentative rejected
  if grep -qE "identified the following injection point|is vulnerable|might be vulnerable" "$log" \
    || [ -n "$(find "$outdir" -name log -size +0 2>/dev/null)" ]; then
    redact <"$log" >&2
    fail "sqlmap found an injection point: $name"
  fi
  tentative=$(grep -cE "appears to be '.*' injectable" "$log" || true)
  rejected=$(grep -c "false positive or unexploitable injection point detected" "$log" || true)
  if [ "$tentative" -gt "$rejected" ]; then
    redact <"$log" >&2
    fail "sqlmap reported a parameter injectable: $name"
  fi
  if ! grep -q "all tested parameters do not appear to be injectable" "$log"; then
    redact <"$log" | tail -n 40 >&2
    fail "sqlmap did not finish the scan: $name"
  fi
  if grep -q "CRITICAL" "$log" \
    && grep "CRITICAL" "$log" | grep -qv "all tested parameters do not appear to be injectable"; then
    grep "CRITICAL" "$log" | redact >&2
    fail "sqlmap reported a problem: $name"
  fi
  if grep -qE "429 \(Too Many Requests\)" "$log"; then
    fail "the sign-in limiter answered 429 during $name: the scan was not complete"
  fi
  local tested
  tested=$(grep -oE "testing for SQL injection on ([A-Za-z-]+ )?parameter '[^']+'" "$log" \
    | sed -E "s/.*parameter '([^']+)'/\1/" | sort -u | paste -sd, - | sed 's/,/, /g')
  printf '  %-32s %4ss, no injection (tested: %s%s)\n' "$name" "$(cat "${log%.log}.secs")" "$tested" \
    "$( [ "$tentative" -gt 0 ] && printf '; %s tentative, rejected by sqlmap' "$tentative")"
}

# Runs a full scan of one backend. Everything it writes goes to $1/scan.log.
scan_backend() {
  local backend=$1 work=$2 db_name="" url_args=() dbms server_pid url host password token
  exec >"$work/scan.log" 2>&1
  local login_params
  if [ "$backend" = postgresql ]; then
    db_name="lantern_sqlmap_$$"
    psql "$PG_URL" -qc "CREATE DATABASE $db_name" >/dev/null
    url_args=(--database-url "${PG_URL%/*}/$db_name")
    dbms=PostgreSQL login_params=username
  else
    # Only the username: every sqlmap request for the password parameter
    # is a failed sign-in for one account, which the per-account lockout
    # answers with 429 after five. The password never reaches SQL (it is
    # checked against the Argon2id hash in memory).
    dbms=SQLite login_params=username
  fi
  local lantern=("$lantern_bin" --data-dir "$work/data" "${url_args[@]}")
  "${lantern[@]}" office add --code KOL --name Kolkata --country IN --region "West Bengal" >/dev/null
  password="sqlmap-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s' "$password" >"$work/password"
  printf '%s\n' "$password" | "${lantern[@]}" user add --username tester --display-name "Scan Worker" \
    --role case_worker --office KOL >/dev/null
  # The web scans sign in as an M&E analyst: casework accounts must pass a
  # second factor first, which sqlmap cannot; the API scans use the case
  # worker's read-write token (tokens skip the interactive second factor).
  printf '%s\n' "$password" | "${lantern[@]}" user add --username viewer --display-name "Scan Viewer" \
    --role me_analyst --office KOL >/dev/null
  token=$("${lantern[@]}" user token tester --name sqlmap --scope read_write 2>/dev/null)
  [ -n "$token" ] || fail "no API token ($backend)"
  printf 'Authorization: Bearer %s\n' "$token" >"$work/auth.header"

  "${lantern[@]}" serve --bind 127.0.0.1:0 >"$work/server.out" 2>"$work/server.err" &
  server_pid=$!
  # Stop the server and any scan still running, and drop the database,
  # however this function ends (the parent sends TERM when the other
  # backend failed).
  trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true
        [ -z "'"$db_name"'" ] || psql "$PG_URL" -qc "DROP DATABASE IF EXISTS '"$db_name"'" >/dev/null' EXIT
  trap 'exit 1' TERM
  for _ in $(seq 1 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.out" 2>/dev/null || true)
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || fail "the server did not start ($backend)"
  host=${url#http://}
  echo "server on $backend at $url"

  # Something to find: two cases, one with a person (the search covers
  # case references and pseudonyms).
  local api=(curl -sS --fail-with-body -H "@$work/auth.header")
  local office case_id
  office=$("${api[@]}" "$url/api/v1/offices" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  for date in 2026-01-10 2025-06-02; do
    case_id=$("${api[@]}" -H 'Content-Type: application/json' \
      -d "{\"intake_date\":\"$date\",\"intake_source\":\"Hotline\",\"status\":\"Active\",\"exploitation_types\":[\"SexualExploitation\"],\"owning_office\":\"$office\"}" \
      "$url/api/v1/cases" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  done
  "${api[@]}" -o /dev/null -H 'Content-Type: application/json' \
    -d '{"role":"Victim","person":{"pseudonym":"Tara","gender":"Feminine"}}' \
    "$url/api/v1/cases/$case_id/people"

  # A session cookie for the web pages: the sign-in form with its CSRF
  # token, the password read from a file so it is on no command line.
  local csrf session
  csrf=$(curl -sS -c "$work/jar" "$url/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p')
  [ -n "$csrf" ] || fail "no CSRF token on the sign-in page ($backend)"
  [ "$(curl -sS -o /dev/null -w '%{http_code}' -b "$work/jar" -c "$work/jar" \
    --data-urlencode "csrf=$csrf" --data-urlencode username=viewer \
    --data-urlencode "password@$work/password" "$url/login")" = 303 ] \
    || fail "could not sign in ($backend)"
  session=$(awk '$6 == "lantern_session" { print $7 }' "$work/jar")
  [ -n "$session" ] || fail "no session cookie ($backend)"

  # The login scan first, in the background: it is paced and slow.
  # Each of its requests gets a fresh CSRF token and cookie from the
  # sign-in page (a GET, which the limiter does not count).
  local body="csrf=x&username=viewer&password=$password"
  printf 'POST /login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nCookie: lantern_login_csrf=x\r\nContent-Length: %d\r\n\r\n%s' \
    "$host" "${#body}" "$body" >"$work/login.req"
  local refresh_csrf
  refresh_csrf=$(cat <<EOF
import re, urllib.request
_page = urllib.request.urlopen("$url/login")
csrf = re.search(r'name="csrf" value="([^"]+)"', _page.read().decode()).group(1)
lantern_login_csrf = re.search(r"lantern_login_csrf=([^;]+)", ";".join(_page.headers.get_all("Set-Cookie"))).group(1)
EOF
)
  (
    started=$SECONDS
    sqlmap -r "$work/login.req" "${common_flags[@]}" "${login_flags[@]}" -p "$login_params" --dbms="$dbms" \
      --eval="$refresh_csrf" --output-dir="$work/out-login" </dev/null >"$work/login.log" 2>&1
    echo $((SECONDS - started)) >"$work/login.secs"
  ) &
  local login_pid=$!

  printf 'GET /cases?q=KOL&status=Active&office=&exploitation_type=SexualExploitation&from=2025-01-01&to=2026-12-31&page=1 HTTP/1.1\r\nHost: %s\r\nCookie: lantern_session=%s\r\nAccept: text/html\r\n\r\n' \
    "$host" "$session" >"$work/cases.req"
  printf 'GET /api/v1/cases?q=KOL&status=Active&from=2025-01-01&to=2026-12-31&page=1&per_page=10 HTTP/1.1\r\nHost: %s\r\n%s\r\nAccept: application/json\r\n\r\n' \
    "$host" "$(tr -d '\n' <"$work/auth.header")" >"$work/api-list.req"
  printf 'GET /api/v1/cases/%s* HTTP/1.1\r\nHost: %s\r\n%s\r\nAccept: application/json\r\n\r\n' \
    "$case_id" "$host" "$(tr -d '\n' <"$work/auth.header")" >"$work/api-case.req"
  local scan
  local started
  for scan in cases api-list api-case; do
    started=$SECONDS
    sqlmap -r "$work/$scan.req" "${common_flags[@]}" --level=3 --risk=3 --threads=2 \
      --dbms="$dbms" --output-dir="$work/out-$scan" </dev/null >"$work/$scan.log" 2>&1 \
      || fail "sqlmap failed on $scan ($backend)"
    echo $((SECONDS - started)) >"$work/$scan.secs"
  done
  wait "$login_pid" || fail "sqlmap failed on the login form ($backend)"

  echo "done"
}

say "sqlmap on ${backends[*]} (about 4.5 minutes, set by the paced sign-in scans)"
started=$SECONDS
pids=() works=()
for backend in "${backends[@]}"; do
  work=$(mktemp -d)
  chmod 700 "$work"
  works+=("$work")
  scan_backend "$backend" "$work" &
  pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "${works[@]}"' EXIT

status=0
for i in "${!backends[@]}"; do
  backend=${backends[$i]} work=${works[$i]}
  wait "${pids[$i]}" || status=$?
  secrets=("$(cat "$work/password" 2>/dev/null)"
    "$(sed 's/^Authorization: Bearer //' "$work/auth.header" 2>/dev/null | tr -d '\n')"
    "$(awk '$6 == "lantern_session" { print $7 }' "$work/jar" 2>/dev/null)")
  # The server must never log a password, token or session cookie, whatever
  # it was sent. (sqlmap's own files hold the requests, secrets and all;
  # they are only ever printed through redact, and deleted at the end.)
  for secret in "${secrets[@]}"; do
    [ -n "$secret" ] || continue
    if grep -qF -- "$secret" "$work"/server.* "$work/scan.log"; then
      fail "a password, token or session cookie reached the server log or this script's output ($backend)"
    fi
  done
  if [ "$status" -ne 0 ]; then
    redact <"$work/scan.log" >&2
    fail "the sqlmap scan on $backend did not complete"
  fi
  echo "$backend:"
  check_scan "GET /cases (web search)" "$work/cases.log" "$work/out-cases"
  check_scan "GET /api/v1/cases (API search)" "$work/api-list.log" "$work/out-api-list"
  check_scan "GET /api/v1/cases/<id>" "$work/api-case.log" "$work/out-api-case"
  check_scan "POST /login (paced)" "$work/login.log" "$work/out-login"
done
say "sqlmap found no injection point ($((SECONDS - started)) s)"
