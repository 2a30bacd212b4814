"""Dumps HDF5 files as JSON with h5py, an independent reader for the tests of the h5wasm writers.
Run by `npm run golden` (through test/support/h5Dump.ts, whose h5wasm dump has the same form);
the tests compare against the dumps it stored in test/golden/.

Usage: python3 h5dump.py FILE... -> {FILE: {"/path": {"kind", "attrs", "shape", "dtype", "values"}}}
Every group and dataset appears in h5py's iteration order ("keys" lists a group's members).
Variable-length strings read through .asstr() and report dtype "str"; NaN is written as null.
"""
import json
import math
import sys

import h5py
import numpy as np


def plain(value):
    """numpy values as JSON-ready Python values, NaN as None."""
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.reshape(-1).tolist()]
    if isinstance(value, (np.generic,)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def dtype_name(dtype):
    return "str" if h5py.check_string_dtype(dtype) is not None else str(dtype)


def attrs_of(obj):
    return {k: plain(v) for k, v in obj.attrs.items()}


def dump(path):
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            key = "/" + name if name else "/"
            if isinstance(obj, h5py.Group):
                out[key] = {"kind": "group", "attrs": attrs_of(obj), "keys": list(obj.keys())}
                for child in obj.values():
                    visit(child.name.lstrip("/"), child)
            else:
                data = obj.asstr()[()] if h5py.check_string_dtype(obj.dtype) is not None else obj[()]
                out[key] = {"kind": "dataset", "attrs": attrs_of(obj), "shape": list(obj.shape), "dtype": dtype_name(obj.dtype), "values": plain(np.asarray(data))}
        # f["/"], not f: h5py iterates a File object by name, its root group in creation order.
        visit("", f["/"])
    return out


if __name__ == "__main__":
    print(json.dumps({p: dump(p) for p in sys.argv[1:]}, allow_nan=False))
