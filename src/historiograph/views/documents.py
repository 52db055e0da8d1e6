"""Views of documents: the corpus overview, one document's summary, the text at offsets,
and the reader (the text with every finding as an annotation)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model import CorpusStats, Entity, EntityLink, Section
from ..store import DocumentRow, Store
from .annotations import Annotation, annotations
from .base import View, verdicts

PRIMARY_LAYERS = ("note_markers", "notes", "references", "attributions", "mentions", "terms", "claims",
                  "quantities", "problems")


@dataclass(frozen=True)
class DocumentItem:
    id: str
    title: str | None
    author: str | None
    date: str | None
    genre: str | None
    url: str | None
    media_type: str | None
    source: str
    version: int
    current: bool
    chars: int
    problems: int
    layers: dict[str, int] = field(default_factory=dict)


def item(row: DocumentRow, layers: dict[str, int] | None = None) -> DocumentItem:
    return DocumentItem(row.id, row.title, row.author, row.date, row.genre, row.url, row.media_type, row.source,
                        row.version, row.current, row.n_chars, row.n_problems, dict(layers or {}))


@dataclass
class Overview(View):
    documents: list[DocumentItem]
    total_documents: int
    offset: int
    totals: dict[str, int]
    entities: dict[str, int]
    problems: dict[str, int]
    kind: str = "overview"


def overview(store: Store, limit: int | None = 50, offset: int = 0, all_versions: bool = False) -> Overview:
    rows = store.documents(all_versions, limit=limit, offset=offset)
    counts = store.layer_counts([r.id for r in rows]) if rows else {}
    stats = next(iter(store.corpus_records(CorpusStats)), None)
    totals = {k: v for k, v in (stats.layers if stats else {}).items() if k in PRIMARY_LAYERS}
    return Overview([item(r, counts.get(r.id, {})) for r in rows], store.count_documents(all_versions), offset,
                    totals, dict(stats.entities) if stats else {}, dict(stats.problems) if stats else {})


@dataclass
class DocumentSummary(View):
    document: DocumentItem
    sections: dict[str, int]
    notes: dict[str, int]
    references: dict[str, int]
    attributions: dict[str, Any]
    people: list[dict[str, Any]]
    problems: dict[str, int]
    extra: dict[str, Any] = field(default_factory=dict)  # terms, claims… where those layers exist
    kind: str = "document"


def document_summary(store: Store, ref: str) -> DocumentSummary:
    doc = store.document(ref)
    row = store.document_row(doc.id)
    layers = {name: len(recs) for name, recs in doc.layers.items()}
    sections = Counter(s.kind for s in doc.layer("sections") if isinstance(s, Section))
    markers = doc.layer("note_markers")
    notes = {"markers": len(markers), "linked": sum(1 for m in markers if getattr(m, "note", None)),
             "notes": len(doc.layer("notes"))}
    refs = doc.layer("references")
    references = dict(Counter(r.form for r in refs)) | {
        "resolved": sum(1 for r in refs if r.resolves_to), "ambiguous": sum(1 for r in refs if r.ambiguous)}
    atts = doc.layer("attributions")
    attributions = {"total": len(atts), "by_kind": dict(Counter(a.kind for a in atts)),
                    "nested": sum(1 for a in atts if a.nested_in)}
    problems = Counter(p.code for p in doc.layer("problems"))
    return DocumentSummary(item(row, layers), dict(sections), notes, references, attributions,
                           _people_in(store, doc.id), dict(problems), _extra(doc))


def _extra(doc) -> dict[str, Any]:
    """Summaries other layers keep as records (a claims summary, a terms verdict)."""
    out: dict[str, Any] = {}
    for layer in ("claims", "terms", "quantities"):
        recs = doc.layer(layer)
        if not recs:
            continue
        summaries = [r for r in recs if "summary" in r.type_name or "verdict" in r.type_name]
        out[layer] = {"records": len(recs) - len(summaries)} | (
            {k: v for k, v in summaries[0].to_dict().items() if k not in ("spans", "component", "version", "status",
                                                                            "id", "type", "confidence")}
            if summaries else {})
    return out


def _people_in(store: Store, doc_id: str, top: int = 12) -> list[dict[str, Any]]:
    links = [lk for lk in store.corpus_records(EntityLink, document=doc_id) if lk.status in ("machine", "confirmed")]
    count = Counter(lk.entity for lk in links if lk.mention.document == doc_id)
    ents = {e.id: e for e in store.corpus_records(Entity, ids=list(count))}
    return [{"id": e.id, "name": e.name, "kind": e.kind, "mentions": count[e.id]}
            for e in sorted(ents.values(), key=lambda e: (-count[e.id], e.name)) if e.kind in ("person", "work")][:top]


@dataclass
class TextAt(View):
    document: str
    start: int
    end: int
    text: str
    before: str
    after: str
    section: str | None
    kind: str = "text"


def text_at(store: Store, ref: str, start: int, end: int, context: int = 200) -> TextAt:
    doc_id = store.resolve(ref)
    length = store.document_row(doc_id).n_chars
    if not 0 <= start <= end <= length:
        raise ValueError(f"offsets {start}-{end} are outside {doc_id} (0-{length})")
    before = store.text(doc_id, max(0, start - context), start)
    return TextAt(doc_id, start, end, store.text(doc_id, start, end), before,
                  store.text(doc_id, end, min(length, end + context)), store.section_at(doc_id, start))


@dataclass
class Reader(View):
    document: DocumentItem
    text: str
    annotations: list[Annotation]
    layers: dict[str, int]
    kind: str = "reader"


def reader(store: Store, ref: str, layers: tuple[str, ...] | None = None) -> Reader:
    doc = store.document(ref)
    row = store.document_row(doc.id)
    anns = annotations(doc, layers, verdicts(store))
    return Reader(item(row, {n: len(r) for n, r in doc.layers.items()}), doc.text, anns,
                  dict(Counter(a.layer for a in anns)))
