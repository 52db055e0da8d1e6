"""Views of the evidence: a document's notes (markers, notes, the references they give and
what each Ibid. or short form resolves to) and the works cited across the corpus (register
entries of kind `work`, with every citation)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..model import Entity, EntityLink, Mention, Note, NoteMarker, Problem, Reference
from ..store import Store
from .base import View, flat, short_csl


@dataclass(frozen=True)
class CitedWork:
    reference: str  # reference id
    text: str  # as written in the note
    form: str  # full | short | ibid | op-cit
    cited_range: str | None
    work: str  # the work it names, resolved ("Martin, An Affirmative Action Empire, 2001")
    csl: dict
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class NoteRow:
    number: int
    kind: str
    text: str
    start: int
    end: int
    marker: tuple[int, int] | None  # offsets of the marker that points to it
    marker_style: str | None
    references: tuple[CitedWork, ...] = ()


@dataclass
class NotesView(View):
    document: str
    notes: list[NoteRow]
    other_references: list[CitedWork]  # bibliography and running-text references
    problems: list[dict[str, Any]]
    markers: int
    linked: int
    kind: str = "notes"


def _cited(r: Reference, refs: dict[str, Reference], text: str) -> CitedWork:
    target = refs.get(r.resolves_to or "", r)
    candidates = tuple(short_csl(refs[c].csl) for c in r.candidates if c in refs) if r.ambiguous else ()
    return CitedWork(r.id, flat(text[r.start:r.end]), r.form, r.cited_range, short_csl(target.csl), dict(target.csl),
                     r.ambiguous, candidates, r.start, r.end)


def notes_view(store: Store, ref: str) -> NotesView:
    doc = store.document(ref)
    refs = {r.id: r for r in doc.layer("references") if isinstance(r, Reference)}
    markers = {m.note: m for m in doc.layer("note_markers") if isinstance(m, NoteMarker) and m.note}
    rows = []
    for note in (n for n in doc.layer("notes") if isinstance(n, Note)):
        m = markers.get(note.id)
        cites = tuple(_cited(r, refs, doc.text) for r in refs.values() if r.note == note.id)
        rows.append(NoteRow(note.number, note.kind, flat(doc.text[note.start:note.end]), note.start, note.end,
                            m.spans[0] if m else None, m.style if m else None, cites))
    others = [_cited(r, refs, doc.text) for r in refs.values() if r.role != "note"]
    problems = [{"code": p.code, "message": p.message, "start": p.start, "end": p.end}
                for p in doc.layer("problems") if isinstance(p, Problem) and p.code.startswith(("notes.", "integrity."))]
    all_markers = doc.layer("note_markers")
    return NotesView(doc.id, rows, others, problems, len(all_markers),
                     sum(1 for m in all_markers if getattr(m, "note", None)))


@dataclass(frozen=True)
class Citation:
    document: str
    reference: str | None
    note_number: int | None
    cited_range: str | None
    form: str
    role: str  # note | bibliography | inline | text (a title named in running text)
    start: int
    end: int
    why: str
    status: str
    ambiguous: bool = False


@dataclass(frozen=True)
class WorkRow:
    id: str
    title: str
    short: str
    csl: dict
    authors: tuple[str, ...]
    citations: tuple[Citation, ...] = field(default_factory=tuple)

    @property
    def documents(self) -> list[str]:
        return sorted({c.document for c in self.citations})


@dataclass
class WorksView(View):
    works: list[WorkRow]
    total: int
    kind: str = "works"


def works_view(store: Store, document: str | None = None, limit: int | None = None) -> WorksView:
    """Every cited work (a register entry of kind work) with where it is cited."""
    doc_id = store.resolve(document) if document else None
    ents = {e.id: e for e in store.corpus_records(Entity) if e.kind == "work"}
    links = [lk for lk in store.corpus_records(EntityLink, document=doc_id) if lk.entity in ents
             and lk.status in ("machine", "confirmed")]
    refs = {(d, r.id): r for d, r in store.records(Reference, document=doc_id)}
    mentions = {(d, m.id): m for d, m in store.records(Mention, document=doc_id)}
    people = {e.id: e.name for e in store.corpus_records(Entity, ids=sorted({a for e in ents.values()
                                                                               for a in e.authors}))}
    cites: dict[str, list[Citation]] = defaultdict(list)
    csl_of: dict[str, dict] = {}
    for lk in links:
        m = mentions.get((lk.mention.document, lk.mention.record or ""))
        r = refs.get((lk.mention.document, m.record or "")) if m else None
        target = refs.get((lk.mention.document, r.resolves_to or "")) if r else None
        full = target or r
        if full is not None and len(full.csl) > len(csl_of.get(lk.entity, {})):
            csl_of[lk.entity] = dict(full.csl)
        cites[lk.entity].append(Citation(lk.mention.document, r.id if r else None, r.note_number if r else None,
                                         r.cited_range if r else None, r.form if r else "text",
                                         r.role if r else "text", lk.mention.start, lk.mention.end, lk.why, lk.status,
                                         r.ambiguous if r else False))
    rows = [WorkRow(e.id, e.name, short_csl(csl_of.get(e.id, {})) or e.name, csl_of.get(e.id, {}),
                    tuple(people.get(a, a) for a in e.authors), tuple(sorted(cites[e.id], key=lambda c: (c.document, c.start))))
            for e in ents.values() if cites.get(e.id)]
    rows.sort(key=lambda w: (-len(w.citations), w.short))
    return WorksView(rows[:limit] if limit else rows, len(rows))
