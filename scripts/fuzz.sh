#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for SECONDS each (default 10) with
# cargo-fuzz and libFuzzer under AddressSanitizer, and fails on the first
# crash, hang or sanitizer report. Installs cargo-fuzz when it is missing.
#
#   scripts/fuzz.sh [SECONDS]
#
# Only the stable toolchain exists here; see fuzz/README.md for why
# RUSTC_BOOTSTRAP=1 is set and what to do with a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
root_dir=$(pwd)

seconds=${1:-10}
case "$seconds" in
  '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac

say() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

# A pinned version, so CI on a fresh machine builds what was tested here.
cargo_fuzz_version=0.13.2
if [ "$(cargo fuzz --version 2>/dev/null || true)" != "cargo-fuzz $cargo_fuzz_version" ]; then
  say "installing cargo-fuzz $cargo_fuzz_version"
  nice -n 10 cargo install cargo-fuzz --version "$cargo_fuzz_version" --locked --quiet \
    || fail "could not install cargo-fuzz (needs crates.io)"
fi

# cargo-fuzz passes nightly-only flags (-Zsanitizer=address and friends) to
# rustc; RUSTC_BOOTSTRAP=1 lets the stable compiler accept them, and stable
# ships the AddressSanitizer runtime. Only this script's cargo sees it.
export RUSTC_BOOTSTRAP=1
# One target directory for the workspace and the fuzz package (fuzz/ is its
# own workspace, whose default would be fuzz/target).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root_dir/target}"

cd fuzz
mapfile -t targets < <(cargo fuzz list)
[ "${#targets[@]}" -gt 0 ] || fail "cargo fuzz list found no targets"

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

say "building ${#targets[@]} fuzz targets (AddressSanitizer, release with debug assertions)"
if ! nice -n 10 cargo fuzz build >"$logs/build.log" 2>&1; then
  grep -vE '^\s+(Compiling|Downloaded|Downloading)' "$logs/build.log" | tail -n 60 >&2
  fail "the fuzz targets did not build"
fi
for target in "${targets[@]}"; do
  # libFuzzer adds what it finds to the first directory (kept out of git);
  # seeds/ and regressions/ are read as they are.
  corpora=("corpus/$target")
  for dir in "seeds/$target" "regressions/$target"; do
    [ -d "$dir" ] && corpora+=("$dir")
  done
  mkdir -p "corpus/$target"
  # -timeout: an input that takes 10 s is a hang, reported like a crash.
  # -rss_limit_mb: well under the machine's memory, so a blow-up is caught.
  if nice -n 10 cargo fuzz run "$target" "${corpora[@]}" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 >"$logs/$target.log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$target.log" | tail -n 1)
    printf '  %-18s ok, %s inputs in %ss\n' "$target" "${runs:-?}" "$seconds"
  else
    tail -n 60 "$logs/$target.log" >&2
    fail "fuzz target $target crashed; the input is under fuzz/artifacts/$target/ (see fuzz/README.md)"
  fi
done
say "no fuzz target crashed"
