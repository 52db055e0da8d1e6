"""Views of findings that are not evidence: problems (each with what its code means) and
full-text search hits (each shown in its section)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import CATALOGUE, CorpusProblem
from ..store import Hit, Store
from .base import View


@dataclass(frozen=True)
class ProblemItem:
    id: str
    code: str
    severity: str
    message: str
    meaning: str
    document: str | None
    source: str | None  # the file, for a file that never became a document
    start: int | None
    end: int | None
    places: tuple[tuple[str, int, int], ...] = ()  # (document, start, end) of a corpus problem


@dataclass
class ProblemsView(View):
    problems: list[ProblemItem]
    by_code: dict[str, int]
    kind: str = "problems"


def problems_view(store: Store, ref: str | None = None, severity: str | None = None) -> ProblemsView:
    items = []
    for row in store.problems(ref):
        p = row.problem
        items.append(ProblemItem(p.id, p.code, p.severity, p.message, _meaning(p.code), row.document_id,
                                 Path(row.source).name if row.source else None,
                                 p.start if p.spans else None, p.end if p.spans else None))
    doc_id = store.resolve(ref) if ref else None
    for cp in store.corpus_records(CorpusProblem, document=doc_id):
        items.append(ProblemItem(cp.id, cp.code, cp.severity, cp.message, _meaning(cp.code), None, None, None, None,
                                 tuple((pl.document, pl.start, pl.end) for pl in cp.locations)))
    if severity:
        items = [i for i in items if i.severity == severity]
    by_code: dict[str, int] = {}
    for i in items:
        by_code[i.code] = by_code.get(i.code, 0) + 1
    return ProblemsView(items, by_code)


def _meaning(code: str) -> str:
    entry = CATALOGUE.get(code)
    return entry.meaning if entry else ""


@dataclass
class SearchView(View):
    query: str
    hits: list[Hit]
    documents: int
    total: int
    truncated: bool
    kind: str = "search"


def search_view(store: Store, query: str, limit: int = 50, per_document: int | None = None) -> SearchView:
    result = store.search(query, limit=limit, per_document=per_document)
    return SearchView(query, result.hits, result.documents, result.total, result.truncated)
