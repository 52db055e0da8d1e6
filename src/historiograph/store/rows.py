"""What every store shares between its SQL and the typed rows: a stored row back into a
record, a corpus record or a `DocumentRow`, and the few values a store derives when it
writes a document (its title and author from the sections, its revision)."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone
from typing import Any, Mapping

from ..model import CorpusRecord, Document, Record
from ..model.corpus import _revive
from ..model.records import _tupled
from . import schema
from .base import DocumentRow


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def revision(doc_id: str, pipeline: list[str], analyzed: str) -> str:
    return hashlib.sha1(json.dumps([doc_id, pipeline, analyzed]).encode()).hexdigest()[:12]


def document_row(r: Mapping[str, Any]) -> DocumentRow:
    return DocumentRow(r["id"], r["source"], r["version"], bool(r["current"]), r["title"], r["author"], r["date"],
                       r["url"], r["genre"], r["media_type"], r["n_chars"], r["analyzed_at"], r["n_sections"],
                       r["n_problems"], r["revision"])


def _positional(row: Any, index: dict[str, int] | None) -> tuple[Any, dict[str, int]]:
    """The row as something read by position, and its column positions: a SQLite row read
    with its query's ``index``, or any row read by name (SQLite's or PostgreSQL's)."""
    if index is not None:
        return row, index
    keys = list(row.keys())
    return tuple(row[k] for k in keys), {k: i for i, k in enumerate(keys)}


def _extra(cls: type, row: Any, index: dict[str, int], revive: Any) -> dict[str, Any]:
    """The values of a type's own columns; a column the row lacks (an older, read-only file)
    or a NULL in a column added after the row was written leaves the field's default."""
    kwargs: dict[str, Any] = {}
    defaults = schema.keeps_default(cls)
    for name, holds_json, is_bool in schema.extra_kinds(cls):
        at = index.get(name)
        if at is None:
            continue
        value = row[at]
        if value is None and name in defaults:
            continue
        if holds_json and type(value) is str:
            value = revive(json.loads(value))
        elif is_bool and value is not None:
            value = bool(value)
        kwargs[name] = value
    return kwargs


def _record_value(value: Any) -> Any:
    return _tupled(value) if type(value) is list else value


def _corpus_value(value: Any) -> Any:
    return _revive(value) if type(value) is not dict or "document" in value else value


def row_record(cls: type[Record], row: Any, index: dict[str, int] | None = None) -> Record:
    """A stored row as its record. Rows were checked when their records were made, so the
    record is filled in directly rather than built and checked again (a long document's
    page reads thousands of them)."""
    row, index = _positional(row, index)
    spans = row[index["spans"]]
    if isinstance(spans, str):
        spans = json.loads(spans)
    kwargs: dict[str, Any] = {"id": row[index["id"]], "spans": tuple([(s, e) for s, e in spans]),
                              "component": row[index["component"]], "version": row[index["component_version"]],
                              "confidence": row[index["confidence"]], "status": row[index["status"]]}
    kwargs.update(_extra(cls, row, index, _record_value))
    record = object.__new__(cls)
    record.__dict__.update(schema.defaults(cls))
    record.__dict__.update(kwargs)
    return record


def row_corpus(cls: type[CorpusRecord], row: Any, index: dict[str, int] | None = None) -> CorpusRecord:
    row, index = _positional(row, index)
    kwargs: dict[str, Any] = {"id": row[index["id"]], "component": row[index["component"]],
                              "version": row[index["component_version"]], "confidence": row[index["confidence"]],
                              "status": row[index["status"]]}
    kwargs.update(_extra(cls, row, index, _corpus_value))
    return cls(**kwargs)


def section_text(doc: Document, kind: str) -> str | None:
    for sec in doc.layer("sections"):
        if getattr(sec, "kind", None) == kind:
            return " ".join(doc.text[sec.start:sec.end].split())[:300] or None
    return None


def byline(doc: Document) -> str | None:
    """The author a byline section names ("By Anna Writer" → "Anna Writer")."""
    line = section_text(doc, "byline")
    if not line:
        return None
    name = re.sub(r"^(?:by|posted by|written by|author:)\s+", "", line, flags=re.I).strip(" ,;|")
    name = re.split(r"(?<!\s)\s++(?:[|•·]|on\s++\w++\s++\d|\d{1,2}\s++\w++\s++\d{4})", name)[0].strip(" ,;|")  # linear
    return name[:120] or None
