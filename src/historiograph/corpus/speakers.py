"""Who says what across the corpus: every attribution whose speaker or written source
matches a name ("Roberts" finds "Geoffrey Roberts" and "Roberts, who notes …")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..model import Attribution, Document


@dataclass
class Said:
    document_id: str
    attribution: Attribution
    source: str  # the source as written
    cue: str
    content: str


def said(doc: Document, a: Attribution) -> Said:
    """One attribution as text: source, cue and content as written (white space collapsed)."""
    return Said(doc.id, a, " / ".join(" ".join(doc.text[s:e].split()) for s, e in a.source),
                " / ".join(doc.text[s:e] for s, e in a.cue),
                " … ".join(" ".join(doc.text[s:e].split()) for s, e in a.content))


def attributed_to(documents: Iterable[Document], name: str) -> list[Said]:
    """Attributions whose resolved speaker or written source contains ``name`` (any case)."""
    needle = name.lower().strip()
    found = []
    for doc in documents:
        for a in doc.layer("attributions"):
            if not isinstance(a, Attribution) or not needle:
                continue
            if needle in (a.speaker or "").lower() or any(needle in doc.text[s:e].lower() for s, e in a.source):
                found.append(said(doc, a))
    return found
