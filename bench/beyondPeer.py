"""NumPy/SciPy/scikit-learn peer of the four views beyond decoding (src/pipeline/beyond), each
the method its folder's README states, in idiomatic NumPy/SciPy/sklearn. Called by bench/analysisPeer.py after its decode,
on the same blob: the testing activations and factors, the decode's own testing predictions (for
psychophysics), and what the header passes of our seeded choices (the variance partition's
identity folds and the RDMs' sample subset) so that deterministic numbers can be compared.
Bootstrap resamples and permutations use NumPy's generator, so CIs, null means and p-values
differ from ours by chance only.
"""
import time

import numpy as np
from scipy.spatial.distance import pdist, squareform
from scipy.stats import spearmanr, rankdata
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import Ridge
from sklearn.preprocessing import StandardScaler

SCALARS = ["age", "xr", "yr", "zr", "xt", "yt", "zt", "xl", "yl"]
# ORIGINAL_FACTOR_ORDER without id (what the folds hold out).
DESIGN_ORDER = ["bg", "ethn", "gender", *SCALARS, "emo", "shape", "tex"]
IDENTITY_BLOCK_COLUMNS = 10
# tuning/variancePartition.ts PARTITION_RIDGES: each model takes its best penalty (pooled held-out R²).
PARTITION_RIDGES = [1e-6, 1e-3, 1e-2, 1e-1, 1, 10]


def pearson_rows(a, b):
    """Pearson r along the last axis."""
    a = a - a.mean(axis=-1, keepdims=True)
    b = b - b.mean(axis=-1, keepdims=True)
    return (a * b).sum(-1) / np.sqrt((a * a).sum(-1) * (b * b).sum(-1))


# ---- psychophysics: error by binned true value, identity bootstrap; confusion counts ------------

def psychophysics(preds, factors, opts, rng):
    ids = factors["id"]
    _, id_index = np.unique(ids, return_inverse=True)
    n_ids = id_index.max() + 1
    bins, boots = opts["bins"], opts["bootstraps"]
    curves, confusions = [], []
    for layer, layer_preds in preds.items():
        for factor, p in layer_preds.items():
            if p["kind"] == "categorical":
                k = len(p["classes"])
                counts = np.zeros((k, k), dtype=int)
                np.add.at(counts, (p["true"], p["predicted"]), 1)
                confusions.append({"layer": layer, "factor": factor, "counts": counts.tolist()})
                continue
            if p["kind"] != "continuous" or p["predicted"].ndim != 1:
                continue
            truth, err = p["true"], p["predicted"] - p["true"]
            used = np.isfinite(truth) & np.isfinite(err)
            lo, hi = truth[used].min(), truth[used].max()
            if not lo < hi:
                continue
            edges = np.linspace(lo, hi, bins + 1)
            b = np.clip(np.searchsorted(edges, truth, side="right") - 1, 0, bins - 1)  # numpy.histogram's bins
            onehot = np.zeros((truth.size, bins))
            onehot[np.flatnonzero(used), b[used]] = 1
            n = onehot.sum(0)
            with np.errstate(invalid="ignore", divide="ignore"):
                abs_err = np.where(used, np.abs(err), 0)
                mae = abs_err @ onehot / n
                me = np.where(used, err, 0) @ onehot / n
                # Identities drawn with replacement, all their images along: weights = times drawn.
                draws = rng.integers(0, n_ids, size=(boots, n_ids)) + n_ids * np.arange(boots)[:, None]
                w = np.bincount(draws.ravel(), minlength=boots * n_ids).reshape(boots, n_ids)[:, id_index]
                rep = (w * abs_err) @ onehot / (w @ onehot)
                ci = np.nanpercentile(rep, [2.5, 97.5], axis=0) if boots else np.full((2, bins), np.nan)
            ci[:, n == 0] = np.nan
            curves.append({
                "layer": layer, "factor": factor, "edges": edges.tolist(), "n": n.astype(int).tolist(),
                "mean_abs_error": mae.tolist(), "mean_error": me.tolist(),
                "ci_low": ci[0].tolist(), "ci_high": ci[1].tolist(),
            })
    return {"curves": curves, "confusions": confusions}


# ---- tuning: grouped-fold variance partition, LDA identity across views -------------------------

def design(factors):
    columns, groups = [], []
    for name in DESIGN_ORDER:
        v = factors[name]
        if name in ("bg", "ethn", "gender", "emo"):
            levels = np.unique(v)
            cols = [(v == level).astype(float) for level in levels[1:]]
        elif name in ("shape", "tex"):  # one texture band: decomposed.h5's columns are the components
            cols = [v[:, j] for j in range(min(IDENTITY_BLOCK_COLUMNS, v.shape[1]))]
        else:
            cols = [v]
        cols = [c for c in cols if np.ptp(c) > 0]
        if cols:
            groups.append((name, list(range(len(columns), len(columns) + len(cols)))))
            columns += cols
    return np.column_stack(columns), groups


def held_out_r2(x, y, folds, columns):
    return min(held_out_residual(x, y, folds, columns, ridge) for ridge in PARTITION_RIDGES)


def held_out_residual(x, y, folds, columns, ridge):
    residual = 0.0
    for f in np.unique(folds):
        train, held = folds != f, folds == f
        xt = x[train][:, columns]
        ss = ((xt - xt.mean(0)) ** 2).sum(0)
        alive = [c for c, s, raw in zip(columns, ss, (xt ** 2).sum(0)) if s > 1e-20 * raw]  # constant in this fold: out
        if not alive:
            pred = y[train].mean(0)
        else:
            scaler = StandardScaler().fit(x[train][:, alive])
            # Penalty relative to each column's sum of squares: StandardScaler's columns have n of it.
            model = Ridge(alpha=ridge * train.sum()).fit(scaler.transform(x[train][:, alive]), y[train])
            pred = model.predict(scaler.transform(x[held][:, alive]))
        residual += ((y[held] - pred) ** 2).sum()
    return residual


def lda_accuracy(x, codes, train, test):
    scaler = StandardScaler().fit(x[train])
    lda = LinearDiscriminantAnalysis().fit(scaler.transform(x[train]), codes[train])
    return float((lda.predict(scaler.transform(x[test])) == codes[test]).mean())


def within_side(x, codes, rows):
    even, odd = [], []
    for c in np.unique(codes[rows]):
        own = rows[codes[rows] == c]  # this identity's images on the side, in sample order
        if own.size >= 2:
            even += list(own[0::2])
            odd += list(own[1::2])
    out = []
    for train, test in ((np.array(even), np.array(odd)), (np.array(odd), np.array(even))):
        k = np.unique(codes[train]).size if train.size else 0
        if k >= 2 and train.size > k and test.size > 0:
            out.append(lda_accuracy(x, codes, train, test))
    return out


def tuning(layers, factors, folds):
    x, groups = design(factors)
    yaw, ids = factors["yr"], factors["id"]
    shared = np.intersect1d(ids[yaw < 0], ids[yaw > 0])
    codes = np.where(np.isin(ids, shared), np.searchsorted(shared, ids), -1)
    neg = np.flatnonzero((codes >= 0) & (yaw < 0))
    pos = np.flatnonzero((codes >= 0) & (yaw > 0))
    partitions, invariance = [], []
    for name, feats in layers.items():
        total = ((feats - feats.mean(0)) ** 2).sum()
        cols = lambda gs: [c for g in gs for c in groups[g][1]]  # noqa: E731
        r2 = lambda gs: 1 - held_out_r2(x, feats, folds, cols(gs)) / total  # noqa: E731
        everything = list(range(len(groups)))
        full = max(0.0, r2(everything))
        partitions.append({
            "layer": name, "factors": [g[0] for g in groups], "full": full,
            "unique": [full - max(0.0, r2([h for h in everything if h != g])) for g in everything],
            "alone": [max(0.0, r2([g])) for g in everything],
        })
        n2p, p2n = lda_accuracy(feats, codes, neg, pos), lda_accuracy(feats, codes, pos, neg)
        within = within_side(feats, codes, neg) + within_side(feats, codes, pos)
        invariance.append({"layer": name, "neg_to_pos": n2p, "pos_to_neg": p2n,
                           "within": float(np.mean(within)) if within else float("nan"), "chance": 1 / shared.size})
    return {"partitions": partitions, "invariance": invariance, "invariance_skipped": None}


# ---- symmetry: Farzmahdi et al. 2024's index with a permutation null -----------------------------

def msvt_index(rdms, views):
    """Pearson r of each RDM (..., views, views) with its left-right flip, the central column removed (odd views)."""
    keep = [j for j in range(views) if views % 2 == 0 or j != views // 2]
    a = rdms[..., keep].reshape(*rdms.shape[:-2], -1)
    b = rdms[..., ::-1][..., keep].reshape(*rdms.shape[:-2], -1)
    return pearson_rows(a, b)


def symmetry(layers, factors, opts, rng):
    views, yaw, ids = opts["views"], factors["yr"], factors["id"]
    m = np.abs(yaw).max()
    centres = m * (2 * np.arange(views) - views + 1) / (views - 1)
    dist = np.abs(yaw[:, None] - centres[None, :])
    # Nearest centre, a tie to the one nearer 0: order by (distance, |centre|).
    view = np.array([np.lexsort((np.abs(centres), d))[0] for d in dist])
    people = [i for i in np.unique(ids) if np.unique(view[ids == i]).size == views]
    rows = []
    for name, feats in layers.items():
        vecs = np.array([feats[(ids == i) & (view == v)].mean(0) for i in people for v in range(views)])
        sd = vecs.std(0)
        z = (vecs - vecs.mean(0)) / np.where(sd > 0, sd, 1)
        rdms = np.array([squareform(pdist(z[k * views:(k + 1) * views], "correlation")) for k in range(len(people))])
        index = msvt_index(rdms, views)
        rdms, index = rdms[np.isfinite(index)], index[np.isfinite(index)]
        mean = index.mean()
        # Each identity's views relabelled by its own permutation, rows and columns together.
        perms = rng.permuted(np.tile(np.arange(views), (opts["permutations"], len(rdms), 1)), axis=2)
        who = np.arange(len(rdms))[None, :, None, None]
        null = msvt_index(rdms[who, perms[..., :, None], perms[..., None, :]], views).mean(1)
        rows.append({"layer": name, "index": float(mean), "sem": float(index.std(ddof=1) / np.sqrt(index.size)),
                     "null_mean": float(null.mean()),
                     "p_value": float((1 + (null >= mean).sum()) / (1 + opts["permutations"])),
                     "rdm": rdms.mean(0).ravel().tolist()})
    return {"views": centres.tolist(), "identities": len(people), "rows": rows}


# ---- geometry: correlation RDMs, RSA with a relabelling permutation test, linear CKA -----------

def model_rdms(factors, rows):
    out = {}
    categorical = lambda v: pdist(v[rows, None], "hamming")  # noqa: E731  0 same, 1 different
    for name in ("id", "bg", "ethn", "gender", *SCALARS, "emo", "shape", "tex"):
        v = factors[name][rows]
        if np.all(v == v[0]):
            continue
        if name in ("id", "bg", "ethn", "gender", "emo"):
            out[name] = categorical(factors[name])
        elif v.ndim == 2:
            out[name] = pdist(v, "euclidean")
        else:
            out[name] = pdist(v[:, None], "cityblock")
    return out


def permutation_p(data, model, rho, permutations, rng):
    """Relabel the model RDM's conditions (rows and columns together): rho of the ranks, p = (1 + #null >= rho) / (1 + P)."""
    d = rankdata(data)
    m = rankdata(model)
    # Square, centred ranks (diagonal 0): a relabelling only moves entries, so the norms stay and
    # each null rho is one gather and one dot product (both triangles: twice the condensed sums).
    d, m = squareform(d - d.mean()), squareform(m - m.mean())
    norm = np.sqrt((d * d).sum() * (m * m).sum())
    n = d.shape[0]
    null = np.array([(d * m[np.ix_(p, p)]).sum() for p in (rng.permutation(n) for _ in range(permutations))]) / norm
    return (1 + (null >= rho).sum()) / (1 + permutations)


def geometry(layers, factors, opts, samples, rng):
    rows = np.asarray(samples)
    models = model_rdms(factors, rows)
    rsa = []
    for name, feats in layers.items():
        rdm = pdist(feats[rows], "correlation")
        for factor, model in models.items():
            rho = spearmanr(rdm, model).correlation
            rsa.append({"layer": name, "factor": factor, "rho": float(rho),
                        "p_value": permutation_p(rdm, model, rho, opts["permutations"], rng)})
    centred = [f - f.mean(0) for f in layers.values()]
    self_norm = [np.linalg.norm(c.T @ c) for c in centred]
    cka = [np.linalg.norm(b.T @ a) ** 2 / (na * nb) for a, na in zip(centred, self_norm) for b, nb in zip(centred, self_norm)]
    return {"samples": rows.tolist(), "rsa": rsa, "layers": list(layers), "cka": cka}


def finite_or_none(value):
    """NaN and infinities as null: JavaScript's JSON.parse reads no NaN."""
    if isinstance(value, dict):
        return {k: finite_or_none(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite_or_none(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def beyond_views(header, arr, preds):
    """Every view, timed: {"ms": {...}, "summary": {...}} with the keys of bench/support/beyondViews.ts."""
    info = header["beyond"]
    opts = info["options"]
    testing = header["values"]["testing"]
    factors = {name: arr(desc) for name, desc in testing.items()}
    for name in ("shape", "tex"):  # as the browser holds them (SplitFactorsRecord: float32)
        factors[name] = factors[name].astype(np.float32).astype(np.float64)
    layers = {l["name"]: arr(l["features"]["testing"], np.float64) for l in header["layers"]}
    decoded = {name: f for name, f in layers.items() if name not in info["notDecoded"]}
    rng = np.random.default_rng(opts["seed"])
    ms, summary = {}, {}
    steps = [
        ("psychophysics", lambda: psychophysics(preds, factors, opts, rng)),
        ("tuning", lambda: tuning(decoded, factors, np.asarray(info["folds"]))),
        ("symmetry", lambda: symmetry(decoded, factors, opts, rng)),
        ("geometry", lambda: geometry(layers, factors, opts, info["rdmSamples"], rng)),
    ]
    for kind, step in steps:
        t0 = time.perf_counter()
        summary[kind] = step()
        ms[kind] = (time.perf_counter() - t0) * 1000
    return {"ms": ms, "summary": finite_or_none(summary)}
