"""Every record as an annotation a reader can show: its layer, offsets, a short label and
the details behind it. One describer per record type; a record type without one is shown
by its kind. The web reader highlights these, the WADM and TEI exports write them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from ..model import Attribution, Document, Mention, Note, NoteMarker, Problem, Record, Reference, Section
from .base import flat, short_csl

Describer = Callable[[Record, Document, Mapping[str, Record]], tuple[str, dict[str, Any]]]
DESCRIBERS: dict[str, Describer] = {}
HIDDEN_LAYERS = ("layout",)  # the adapter's view of the page: shown by `show`, not highlighted


def describer(type_name: str):
    def register(fn: Describer) -> Describer:
        DESCRIBERS[type_name] = fn
        return fn
    return register


@dataclass(frozen=True)
class Annotation:
    id: str
    layer: str
    type: str
    kind: str
    start: int
    end: int
    spans: tuple[tuple[int, int], ...]
    label: str
    detail: dict[str, Any] = field(default_factory=dict)
    status: str = "machine"
    confidence: float | None = None
    component: str = ""
    version: str = ""


def _text(doc: Document, spans) -> str:
    return " … ".join(flat(doc.text[s:e]) for s, e in spans)


@describer("note_marker")
def _marker(r: NoteMarker, doc: Document, by_id) -> tuple[str, dict]:
    note = by_id.get(r.note or "")
    return f"note {r.number}", {"note": r.note, "note_text": _text(doc, note.spans)[:600] if note else None,
                                "style": r.style}


@describer("note")
def _note(r: Note, doc: Document, by_id) -> tuple[str, dict]:
    return f"note {r.number} ({r.kind})", {"number": r.number}


@describer("reference")
def _reference(r: Reference, doc: Document, by_id) -> tuple[str, dict]:
    target = by_id.get(r.resolves_to or "")
    work = target if isinstance(target, Reference) else r
    label = ("Ibid. → " if r.form == "ibid" else "") + (short_csl(work.csl) or r.form)
    return label, {"csl": dict(work.csl), "form": r.form, "role": r.role, "cited_range": r.cited_range,
                   "resolves_to": r.resolves_to, "ambiguous": r.ambiguous, "note_number": r.note_number}


@describer("attribution")
def _attribution(r: Attribution, doc: Document, by_id) -> tuple[str, dict]:
    source = _text(doc, r.source) or "—"
    who = r.speaker or source
    detail = {"source": source, "speaker": r.speaker, "cue": _text(doc, r.cue), "content": _text(doc, r.content)[:800],
              "nested_in": r.nested_in, "supported_by": [short_csl(by_id[i].csl) for i in r.supported_by
                                                         if isinstance(by_id.get(i), Reference)]}
    for extra in ("negated", "modality"):
        if hasattr(r, extra):
            detail[extra] = getattr(r, extra)
    return f"{who}: {r.kind}", detail


@describer("mention")
def _mention(r: Mention, doc: Document, by_id) -> tuple[str, dict]:
    return f"{r.kind}: {r.resolved}", {"name": r.name, "resolved": r.resolved, "role": r.role, "how": r.how}


@describer("problem")
def _problem(r: Problem, doc: Document, by_id) -> tuple[str, dict]:
    return r.code, {"message": r.message, "severity": r.severity}


@describer("section")
def _section(r: Section, doc: Document, by_id) -> tuple[str, dict]:
    return r.kind, {"parent": r.parent}


def annotations(doc: Document, layers: tuple[str, ...] | None = None,
                reviewed: Mapping[str, str] | None = None) -> list[Annotation]:
    """The document's records as annotations, in text order."""
    reviewed = reviewed or {}
    by_id = {r.id: r for recs in doc.layers.values() for r in recs}
    out = []
    for layer, records in doc.layers.items():
        if layer in HIDDEN_LAYERS or (layers is not None and layer not in layers):
            continue
        for r in records:
            label, detail = describe(r, doc, by_id)
            out.append(Annotation(r.id, layer, r.type_name, str(getattr(r, "kind", "") or r.type_name), r.start, r.end,
                                  r.spans, label, detail, reviewed.get(r.id, r.status), r.confidence, r.component,
                                  r.version))
    return sorted(out, key=lambda a: (a.start, -a.end, a.layer))


def describe(r: Record, doc: Document, by_id: Mapping[str, Record]) -> tuple[str, dict[str, Any]]:
    fn = DESCRIBERS.get(r.type_name)
    if fn is not None:
        return fn(r, doc, by_id)
    data = {k: v for k, v in r.to_dict().items() if k not in ("type", "id", "spans", "component", "version",
                                                                 "confidence", "status")}
    return str(getattr(r, "kind", "") or getattr(r, "term", "") or r.type_name), data
