"""Scoring pair judgements against PERSPECTRUM / ArgKP gold (used by ``train`` and
``benchmarks/claims.py``), and the peer: MiniLM cosine with a negation heuristic.

A judgement is forced to one of agree / disagree / unrelated for scoring: an ``unclear``
pair counts as the likelier of agree and disagree when its same-point probability is at
least 0.5, else as unrelated; the share of unclear pairs is reported beside the scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

STANCE = ("agree", "disagree")


def f1(gold: Sequence, pred: Sequence, label) -> float:
    tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
    fp = sum(1 for g, p in zip(gold, pred) if g != label and p == label)
    fn = sum(1 for g, p in zip(gold, pred) if g == label and p != label)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Mean F1 of agree and disagree over the given pairs (labels present in gold only)."""
    labels = [lab for lab in STANCE if lab in set(gold)]
    return sum(f1(gold, pred, lab) for lab in labels) / len(labels) if labels else 0.0


def forced(relation: str, same_point: float, agree: float, disagree: float) -> str:
    if relation != "unclear":
        return relation
    if same_point < 0.5:
        return "unrelated"
    return "agree" if agree >= disagree else "disagree"


def score(rows: list[dict], judged: list[dict]) -> dict:
    """``judged[i]``: {"same_point": bool, "relation": forced label, "unclear": bool} for rows[i]."""
    out: dict[str, float | int] = {"pairs": len(rows)}
    if rows and "same_point" in rows[0]:
        out["same_point_f1"] = round(f1([bool(r["same_point"]) for r in rows],
                                        [bool(j["same_point"]) for j in judged], True), 4)
    if rows and "relation" in rows[0]:
        for name, keep in (("claim_persp", lambda r: r.get("kind") == "claim_persp"), ("all", lambda r: True)):
            idx = [i for i, r in enumerate(rows) if r["relation"] in STANCE and keep(r)]
            if not idx:
                continue
            gold = [rows[i]["relation"] for i in idx]
            pred = [judged[i]["relation"] for i in idx]
            out[f"stance_macro_f1_{name}"] = round(macro_f1(gold, pred), 4)
            out[f"stance_pairs_{name}"] = len(idx)
            decided = [i for i in idx if not judged[i].get("unclear")]
            out[f"unclear_share_{name}"] = round(1 - len(decided) / len(idx), 4)
            if decided:
                out[f"stance_macro_f1_{name}_decided"] = round(macro_f1(
                    [rows[i]["relation"] for i in decided], [judged[i]["relation"] for i in decided]), 4)
    return out


def judge(rows: list[dict], head=None, vectors: dict[str, np.ndarray] | None = None) -> list[dict]:
    """The shipped head's judgements of ``rows`` (each {"a", "b", ...})."""
    from .embed import embed
    from .relation import default_head

    head = head or default_head()
    if vectors is None:
        texts = sorted({t for r in rows for t in (r["a"], r["b"])})
        vectors = dict(zip(texts, embed(texts)))
    a = [r["a"] for r in rows]
    b = [r["b"] for r in rows]
    rel = head.predict(a, b, np.stack([vectors[t] for t in a]), np.stack([vectors[t] for t in b]))
    return [{"same_point": x.same_point >= 0.5,
             "relation": forced(x.relation, x.same_point, x.agree, x.disagree),
             "score": round(x.score, 4), "unclear": x.relation == "unclear",
             "same_point_prob": round(x.same_point, 4)} for x in rel]


class NegationPeer:
    """MiniLM cosine ≥ threshold → same point; then disagree when exactly one of the two
    sentences is negated (odd number of negation cues), else agree. The threshold is the one
    that maximises same-point F1 on the training pairs."""

    def __init__(self, threshold: float = 0.5):
        self.threshold = threshold

    @staticmethod
    def cosines(rows, vectors) -> np.ndarray:
        return np.array([float(vectors[r["a"]] @ vectors[r["b"]]) for r in rows])

    def fit(self, rows: list[dict], vectors) -> "NegationPeer":
        cos = self.cosines(rows, vectors)
        gold = [bool(r["same_point"]) for r in rows]
        grid = np.round(np.arange(0.05, 0.95, 0.01), 2)
        self.threshold = float(max(grid, key=lambda t: f1(gold, list(cos >= t), True)))
        return self

    def judge(self, rows: list[dict], vectors) -> list[dict]:
        from .cues import negations, words

        out = []
        for r, c in zip(rows, self.cosines(rows, vectors)):
            if c < self.threshold:
                out.append({"same_point": False, "relation": "unrelated", "score": round(1 - float(c), 4)})
                continue
            flip = negations(words(r["a"])) % 2 != negations(words(r["b"])) % 2
            out.append({"same_point": True, "relation": "disagree" if flip else "agree", "score": round(float(c), 4)})
        return out


def evaluate_dev(model_dir: Path | None = None, data_dir: Path | None = None) -> dict:
    """Dev figures of the head in ``model_dir`` (default: the shipped one)."""
    from .datasets import split
    from .relation import RelationHead

    head = RelationHead(model_dir) if model_dir else None
    persp, argkp = split("dev", data_dir)
    return {"perspectrum_dev": score(persp, judge(persp, head)), "argkp_dev": score(argkp, judge(argkp, head))}
