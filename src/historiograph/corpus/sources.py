"""Who is cited where: every cited work across the corpus, with the documents and
notes that cite it. Works are matched by first author's family name and the first
significant words of the title, after Ibid./short forms are resolved."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..components.references import title_key
from ..model import Document, Reference


@dataclass
class Citation:
    document_id: str
    reference_id: str
    note_number: int | None
    cited_range: str | None
    start: int
    end: int
    form: str
    role: str
    ambiguous: bool


@dataclass
class Work:
    key: str
    csl: dict
    citations: list[Citation] = field(default_factory=list)

    @property
    def documents(self) -> list[str]:
        return sorted({c.document_id for c in self.citations})


def work_key(csl: dict) -> str:
    names = csl.get("author") or csl.get("editor") or [{}]
    first = (names[0].get("family") or names[0].get("literal") or "").lower()
    ref = Reference(spans=((0, 0),), csl=csl, role="note", form="full", component="-", version="-")
    return f"{first}|{title_key(ref)}"


def works(docs: Iterable[Document]) -> list[Work]:
    found: dict[str, Work] = {}
    for doc in docs:
        refs = {r.id: r for r in doc.layer("references") if isinstance(r, Reference)}
        for ref in refs.values():
            targets = [refs[c] for c in ref.candidates if c in refs] if ref.ambiguous else \
                [refs.get(ref.resolves_to, ref)]
            for target in targets:
                if not target.csl.get("title") and not target.csl.get("author"):
                    continue
                key = work_key(target.csl)
                work = found.setdefault(key, Work(key, target.csl))
                if len(target.csl) > len(work.csl):
                    work.csl = target.csl  # keep the fullest description
                work.citations.append(Citation(doc.id, ref.id, ref.note_number, ref.cited_range, ref.start,
                                               ref.end, ref.form, ref.role, ref.ambiguous))
    return sorted(found.values(), key=lambda w: (-len(w.citations), w.key))
