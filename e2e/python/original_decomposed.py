"""The original pipeline's decomposed.h5, for e2e/importOriginal.spec.ts.

  write PATH [--no-a_N]   a small file in the layout of deep-gmf scripts/decompose_model.py (h5py,
                          no track_order; factors as its CSV gives them: int64, float64 and bytes)
  check PATH OURS_TSV OUT_TSV
                          runs deep-gmf scripts/analyze_model.py's procedure (analyze_original.py)
                          on PATH, writes its perf table to OUT_TSV and prints JSON comparing it
                          with OURS_TSV, the workbench's perf.tsv.
"""
import json
import sys

import h5py
import numpy as np
import pandas as pd

from analyze_original import decode_file  # the original's procedure, beside this file

FACTORS = ['id', 'ethn', 'gender', 'age', 'bg', 'emo', 'xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl']
SPLITS = {'training': (12, 0), 'validation': (4, 100), 'testing': (8, 200)}  # identities, first id
PER_ID = 4
COMPONENTS = 8


def write(path, with_a_n):
    rng = np.random.default_rng(12)
    with h5py.File(path, 'w') as f:
        for split, (n_ids, first) in SPLITS.items():
            ids = np.repeat(np.arange(first, first + n_ids), PER_ID)
            n = ids.size
            gender_code = ids % 2
            g = f.create_group(split)
            values = {
                'id': ids.astype(np.int64),
                'ethn': np.array([[b'WC', b'EA', b'BA'][i % 3] for i in ids]),
                'gender': np.array([[b'F', b'M'][c] for c in gender_code]),
                'age': (20 + ids % 40).astype(np.int64),
                'bg': rng.integers(0, 3, n).astype(np.int64),
                'emo': np.array([[b'happy', b'neutral', b'surprise'][k] for k in rng.integers(0, 3, n)]),
                'xr': rng.integers(-20, 21, n).astype(np.int64),
                'yr': rng.integers(-45, 46, n).astype(np.int64),
                'zr': rng.integers(-15, 16, n).astype(np.int64),
                'xt': rng.normal(0, 10, n),
                'yt': rng.normal(0, 10, n),
                'zt': rng.integers(450, 550, n).astype(np.int64),
                'xl': rng.integers(-90, 91, n).astype(np.int64),
                'yl': rng.integers(-90, 91, n).astype(np.int64),
            }
            for fac in FACTORS:
                g.create_dataset(fac, data=values[fac])
            g.create_dataset('shape', data=rng.normal(0, 1, (n, 10)).astype(np.float32))
            g.create_dataset('tex', data=rng.normal(0, 1, (n, 10)).astype(np.float32))
            if not with_a_n:
                continue
            a_n = g.create_group('a_N')
            # layer01_conv encodes yaw and gender linearly (plus noise); layer02_globalpool is noise.
            planted = rng.normal(0, 1, (n, COMPONENTS))
            planted[:, 0] = values['yr'] / 30 + 0.1 * planted[:, 0]
            planted[:, 1] = gender_code + 0.2 * planted[:, 1]
            a_n.create_dataset('layer01_conv', data=planted.astype(np.float32))
            a_n.create_dataset('layer02_globalpool', data=rng.normal(0, 1, (n, COMPONENTS)).astype(np.float32))


def analyze(path):
    """analyze_model.py's procedure (analyze_original.py) as its perf table."""
    rows, errors = decode_file(path)
    if errors:
        raise SystemExit(f'the original procedure could not score {errors}')
    return pd.DataFrame(rows, columns=['corr', 'factor', 'feature_nr', 'layername', 'layer', 'operation', 'op_nr'])


def check(path, ours_path, out_path):
    theirs = analyze(path)
    theirs.to_csv(out_path, sep='\t', index=False)
    ours = pd.read_csv(ours_path, sep='\t', dtype={'layer': str})
    key = ['factor', 'feature_nr', 'layername']
    both = theirs.merge(ours, on=key, how='outer', suffixes=('_orig', '_ours'), indicator=True)
    diff = (both['corr_orig'] - both['corr_ours']).abs()
    corr = lambda layer, factor: float(ours[(ours.layername == layer) & (ours.factor == factor)]['corr'].iloc[0])
    print(json.dumps({
        'rows_original': int(len(theirs)),
        'rows_ours': int(len(ours)),
        'unmatched': int((both['_merge'] != 'both').sum()),
        'same_columns': list(ours.columns) == list(theirs.columns),
        'same_layer_columns': bool((both['layer_orig'] == both['layer_ours']).all()
                                   and (both['operation_orig'] == both['operation_ours']).all()
                                   and (both['op_nr_orig'] == both['op_nr_ours']).all()),
        'max_abs_diff': float(diff.max()),
        'worst': both.loc[diff.idxmax(), key].astype(str).tolist(),
        'planted': {layer: {fac: corr(layer, fac) for fac in ('yr', 'gender')}
                    for layer in ('layer01_conv', 'layer02_globalpool')},
    }))


if __name__ == '__main__':
    if sys.argv[1] == 'write':
        write(sys.argv[2], '--no-a_N' not in sys.argv[3:])
        print(json.dumps({'written': sys.argv[2]}))
    else:
        check(sys.argv[2], sys.argv[3], sys.argv[4])
