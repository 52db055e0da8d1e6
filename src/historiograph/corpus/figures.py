"""Comparable figures across documents: the same quantity (a death toll, a population, a
share) given by different texts and sources, side by side with who gives each figure and
on what footing.

A pure function over quantities already found: no store, no documents. Figures are
comparable when they count the same thing (the same measure: deaths, victims and killings
are one measure, executions another, people another …), are about the same subject (they
share a name or an event word of their claims: Stalin, the Gulag, famine, 1937 …) and lie
within two orders of magnitude of each other. Groups are formed by single linkage over
those shared words, so the cost grows with the number of figures, not its square."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping

from ..data import load_tsv
from ..model import Attribution, Claim, Document, Quantity, record_from_dict

MEASURES = {"deaths": "deaths", "victims": "deaths", "killings": "deaths", "bodies": "deaths",
            "casualties": "deaths", "executions": "executions"}
MAX_ORDERS = 2
POSSESSIVE = re.compile(r"[’']s?$")
WORD = re.compile(r"[^\W\d_][\w’']*|\b1[0-9]\d\d\b|\b20\d\d\b")
SKIP_FAMILIES = ("duration",)  # how long something lasted is seldom a figure texts dispute
MIN_MAGNITUDE = {"persons": 2, "households": 2}  # "three men", "24 people pictured": no disputed head count


@dataclass(frozen=True)
class FigureItem:
    """One quantity as the caller knows it: the document, the record, and its claim's text,
    footing and who asserts it."""

    document: str
    quantity: Quantity
    claim_text: str = ""
    footing: str | None = None
    asserted_by: str | None = None
    text: str | None = None  # the figure as written
    context: str = ""  # the text around it (its paragraph): more words to tell what it is about


@dataclass(frozen=True)
class Figure:
    document: str
    quantity: str  # Quantity id
    spans: tuple[tuple[int, int], ...]
    text: str | None
    low: float | None
    high: float | None
    qualifier: str
    magnitude: int | None
    unit: str | None
    counted: str | None
    given_by: str | None  # who gives the figure: the source named beside it, or who asserts the claim
    asserted_by: str | None
    footing: str | None  # cited when the figure has its own reference, else its claim's footing
    supported_by: tuple[str, ...]
    claim_text: str


@dataclass(frozen=True)
class FigureGroup:
    measure: str  # deaths, executions, people, percent …
    family: str | None
    topic: tuple[str, ...]  # the words its figures share, most shared first
    figures: tuple[Figure, ...] = field(default_factory=tuple)

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({f.document for f in self.figures}))

    @property
    def label(self) -> str:
        return f"{self.measure}: {', '.join(self.topic[:3])}" if self.topic else self.measure

    def to_dict(self) -> dict[str, Any]:
        return {"measure": self.measure, "family": self.family, "topic": list(self.topic), "label": self.label,
                "documents": list(self.documents), "figures": [asdict(f) for f in self.figures]}


@lru_cache(maxsize=None)
def _words(kind: str) -> frozenset[str]:
    return frozenset(r["word"] for r in load_tsv("figure_topics.tsv") if r["kind"] == kind)


def topic_words(text: str) -> frozenset[str]:
    """Names (capitalised words), event words and years of a claim: what a figure is about."""
    out = set()
    for m in WORD.finditer(text):
        w = m.group()
        low = POSSESSIVE.sub("", w.lower()) if w[0].isalpha() else w
        if low in _words("stop") or len(low) < 3:
            continue
        if w[0].isdigit() or w[0].isupper() or low in _words("event"):
            out.add(low)
    return frozenset(out)


def measure(q: Quantity) -> str | None:
    return MEASURES.get(q.unit or "", q.unit) if q.unit else None


def _item(raw: FigureItem | Mapping[str, Any]) -> FigureItem:
    if isinstance(raw, FigureItem):
        return raw
    q = raw["quantity"]
    q = q if isinstance(q, Quantity) else record_from_dict({"type": "quantity", **dict(q)})
    return FigureItem(raw["document"], q, raw.get("claim_text") or "", raw.get("footing"), raw.get("asserted_by"),
                      raw.get("text"), raw.get("context") or "")


def items_from_document(doc: Document) -> list[FigureItem]:
    """The FigureItems of one analysed document (its quantities and their claims)."""
    claims = {c.id: c for c in doc.layer("claims") if isinstance(c, Claim)}
    quoted = [a for a in doc.layer("attributions") if isinstance(a, Attribution) and a.content]
    out = []
    for q in doc.layer("quantities"):
        if not isinstance(q, Quantity):
            continue
        c = claims.get(q.claim) if q.claim else None
        a, b = doc.text.rfind("\n", 0, q.start) + 1, doc.text.find("\n", q.end)
        context = doc.text[a:b if b != -1 else len(doc.text)]
        if c is None:  # a figure in someone else's words outside any claim (a forum post's `>` quotation)
            att = next((x for x in quoted if any(s <= q.start and q.end <= e for s, e in x.content)), None)
            who = (att.speaker or " ".join(doc.text[s:e] for s, e in att.source) or None) if att else None
            out.append(FigureItem(doc.id, q, context, "quoted" if att else None, who, doc.text[q.start:q.end], context))
            continue
        out.append(FigureItem(doc.id, q, doc.text[c.start:c.end], c.footing, c.asserted_by, doc.text[q.start:q.end],
                              context))
    return out


def _figure(it: FigureItem) -> Figure:
    q = it.quantity
    return Figure(it.document, q.id, q.spans, it.text, q.low, q.high, q.qualifier, q.magnitude, q.unit, q.counted,
                  q.given_by or it.asserted_by, it.asserted_by, "cited" if q.supported_by else it.footing,
                  q.supported_by, it.claim_text)


class _Sets:
    """Union-find that keeps each set's span of magnitudes within MAX_ORDERS (a chain of
    near figures must not join 18 members to 400,000 people)."""

    def __init__(self, mags: list[int | None]):
        self.parent = list(range(len(mags)))
        self.span = [(m, m) for m in mags]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        (la, ha), (lb, hb) = self.span[ra], self.span[rb]
        if la is None or lb is None or max(ha, hb) - min(la, lb) > MAX_ORDERS:
            return
        self.parent[ra] = rb
        self.span[rb] = (min(la, lb), max(ha, hb))


def _link(items: list[FigureItem], topics: list[frozenset[str]]) -> _Sets:
    """Join figures of one measure that share a topic word, nearest magnitudes first."""
    sets = _Sets([it.quantity.magnitude for it in items])
    by_word: dict[str, list[int]] = {}
    for k, words in enumerate(topics):
        for w in words:
            by_word.setdefault(w, []).append(k)
    pairs = []
    for members in by_word.values():
        members.sort(key=lambda k: items[k].quantity.magnitude if items[k].quantity.magnitude is not None else -99)
        for a, b in zip(members, members[1:]):
            ma, mb = items[a].quantity.magnitude, items[b].quantity.magnitude
            if ma is not None and mb is not None and abs(ma - mb) <= MAX_ORDERS:
                pairs.append((abs(ma - mb), a, b))
    for _, a, b in sorted(pairs):
        sets.join(a, b)
    return sets


def comparable_figures(items: Iterable[FigureItem | Mapping[str, Any]], min_figures: int = 2,
                       min_documents: int = 1, skip_families: tuple[str, ...] = SKIP_FAMILIES) -> list[FigureGroup]:
    """Group figures that measure the same thing. ``items``: FigureItem records (or dicts with
    the same keys; ``quantity`` a Quantity or its ``to_dict()``). Figures with no unit are left
    out (what they count is unknown). Groups with fewer than ``min_figures`` figures or
    ``min_documents`` documents are dropped, and so are the families in ``skip_families``. Strongest first: most documents, most distinct
    sources, widest spread of values."""
    by_measure: dict[str, list[FigureItem]] = {}
    for raw in items:
        it = _item(raw)
        m = measure(it.quantity)
        q = it.quantity
        small = q.magnitude is not None and q.magnitude < MIN_MAGNITUDE.get(q.family or "", -99)
        if m is not None and q.family not in skip_families and not small:
            by_measure.setdefault(m, []).append(it)
    groups = []
    for m, members in by_measure.items():
        topics = [topic_words(it.claim_text) | topic_words(it.context) for it in members]
        sets = _link(members, topics)
        clusters: dict[int, list[int]] = {}
        for k in range(len(members)):
            clusters.setdefault(sets.find(k), []).append(k)
        for ks in clusters.values():
            if len(ks) < min_figures or len({members[k].document for k in ks}) < min_documents:
                continue
            groups.append(_group(m, [members[k] for k in ks], [topics[k] for k in ks]))
    return sorted(groups, key=_strength, reverse=True)


def _group(m: str, members: list[FigureItem], topics: list[frozenset[str]]) -> FigureGroup:
    counts: dict[str, int] = {}
    for words in topics:
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    shared = tuple(w for w, n in sorted(counts.items(), key=lambda t: (-t[1], t[0])) if n > 1)
    figures = sorted((_figure(it) for it in members), key=lambda f: (f.document, f.spans))
    return FigureGroup(m, members[0].quantity.family, shared, tuple(figures))


def _strength(g: FigureGroup) -> tuple:
    values = [v for f in g.figures for v in (f.low, f.high) if v]
    spread = max(values) / min(values) if values and min(values) > 0 else 1.0
    return (len(g.documents), len({f.given_by for f in g.figures}), spread, len(g.figures))
