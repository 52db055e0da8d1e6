"""Storage: SQLite by default (one file per corpus)."""

from .sqlite import Hit, Store, fts_query, hit_pattern

__all__ = ["Store", "Hit", "fts_query", "hit_pattern"]
