"""A small classifier for antisemitic statements with no marked word (conspiracy, control and
dual-loyalty frames): logistic regression over word and character features, weights and
vocabulary shipped as JSON in data/models/terms_statements.json (no pickle), Platt-calibrated on a
held-out part of its training data. Trained by ``python -m historiograph.components.terms.train``;
the sidecar data/models/terms_statements.meta.json says on what, under which licences, and how well.

Features are computed here and nowhere else, so training and use cannot drift apart: lower-cased
words, word pairs, and character 4-grams inside words (which see through "j3ws" and glued words).
A vector is binary and L2-normalised over the features the model knows; the score is
sigmoid(a · (w·x + b) + c), the calibrated probability."""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...data import path as data_path

MODEL = "models/terms_statements.json"
URLS = re.compile(r"https?://\S+|www\.\S+")
HANDLES = re.compile(r"@\w+|<user>")
WORDS = re.compile(r"[#]?[^\W_]+(?:['’][^\W_]+)?")
ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}


def normalise(text: str) -> str:
    for a, b in ENTITIES.items():
        text = text.replace(a, b)
    text = URLS.sub(" url ", text)
    text = HANDLES.sub(" @user ", text)
    return text.lower()


def features(text: str) -> set[str]:
    words = WORDS.findall(normalise(text))
    out = {"w:" + w for w in words}
    out.update(f"b:{a} {b}" for a, b in zip(words, words[1:]))
    for w in words:
        if len(w) >= 4:
            padded = f"<{w}>"
            out.update("c:" + padded[i:i + 4] for i in range(len(padded) - 3))
    return out


def group_key(text: str) -> str:
    """Texts that differ only in links, handles, case and punctuation (retweets, copies) share a key,
    so a copy never sits on both sides of a split."""
    return re.sub(r"[^a-z0-9]+", "", re.sub(r"\brt\b", "", normalise(text).replace("url", "").replace("@user", "")))


def split_of(text: str) -> str:
    """The fixed split: 20 % test (held out for the benchmark), 10 % calibration, 70 % train,
    by a hash of the text's group key (never by position, so a copy cannot leak)."""
    bucket = int(hashlib.sha1(group_key(text).encode()).hexdigest()[:8], 16) % 10
    return "test" if bucket < 2 else "calib" if bucket == 2 else "train"


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    a: float  # Platt scaling: p = sigmoid(a * margin + c)
    c: float
    threshold: float
    version: str

    def margin(self, text: str) -> float:
        feats = [f for f in features(text) if f in self.weights]
        if not feats:
            return self.bias
        return self.bias + sum(self.weights[f] for f in feats) / math.sqrt(len(feats))

    def probability(self, text: str) -> float:
        z = self.a * self.margin(text) + self.c
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0

    def to_json(self) -> str:
        return json.dumps({"version": self.version, "bias": self.bias, "platt": [self.a, self.c],
                           "threshold": self.threshold,
                           "weights": {k: round(v, 5) for k, v in sorted(self.weights.items())}},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, payload: str) -> "Model":
        data = json.loads(payload)
        a, c = data["platt"]
        return cls(dict(data["weights"]), float(data["bias"]), float(a), float(c), float(data["threshold"]),
                   str(data["version"]))


@lru_cache(maxsize=1)
def model() -> Model | None:
    """The shipped model, or None when the package has none (the layer then reports no statements)."""
    p: Path = data_path(MODEL)
    if not p.exists():
        return None
    return Model.from_json(p.read_text(encoding="utf-8"))
