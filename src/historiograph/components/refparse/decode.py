"""Constrained decoding: a field that has ended does not open again.

Most references name their author, title, container, editor, publisher and so on in
one run each. In AnyStyle's core.xml 48 of 1,514 references repeat a field at all, and
nearly all of those repeat a date, a volume or a note ("vol. 2 … vol. ii", "1998 …
reprinted 2004"). The CRF's Viterbi path cannot know this (it sees only neighbouring
labels), so now and then it splits a title around a stray author token or resumes a
container after the editors. When its best path reopens a field that the training
data keeps in one run, we decode again on the model's own scores (state features and
transitions) with a beam search that keeps such fields closed once they end.

Which fields stay in one run is learned from the training data (`single_run_labels`)
and stored beside the model, so a model trained on other conventions (Linked Books,
whose archival references repeat their parts) gets its own set."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable, Sequence

import pycrfsuite

BEAM = 16
MAX_REOPEN_RATE = 0.01  # a label reopened in at least 1 % of the references that have it may reopen


def runs(labels: Iterable[str]) -> list[str]:
    """The label of each maximal run, in order."""
    out: list[str] = []
    for label in labels:
        if not out or out[-1] != label:
            out.append(label)
    return out


def single_run_labels(sequences: Iterable[Sequence[str]]) -> frozenset[str]:
    """Labels that (almost) never come back once their run has ended in the training data."""
    having: Counter[str] = Counter()
    reopened: Counter[str] = Counter()
    for labels in sequences:
        r = runs(labels)
        counts = Counter(r)
        having.update(counts.keys())
        reopened.update(label for label, n in counts.items() if n > 1)
    return frozenset(label for label, n in having.items() if reopened[label] < MAX_REOPEN_RATE * n)


def reopens(labels: Sequence[str], single_run: frozenset[str]) -> bool:
    """Does a field that should stay in one run start a second one?"""
    seen: set[str] = set()
    for label in runs(labels):
        if label in seen and label in single_run:
            return True
        seen.add(label)
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

    def decode(self, features: list[list[str]], single_run: frozenset[str], beam: int = BEAM) -> list[str]:
        """The best labelling in which no single-run field reopens (beam search)."""
        labels = self.labels
        once = [label in single_run for label in labels]
        # (score, labels so far, closed fields, current label index)
        hyps: list[tuple[float, tuple[int, ...], frozenset[int], int]] = [(0.0, (), frozenset(), -1)]
        for row in self.emissions(features):
            best: dict[tuple[int, frozenset[int]], tuple[float, tuple[int, ...], frozenset[int], int]] = {}
            for score, seq, closed, cur in hyps:
                for j, weight in enumerate(row):
                    if j != cur and j in closed:
                        continue
                    shut = closed | {cur} if cur >= 0 and j != cur and once[cur] else closed
                    s = score + weight + (self.trans[cur][j] if cur >= 0 else 0.0)
                    key = (j, shut)
                    if key not in best or best[key][0] < s:
                        best[key] = (s, seq + (j,), shut, j)
            hyps = sorted(best.values(), key=lambda h: -h[0])[:beam]
        return [labels[j] for j in hyps[0][1]] if hyps else []
