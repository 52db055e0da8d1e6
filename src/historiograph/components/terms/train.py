"""Train the statement classifier shipped in data/models/terms_statements.json.

    python -m historiograph.components.terms.train [--data ../shared/data/hate] [--out DIR]

Reproducible: a fixed split by a hash of each text (classifier.split_of: 70 % train, 10 %
calibration, 20 % test held out for benchmarks/terms.py), liblinear's deterministic solver, no
randomness. Trained on ISCA's train part and on HateXplain's Jewish-target subset (train file);
calibrated (Platt scaling) and thresholded on ISCA's calibration part; measured on ISCA's test part
and on HateXplain's val file. Needs scikit-learn (`pip install -e '.[train]'`); using the model
needs only the JSON file."""

from __future__ import annotations

import argparse
import json
import math
from datetime import date
from pathlib import Path

from ...data import path as data_path
from .classifier import MODEL, Model, features, split_of

VERSION = "1"
C = 4.0
MIN_DF = 2
DEFAULT_DATA = Path(__file__).resolve().parents[5] / ".." / "shared" / "data" / "hate"


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load(data: Path) -> dict[str, list[tuple[str, int]]]:
    """{train, calib, test, hx_val}: (text, 1 when hateful)."""
    parts: dict[str, list[tuple[str, int]]] = {"train": [], "calib": [], "test": [], "hx_val": []}
    for row in read(data / "isca_train.jsonl"):
        parts[split_of(row["text"])].append((row["text"], int(row["label"] == "hateful")))
    for row in read(data / "hatexplain_jewish_train.jsonl"):
        parts["train"].append((row["text"], int(row["label"] == "hateful")))
    for row in read(data / "hatexplain_jewish_val.jsonl"):
        parts["hx_val"].append((row["text"], int(row["label"] == "hateful")))
    return parts


def fit(train: list[tuple[str, int]], c: float = C):
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    feats = [features(t) for t, _ in train]
    df: dict[str, int] = {}
    for fs in feats:
        for f in fs:
            df[f] = df.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= MIN_DF))}
    rows, cols, vals = [], [], []
    for r, fs in enumerate(feats):
        known = sorted(vocab[f] for f in fs if f in vocab)
        for col in known:
            rows.append(r)
            cols.append(col)
            vals.append(1.0 / math.sqrt(len(known)))
    x = csr_matrix((vals, (rows, cols)), shape=(len(train), len(vocab)))
    y = [label for _, label in train]
    clf = LogisticRegression(C=c, solver="liblinear", class_weight="balanced", max_iter=1000)
    clf.fit(x, y)
    inverse = sorted(vocab, key=vocab.get)
    weights = {f: float(w) for f, w in zip(inverse, clf.coef_[0]) if abs(w) >= 1e-4}
    return weights, float(clf.intercept_[0])


def platt(margins: list[float], labels: list[int]) -> tuple[float, float]:
    """Platt scaling (Platt 1999, with his target smoothing), fitted by Newton's method."""
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    hi, lo = (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2)
    targets = [hi if y else lo for y in labels]
    a, c = 1.0, 0.0
    for _ in range(100):
        ga = gc = haa = hac = hcc = 0.0
        for m, t in zip(margins, targets):
            p = 1 / (1 + math.exp(-(a * m + c)))
            d = p - t
            w = max(p * (1 - p), 1e-12)
            ga += d * m
            gc += d
            haa += w * m * m
            hac += w * m
            hcc += w
        det = haa * hcc - hac * hac + 1e-12
        da = (hcc * ga - hac * gc) / det
        dc = (haa * gc - hac * ga) / det
        a, c = a - da, c - dc
        if abs(da) < 1e-9 and abs(dc) < 1e-9:
            break
    return a, c


def prf(pred: list[int], gold: list[int]) -> dict[str, float]:
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
            "n": len(gold), "positives": sum(gold)}


def reliability(probs: list[float], gold: list[int], bins: int = 10) -> tuple[float, list[dict]]:
    """Expected calibration error and the table it is computed from (equal-width bins)."""
    table, ece = [], 0.0
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        idx = [i for i, p in enumerate(probs) if lo <= p < hi or (k == bins - 1 and p == 1.0)]
        if not idx:
            continue
        conf = sum(probs[i] for i in idx) / len(idx)
        acc = sum(gold[i] for i in idx) / len(idx)
        ece += len(idx) / len(probs) * abs(conf - acc)
        table.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(idx), "mean_probability": round(conf, 3),
                      "observed_rate": round(acc, 3)})
    return round(ece, 4), table


def best_threshold(probs: list[float], gold: list[int]) -> float:
    best = (0.0, 0.5)
    for k in range(10, 91):
        t = k / 100
        f1 = prf([int(p >= t) for p in probs], gold)["f1"]
        if f1 > best[0] + 1e-9:
            best = (f1, t)
    return best[1]


def train(data: Path, out_dir: Path) -> dict:
    parts = load(data)
    weights, bias = fit(parts["train"])
    raw = Model(weights, bias, 1.0, 0.0, 0.5, VERSION)
    a, c = platt([raw.margin(t) for t, _ in parts["calib"]], [y for _, y in parts["calib"]])
    calibrated = Model(weights, bias, a, c, 0.5, VERSION)
    calib_probs = [calibrated.probability(t) for t, _ in parts["calib"]]
    threshold = best_threshold(calib_probs, [y for _, y in parts["calib"]])
    model = Model(weights, bias, a, c, threshold, VERSION)
    report: dict = {"threshold": threshold, "splits": {k: len(v) for k, v in parts.items()}}
    for name in ("calib", "test", "hx_val"):
        probs = [model.probability(t) for t, _ in parts[name]]
        gold = [y for _, y in parts[name]]
        ece, table = reliability(probs, gold)
        report[name] = {**prf([int(p >= threshold) for p in probs], gold), "ece": ece, "reliability": table}
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / Path(MODEL).name).write_text(model.to_json(), encoding="utf-8")
    meta = {
        "model": "logistic regression (scikit-learn liblinear, C=%s, balanced classes) over binary L2-normalised "
                 "word, word-pair and in-word character 4-gram features (classifier.features), min df %d; "
                 "Platt-calibrated" % (C, MIN_DF),
        "version": VERSION, "trained": str(date.today()), "features": len(weights),
        "trained_on": {
            "ISCA": "Jikeli, Karali, Miehling & Soemer (2023), 'Antisemitic Messages? A Guide to High-Quality "
                    "Annotation and a Labeled Dataset of Tweets' (ISCA, Indiana University), tweets on Jews and "
                    "Israel labelled under the IHRA working definition; the 70 % train part of the fixed split "
                    "(classifier.split_of). Licence CC BY 4.0: credit Jikeli et al.",
            "HateXplain": "Mathew et al. (2021), 'HateXplain: A Benchmark Dataset for Explainable Hate Speech "
                          "Detection', AAAI; the unanimous Jewish-target subset's train file. Licence MIT "
                          "(notice in data/LICENSES/HateXplain-MIT.txt).",
        },
        "calibrated_on": "ISCA calibration part (10 %), Platt scaling; threshold chosen there for F1",
        "held_out": "ISCA test part (20 %) and the HateXplain val file: never seen in training or calibration",
        "metrics": report,
        "retrain": "python -m historiograph.components.terms.train --data ../shared/data/hate",
    }
    (out_dir / "terms_statements.meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n",
                                                          encoding="utf-8")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=data_path("models"))
    args = parser.parse_args()
    report = train(args.data.resolve(), args.out)
    for name in ("calib", "test", "hx_val"):
        r = report[name]
        print(f"{name:7} P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f} ECE {r['ece']:.3f} (n {r['n']})")
    print(f"threshold {report['threshold']}  splits {report['splits']}")


if __name__ == "__main__":
    main()
