"""The relation head: do two sentences make the same point, and do they agree?

Two small MLPs (numpy at run time) over what alignment has already computed, so judging
a candidate pair costs microseconds and a corpus of a million sentences stays cheap:

- **same point**: over the two sentence vectors (``[u+v, |u−v|, u∘v, cos]``) and word
  cues (negation, opposite-stance words, overlap; ``cues.py``), trained on every
  PERSPECTRUM and ArgKP train pair;
- **stance**: disagree vs agree, over the vector features, trained on PERSPECTRUM's
  claim–perspective pairs (the only pairs with both labels) and its paraphrase pairs.

The decision keeps an explicit ``unclear`` band instead of guessing: a pair whose
same-point probability lies between ``unrelated_below`` and ``same_above``, or whose
disagree probability is within ``stance_margin`` of one half, is ``unclear``. The bands
are stored in the model's sidecar JSON, fixed before any dev figure was seen.

Every feature is symmetric in (a, b), so relate(a, b) == relate(b, a).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ... import data
from .cues import cue_matrix, vector_features

MODEL_NAME = "pair_head"
RELATIONS = ("agree", "disagree", "unrelated", "unclear")
_lock = threading.Lock()
_default: "RelationHead | None" = None


@dataclass(frozen=True)
class PairRelation:
    """``same_point``: probability the two make the same point; ``relation``: agree,
    disagree, unrelated or unclear; ``score``: probability of that relation (for unclear,
    of the likelier of agree and disagree); ``agree``/``disagree``: the probabilities of
    each (same point and that stance; they sum to ``same_point``)."""

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


class Mlp:
    """One hidden ReLU layer and a sigmoid, over standardised features (numpy only).
    ``cues``: whether the word cues are part of the features."""

    def __init__(self, mean, scale, w1, b1, w2, b2, cues: bool = True):
        self.mean, self.scale = np.asarray(mean, np.float32), np.asarray(scale, np.float32)
        self.w1, self.b1 = np.asarray(w1, np.float32), np.asarray(b1, np.float32)
        self.w2, self.b2 = np.asarray(w2, np.float32), np.asarray(b2, np.float32)
        self.cues = cues

    @classmethod
    def load(cls, path: Path) -> "Mlp":
        z = np.load(path)
        return cls(z["mean"], z["scale"], z["w1"], z["b1"], z["w2"], z["b2"], bool(z["cues"]))

    def save(self, path: Path) -> None:
        np.savez_compressed(path, mean=self.mean, scale=self.scale, w1=self.w1.astype(np.float16),
                            b1=self.b1, w2=self.w2, b2=self.b2, cues=np.array(self.cues))

    def features(self, u, v, a_texts, b_texts) -> np.ndarray:
        x = vector_features(u, v)
        return np.hstack([x, cue_matrix(a_texts, b_texts)]) if self.cues else x

    def prob(self, x: np.ndarray) -> np.ndarray:
        h = np.maximum((x - self.mean) / self.scale @ self.w1 + self.b1, 0.0)
        z = (h @ self.w2 + self.b2).ravel()
        return (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))).astype(np.float32)


class RelationHead:
    def __init__(self, directory: Path | None = None):
        directory = Path(directory) if directory else models_dir()
        self.directory = directory
        self.meta = json.loads((directory / f"{MODEL_NAME}.json").read_text())
        self.same = Mlp.load(directory / f"{MODEL_NAME}.same.npz")
        self.stance = Mlp.load(directory / f"{MODEL_NAME}.stance.npz")
        d = self.meta["decision"]
        self.unrelated_below = float(d["unrelated_below"])
        self.same_above = float(d["same_above"])
        self.stance_margin = float(d["stance_margin"])

    def same_point_prob(self, a_texts: Sequence[str], b_texts: Sequence[str],
                        u: np.ndarray | None = None, v: np.ndarray | None = None) -> np.ndarray:
        """Same-point probabilities (vectors are embedded when not given)."""
        if not len(a_texts):
            return np.zeros(0, dtype=np.float32)
        u, v = _vectors(a_texts, u), _vectors(b_texts, v)
        return self.same.prob(self.same.features(u, v, a_texts, b_texts))

    def decide(self, same_point: float, p_disagree: float) -> PairRelation:
        agree, disagree = same_point * (1.0 - p_disagree), same_point * p_disagree
        if same_point < self.unrelated_below:
            return PairRelation(same_point, "unrelated", 1.0 - same_point, agree, disagree)
        best, p = ("disagree", disagree) if p_disagree >= 0.5 else ("agree", agree)
        if same_point < self.same_above or abs(p_disagree - 0.5) < self.stance_margin:
            return PairRelation(same_point, "unclear", p, agree, disagree)
        return PairRelation(same_point, best, p, agree, disagree)

    def predict(self, a_texts: Sequence[str], b_texts: Sequence[str],
                u: np.ndarray | None = None, v: np.ndarray | None = None) -> list[PairRelation]:
        """Relations of the pairs (a_texts[i], b_texts[i]); ``u``/``v`` their vectors."""
        a_texts, b_texts = list(a_texts), list(b_texts)
        if len(a_texts) != len(b_texts):
            raise ValueError(f"{len(a_texts)} a-texts for {len(b_texts)} b-texts")
        if not a_texts:
            return []
        u, v = _vectors(a_texts, u), _vectors(b_texts, v)
        same = self.same.prob(self.same.features(u, v, a_texts, b_texts))
        stance = self.stance.prob(self.stance.features(u, v, a_texts, b_texts))
        return [self.decide(float(s), float(d)) for s, d in zip(same, stance)]


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
