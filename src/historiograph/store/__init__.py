"""Storage behind one `Store` protocol: SQLite by default (one file per corpus)."""

from __future__ import annotations

import os

from .base import DocumentRow, Hit, ProblemRow, SearchResult, StepState, Store, StoreError
from .search import QueryError, fts_query, hit_pattern
from .sqlite import SQLiteStore


def open_store(location: str | os.PathLike, read_only: bool = False) -> Store:
    """The store at ``location``: a SQLite file path."""
    return SQLiteStore(location, read_only=read_only)


__all__ = ["Store", "SQLiteStore", "StoreError", "DocumentRow", "ProblemRow", "Hit", "SearchResult", "StepState",
           "QueryError", "open_store", "fts_query", "hit_pattern"]
