"""Every record as an annotation a reader can show: its layer, offsets, a short label and
the details behind it. One describer per record type; a record type without one is shown
by its kind. The web reader highlights these, the WADM and TEI exports write them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from ..model import Attribution, Document, Mention, Note, NoteMarker, Problem, Record, Reference, Section
from .base import flat, plain, short_csl

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
    parts: tuple[tuple[int, int, str], ...] = ()  # (start, end, role) of each span: source, cue, content…


def parts_of(r: Record) -> tuple[tuple[int, int, str], ...]:
    """Each span of a record with the role it plays (an attribution's source, cue and content;
    a plain record's spans have no role)."""
    if isinstance(r, Attribution):
        roles = [(s, e, role) for role, spans in (("source", r.source), ("cue", r.cue), ("content", r.content))
                 for s, e in spans]
        if roles:
            return tuple(sorted(roles))
    return tuple((s, e, "") for s, e in r.spans)


def _text(doc: Document, spans) -> str:
    return " … ".join(flat(doc.text[s:e]) for s, e in spans)


class RecordIndex(dict):
    """Records by id, with the lookups several describers share computed once."""

    _by_note: dict[str, list[Reference]] | None = None

    def refs_by_note(self) -> dict[str, list[Reference]]:
        if self._by_note is None:
            self._by_note = {}
            for x in self.values():
                if isinstance(x, Reference) and x.note:
                    self._by_note.setdefault(x.note, []).append(x)
        return self._by_note


def _refs_by_note(by_id: Mapping[str, Record]) -> dict[str, list[Reference]]:
    if isinstance(by_id, RecordIndex):
        return by_id.refs_by_note()
    return RecordIndex(by_id).refs_by_note()


@describer("note_marker")
def _marker(r: NoteMarker, doc: Document, by_id) -> tuple[str, dict]:
    note = by_id.get(r.note or "")
    refs = _refs_by_note(by_id).get(r.note or "", [])
    cites = []
    for ref in sorted(refs, key=lambda x: x.start):
        target = by_id.get(ref.resolves_to or "")
        work = target if isinstance(target, Reference) else ref
        cites.append({"reference": ref.id, "work": short_csl(work.csl) or ref.form, "form": ref.form,
                      "cited_range": ref.cited_range, "resolves_to": ref.resolves_to})
    return f"note {r.number}", {"note": r.note, "note_text": _text(doc, note.spans)[:600] if note else None,
                                "style": r.style, "references": cites}


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


@describer("term_use")
def _term_use(r, doc: Document, by_id) -> tuple[str, dict]:
    detail = _fields(r)
    how = r.use + (f" ({r.mention_kind})" if r.mention_kind else "")
    return f"{r.term}: {r.category}, {how}", detail


_OWN_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(r: Record) -> dict[str, Any]:
    """A record's own fields (beyond spans and provenance), JSON-ready."""
    names = _OWN_FIELDS.get(type(r))
    if names is None:
        names = _OWN_FIELDS[type(r)] = tuple(f.name for f in r.extra_fields())
    return {n: plain(getattr(r, n)) for n in names}


@describer("claim")
def _claim(r, doc: Document, by_id) -> tuple[str, dict]:
    detail = _fields(r)
    detail["supported_by"] = [short_csl(by_id[i].csl) for i in getattr(r, "supported_by", ())
                              if isinstance(by_id.get(i), Reference)]
    footing = getattr(r, "footing", "") or "claim"
    who = getattr(r, "asserted_by", None)
    return f"claim ({footing})" + (f" by {who}" if who else ""), detail


@describer("quantity")
def _quantity(r, doc: Document, by_id) -> tuple[str, dict]:
    low, high = getattr(r, "low", None), getattr(r, "high", None)
    amount = (f"{low:,g}" if low == high and low is not None else
              "–".join(f"{x:,g}" if x is not None else "…" for x in (low, high)) if (low, high) != (None, None)
              else f"~10^{getattr(r, 'magnitude', None)}")
    what = getattr(r, "counted", None) or getattr(r, "unit", None) or ""
    return f"{amount} {what}".strip(), _fields(r)


@describer("problem")
def _problem(r: Problem, doc: Document, by_id) -> tuple[str, dict]:
    return r.code, {"message": r.message, "severity": r.severity}


@describer("section")
def _section(r: Section, doc: Document, by_id) -> tuple[str, dict]:
    return r.kind, {"parent": r.parent}


def annotations(doc: Document, layers: tuple[str, ...] | None = None,
                reviewed: Mapping[str, str] | None = None,
                entities: Mapping[str, str] | None = None) -> list[Annotation]:
    """The document's records as annotations, in text order. ``reviewed`` gives the latest
    verdict of reviewed records; ``entities`` the register entry of each linked mention."""
    reviewed = reviewed or {}
    entities = entities or {}
    by_id = RecordIndex((r.id, r) for recs in doc.layers.values() for r in recs)
    out = []
    for layer, records in doc.layers.items():
        if layer in HIDDEN_LAYERS or (layers is not None and layer not in layers):
            continue
        for r in records:
            label, detail = describe(r, doc, by_id)
            if r.id in entities:
                detail["entity"] = entities[r.id]
            a = object.__new__(Annotation)  # a frozen dataclass, filled in directly: a long text has thousands
            a.__dict__.update(id=r.id, layer=layer, type=r.type_name, kind=str(getattr(r, "kind", "") or r.type_name),
                              start=r.start, end=r.end, spans=r.spans, label=label, detail=detail,
                              status=reviewed.get(r.id, r.status), confidence=r.confidence, component=r.component,
                              version=r.version, parts=parts_of(r))
            out.append(a)
    return sorted(out, key=lambda a: (a.start, -a.end, a.layer))


def describe(r: Record, doc: Document, by_id: Mapping[str, Record]) -> tuple[str, dict[str, Any]]:
    fn = DESCRIBERS.get(r.type_name)
    if fn is not None:
        return fn(r, doc, by_id)
    data = _fields(r)
    return str(getattr(r, "kind", "") or getattr(r, "term", "") or r.type_name), data
