"""A calibrated confidence for each attribution, and the filter the views use.

The confidence is a logistic model (Platt scaling) over a few features of the record: what
kind of cue it has, what kind of source, what form its content takes, whether it is negated
or hypothetical, nested in a quotation, a first person. The weights are data
(`data/attribution_confidence.tsv`, which says what they were fit on); refit them with
`python benchmarks/attribution.py --fit-confidence`.

`DEFAULT_THRESHOLD` is the confidence below which `quotes` and `who` hide a record by
default (and say how many they hid); `filter_attributions` is the one function that does it."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

from ..data import load_tsv
from ..model import Attribution
from .attribution_draft import Draft

DEFAULT_THRESHOLD = 0.5

CORE_SPEECH = frozenset({
    "say", "write", "argue", "note", "claim", "state", "assert", "contend", "insist", "observe", "explain", "recall",
    "recount", "conclude", "report", "describe", "tell", "add", "declare", "acknowledge", "admit", "deny", "suggest",
    "emphasize", "emphasise", "stress", "maintain", "point", "remark", "affirm", "clarify", "testify", "allege",
    "warn", "complain", "reply", "answer", "respond", "ask", "insist", "concede", "believe", "think"})
HYPOTHETICAL = frozenset({"could", "would", "might", "may", "can", "should", "must", "will", "shall"})


def features(d: Draft) -> dict[str, float]:
    """The record's features (names match the rows of attribution_confidence.tsv)."""
    f: dict[str, float] = {"bias": 1.0}
    lemma = d.extra.get("lemma", "")
    if d.form in ("according_to", "in_words", "as_notes", "label", "forum"):
        f[f"form:{d.form}"] = 1.0
    elif d.form == "colon" or d.extra.get("block"):
        f["form:block"] = 1.0
    f["cue:core" if lemma in CORE_SPEECH else f"cue:{d.cue_type}"] = 1.0
    source = d.source_class
    if source == "pronoun":
        source = "pronoun_resolved" if d.speaker else "pronoun_open"
    f[f"source:{source}"] = 1.0
    f[f"content:{d.content_form}"] = 1.0
    if d.negated:
        f["negated"] = 1.0
    if d.modality in HYPOTHETICAL:
        f["hypothetical"] = 1.0
    if d.nested_in is not None:
        f["nested"] = 1.0
    if d.extra.get("voice") == "author":
        f["voice:author"] = 1.0
    elif d.extra.get("voice") == "quoted":
        f["voice:quoted"] = 1.0
    if d.extra.get("generic"):
        f["generic"] = 1.0
    if d.extra.get("inverted"):
        f["inverted"] = 1.0
    if d.content and sum(e - s for s, e in d.content) < 25:
        f["content:short"] = 1.0
    return f


@lru_cache(maxsize=None)
def weights() -> dict[str, float]:
    return {r["feature"]: float(r["weight"]) for r in load_tsv("attribution_confidence.tsv")}


def confidence(d: Draft, w: dict[str, float] | None = None) -> float:
    w = weights() if w is None else w
    z = sum(w.get(k, 0.0) * v for k, v in features(d).items())
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 3)


class Shown(NamedTuple):
    attributions: list[Attribution]
    hidden: int  # how many the filter left out


def filter_attributions(attributions: Iterable[Attribution], min_confidence: float = DEFAULT_THRESHOLD,
                        kinds: Sequence[str] | None = None) -> Shown:
    """The attributions a reader is shown by default: confidence at least `min_confidence`
    (a record without a confidence is shown) and, if `kinds` is given, of those kinds
    (`direct`, `indirect`, `mixed`, `according_to`, `block`, `thought`, `first_person`)."""
    shown, hidden = [], 0
    for a in attributions:
        if (a.confidence is None or a.confidence >= min_confidence) and (not kinds or a.kind in kinds):
            shown.append(a)
        else:
            hidden += 1
    return Shown(shown, hidden)
