"""The original's decoding procedure (lukassnoek/deep-gmf scripts/analyze_model.py), written
from its description for our tests: read a *_decomposed.h5, decode every factor from every
layer with scikit-learn, print the perf rows as JSON.

- layers: the `a_N` datasets in the order h5py lists them (op_nr = that position), softmax
  layers skipped; layer = the digits after "layer", operation = the text after the last "_";
- categorical factors (id, bg, ethn, gender, emo): LabelEncoder fitted on the testing labels,
  StandardScaler + LinearDiscriminantAnalysis, predict_proba, one-vs-rest ROC-AUC rescaled
  to (auc - .5) / .5; id by cross_val_predict(cv=4) within the testing split (unshuffled
  stratified folds), the others fitted on training;
- continuous factors: StandardScaler + Ridge, alpha from logspace(-3, 4, 8) chosen on
  validation (per column for shape and tex), R² on testing per column.

A factor the procedure cannot score (an error in scikit-learn, e.g. one class) is reported under
"errors" instead of a row.

Precision: scikit-learn keeps float32 input in float32, and a_N is float32 in decomposed.h5 (as
in the original's files), so the original's own numbers carry float32 rounding. It shows where
LDA's probabilities saturate (decision values of hundreds): in float32 they become exactly 0 and
1, and the AUC then depends on which of them tie. By default the activations are read as float64,
the precision the workbench decodes in; --float32 runs the procedure on them as stored.

Usage: python3 analyze_original.py run_decomposed.h5 [--float32]
"""
import json
import sys
import warnings
from functools import partial

import h5py
import numpy as np
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import Ridge
from sklearn.metrics import r2_score, roc_auc_score
from sklearn.model_selection import cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import LabelEncoder, StandardScaler

ALL_FACTORS = ['id', 'bg', 'ethn', 'gender', 'age', 'xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl', 'emo']
CATEGORICAL = ['id', 'bg', 'ethn', 'gender', 'emo']


def score_factor(v, train, val, test, X_train, X_val, X_test):
    Y_train, Y_val, Y_test = train[v][()], val[v][()], test[v][()]
    if v in CATEGORICAL:
        enc = LabelEncoder()
        Y_test = enc.fit_transform(Y_test)
        if v != 'id':
            Y_val = enc.transform(Y_val)
            Y_train = enc.transform(Y_train)
        metric = partial(roc_auc_score, multi_class='ovr')
        model = make_pipeline(StandardScaler(), LinearDiscriminantAnalysis())
    else:
        alphas = np.logspace(-3, 4, num=8, endpoint=True)
        metric = partial(r2_score, multioutput='raw_values')
        cv_scores = np.zeros((alphas.size, Y_train.shape[1])) if v in ('shape', 'tex') else np.zeros((alphas.size, 1))
        for i, alpha in enumerate(alphas):
            model = make_pipeline(StandardScaler(), Ridge(alpha=alpha, fit_intercept=True))
            model.fit(X_train, Y_train)
            cv_scores[i] = metric(Y_val, model.predict(X_val))
        best = alphas[cv_scores.argmax(axis=0)]
        model = make_pipeline(StandardScaler(), Ridge(alpha=best if v in ('shape', 'tex') else best[0]))
    if v == 'id':
        preds = cross_val_predict(model, X_test, Y_test, cv=4, method='predict_proba')
    else:
        model.fit(X_train, Y_train)
        preds = model.predict_proba(X_test) if v in CATEGORICAL else model.predict(X_test)
    if v in CATEGORICAL and preds.shape[1] == 2:
        preds = preds[:, 1]
    score = metric(Y_test, preds)
    if v in CATEGORICAL:
        score = (score - 0.5) / 0.5
    return np.atleast_1d(score)


def decode_file(path, dtype=np.float64):
    """Every perf row the procedure gives for the decomposed.h5 at `path`, and the factors it could not score."""
    rows, errors = [], {}
    with h5py.File(path, 'r') as f:
        train, val, test = f['training'], f['validation'], f['testing']
        for op_nr, name in enumerate(train['a_N'].keys()):
            if 'softmax' in name:
                continue
            layer = name.split('_')[0].split('layer')[1]
            operation = name.split('_')[-1]
            X_train, X_val, X_test = (s['a_N'][name][()].astype(dtype) for s in (train, val, test))
            for v in ALL_FACTORS + ['shape', 'tex']:
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter('ignore')
                        scores = score_factor(v, train, val, test, X_train, X_val, X_test)
                except Exception as error:  # what the original would have died on
                    errors.setdefault(v, str(error))
                    continue
                for i, s in enumerate(scores):
                    rows.append({'corr': float(s), 'factor': v, 'feature_nr': i + 1, 'layername': name,
                                 'layer': layer, 'operation': operation, 'op_nr': op_nr})
    return rows, errors


if __name__ == '__main__':
    found, failed = decode_file(sys.argv[1], np.float32 if '--float32' in sys.argv[2:] else np.float64)
    print(json.dumps({'rows': found, 'errors': failed}))
