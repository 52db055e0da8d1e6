"""The SQL schema, derived from the record types: one plain table per record type (with
`document_id` and the type's own fields), one per corpus record type, and the tables that
hold documents, corpus places, corpus-step state and reviews. Plain names and plain
columns, so a corpus also opens in Datasette or any SQL tool. One description serves both
databases; a `Dialect` names what differs (column types, row order, the full-text index)."""

from __future__ import annotations

import dataclasses
import functools
import json
import typing
from dataclasses import dataclass
from typing import Any

from ..model import CORPUS_TYPES, RECORD_TYPES, CorpusRecord, Problem, Record

SCHEMA_VERSION = 2
BASE_COLUMNS = ("document_id", "id", "layer", "start_char", "end_char", "spans", "component",
                "component_version", "confidence", "status")
CORPUS_BASE = ("id", "component", "component_version", "confidence", "status", "digest")


@dataclass(frozen=True)
class Dialect:
    """What differs between the SQL of two databases for the same tables: column types, how a
    table keeps the order rows were written in, and the full-text index."""

    name: str
    text: str = "TEXT"
    integer: str = "INTEGER"
    bigint: str = "INTEGER"
    real: str = "REAL"
    boolean: str = "INTEGER"
    true: str = "1"
    order_column: str = ""  # a column that keeps insertion order where there is no rowid
    fts: str = ""  # the full-text index of documents (title, text)
    preamble: str = ""  # objects the tables need (a sequence…)

    def column(self, kind: str) -> str:
        return getattr(self, kind)


SQLITE = Dialect(
    "sqlite",
    fts="""CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid');""")

# PostgreSQL: text compared and sorted byte by byte (COLLATE "C", as SQLite does, whatever the
# server's locale), 8-byte floats and integers, true booleans, one sequence that keeps the
# order records were written in, and the text search index: documents_fts holds a tsvector
# per part of a document (its title, then its text cut into overlapping parts, since one
# tsvector holds at most 1 MB and word positions up to 16,383).
POSTGRES = Dialect(
    "postgres", text='TEXT COLLATE "C"', bigint="BIGINT", real="DOUBLE PRECISION", boolean="BOOLEAN",
    true="true", order_column="seq BIGINT NOT NULL DEFAULT nextval('record_seq')",
    preamble="CREATE SEQUENCE IF NOT EXISTS record_seq;",
    fts="""CREATE TABLE IF NOT EXISTS documents_fts (
    document_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    part INTEGER NOT NULL, start_char INTEGER NOT NULL, tsv tsvector NOT NULL,
    PRIMARY KEY (document_id, part));
CREATE INDEX IF NOT EXISTS documents_fts_tsv ON documents_fts USING gin (tsv);""")


def documents_sql(d: Dialect = SQLITE) -> str:
    t, i = d.text, d.integer
    return f"""
{d.preamble}
CREATE TABLE IF NOT EXISTS documents (
    id {t} PRIMARY KEY,
    source {t} NOT NULL,
    version {i} NOT NULL,
    current {d.boolean} NOT NULL DEFAULT {d.true},
    content_hash {t} NOT NULL,
    file_hash {t},
    media_type {t},
    title {t}, author {t}, date {t}, url {t}, genre {t},
    n_chars {i} NOT NULL,
    text {t} NOT NULL,
    pipeline {t} NOT NULL,
    layers {t} NOT NULL DEFAULT '[]',
    analyzed_at {t} NOT NULL,
    revision {t}
);
CREATE UNIQUE INDEX IF NOT EXISTS documents_source_version ON documents(source, version);
CREATE UNIQUE INDEX IF NOT EXISTS documents_source_content ON documents(source, content_hash);
CREATE INDEX IF NOT EXISTS documents_file ON documents(source, file_hash);
{d.fts}
CREATE TABLE IF NOT EXISTS store_info (key {t} PRIMARY KEY, value {t});
CREATE TABLE IF NOT EXISTS corpus_steps (
    name {t} PRIMARY KEY, version {t} NOT NULL, seen {t} NOT NULL, inputs {t} NOT NULL,
    token {t} NOT NULL, ran_at {t} NOT NULL);
CREATE TABLE IF NOT EXISTS corpus_places (
    record_table {t} NOT NULL, record_id {t} NOT NULL, document_id {t} NOT NULL,
    start_char {i} NOT NULL, end_char {i} NOT NULL, record {t});
CREATE INDEX IF NOT EXISTS corpus_places_doc ON corpus_places(document_id, record_table);
CREATE INDEX IF NOT EXISTS corpus_places_rec ON corpus_places(record_table, record_id);
"""


DOCUMENTS = documents_sql(SQLITE)


def sql_type(annotation: Any, dialect: Dialect = SQLITE) -> str:
    """The column type of a record field: integers, reals and booleans as such, everything
    else (strings, and tuples, dicts and places as JSON) as text."""
    text = str(annotation)
    if text.startswith("bool") or text == "<class 'bool'>":
        return dialect.boolean
    if "float" in text and "tuple" not in text:
        return dialect.real
    if (text.startswith("int") or text == "<class 'int'>") and "tuple" not in text:
        return dialect.bigint
    return dialect.text


def record_table_sql(cls: type[Record], dialect: Dialect = SQLITE) -> str:
    t, i = dialect.text, dialect.integer
    extra = ", ".join(f"{f.name} {sql_type(f.type, dialect)}" for f in cls.extra_fields())
    order = f", {dialect.order_column}" if dialect.order_column else ""
    return f"""
CREATE TABLE IF NOT EXISTS {cls.table} (
    document_id {t} REFERENCES documents(id),
    id {t} NOT NULL, layer {t} NOT NULL,
    start_char {i} NOT NULL, end_char {i} NOT NULL, spans {t} NOT NULL,
    component {t} NOT NULL, component_version {t} NOT NULL,
    confidence {dialect.real}, status {t} NOT NULL{', ' + extra if extra else ''}
    {f', source {t}' if cls is Problem else ''}{order}
);
CREATE UNIQUE INDEX IF NOT EXISTS {cls.table}_key ON {cls.table}(coalesce(document_id, ''), layer, id);
CREATE INDEX IF NOT EXISTS {cls.table}_doc ON {cls.table}(document_id, start_char);
CREATE INDEX IF NOT EXISTS {cls.table}_id_doc ON {cls.table}(id, document_id);
"""


def corpus_table_sql(cls: type[CorpusRecord], dialect: Dialect = SQLITE) -> str:
    t = dialect.text
    extra = ", ".join(f"{f.name} {sql_type(f.type, dialect)}" for f in cls.extra_fields())
    order = f", {dialect.order_column}" if dialect.order_column else ""
    indexes = "".join(f"CREATE INDEX IF NOT EXISTS {cls.table}_{name} ON {cls.table}({name});\n"
                      for name in getattr(cls, "indexed", ()))
    return f"""
CREATE TABLE IF NOT EXISTS {cls.table} (
    id {t} PRIMARY KEY, component {t} NOT NULL, component_version {t} NOT NULL,
    confidence {dialect.real}, status {t} NOT NULL, digest {t}{', ' + extra if extra else ''}{order}
);
{indexes}"""


def where_fields(cls: type[CorpusRecord], where: typing.Mapping[str, Any]) -> list[str]:
    """The fields a ``where`` filter names, each checked to be a column of the type's table
    (the names go into SQL: a field that is none is a KeyError, never a query)."""
    known = {f.name for f in cls.extra_fields()} | set(CORPUS_BASE)
    bad = [k for k in where if k not in known]
    if bad:
        raise KeyError(f"{cls.__name__} has no field {bad[0]!r}")
    return list(where)


def all_tables_sql(dialect: Dialect = SQLITE) -> list[str]:
    return [documents_sql(dialect)] + [record_table_sql(c, dialect) for c in RECORD_TYPES.values()] + \
        [corpus_table_sql(c, dialect) for c in CORPUS_TYPES.values()]


def extra_columns(dialect: Dialect = SQLITE) -> dict[str, list[tuple[str, str]]]:
    """Every table's columns that a file made by an older version may lack: (name, type)."""
    out: dict[str, list[tuple[str, str]]] = {"documents": [("revision", dialect.text)]}
    for cls in list(RECORD_TYPES.values()) + list(CORPUS_TYPES.values()):
        out[cls.table] = [(f.name, sql_type(f.type, dialect)) for f in cls.extra_fields()]
    return out


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


@functools.lru_cache(maxsize=None)
def _field_kinds(cls: type) -> tuple[tuple[str, bool, bool], ...]:
    """(name, holds JSON, is bool) of each field of a record type, worked out once per type
    (reading type hints is far slower than decoding a row)."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        hint = str(hints.get(f.name))
        out.append((f.name, any(t in hint for t in ("tuple", "dict", "list", "Mapping", "Place")),
                    hint.startswith("<class 'bool'>")))
    return tuple(out)


@functools.lru_cache(maxsize=None)
def extra_kinds(cls: type) -> tuple[tuple[str, bool, bool], ...]:
    """`_field_kinds` of the type's own fields (those beyond the base record's columns)."""
    own = {f.name for f in cls.extra_fields()}
    return tuple(k for k in _field_kinds(cls) if k[0] in own)


_DEFAULTS: dict[type, dict[str, Any]] = {}


def defaults(cls: type) -> dict[str, Any]:
    """Every field's default value (factories called once: the values are never changed in
    place, records being frozen), to fill a record read from a row that lacks a column."""
    if cls not in _DEFAULTS:
        out = {}
        for f in dataclasses.fields(cls):
            if f.default is not dataclasses.MISSING:
                out[f.name] = f.default
            elif f.default_factory is not dataclasses.MISSING:
                out[f.name] = f.default_factory()
        _DEFAULTS[cls] = out
    return _DEFAULTS[cls]


@functools.lru_cache(maxsize=None)
def keeps_default(cls: type) -> frozenset[str]:
    """Fields with a default other than None: a NULL in their column (a column added to an
    older file after its rows were written) means the default, not None."""
    out = set()
    for f in dataclasses.fields(cls):
        has = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        if has and not (f.default is None):
            out.add(f.name)
    return frozenset(out)


def decode_fields(cls: type, row: typing.Mapping[str, Any], skip: set[str]) -> dict[str, Any]:
    """Column values back into the type's field values (JSON parsed where the field holds one)."""
    data: dict[str, Any] = {}
    for name, holds_json, is_bool in _field_kinds(cls):
        if name in skip or name not in row:
            continue
        value = row[name]
        if isinstance(value, str) and holds_json:
            value = json.loads(value)
        elif is_bool and value is not None:
            value = bool(value)
        data[name] = value
    return data
