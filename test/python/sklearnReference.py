"""Reference answers from scikit-learn for src/pipeline/decode/sklearnReference.test.ts.

Reads a JSON file of inputs (path in argv[1]) and prints JSON of sklearn's results for: ridge
alpha selection and test R2 (StandardScaler + Ridge, as the original), LDA predict_proba
(StandardScaler + LinearDiscriminantAnalysis()), roc_auc_score(multi_class='ovr'), StratifiedKFold
folds and cross_val_predict probabilities, and IncrementalPCA over fixed batches.
The test stores them in test/golden/sklearnReference.json; `npm run golden` runs this again.
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.decomposition import IncrementalPCA
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import Ridge
from sklearn.metrics import r2_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def a(x):
    return np.asarray(x, dtype=np.float64)


def ridge(case):
    alphas = np.logspace(-3, 4, num=8, endpoint=True)
    X_train, Y_train, X_val, Y_val, X_test, Y_test = (a(case[k]) for k in ("xTrain", "yTrain", "xVal", "yVal", "xTest", "yTest"))
    scores = np.zeros((alphas.size, Y_train.shape[1]))
    for i, alpha in enumerate(alphas):
        model = make_pipeline(StandardScaler(), Ridge(alpha=alpha, fit_intercept=True)).fit(X_train, Y_train)
        scores[i] = r2_score(Y_val, model.predict(X_val), multioutput="raw_values")
    chosen = alphas[scores.argmax(axis=0)]
    model = make_pipeline(StandardScaler(), Ridge(alpha=chosen)).fit(X_train, Y_train)
    pred = model.predict(X_test)
    return {"alphas": chosen.tolist(), "validation": scores.tolist(), "pred": pred.tolist(), "r2": r2_score(Y_test, pred, multioutput="raw_values").tolist()}


def lda(case):
    model = make_pipeline(StandardScaler(), LinearDiscriminantAnalysis()).fit(a(case["xTrain"]), np.asarray(case["yTrain"]))
    return model.predict_proba(a(case["xTest"])).tolist()


def main():
    cases = json.load(open(sys.argv[1]))
    out = {"version": sklearn.__version__}
    out["ridge"] = [ridge(c) for c in cases["ridge"]]
    out["lda"] = [lda(c) for c in cases["lda"]]
    auc = []
    for c in cases["auc"]:
        proba = a(c["proba"])
        auc.append(roc_auc_score(np.asarray(c["labels"]), proba[:, 1] if proba.shape[1] == 2 else proba, multi_class="ovr"))
    out["auc"] = auc
    cv = cases["cv"]
    y = np.asarray(cv["labels"])
    folds = np.zeros(len(y), dtype=int)
    for f, (_, test) in enumerate(StratifiedKFold(n_splits=4).split(a(cv["x"]), y)):
        folds[test] = f
    model = make_pipeline(StandardScaler(), LinearDiscriminantAnalysis())
    out["cv"] = {"folds": folds.tolist(), "proba": cross_val_predict(model, a(cv["x"]), y, cv=4, method="predict_proba").tolist()}
    ipca = cases["ipca"]
    x = a(ipca["x"])
    pca = IncrementalPCA(n_components=ipca["nComponents"])
    for start in range(0, x.shape[0], ipca["batchSize"]):
        pca.partial_fit(x[start:start + ipca["batchSize"]])
    out["ipca"] = {
        "ratio": pca.explained_variance_ratio_.tolist(),
        "variance": pca.explained_variance_.tolist(),
        "components": pca.components_.tolist(),
        "mean": pca.mean_.tolist(),
        "noise": float(pca.noise_variance_),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
