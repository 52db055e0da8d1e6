"""Views of the claims map: what one document asserts and on what footing, the figures the
corpus gives side by side, and (views/disputes.py) where texts agree and disagree."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model import Claim, ClaimSummary, FigureGroup, Quantity, Reference
from ..store import Store
from .base import View, flat, short_csl, verdicts


@dataclass(frozen=True)
class ClaimRow:
    id: str
    start: int
    end: int
    text: str
    footing: str
    asserted_by: str | None
    evidence: tuple[str, ...]
    hedged: bool
    negated: bool
    figures: tuple[str, ...]
    status: str


@dataclass
class ClaimsView(View):
    document: str
    claims: list[ClaimRow]
    summary: dict[str, Any]
    by_footing: dict[str, int]
    kind: str = "claims"


def claims_view(store: Store, ref: str, footing: tuple[str, ...] | None = None) -> ClaimsView:
    doc = store.document(ref)
    refs = {r.id: r for r in doc.layer("references") if isinstance(r, Reference)}
    figures: dict[str, list[str]] = {}
    for q in doc.layer("quantities"):
        if isinstance(q, Quantity) and q.claim:
            figures.setdefault(q.claim, []).append(flat(doc.text[q.start:q.end]))
    reviewed = verdicts(store)
    claims = [c for c in doc.layer("claims") if isinstance(c, Claim)]
    rows = [ClaimRow(c.id, c.start, c.end, flat(doc.text[c.start:c.end]), c.footing, c.asserted_by,
                     tuple(short_csl(refs[r].csl) for r in c.supported_by if r in refs)
                     + tuple(doc.text[s:e] for s, e in c.links), c.hedged, c.negated, tuple(figures.get(c.id, ())),
                     reviewed.get(c.id, c.status))
            for c in claims if not footing or c.footing in footing]
    summary = next((r for r in doc.layer("claims") if isinstance(r, ClaimSummary)), None)
    data = {k: v for k, v in (summary.to_dict() if summary else {}).items()
            if k in ("assertions", "cited", "attributed", "quoted", "unsupported", "hedged", "sourced_share")}
    return ClaimsView(doc.id, rows, data, dict(Counter(c.footing for c in claims)))


@dataclass(frozen=True)
class FigureRow:
    document: str
    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    qualifier: str
    given_by: str | None
    footing: str | None
    claim: str


@dataclass(frozen=True)
class FigureTable:
    id: str
    rank: int
    measure: str
    label: str
    documents: tuple[str, ...]
    figures: tuple[FigureRow, ...] = field(default_factory=tuple)


@dataclass
class NumbersView(View):
    groups: list[FigureTable]
    total: int
    kind: str = "numbers"


def numbers_view(store: Store, measure: str | None = None, limit: int | None = None) -> NumbersView:
    groups = sorted(store.corpus_records(FigureGroup), key=lambda g: g.rank)
    if measure:
        groups = [g for g in groups if g.measure == measure]
    tables = []
    for g in groups[:limit] if limit else groups:
        rows = tuple(FigureRow(p.document, p.start, p.end, d.get("text") or "", d.get("low"), d.get("high"),
                               d.get("qualifier") or "", d.get("given_by"), d.get("footing"),
                               flat(d.get("claim_text") or "")[:400]) for p, d in zip(g.figures, g.details))
        tables.append(FigureTable(g.id, g.rank, g.measure, g.label, tuple(sorted({p.document for p in g.figures})),
                                  rows))
    return NumbersView(tables, len(groups))
