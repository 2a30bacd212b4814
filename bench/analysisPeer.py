"""scikit-learn peer of src/analysis: the original analyze step (deep-gmf scripts/analyze_model.py)
on a synthetic decomposed set exported by bench/support/peerBlob.ts, then the views beyond
decoding in NumPy/SciPy/scikit-learn (bench/beyondPeer.py) on its testing split and predictions.

Usage: /usr/bin/python3 bench/analysisPeer.py DIR  (DIR holds header.json and data.bin)
Prints JSON: {"rows": [...], "decode_ms": ..., "layer_ms": [...], "beyond": {...} | null,
"ipca": {...} | null}. Layers the header lists in beyond.notDecoded (softmax) are not decoded,
as in the original.

The procedure per layer and factor is the original's, line for line in spirit:
- continuous: make_pipeline(StandardScaler(), Ridge(alpha)) for alpha in logspace(-3, 4, 8),
  R2 on validation per target column, alpha = argmax per column, refit on training with the
  chosen alphas, R2 per column on testing;
- categorical: LabelEncoder fitted on testing, make_pipeline(StandardScaler(), LDA()) fitted on
  training, predict_proba on testing (column 1 when binary), roc_auc_score(multi_class='ovr'),
  rescaled (AUC - 0.5) / 0.5;
- id: cross_val_predict(model, X_test, y_test, cv=4, method='predict_proba') within testing.
Features are read as float32 (as the decomposed file stores them) and computed in float64, as
the browser does, so differences are the algorithms' and not the precision's.
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.decomposition import IncrementalPCA
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import Ridge
from sklearn.metrics import r2_score, roc_auc_score
from sklearn.model_selection import cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import LabelEncoder, StandardScaler

from beyondPeer import beyond_views


def load(folder):
    header = json.loads((folder / "header.json").read_text())
    blob = (folder / "data.bin").read_bytes()

    def arr(desc, dtype=None):
        count = int(np.prod(desc["shape"]))
        a = np.frombuffer(blob, dtype=desc["dtype"], count=count, offset=desc["offset"]).reshape(desc["shape"])
        return a.astype(dtype) if dtype is not None else a

    return header, arr


def decode_factor(kind, X_train, X_val, X_test, Y_train, Y_val, Y_test):
    """Scores, and the testing predictions ({kind, true, predicted, classes}) the views read."""
    alphas = np.logspace(-3, 4, num=8, endpoint=True)
    if kind in ("categorical", "identity"):
        label_enc = LabelEncoder()
        Y_test = label_enc.fit_transform(Y_test)
        model = make_pipeline(StandardScaler(), LinearDiscriminantAnalysis())
        if kind == "identity":
            preds = cross_val_predict(model, X_test, Y_test, cv=4, method="predict_proba")
            classes = np.unique(Y_test)
        else:
            Y_train = label_enc.transform(Y_train)
            model.fit(X_train, Y_train)
            preds = model.predict_proba(X_test)
            classes = model.classes_
        prediction = {"kind": kind, "true": Y_test, "predicted": classes[preds.argmax(1)], "classes": label_enc.classes_}
        if preds.shape[1] == 2:
            preds = preds[:, 1]
        score = roc_auc_score(Y_test, preds, multi_class="ovr")
        return [(score - 0.5) / 0.5], prediction
    cv_scores = np.zeros((alphas.size, Y_train.shape[1])) if Y_train.ndim == 2 else np.zeros_like(alphas)
    for i, alpha in enumerate(alphas):
        model = make_pipeline(StandardScaler(), Ridge(alpha=alpha, fit_intercept=True))
        model.fit(X_train, Y_train)
        cv_scores[i] = r2_score(Y_val, model.predict(X_val), multioutput="raw_values")
    alpha = alphas[cv_scores.argmax(axis=0)]
    model = make_pipeline(StandardScaler(), Ridge(alpha=alpha))
    model.fit(X_train, Y_train)
    predicted = model.predict(X_test)
    prediction = {"kind": kind, "true": Y_test, "predicted": predicted}
    return list(np.atleast_1d(r2_score(Y_test, predicted, multioutput="raw_values"))), prediction


def main():
    folder = Path(sys.argv[1])
    header, arr = load(folder)
    values = header["values"]
    not_decoded = header.get("beyond", {}).get("notDecoded", [])
    rows, layer_ms, preds = [], [], {}
    t_all = time.perf_counter()
    for op_nr, layer in enumerate(header["layers"]):
        if layer["name"] in not_decoded:
            continue
        t0 = time.perf_counter()
        X = {s: arr(layer["features"][s], np.float64) for s in ("training", "validation", "testing")}
        name = layer["name"]
        layer_nr = name.split("_")[0].split("layer")[1]
        op_type = name.split("_")[-1]
        for factor in header["factors"]:
            f, kind = factor["name"], factor["kind"]
            Y = {s: arr(values[s][f]) for s in ("training", "validation", "testing")}
            if kind == "continuous":
                Y = {s: y.astype(np.float64) for s, y in Y.items()}
            scores, prediction = decode_factor(
                kind, X["training"], X["validation"], X["testing"], Y["training"], Y["validation"], Y["testing"])
            preds.setdefault(name, {})[f] = prediction
            for i, sc in enumerate(scores):
                rows.append({"corr": float(sc), "factor": f, "feature_nr": i + 1, "layername": name, "layer": layer_nr, "operation": op_type, "op_nr": op_nr})
        layer_ms.append((time.perf_counter() - t0) * 1000)
    decode_ms = (time.perf_counter() - t_all) * 1000
    beyond = beyond_views(header, arr, preds) if "beyond" in header else None

    ipca = None
    if header.get("ipca"):
        spec = header["ipca"]
        data = arr(spec["data"], np.float64)
        t0 = time.perf_counter()
        pca = IncrementalPCA(n_components=spec["nComponents"])
        for start in range(0, data.shape[0], spec["batchSize"]):
            pca.partial_fit(data[start:start + spec["batchSize"]])
        ipca = {
            "ms": (time.perf_counter() - t0) * 1000,
            "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
            "noise_variance": float(pca.noise_variance_),
        }
    print(json.dumps({"rows": rows, "decode_ms": decode_ms, "layer_ms": layer_ms, "beyond": beyond, "ipca": ipca, "sklearn": __import__("sklearn").__version__}))


if __name__ == "__main__":
    main()
