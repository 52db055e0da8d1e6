"""Who says what in one document: each attribution with its source (and the register entry
it is), cue, content, nesting depth, negation, evidence and confidence. The default view
hides attributions below the confidence threshold and says how many it hid."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import Attribution, Document, Entity, EntityLink, Mention, Reference
from ..store import Store
from .base import View, flat, short_csl, verdicts

DEFAULT_MIN_CONFIDENCE = 0.5  # attributions less sure than this are hidden unless asked for


@dataclass(frozen=True)
class QuoteRow:
    id: str
    document: str
    kind: str
    depth: int
    source: str
    speaker: str | None
    entity: str | None  # the register entry of the speaker
    cue: str
    content: str
    start: int
    end: int
    negated: bool
    confidence: float | None
    status: str
    evidence: tuple[str, ...]
    nested_in: str | None


def _depth(a: Attribution, by_id: dict[str, Attribution]) -> int:
    n = 0
    while a.nested_in and a.nested_in in by_id and n < 10:
        a, n = by_id[a.nested_in], n + 1
    return n


def quote_row(doc: Document, a: Attribution, by_id: dict[str, Attribution], entity: str | None = None,
              status: str | None = None) -> QuoteRow:
    refs = {r.id: r for r in doc.layer("references") if isinstance(r, Reference)}
    text = doc.text
    return QuoteRow(a.id, doc.id, a.kind, _depth(a, by_id), " / ".join(flat(text[s:e]) for s, e in a.source) or "—",
                    a.speaker, entity, " ".join(text[s:e] for s, e in a.cue) or "—",
                    " … ".join(flat(text[s:e]) for s, e in a.content), a.start, a.end,
                    bool(getattr(a, "negated", False)), a.confidence, status or a.status,
                    tuple(short_csl(refs[r].csl) for r in a.supported_by if r in refs), a.nested_in)


@dataclass
class QuotesView(View):
    document: str
    quotes: list[QuoteRow]
    total: int
    hidden: int  # below the confidence threshold
    min_confidence: float
    by_kind: dict[str, int]
    kind: str = "quotes"


def _speaker_entities(store: Store, doc_id: str) -> dict[str, str]:
    """attribution id -> register entry id of its source."""
    links = {lk.mention.record: lk.entity for lk in store.corpus_records(EntityLink, document=doc_id)
             if lk.status in ("machine", "confirmed")}
    return {m.record: links[m.id] for _, m in store.records(Mention, document=doc_id)
            if m.role == "speaker" and m.record and m.id in links}


def quotes_view(store: Store, ref: str, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                kinds: tuple[str, ...] | None = None) -> QuotesView:
    doc = store.document(ref)
    atts = [a for a in doc.layer("attributions") if isinstance(a, Attribution)]
    by_id = {a.id: a for a in atts}
    reviewed = verdicts(store)
    speakers = _speaker_entities(store, doc.id)
    names = {e.id: e.name for e in store.corpus_records(Entity, ids=sorted(set(speakers.values())))}
    rows, hidden = [], 0
    for a in sorted(atts, key=lambda a: a.start):
        if kinds and a.kind not in kinds:
            continue
        status = reviewed.get(a.id, a.status)
        if status == "rejected" or (status != "confirmed" and (a.confidence or 0) < min_confidence):
            hidden += 1
            continue
        ent = speakers.get(a.id)
        row = quote_row(doc, a, by_id, ent, status)
        if ent and not row.speaker:
            row = QuoteRow(**{**row.__dict__, "speaker": names.get(ent)})
        rows.append(row)
    return QuotesView(doc.id, rows, len(atts), hidden, min_confidence, dict(Counter(a.kind for a in atts)))
