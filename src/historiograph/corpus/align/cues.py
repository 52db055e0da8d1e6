"""Word-level cues for a pair of sentences: negation, opposite-stance words, overlap.

The lists are data (``data/stance_cues.tsv``, with their sources). Every feature is
symmetric in the two sentences, so the relation of (a, b) is that of (b, a).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from ... import data

_WORD = re.compile(r"[a-z]+(?:n't|'t)?|n't")
STOP = frozenset("""a an the of to in on at by for from with and or but as is are was were be been being
it its this that these those there their they them he she his her we our you your i me my
which who whom what when where why how than then so such also into about over under more most
will would should could can may might must do does did has have had not no""".split())
N_FEATURES = 9


@lru_cache(maxsize=1)
def lexicon() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    neg: set[str] = set()
    opposite: dict[str, set[str]] = {}
    for row in data.load_tsv("stance_cues.tsv"):
        if row["kind"] == "negation":
            neg.add(row["cue"])
        else:
            x, y = row["cue"].split("|")
            opposite.setdefault(x, set()).add(y)
            opposite.setdefault(y, set()).add(x)
    return frozenset(neg), {k: frozenset(v) for k, v in opposite.items()}


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def negations(ws: list[str]) -> int:
    neg, _ = lexicon()
    return sum(1 for w in ws if w in neg or w.endswith("n't"))


def pair_cues(a: str, b: str) -> np.ndarray:
    """[neg parity differs, |neg a − neg b|, any negation, opposite-word pairs across a/b,
    content-word Jaccard, share of the shorter's content words in the longer, length ratio,
    log total length, shared-word count (log)]"""
    wa, wb = words(a), words(b)
    na, nb = negations(wa), negations(wb)
    _, opposite = lexicon()
    sa, sb = set(wa), set(wb)
    opp = sum(1 for w in sa if opposite.get(w, frozenset()) & (sb - sa))
    opp += sum(1 for w in sb if opposite.get(w, frozenset()) & (sa - sb))
    ca, cb = sa - STOP, sb - STOP
    inter = len(ca & cb)
    union = len(ca | cb) or 1
    shorter = min(len(ca), len(cb)) or 1
    la, lb = max(len(wa), 1), max(len(wb), 1)
    return np.array([float((na % 2) != (nb % 2)), float(abs(na - nb)), float(na + nb > 0),
                     float(min(opp, 3)), inter / union, inter / shorter, min(la, lb) / max(la, lb),
                     np.log1p(la + lb), np.log1p(inter)], dtype=np.float32)


def cue_matrix(a_texts, b_texts) -> np.ndarray:
    if not len(a_texts):
        return np.zeros((0, N_FEATURES), dtype=np.float32)
    return np.stack([pair_cues(a, b) for a, b in zip(a_texts, b_texts)])


def vector_features(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """[u+v, |u−v|, u∘v, cos]: symmetric features of two normalised vectors (n, 3·d+1)."""
    u = np.asarray(u, dtype=np.float32)
    v = np.asarray(v, dtype=np.float32)
    return np.hstack([u + v, np.abs(u - v), u * v, (u * v).sum(1, keepdims=True)])
