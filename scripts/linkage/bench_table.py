#!/usr/bin/env python3
"""Markdown table from bench_run.py JSON lines (one file per tool)."""
import json
import sys

rows = [json.loads(open(p).read()) for p in sys.argv[1:]]
cols = ["tool", "precision", "recall", "f1", "blocking_recall", "scorer_recall", "candidate_pairs", "wall_s_median", "cpu_s_median", "peak_mib_median"]
print("| " + " | ".join(cols) + " |")
print("|" + "---|" * len(cols))
for r in rows:
    print("| " + " | ".join("" if r.get(c) is None else str(r.get(c)) for c in cols) + " |")
