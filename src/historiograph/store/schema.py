"""The SQL schema, derived from the record types: one plain table per record type (with
`document_id` and the type's own fields), one per corpus record type, and the tables that
hold documents, corpus places, corpus-step state and reviews. Plain names and plain
columns, so a corpus also opens in Datasette or any SQL tool."""

from __future__ import annotations

import dataclasses
import json
import typing
from typing import Any

from ..model import CORPUS_TYPES, RECORD_TYPES, CorpusRecord, Problem, Record

SCHEMA_VERSION = 2
BASE_COLUMNS = ("document_id", "id", "layer", "start_char", "end_char", "spans", "component",
                "component_version", "confidence", "status")
CORPUS_BASE = ("id", "component", "component_version", "confidence", "status", "digest")

DOCUMENTS = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    version INTEGER NOT NULL,
    current INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL,
    file_hash TEXT,
    media_type TEXT,
    title TEXT, author TEXT, date TEXT, url TEXT, genre TEXT,
    n_chars INTEGER NOT NULL,
    text TEXT NOT NULL,
    pipeline TEXT NOT NULL,
    layers TEXT NOT NULL DEFAULT '[]',
    analyzed_at TEXT NOT NULL,
    revision TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS documents_source_version ON documents(source, version);
CREATE INDEX IF NOT EXISTS documents_file ON documents(source, file_hash);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid');
CREATE TABLE IF NOT EXISTS store_info (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS corpus_steps (
    name TEXT PRIMARY KEY, version TEXT NOT NULL, seen TEXT NOT NULL, inputs TEXT NOT NULL,
    token TEXT NOT NULL, ran_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS corpus_places (
    record_table TEXT NOT NULL, record_id TEXT NOT NULL, document_id TEXT NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, record TEXT);
CREATE INDEX IF NOT EXISTS corpus_places_doc ON corpus_places(document_id, record_table);
CREATE INDEX IF NOT EXISTS corpus_places_rec ON corpus_places(record_table, record_id);
"""


def sql_type(annotation: Any) -> str:
    text = str(annotation)
    if text.startswith("bool") or text == "<class 'bool'>":
        return "INTEGER"
    if "float" in text and "tuple" not in text:
        return "REAL"
    if (text.startswith("int") or text == "<class 'int'>") and "tuple" not in text:
        return "INTEGER"
    return "TEXT"


def record_table_sql(cls: type[Record]) -> str:
    extra = ", ".join(f"{f.name} {sql_type(f.type)}" for f in cls.extra_fields())
    return f"""
CREATE TABLE IF NOT EXISTS {cls.table} (
    document_id TEXT REFERENCES documents(id),
    id TEXT NOT NULL, layer TEXT NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, spans TEXT NOT NULL,
    component TEXT NOT NULL, component_version TEXT NOT NULL,
    confidence REAL, status TEXT NOT NULL{', ' + extra if extra else ''}
    {', source TEXT' if cls is Problem else ''}
);
CREATE UNIQUE INDEX IF NOT EXISTS {cls.table}_key ON {cls.table}(coalesce(document_id, ''), layer, id);
CREATE INDEX IF NOT EXISTS {cls.table}_doc ON {cls.table}(document_id, start_char);
"""


def corpus_table_sql(cls: type[CorpusRecord]) -> str:
    extra = ", ".join(f"{f.name} {sql_type(f.type)}" for f in cls.extra_fields())
    return f"""
CREATE TABLE IF NOT EXISTS {cls.table} (
    id TEXT PRIMARY KEY, component TEXT NOT NULL, component_version TEXT NOT NULL,
    confidence REAL, status TEXT NOT NULL, digest TEXT{', ' + extra if extra else ''}
);
"""


def all_tables_sql() -> list[str]:
    return [DOCUMENTS] + [record_table_sql(c) for c in RECORD_TYPES.values()] + \
        [corpus_table_sql(c) for c in CORPUS_TYPES.values()]


def encode(value: Any) -> Any:
    """A Python field value as a column value (tuples, dicts and places as JSON)."""
    if isinstance(value, (tuple, list, dict)) or dataclasses.is_dataclass(value):
        return json.dumps(_plain(value), ensure_ascii=False)
    return value


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def decode_fields(cls: type, row: typing.Mapping[str, Any], skip: set[str]) -> dict[str, Any]:
    """Column values back into the type's field values (JSON parsed where the field holds one)."""
    data: dict[str, Any] = {}
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if f.name in skip or f.name not in row:
            continue
        value = row[f.name]
        hint = str(hints.get(f.name))
        if isinstance(value, str) and any(t in hint for t in ("tuple", "dict", "list", "Mapping", "Place")):
            value = json.loads(value)
        elif hint.startswith("<class 'bool'>") and value is not None:
            value = bool(value)
        data[f.name] = value
    return data
