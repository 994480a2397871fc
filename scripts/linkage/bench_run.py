#!/usr/bin/env python3
"""Time one linkage tool: run a command N times under /usr/bin/time -v, keep
the median wall time and peak memory, then score the pairs it wrote.

usage: bench_run.py --name NAME --runs 3 --pairs PAIRS.csv --eval "ARGS for evaluate_pairs.py"
                    [--candidates CAND.csv --candidates-cmd "CMD"] [--recall-json FILE] -- CMD...
Prints one JSON object.
"""
import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd):
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"command failed: {' '.join(cmd)}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", proc.stderr).group(1)
    parts = [float(p) for p in wall.split(":")]
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    user = float(re.search(r"User time \(seconds\): (\S+)", proc.stderr).group(1))
    system = float(re.search(r"System time \(seconds\): (\S+)", proc.stderr).group(1))
    return seconds, rss_kb / 1024.0, user + system


def main():
    argv = sys.argv[1:]
    split = argv.index("--")
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pairs", required=True)
    ap.add_argument("--eval", required=True)
    ap.add_argument("--recall-json", help="JSON with blocking_recall, computed separately")
    ap.add_argument("--candidates", help="candidate pairs CSV, for blocking recall")
    a = ap.parse_args(argv[:split])
    cmd = argv[split + 1:]
    walls, mems, cpus = [], [], []
    for _ in range(a.runs):
        wall, mem, cpu = timed(cmd)
        walls.append(wall)
        mems.append(mem)
        cpus.append(cpu)
    ev_cmd = [sys.executable, os.path.join(HERE, "evaluate_pairs.py"), "--pairs", a.pairs, *shlex.split(a.eval)]
    if a.candidates:
        ev_cmd += ["--candidates", a.candidates]
    quality = json.loads(subprocess.run(ev_cmd, check=True, capture_output=True, text=True).stdout)
    if a.recall_json and os.path.exists(a.recall_json):
        with open(a.recall_json) as f:
            recall = json.load(f)
            quality["blocking_recall"] = recall.get("blocking_recall")
            quality["candidate_pairs"] = recall.get("candidate_pairs")
            if recall.get("scorer_recall") is not None:
                quality["scorer_recall"] = recall.get("scorer_recall")
    out = {
        "tool": a.name,
        "runs": a.runs,
        "wall_s_median": round(statistics.median(walls), 2),
        "wall_s_all": [round(w, 2) for w in walls],
        "cpu_s_median": round(statistics.median(cpus), 2),
        "peak_mib_median": round(statistics.median(mems), 1),
        **quality,
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
