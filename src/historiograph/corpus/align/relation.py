"""The relation head: do two sentences make the same point, and do they agree?

Two stages, so that a corpus of a million sentences stays cheap:

1. **filter** — a small MLP over the two sentence vectors (``[u+v, |u−v|, u∘v, cos]``)
   and word cues (negation, opposite-stance words, overlap; ``cues.py``) gives a
   same-point probability for every candidate pair in microseconds, from vectors the
   corpus has already computed.
2. **pair model** — a MiniLM cross-encoder (``crossenc.py``) reads the two sentences
   together and gives calibrated probabilities of unrelated / agree / disagree. It runs
   only on pairs the filter keeps (``filter_floor``), the expensive part of alignment.

The decision keeps an explicit ``unclear`` band instead of guessing: a pair whose
same-point probability lies between ``unrelated_below`` and ``same_above``, or whose
agree-vs-disagree split is within ``stance_margin`` of even, is ``unclear``. The bands
and the temperature are stored in the model's sidecar JSON, fitted on training data only.

Both stages are symmetric in (a, b) up to the cross-encoder's word order; training
showed it both orders.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ... import data
from . import crossenc
from .cues import cue_matrix, vector_features

MODEL_NAME = "pair_head"
RELATIONS = ("agree", "disagree", "unrelated", "unclear")
_lock = threading.Lock()
_default: "RelationHead | None" = None


@dataclass(frozen=True)
class PairRelation:
    """``same_point``: probability the two make the same point; ``relation``: agree,
    disagree, unrelated or unclear; ``score``: calibrated probability of that relation
    (for unclear, of the likelier of agree and disagree); ``agree``/``disagree``: the
    calibrated probabilities of each (they sum to ``same_point`` after the pair model)."""

    same_point: float
    relation: str
    score: float
    agree: float
    disagree: float

    def to_dict(self) -> dict:
        return {"same_point": self.same_point, "relation": self.relation, "score": self.score,
                "agree": self.agree, "disagree": self.disagree}


def models_dir() -> Path:
    return data.path("models")


class Filter:
    """The stage-1 MLP (numpy only): standardise, ReLU hidden layer, sigmoid."""

    def __init__(self, mean, scale, w1, b1, w2, b2):
        self.mean, self.scale = mean.astype(np.float32), scale.astype(np.float32)
        self.w1, self.b1 = w1.astype(np.float32), b1.astype(np.float32)
        self.w2, self.b2 = w2.astype(np.float32), b2.astype(np.float32)

    @classmethod
    def load(cls, path: Path) -> "Filter":
        z = np.load(path)
        return cls(z["mean"], z["scale"], z["w1"], z["b1"], z["w2"], z["b2"])

    def save(self, path: Path) -> None:
        np.savez_compressed(path, mean=self.mean, scale=self.scale, w1=self.w1.astype(np.float16),
                            b1=self.b1, w2=self.w2, b2=self.b2)

    def features(self, u, v, a_texts, b_texts) -> np.ndarray:
        return np.hstack([vector_features(u, v), cue_matrix(a_texts, b_texts)])

    def prob(self, x: np.ndarray) -> np.ndarray:
        h = np.maximum((x - self.mean) / self.scale @ self.w1 + self.b1, 0.0)
        z = (h @ self.w2 + self.b2).ravel()
        return (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))).astype(np.float32)


class RelationHead:
    def __init__(self, directory: Path | None = None):
        directory = Path(directory) if directory else models_dir()
        self.directory = directory
        self.meta = json.loads((directory / f"{MODEL_NAME}.json").read_text())
        self.filter = Filter.load(directory / f"{MODEL_NAME}.filter.npz")
        self.weights = directory / f"{MODEL_NAME}.safetensors"
        d = self.meta["decision"]
        self.temperature = float(d["temperature"])
        self.filter_floor = float(d["filter_floor"])
        self.unrelated_below = float(d["unrelated_below"])
        self.same_above = float(d["same_above"])
        self.stance_margin = float(d["stance_margin"])

    # -- stage 1 --------------------------------------------------------------------------
    def same_point_filter(self, a_texts: Sequence[str], b_texts: Sequence[str],
                          u: np.ndarray | None = None, v: np.ndarray | None = None) -> np.ndarray:
        """Stage-1 same-point probabilities (vectors are embedded when not given)."""
        if not len(a_texts):
            return np.zeros(0, dtype=np.float32)
        u, v = _vectors(a_texts, u), _vectors(b_texts, v)
        return self.filter.prob(self.filter.features(u, v, a_texts, b_texts))

    # -- stage 2 --------------------------------------------------------------------------
    def pair_probs(self, a_texts: Sequence[str], b_texts: Sequence[str]) -> np.ndarray:
        """(n, 3) calibrated probabilities of (unrelated, agree, disagree) from the pair model."""
        if not len(a_texts):
            return np.zeros((0, 3), dtype=np.float32)
        tok, model = crossenc.load(self.weights)
        logits = crossenc.predict_logits(tok, model, a_texts, b_texts)
        return _softmax(logits / self.temperature)

    def decide(self, same_point: float, agree: float, disagree: float) -> PairRelation:
        if same_point < self.unrelated_below:
            return PairRelation(same_point, "unrelated", 1.0 - same_point, agree, disagree)
        split = agree / (agree + disagree) if agree + disagree > 0 else 0.5
        best, p = ("agree", agree) if split >= 0.5 else ("disagree", disagree)
        if same_point < self.same_above or abs(split - 0.5) < self.stance_margin:
            return PairRelation(same_point, "unclear", max(agree, disagree), agree, disagree)
        return PairRelation(same_point, best, p, agree, disagree)

    def predict(self, a_texts: Sequence[str], b_texts: Sequence[str],
                u: np.ndarray | None = None, v: np.ndarray | None = None,
                *, rerank: bool = True) -> list[PairRelation]:
        """Relations of the pairs (a_texts[i], b_texts[i]). With ``rerank=False`` only the
        filter runs: a pair it keeps is then ``unclear`` (same point, stance unknown)."""
        a_texts, b_texts = list(a_texts), list(b_texts)
        if len(a_texts) != len(b_texts):
            raise ValueError(f"{len(a_texts)} a-texts for {len(b_texts)} b-texts")
        p1 = self.same_point_filter(a_texts, b_texts, u, v)
        out: list[PairRelation | None] = [None] * len(a_texts)
        keep = np.flatnonzero(p1 >= self.filter_floor) if rerank else np.zeros(0, dtype=int)
        if len(keep):
            probs = self.pair_probs([a_texts[i] for i in keep], [b_texts[i] for i in keep])
            for i, (_, pa, pd) in zip(keep, probs):
                out[i] = self.decide(float(pa + pd), float(pa), float(pd))
        for i, p in enumerate(p1):
            if out[i] is None:
                p = float(p)
                if rerank or p < self.unrelated_below:  # the filter's own no is final
                    out[i] = PairRelation(p, "unrelated", 1.0 - p, p / 2, p / 2)
                else:
                    out[i] = PairRelation(p, "unclear", p / 2, p / 2, p / 2)
        return out  # type: ignore[return-value]


def default_head() -> RelationHead:
    """The shipped head, loaded once per process."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = RelationHead()
    return _default


def relate(a: str, b: str) -> PairRelation:
    """One pair, with the shipped head (embeds both sentences)."""
    return default_head().predict([a], [b])[0]


def _vectors(texts: Sequence[str], given: np.ndarray | None) -> np.ndarray:
    if given is not None:
        given = np.asarray(given, dtype=np.float32)
        if given.shape[0] != len(texts):
            raise ValueError(f"{given.shape[0]} vectors for {len(texts)} texts")
        return given
    from .embed import embed

    return embed(texts)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
