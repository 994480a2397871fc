#!/usr/bin/env python3
"""Run Splink 5 (DuckDB) on a FEBRL link task or a synthetic dedupe task and
write pairs at match probability >= threshold as left_id,right_id,probability.

usage: splink_run.py febrl4 A.csv B.csv OUT.csv [--threshold 0.9] [--candidates CAND.csv]
       splink_run.py synthetic IN.csv OUT.csv [--threshold 0.9] [--candidates CAND.csv]

--candidates also writes every blocked pair (predict without threshold), for
blocking recall; it costs time and memory, so the timed runs leave it off.
"""
import argparse
import unicodedata

import pandas as pd
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on
from splink.backends.duckdb import DuckDBAPI


def fold(text):
    """Lower-case and strip accents: the cleaning a Splink user would do."""
    if not isinstance(text, str):
        return None
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip()
    return text or None


def febrl(args):
    def load(path):
        df = pd.read_csv(path, dtype=str, skipinitialspace=True)
        df.columns = [c.strip() for c in df.columns]
        return df.apply(lambda col: col.str.strip())

    a, b = load(args.inputs[0]), load(args.inputs[1])
    db = DuckDBAPI()
    frames = [db.register(a, dataset_display_name="a"), db.register(b, dataset_display_name="b")]
    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="rec_id",
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.JaroWinklerAtThresholds("address_1", [0.9, 0.7]),
            cl.ExactMatch("suburb").configure(term_frequency_adjustments=True),
            cl.PostcodeComparison("postcode"),
            cl.ExactMatch("state"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name"),
            block_on("surname"),
            block_on("date_of_birth"),
            block_on("soc_sec_id"),
            block_on("postcode", "street_number"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(frames, settings, log_level=30)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("soc_sec_id", "date_of_birth"), block_on("given_name", "surname", "date_of_birth")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given_name", "surname"))
    return linker


def synthetic(args):
    df = pd.read_csv(args.inputs[0], dtype=str, keep_default_na=False)
    out = pd.DataFrame({"record_id": df["record_id"]})
    out["given_name"] = df["given_name"].map(fold)
    out["family_name"] = df["family_name"].map(fold)
    out["alias"] = df["alias"].map(fold)
    dob = pd.to_datetime(df["date_of_birth"].replace("", None), dayfirst=True, format="mixed", errors="coerce")
    out["date_of_birth"] = dob.dt.strftime("%Y-%m-%d")
    out["birth_year"] = dob.dt.year.astype("Int64").astype(str).replace("<NA>", None)
    first_phone = df["phone"].str.split(";").str[0].str.replace(r"\D", "", regex=True).str[-9:]
    out["phone"] = first_phone.where(first_phone.str.len() >= 7, None)
    out["address"] = df["address"].map(fold)
    out["place"] = df["place"].map(fold)
    # Files from the generator since 2026-12-02 also carry sex and a parent's name.
    extra = [c for c in ["parent_name", "sex", "village"] if c in df.columns]
    if "village" in extra:
        out["village"] = df["village"].map(fold)
    if "parent_name" in extra:
        out["parent_name"] = df["parent_name"].map(fold)
    if "sex" in extra:
        out["sex"] = df["sex"].str.strip().str[:1].str.lower()
    out = out.replace({"": None})
    db = DuckDBAPI()
    frame = db.register(out, dataset_display_name="people")
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="record_id",
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("family_name").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True),
            cl.ExactMatch("phone").configure(term_frequency_adjustments=True),
            cl.JaroWinklerAtThresholds("address", [0.9, 0.75]),
            cl.ExactMatch("place").configure(term_frequency_adjustments=True),
        ]
        + ([cl.NameComparison("parent_name").configure(term_frequency_adjustments=True)] if "parent_name" in extra else [])
        + ([cl.ExactMatch("sex")] if "sex" in extra else [])
        + ([cl.ExactMatch("village").configure(term_frequency_adjustments=True)] if "village" in extra else []),
        blocking_rules_to_generate_predictions=[
            block_on("phone"),
            block_on("given_name", "family_name", "birth_year"),
            block_on("date_of_birth", "substr(given_name, 1, 1)"),
            block_on("date_of_birth", "substr(family_name, 1, 1)"),
            block_on("family_name", "place", "birth_year"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(frame, settings, log_level=30)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "family_name", "date_of_birth"), block_on("phone", "date_of_birth")], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given_name", "family_name"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("phone"))
    return linker


def write_pairs(df, path, left, right):
    df = df.rename(columns={left: "left_id", right: "right_id", "match_probability": "probability"})
    df[["left_id", "right_id", "probability"]].to_csv(path, index=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("task", choices=["febrl4", "synthetic"])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--threshold", type=float, default=0.9)
    ap.add_argument("--candidates")
    args = ap.parse_args()
    *args.inputs, output = args.inputs
    linker = febrl(args) if args.task == "febrl4" else synthetic(args)
    uid = "rec_id" if args.task == "febrl4" else "record_id"
    pred = linker.inference.predict(threshold_match_probability=args.threshold).as_pandas_dataframe()
    write_pairs(pred, output, f"{uid}_l", f"{uid}_r")
    if args.candidates:
        allp = linker.inference.predict().as_pandas_dataframe()
        write_pairs(allp, args.candidates, f"{uid}_l", f"{uid}_r")


if __name__ == "__main__":
    main()
