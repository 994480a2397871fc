#!/usr/bin/env python3
"""Run recordlinkage 0.16 (blocking + compare + ECM) on FEBRL4 or a synthetic
dedupe; write pairs at probability >= threshold as left_id,right_id,probability.

usage: recordlinkage_run.py febrl4 A.csv B.csv OUT.csv [--candidates CAND.csv]
       recordlinkage_run.py synthetic IN.csv OUT.csv [--candidates CAND.csv]
"""
import argparse
import unicodedata

import pandas as pd
import recordlinkage as rl


def fold(text):
    if not isinstance(text, str):
        return None
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip() or None


def febrl(a_path, b_path):
    def load(path):
        df = pd.read_csv(path, dtype=str, skipinitialspace=True)
        df.columns = [c.strip() for c in df.columns]
        return df.apply(lambda col: col.str.strip()).set_index("rec_id")

    a, b = load(a_path), load(b_path)
    indexer = rl.Index()
    indexer.block("given_name")
    indexer.block("surname")
    indexer.block("date_of_birth")
    indexer.block("soc_sec_id")
    pairs = indexer.index(a, b)
    compare = rl.Compare()
    compare.string("given_name", "given_name", method="jarowinkler", threshold=0.85, label="given_name")
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
    compare.exact("date_of_birth", "date_of_birth", label="date_of_birth")
    compare.exact("suburb", "suburb", label="suburb")
    compare.exact("state", "state", label="state")
    compare.string("address_1", "address_1", threshold=0.85, label="address_1")
    compare.string("soc_sec_id", "soc_sec_id", method="damerau_levenshtein", threshold=0.8, label="soc_sec_id")
    features = compare.compute(pairs, a, b)
    return pairs, features


def synthetic(path):
    df = pd.read_csv(path, dtype=str, keep_default_na=False).set_index("record_id")
    out = pd.DataFrame(index=df.index)
    extra = [c for c in ["parent_name", "sex", "village"] if c in df.columns]
    for col in ["given_name", "family_name", "address", "place"] + extra:
        out[col] = df[col].map(fold)
    if "sex" in extra:
        out["sex"] = out["sex"].str[:1]
    dob = pd.to_datetime(df["date_of_birth"].replace("", None), dayfirst=True, format="mixed", errors="coerce")
    out["date_of_birth"] = dob.dt.strftime("%Y-%m-%d")
    phone = df["phone"].str.split(";").str[0].str.replace(r"\D", "", regex=True).str[-9:]
    out["phone"] = phone.where(phone.str.len() >= 7, None)
    indexer = rl.Index()
    indexer.block("phone")
    indexer.block(["given_name", "family_name"])
    indexer.block("date_of_birth")
    pairs = indexer.index(out)
    compare = rl.Compare()
    compare.string("given_name", "given_name", method="jarowinkler", threshold=0.85, label="given_name")
    compare.string("family_name", "family_name", method="jarowinkler", threshold=0.85, label="family_name")
    compare.exact("date_of_birth", "date_of_birth", label="date_of_birth")
    compare.exact("phone", "phone", label="phone")
    compare.string("address", "address", threshold=0.85, label="address")
    compare.exact("place", "place", label="place")
    if "parent_name" in extra:
        compare.string("parent_name", "parent_name", method="jarowinkler", threshold=0.85, label="parent_name")
    if "sex" in extra:
        compare.exact("sex", "sex", label="sex")
    if "village" in extra:
        compare.exact("village", "village", label="village")
    features = compare.compute(pairs, out)
    return pairs, features


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("task", choices=["febrl4", "synthetic"])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--threshold", type=float, default=0.9)
    ap.add_argument("--candidates")
    args = ap.parse_args()
    *inputs, output = args.inputs
    pairs, features = febrl(*inputs) if args.task == "febrl4" else synthetic(inputs[0])
    ecm = rl.ECMClassifier(binarize=0.5)
    ecm.fit(features)
    prob = ecm.prob(features)
    keep = prob[prob >= args.threshold]
    result = pd.DataFrame({
        "left_id": keep.index.get_level_values(0),
        "right_id": keep.index.get_level_values(1),
        "probability": keep.values,
    })
    result.to_csv(output, index=False)
    if args.candidates:
        pd.DataFrame({"left_id": pairs.get_level_values(0), "right_id": pairs.get_level_values(1)}).to_csv(
            args.candidates, index=False
        )


if __name__ == "__main__":
    main()
