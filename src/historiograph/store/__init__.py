"""Storage behind one `Store` protocol: SQLite by default (one file per corpus), PostgreSQL
for teams (a `postgresql://` URL)."""

from __future__ import annotations

import os

from .base import DocumentRow, Hit, ProblemRow, SearchResult, StepState, Store, StoreError
from .search import QueryError, fts_query, hit_pattern
from .sqlite import SQLiteStore

URL_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(location: str | os.PathLike) -> bool:
    """Does ``location`` name a PostgreSQL database (a postgresql:// URL) rather than a file?"""
    return str(location).startswith(URL_SCHEMES)


def open_store(location: str | os.PathLike, read_only: bool = False) -> Store:
    """The store at ``location``: a PostgreSQL URL (postgresql://user@host:port/database) or
    a SQLite file path."""
    if is_postgres(location):
        from .postgres import PostgresStore  # psycopg is loaded only for a team database

        return PostgresStore(str(location), read_only=read_only)
    return SQLiteStore(location, read_only=read_only)


def __getattr__(name: str):
    if name == "PostgresStore":
        from .postgres import PostgresStore

        return PostgresStore
    raise AttributeError(name)


__all__ = ["Store", "SQLiteStore", "PostgresStore", "StoreError", "DocumentRow", "ProblemRow", "Hit", "SearchResult",
           "StepState", "QueryError", "open_store", "is_postgres", "fts_query", "hit_pattern"]
