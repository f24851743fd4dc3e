#!/usr/bin/env python3
"""Trains the two shipped model artifacts on a synthetic SME-lending data set.

    python3 service/tools/train_models.py service/src/main/resources/models

v1.2: logistic scorecard fitted by Newton-Raphson (IRLS) with a small ridge penalty.
v1.3: gradient-boosted trees (log-loss, Newton leaf values, depth 3, 300 trees), with the value of
      every node stored so the service can compute Saabas per-feature path contributions.

Both read the same feature spec, which the service evaluates itself (see docs/svc-scoring.md). The data
is synthetic (seeded, so the output is reproducible): a ground-truth log-odds with a few non-linear
terms, so the tree ensemble has something to find that the scorecard cannot.
"""
import json
import math
import sys
from datetime import datetime, timezone

import numpy as np

SECTORS = ["RETAIL", "AGRICULTURE", "MANUFACTURING", "SERVICES", "TRANSPORT", "HOSPITALITY", "OTHER"]

FEATURES = [
    {"name": "logBusinessAge", "input": "businessAgeMonths", "transform": "log1p"},
    {"name": "logMonthlyRevenue", "input": "monthlyRevenueKes", "transform": "log1p"},
    {"name": "revenueVolatility", "input": "revenueVolatility", "transform": "identity"},
    {"name": "logMobileMoneyTxns", "input": "mobileMoneyTxnsPerMonth", "transform": "log1p"},
    {"name": "debtToRevenue", "input": "existingDebtKes", "transform": "ratio", "per": "monthlyRevenueKes",
     "max": 50.0},
    {"name": "priorLoansRepaid", "input": "priorLoansRepaid", "transform": "identity", "max": 50.0},
    {"name": "priorDefaults", "input": "priorDefaults", "transform": "identity", "max": 20.0},
    {"name": "crbScore", "input": "crbScore", "transform": "identity", "missing": 550.0},
    {"name": "crbMissing", "input": "crbScore", "transform": "missing"},
    {"name": "requestToRevenue", "input": "requestedAmountKes", "transform": "ratio", "per": "monthlyRevenueKes",
     "max": 100.0},
    {"name": "tenorMonths", "input": "tenorMonths", "transform": "identity"},
    {"name": "sectorAgriculture", "input": "sector", "transform": "equals", "equals": "AGRICULTURE"},
    {"name": "sectorHospitality", "input": "sector", "transform": "equals", "equals": "HOSPITALITY"},
    {"name": "sectorTransport", "input": "sector", "transform": "equals", "equals": "TRANSPORT"},
]


def synthesize(n, rng):
    age = rng.gamma(2.0, 24.0, n).round()
    revenue = np.exp(rng.normal(12.0, 1.0, n)).round()
    vol = rng.beta(2.0, 5.0, n)
    txns = rng.poisson(np.exp(rng.normal(4.0, 1.0, n)))
    debt = revenue * rng.gamma(1.0, 0.8, n)
    repaid = rng.poisson(2.0, n)
    defaults = rng.poisson(0.3, n)
    crb_present = rng.random(n) < 0.7
    crb = np.clip(rng.normal(600, 90, n), 200, 900).round()
    requested = revenue * rng.gamma(2.0, 1.2, n)
    tenor = rng.integers(1, 37, n)
    sector = rng.integers(0, len(SECTORS), n)
    rows = {
        "businessAgeMonths": age, "monthlyRevenueKes": revenue, "revenueVolatility": vol,
        "mobileMoneyTxnsPerMonth": txns, "existingDebtKes": debt, "priorLoansRepaid": repaid,
        "priorDefaults": defaults, "crbScore": np.where(crb_present, crb, np.nan),
        "requestedAmountKes": requested, "tenorMonths": tenor, "sector": np.array(SECTORS)[sector],
    }
    x = featurize(rows)
    f = {spec["name"]: x[:, i] for i, spec in enumerate(FEATURES)}
    logit = (-1.2 - 0.45 * (f["logBusinessAge"] - 3.5) - 0.35 * (f["logMonthlyRevenue"] - 12)
             + 2.2 * f["revenueVolatility"] - 0.25 * (f["logMobileMoneyTxns"] - 4)
             + 0.5 * np.tanh(f["debtToRevenue"] - 1.5) - 0.12 * np.minimum(f["priorLoansRepaid"], 6)
             + 0.9 * np.minimum(f["priorDefaults"], 3) - 0.006 * (f["crbScore"] - 600) * (1 - f["crbMissing"])
             + 0.35 * f["crbMissing"] + 0.4 * np.log1p(f["requestToRevenue"]) + 0.015 * f["tenorMonths"]
             + 0.5 * f["sectorAgriculture"] + 0.3 * f["sectorHospitality"] + 0.2 * f["sectorTransport"]
             + 0.8 * f["sectorAgriculture"] * f["revenueVolatility"])
    y = (rng.random(n) < 1.0 / (1.0 + np.exp(-logit))).astype(float)
    return x, y


def featurize(rows):
    n = len(rows["sector"])
    out = np.zeros((n, len(FEATURES)))
    for i, spec in enumerate(FEATURES):
        v = rows[spec["input"]]
        t = spec["transform"]
        if t == "equals":
            col = (v == spec["equals"]).astype(float)
        elif t == "missing":
            col = np.isnan(v).astype(float)
        else:
            v = np.where(np.isnan(v), spec.get("missing", 0.0), v) if v.dtype.kind == "f" else v.astype(float)
            if t == "identity":
                col = v
            elif t == "log1p":
                col = np.log1p(v)
            elif t == "ratio":
                col = v / (rows[spec["per"]] + 1.0)
            else:
                raise ValueError(t)
        out[:, i] = np.clip(col, spec.get("min", -np.inf), spec.get("max", np.inf))
    return out


def fit_logistic(x, y, ridge=1.0):
    mean = x.mean(axis=0)
    xc = np.hstack([np.ones((len(x), 1)), x - mean])
    w = np.zeros(xc.shape[1])
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-xc @ w))
        g = xc.T @ (p - y) + ridge * np.r_[0, w[1:]]
        h = (xc * (p * (1 - p))[:, None]).T @ xc + ridge * np.diag(np.r_[0, np.ones(len(w) - 1)])
        step = np.linalg.solve(h, g)
        w -= step
        if np.max(np.abs(step)) < 1e-9:
            break
    coef = w[1:]
    intercept = w[0] - coef @ mean  # log-odds = intercept + sum(coef * x)
    return intercept, coef, mean


def fit_gbt(x, y, trees=300, depth=3, lr=0.05, lam=1.0, bins=32, min_hess=5.0):
    edges = [np.unique(np.quantile(x[:, j], np.linspace(0, 1, bins + 1)[1:-1])) for j in range(x.shape[1])]
    binned = np.stack([np.searchsorted(edges[j], x[:, j], side="right") for j in range(x.shape[1])], axis=1)
    base = math.log(y.mean() / (1 - y.mean()))
    f = np.full(len(y), base)
    ensemble = []
    for _ in range(trees):
        p = 1.0 / (1.0 + np.exp(-f))
        g, h = p - y, p * (1 - p)
        nodes = {"feature": [], "threshold": [], "left": [], "right": [], "value": []}

        def grow(idx, d):
            me = len(nodes["value"])
            gs, hs = g[idx].sum(), h[idx].sum()
            for k in nodes:
                nodes[k].append(-1 if k != "threshold" and k != "value" else 0.0)
            nodes["value"][me] = round(float(-lr * gs / (hs + lam)), 8)
            if d == depth or hs < 2 * min_hess:
                return me
            best = None
            parent = gs * gs / (hs + lam)
            for j in range(x.shape[1]):
                gb = np.bincount(binned[idx, j], weights=g[idx], minlength=len(edges[j]) + 1)
                hb = np.bincount(binned[idx, j], weights=h[idx], minlength=len(edges[j]) + 1)
                gl, hl = np.cumsum(gb)[:-1], np.cumsum(hb)[:-1]
                ok = (hl >= min_hess) & (hs - hl >= min_hess)
                if not ok.any():
                    continue
                gain = gl ** 2 / (hl + lam) + (gs - gl) ** 2 / (hs - hl + lam) - parent
                gain[~ok] = -np.inf
                b = int(np.argmax(gain))
                if gain[b] > 1e-9 and (best is None or gain[b] > best[0]):
                    best = (gain[b], j, b)
            if best is None:
                return me
            _, j, b = best
            thr = float(edges[j][b])  # bin <= b  <=>  x < edges[j][b]
            go_left = x[idx, j] < thr
            nodes["feature"][me] = j
            nodes["threshold"][me] = thr
            nodes["left"][me] = grow(idx[go_left], d + 1)
            nodes["right"][me] = grow(idx[~go_left], d + 1)
            return me

        grow(np.arange(len(y)), 0)
        tree = {k: v for k, v in nodes.items()}
        f += predict_tree(tree, x)
        ensemble.append(tree)
    return base, ensemble


def predict_tree(tree, x):
    out = np.zeros(len(x))
    for r in range(len(x)):
        n = 0
        while tree["feature"][n] >= 0:
            n = tree["left"][n] if x[r, tree["feature"][n]] < tree["threshold"][n] else tree["right"][n]
        out[r] = tree["value"][n]
    return out


def auc(y, s):
    order = np.argsort(s)
    ranks = np.empty(len(s))
    ranks[order] = np.arange(1, len(s) + 1)
    pos = y == 1
    return float((ranks[pos].sum() - pos.sum() * (pos.sum() + 1) / 2) / (pos.sum() * (~pos).sum()))


def main(out_dir):
    rng = np.random.default_rng(20261127)
    x, y = synthesize(20000, rng)
    xt, yt = synthesize(5000, rng)
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    names = [s["name"] for s in FEATURES]

    intercept, coef, mean = fit_logistic(x, y)
    lr_auc = auc(yt, xt @ coef)
    scorecard = {
        "formatVersion": 1, "id": "v1.2", "family": "logistic-scorecard", "features": FEATURES,
        "parameters": {"intercept": round(float(intercept), 8),
                       "coefficients": {n: round(float(c), 8) for n, c in zip(names, coef)},
                       "references": {n: round(float(m), 8) for n, m in zip(names, mean)}},
        "metadata": {"description": "Logistic scorecard, IRLS with ridge 1.0", "trainedAt": now,
                     "trainingRows": len(y), "holdoutAuc": round(lr_auc, 4),
                     "trainedBy": "service/tools/train_models.py (seed 20261127)"},
    }
    base, ensemble = fit_gbt(x, y)
    gbt_auc = auc(yt, sum(predict_tree(t, xt) for t in ensemble))
    gbt = {
        "formatVersion": 1, "id": "v1.3", "family": "gradient-boosted-trees", "features": FEATURES,
        "parameters": {"baseLogOdds": round(base, 8), "trees": ensemble},
        "metadata": {"description": "Gradient-boosted trees: 300 trees, depth 3, learning rate 0.05, log-loss",
                     "trainedAt": now, "trainingRows": len(y), "holdoutAuc": round(gbt_auc, 4),
                     "trainedBy": "service/tools/train_models.py (seed 20261127)"},
    }
    for art in (scorecard, gbt):
        with open(f"{out_dir}/{art['id']}.json", "w") as fh:
            json.dump(art, fh, indent=1 if art["id"] == "v1.2" else None, separators=None)
            fh.write("\n")
        print(art["id"], art["family"], "holdout AUC", art["metadata"]["holdoutAuc"])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "service/src/main/resources/models")
