"""The terms view: every hateful or coded term occurrence with its use or mention, the reason
and the reference, the statements the classifier flagged, and a corpus summary (per document
flagged or not; counts by category and use). Built from stored layers only: nothing is computed
here that the `terms` component did not record."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Iterable

from ..model import Document, TermStatement, TermUse, TermVerdict


@dataclass(frozen=True)
class Occurrence:
    document_id: str
    start: int
    end: int
    text: str
    term: str
    category: str
    target: str
    use: str
    mention_kind: str | None
    reason: str
    reference: str
    form: str
    confidence: float | None
    speaker: str | None


@dataclass(frozen=True)
class Statement:
    document_id: str
    start: int
    end: int
    text: str
    score: float
    frames: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class DocumentTerms:
    document_id: str
    title: str | None
    flagged: bool | None  # None: the terms layer has not run on this document
    uses: int
    mentions: int
    reclaimed: int
    statements: int
    score: float | None
    reason: str
    counts: dict


@dataclass(frozen=True)
class TermsView:
    documents: list[DocumentTerms] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    @property
    def flagged(self) -> list[DocumentTerms]:
        return [d for d in self.documents if d.flagged]

    def summary(self) -> dict:
        """Counts over the corpus: documents flagged, occurrences by category and by use."""
        by_category: dict[str, Counter] = {}
        for o in self.occurrences:
            by_category.setdefault(o.category, Counter())[o.use] += 1
        return {
            "documents": len(self.documents),
            "flagged": len(self.flagged),
            "occurrences": len(self.occurrences),
            "by_use": dict(Counter(o.use for o in self.occurrences)),
            "by_mention_kind": dict(Counter(o.mention_kind for o in self.occurrences if o.mention_kind)),
            "by_category": {k: dict(v) for k, v in sorted(by_category.items())},
            "statements": len(self.statements),
        }

    def to_dict(self) -> dict:
        return {"view": "terms", "summary": self.summary(), "documents": [asdict(d) for d in self.documents],
                "occurrences": [asdict(o) for o in self.occurrences],
                "statements": [{**asdict(s), "frames": list(s.frames)} for s in self.statements]}


def terms_view(docs: Document | Iterable[Document]) -> TermsView:
    """The terms view of one document or of many (a corpus)."""
    if isinstance(docs, Document):
        docs = [docs]
    view = TermsView()
    for doc in docs:
        records = doc.layer("terms")
        verdict = next((r for r in records if isinstance(r, TermVerdict)), None)
        view.documents.append(DocumentTerms(
            doc.id, doc.meta.title, verdict.flagged if verdict else None, verdict.uses if verdict else 0,
            verdict.mentions if verdict else 0, verdict.reclaimed if verdict else 0,
            verdict.statements if verdict else 0, verdict.score if verdict else None,
            verdict.reason if verdict else "the terms layer has not run on this document (analyse it again)",
            dict(verdict.counts) if verdict else {}))
        for r in records:
            if isinstance(r, TermUse):
                view.occurrences.append(Occurrence(
                    doc.id, r.start, r.end, doc.text[r.start:r.end], r.term, r.category, r.target, r.use,
                    r.mention_kind, r.reason, r.reference, r.form, r.confidence, r.speaker))
            elif isinstance(r, TermStatement):
                view.statements.append(Statement(doc.id, r.start, r.end, doc.text[r.start:r.end], r.score,
                                                 tuple(r.frames), r.reason))
    return view
