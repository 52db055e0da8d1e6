"""The `Store` protocol: what every store (SQLite by default, PostgreSQL for teams) offers,
with typed rows, so no database row type ever reaches the CLI, the views or the exporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Mapping, Protocol, Sequence, runtime_checkable

from ..model import CorpusRecord, Document, Problem, Record, Review


class StoreError(Exception):
    """A corpus database that cannot be used: one line naming it and the reason."""


@dataclass(frozen=True)
class DocumentRow:
    """One stored document version, without its text and records."""

    id: str
    source: str
    version: int
    current: bool
    title: str | None
    author: str | None
    date: str | None
    url: str | None
    genre: str | None
    media_type: str | None
    n_chars: int
    analyzed_at: str
    n_sections: int = 0
    n_problems: int = 0
    revision: str = ""  # changes whenever the document's records are replaced


@dataclass(frozen=True)
class ProblemRow:
    """A stored problem with the document it belongs to, or the file that never became one."""

    problem: Problem
    document_id: str | None
    source: str | None

    @property
    def code(self) -> str:
        return self.problem.code

    @property
    def message(self) -> str:
        return self.problem.message

    @property
    def severity(self) -> str:
        return self.problem.severity


@dataclass(frozen=True)
class Hit:
    document_id: str
    title: str | None
    start: int
    end: int
    before: str
    match: str
    after: str
    section: str | None

    @property
    def context(self) -> str:
        return f"{self.before}[{self.match}]{self.after}"


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit]
    documents: int  # documents that match
    total: int  # hits in those documents
    truncated: bool  # more hits exist than were returned


@dataclass(frozen=True)
class StepState:
    """What a corpus step last ran on: its version and the revision of every document it saw."""

    name: str
    version: str
    seen: Mapping[str, str] = field(default_factory=dict)  # document id -> revision
    inputs: Mapping[str, str] = field(default_factory=dict)  # upstream step name -> its run token
    token: str = ""  # changes whenever the step writes
    ran_at: str = ""


@runtime_checkable
class Store(Protocol):
    """A corpus: documents with their layers, problems, corpus records and reviews."""

    location: str
    read_only: bool

    def close(self) -> None: ...
    def __enter__(self) -> "Store": ...
    def __exit__(self, *exc) -> None: ...

    # -- documents in ------------------------------------------------------
    def file_hashes(self, pipeline: Sequence[str] | None = None) -> dict[str, frozenset[str]]: ...
    def has_content(self, doc: Document) -> bool: ...
    def write_document(self, doc: Document, file_hash: str | None = None,
                       pipeline: list[str] | None = None) -> str | None: ...
    def write_problem(self, problem: Problem, source: str) -> None: ...
    def clear_file_problems(self, source: str) -> None: ...

    # -- documents out -----------------------------------------------------
    def documents(self, all_versions: bool = False, limit: int | None = None,
                  offset: int = 0) -> list[DocumentRow]: ...
    def count_documents(self, all_versions: bool = False) -> int: ...
    def layer_counts(self, documents: Sequence[str] | None = None) -> dict[str, dict[str, int]]: ...
    def document_row(self, ref: str) -> DocumentRow: ...
    def resolve(self, ref: str) -> str: ...
    def document(self, ref: str) -> Document: ...
    def iter_documents(self, all_versions: bool = False) -> Iterator[Document]: ...
    def text(self, document_id: str, start: int = 0, end: int | None = None) -> str: ...
    def records(self, record_type: type[Record], document: str | None = None, layer: str | None = None,
                ids: Sequence[str] | None = None) -> list[tuple[str, Record]]: ...
    def count_records(self, record_type: type[Record], document: str | None = None,
                      layer: str | None = None) -> int: ...
    def problems(self, ref: str | None = None) -> list[ProblemRow]: ...
    def corpus_problems(self) -> list[ProblemRow]: ...
    def search(self, query: str, limit: int = 20, per_document: int | None = None) -> SearchResult: ...
    def section_at(self, document_id: str, offset: int) -> str | None: ...

    # -- corpus layer ------------------------------------------------------
    def step_state(self, name: str) -> StepState | None: ...
    def write_step(self, state: StepState, records: Sequence[CorpusRecord],
                   delete: Mapping[type[CorpusRecord], Sequence[str]] = {},
                   replace: Sequence[type[CorpusRecord]] = ()) -> None: ...
    def corpus_records(self, record_type: type[CorpusRecord], ids: Sequence[str] | None = None,
                       document: str | None = None,
                       where: Mapping[str, object] | None = None) -> list[CorpusRecord]: ...
    def corpus_digests(self, record_type: type[CorpusRecord]) -> dict[str, str]: ...
    def count_corpus(self, record_type: type[CorpusRecord]) -> int: ...

    # -- reviews -----------------------------------------------------------
    def write_review(self, review: Review) -> None: ...
    def reviews(self, target: str | None = None) -> list[Review]: ...
