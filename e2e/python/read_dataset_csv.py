"""Reads an exported dataset CSV with pandas (Debian's python3-pandas) and prints a JSON summary."""
import json
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1])
ids = {s: set(df[df["split"] == s]["id"]) for s in ("training", "validation", "testing")}
numeric = ["xr", "yr", "zr", "xt", "yt", "zt", "xl", "yl", "zl", "age", "bg", "id"]
print(json.dumps({
    "columns": list(df.columns),
    "rows": int(len(df)),
    "identities": int(df["id"].nunique()),
    "per_split": {k: len(v) for k, v in ids.items()},
    "disjoint": not (ids["training"] & ids["validation"] or ids["training"] & ids["testing"] or ids["validation"] & ids["testing"]),
    "numeric": all(str(df[c].dtype) in ("int64", "float64") for c in numeric),
    "first_paths": [str(df.iloc[0][c]) for c in ("image_path_left", "image_path", "image_path_right", "feature_path")],
    "first_identity": {c: str(df.iloc[0][c]) for c in ("id", "gender", "ethn", "age")},
    # Independent count for the query the e2e types into the app: gender == "F" and age < 40.
    "women_under_40": int(((df["gender"] == "F") & (df["age"] < 40)).sum()),
}))
