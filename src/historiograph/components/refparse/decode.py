"""Constrained decoding: a field that has ended does not open again.

In AnyStyle's core.xml a reference names its author, title, container, editor,
publisher and so on in one run each: of 1,514 references, 48 repeat a field at all,
and nearly all of those repeat a date, a volume, a page or a note ("vol. 2 … vol. ii",
"1998 … reprinted 2004"). The CRF's Viterbi path cannot know this (it only sees
neighbouring labels), so now and then it splits a title around a stray author token
or opens a place at the start of an author list. When its best path reopens a field,
we decode again on the model's own scores (state features and transitions) with a
beam search that forbids reopening; this runs for about one reference in twenty."""

from __future__ import annotations

from collections import defaultdict

import pycrfsuite

REOPENABLE = frozenset({"issued", "note", "volume", "page", "other"})
BEAM = 16


def reopens(labels: list[str]) -> bool:
    """Does a field other than a date, note, volume or page start a second run?"""
    closed: set[str] = set()
    prev = None
    for label in labels:
        if label != prev:
            if label in closed:
                return True
            if prev is not None and prev not in REOPENABLE:
                closed.add(prev)
            prev = label
    return False


class Scores:
    """A trained model's weights, read once: state features by attribute, transitions."""

    def __init__(self, tagger: pycrfsuite.Tagger):
        info = tagger.info()
        self.labels = sorted(tagger.labels())
        index = {label: i for i, label in enumerate(self.labels)}
        self.state: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for (attr, label), weight in info.state_features.items():
            self.state[attr].append((index[label], weight))
        self.trans = [[info.transitions.get((a, b), 0.0) for b in self.labels] for a in self.labels]

    def emissions(self, features: list[list[str]]) -> list[list[float]]:
        out = []
        for attrs in features:
            row = [0.0] * len(self.labels)
            for attr in attrs:
                for j, weight in self.state.get(attr, ()):
                    row[j] += weight
            out.append(row)
        return out

    def decode(self, features: list[list[str]], beam: int = BEAM) -> list[str]:
        """The best labelling in which no closed field reopens (beam search)."""
        emit = self.emissions(features)
        labels = self.labels
        # (score, labels so far, closed fields, current label index)
        hyps: list[tuple[float, tuple[int, ...], frozenset[int], int]] = [(0.0, (), frozenset(), -1)]
        for row in emit:
            best: dict[tuple[int, frozenset[int]], tuple[float, tuple[int, ...], frozenset[int], int]] = {}
            for score, seq, closed, cur in hyps:
                for j, weight in enumerate(row):
                    if j != cur and j in closed:
                        continue
                    shut = closed | {cur} if cur >= 0 and j != cur and labels[cur] not in REOPENABLE else closed
                    s = score + weight + (self.trans[cur][j] if cur >= 0 else 0.0)
                    key = (j, shut)
                    if key not in best or best[key][0] < s:
                        best[key] = (s, seq + (j,), shut, j)
            hyps = sorted(best.values(), key=lambda h: -h[0])[:beam]
        return [labels[j] for j in hyps[0][1]] if hyps else []
