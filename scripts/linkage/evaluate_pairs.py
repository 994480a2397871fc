#!/usr/bin/env python3
"""Pairwise precision, recall and F1 of a predicted pairs CSV against ground truth.

Truth comes either from FEBRL ids (rec-N-org / rec-N-dup-K: same N = same person)
or from an entity column in the input CSVs.

usage: evaluate_pairs.py --pairs pairs.csv --left A.csv [--right B.csv]
           [--truth febrl|COLUMN] [--id-column rec_id] [--threshold 0.9]
           [--prob-column probability] [--left-col left_id --right-col right_id]
           [--candidates cand.csv]   # optional: blocking recall of candidate pairs
Prints one JSON object.
"""
import argparse, csv, json, re, sys
from collections import defaultdict

csv.field_size_limit(1 << 24)

def read_entities(path, id_col, truth):
    ent = {}
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.reader(f, skipinitialspace=True)
        header = [h.strip() for h in next(r)]
        i_id = header.index(id_col)
        i_t = None if truth == "febrl" else header.index(truth)
        for row in r:
            rid = row[i_id].strip()
            if truth == "febrl":
                m = re.match(r"rec-(\d+)-", rid)
                ent[rid] = m.group(1) if m else rid
            else:
                ent[rid] = row[i_t].strip()
    return ent

def true_pairs(left, right):
    by = defaultdict(list)
    if right is None:
        for rid, e in left.items():
            by[e].append(rid)
        n = 0
        for ids in by.values():
            n += len(ids) * (len(ids) - 1) // 2
        return n
    lb = defaultdict(int); rb = defaultdict(int)
    for e in left.values(): lb[e] += 1
    for e in right.values(): rb[e] += 1
    return sum(c * rb.get(e, 0) for e, c in lb.items())

def count_hits(path, left, right, lcol, rcol, pcol, threshold):
    tp = fp = 0
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.DictReader(f)
        for row in r:
            if pcol and threshold is not None and float(row[pcol]) < threshold:
                continue
            a, b = row[lcol], row[rcol]
            ea = left.get(a)
            eb = (right or left).get(b)
            if ea is None and right is not None:  # pair given right-to-left
                ea, eb = left.get(b), right.get(a)
            if ea is not None and ea == eb:
                tp += 1
            else:
                fp += 1
    return tp, fp

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", required=True)
    ap.add_argument("--left", required=True)
    ap.add_argument("--right")
    ap.add_argument("--truth", default="febrl")
    ap.add_argument("--id-column", default="rec_id")
    ap.add_argument("--threshold", type=float, default=0.9)
    ap.add_argument("--prob-column", default="probability")
    ap.add_argument("--left-col", default="left_id")
    ap.add_argument("--right-col", default="right_id")
    ap.add_argument("--candidates")
    a = ap.parse_args()
    left = read_entities(a.left, a.id_column, a.truth)
    right = read_entities(a.right, a.id_column, a.truth) if a.right else None
    total = true_pairs(left, right)
    tp, fp = count_hits(a.pairs, left, right, a.left_col, a.right_col, a.prob_column, a.threshold)
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / total if total else 0.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    out = {"true_pairs": total, "predicted": tp + fp, "tp": tp, "fp": fp,
           "precision": round(p, 5), "recall": round(rc, 5), "f1": round(f1, 5)}
    if a.candidates:
        ctp, cfp = count_hits(a.candidates, left, right, a.left_col, a.right_col, None, None)
        out["candidate_pairs"] = ctp + cfp
        out["blocking_recall"] = round(ctp / total, 5) if total else 0.0
    print(json.dumps(out))

if __name__ == "__main__":
    sys.exit(main())
