"""Reads an exported dataset zip like a researcher on a cluster would: the CSV with pandas and one
{var}_features.h5 with h5py (Debian's python3-pandas / python3-h5py). Prints a JSON summary."""
import io
import json
import sys
import zipfile

import h5py
import pandas as pd

archive = zipfile.ZipFile(sys.argv[1])
feature_path = sys.argv[2]
names = archive.namelist()
root = names[0].split("/")[0]
df = pd.read_csv(archive.open(f"{root}/{root}.csv"))
row = df[df["feature_path"] == feature_path].iloc[0]
with h5py.File(io.BytesIO(archive.read(f"{root}/{feature_path}")), "r") as f:
    datasets = {k: list(f[k].shape) for k in f.keys()}
    attrs = {k: (v.decode() if isinstance(v, bytes) else v if isinstance(v, str) else float(v)) for k, v in f.attrs.items()}
# Every path the table names is in the zip.
paths = [c for c in df.columns if c.startswith("image_path") or c == "feature_path"]
missing = [p for c in paths for p in df[c] if f"{root}/{p}" not in names]
print(json.dumps({
    "first": names[0],
    "files": len(names),
    "columns": list(df.columns),
    "rows": int(len(df)),
    "missing": missing,
    "row": {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()},
    "datasets": datasets,
    "attrs": attrs,
}))
