"""Who is cited where: every cited work across the corpus, with the documents and
notes that cite it. Works are matched by first author's family name and the first
significant words of the title, after Ibid./short forms are resolved; a title cited
without its subtitle ("The Long Winter", the short title of Chicago 14.30) joins the one
work by that author whose main title it is ("The Long Winter: Dockers and Owners")."""

from __future__ import annotations

import re
from collections import defaultdict
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


SUBTITLE = re.compile(r"[:?!.]\s")


def main_title_key(csl: dict) -> str:
    """work_key of the title without its subtitle."""
    return work_key(csl | {"title": SUBTITLE.split(csl.get("title") or "", maxsplit=1)[0]})


def has_subtitle(csl: dict) -> bool:
    return bool(SUBTITLE.search(csl.get("title") or ""))


def _join_short_titles(found: dict[str, Work]) -> list[Work]:
    """A work known only by its main title joins the one work, by the same first author,
    whose full title begins so; with two such works (two volumes, 'Stalin: Paradoxes of
    Power' and 'Stalin: Waiting for Hitler') it stays apart, since either could be meant."""
    by_main: dict[str, list[Work]] = defaultdict(list)
    for work in found.values():
        by_main[main_title_key(work.csl)].append(work)
    out = []
    for group in by_main.values():
        full = [w for w in group if has_subtitle(w.csl)]
        short = [w for w in group if not has_subtitle(w.csl)]
        if len(full) == 1 and short:
            for w in short:
                full[0].citations.extend(w.citations)
            out.append(full[0])
        else:
            out.extend(group)
    return out


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
                for csl in (target.csl, ref.csl if ref.form == "full" else {}):
                    if len(csl) > len(work.csl):
                        work.csl = csl  # keep the fullest description (a repeat may name the author)
                work.citations.append(Citation(doc.id, ref.id, ref.note_number, ref.cited_range, ref.start,
                                               ref.end, ref.form, ref.role, ref.ambiguous))
    return sorted(_join_short_titles(found), key=lambda w: (-len(w.citations), w.key))
