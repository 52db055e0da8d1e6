"""Disputes: where the texts of the corpus make the same point, and whether they agree or
disagree (the `Alignment` records the alignments step stores). Disagreements come first,
each with both claims' text, their documents and who asserts them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from ..model import Alignment, Claim, Place
from ..model.corpus import RELATIONS
from ..store import Store
from .base import NotComputed, View, flat, records_at, verdicts

STEP = "alignments"


@dataclass(frozen=True)
class DisputeSide:
    document: str
    title: str | None
    claim: str | None
    start: int
    end: int
    text: str
    asserted_by: str | None
    footing: str | None


@dataclass(frozen=True)
class DisputeRow:
    id: str
    relation: str
    score: float
    similarity: float
    same_point: float
    strength: float  # score × similarity: what the rows are ordered by within a relation
    why: str
    status: str
    a: DisputeSide
    b: DisputeSide


@dataclass
class DisputesView(View):
    rows: list[DisputeRow]
    total: int  # rows that pass the filters (``rows`` is one page of them)
    by_relation: dict[str, int]  # before the relation and score filters
    document: str | None = None
    relations: tuple[str, ...] = ()
    min_score: float = 0.0
    offset: int = 0
    computed: bool = True
    kind: str = "disputes"


def _side(store: Store, place: Place, claim: Claim | None, titles: dict[str, str | None]) -> DisputeSide:
    return DisputeSide(place.document, titles.get(place.document), place.record, place.start, place.end,
                       flat(store.text(place.document, place.start, place.end)),
                       claim.asserted_by if claim else None, claim.footing if claim else None)


def disputes_view(store: Store, document: str | None = None, relation: Sequence[str] | str | None = None,
                  min_score: float = 0.0, limit: int | None = 100, offset: int = 0) -> DisputesView | NotComputed:
    """Pairs of claims from two documents that make the same point: disagreements first,
    then agreements, each strongest first. ``document``: only pairs with a claim in it (an
    id, id prefix, file name or stem); ``relation``: agree and/or disagree; ``min_score``:
    the relation's probability at least this."""
    if store.step_state(STEP) is None:
        return NotComputed("No disputes are computed for this corpus yet: the alignment step (which claims "
                           "agree and which disagree) has not run; `historiograph analyze` runs it.", "disputes")
    wanted = (relation,) if isinstance(relation, str) else tuple(relation or ())
    bad = [r for r in wanted if r not in RELATIONS]
    if bad:
        raise ValueError(f"unknown relation {bad[0]!r} (known: agree, disagree)")
    doc_id = store.resolve(document) if document else None
    records = [a for a in store.corpus_records(Alignment, document=doc_id) if isinstance(a, Alignment)]
    by_relation = dict(Counter(a.relation for a in records))
    kept = [a for a in records if (not wanted or a.relation in wanted) and a.score >= min_score]
    kept.sort(key=lambda a: (a.relation != "disagree", -round(a.score * a.similarity, 4), a.id))
    page = kept[offset:offset + limit] if limit is not None else kept[offset:]
    claims = records_at(store, Claim, [(p.document, p.record) for a in page for p in (a.a, a.b)])
    titles = {row.id: row.title for row in store.documents()}
    reviewed = verdicts(store)
    rows = [DisputeRow(a.id, a.relation, a.score, a.similarity, a.same_point_prob, round(a.score * a.similarity, 4),
                       a.why, reviewed.get(a.id, a.status),
                       _side(store, a.a, claims.get((a.a.document, a.a.record or "")), titles),
                       _side(store, a.b, claims.get((a.b.document, a.b.record or "")), titles))
            for a in page]
    return DisputesView(rows, len(kept), by_relation, doc_id, wanted, min_score, offset)
