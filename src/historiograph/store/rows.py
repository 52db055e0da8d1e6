"""What every store shares between its SQL and the typed rows: a stored row back into a
record, a corpus record or a `DocumentRow`, and the few values a store derives when it
writes a document (its title and author from the sections, its revision)."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone
from typing import Any, Mapping

from ..model import CorpusRecord, Document, Record, corpus_record_from_dict, record_from_dict
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


def row_record(cls: type[Record], row: Mapping[str, Any]) -> Record:
    data: dict[str, Any] = {"type": cls.type_name, "id": row["id"], "spans": json.loads(row["spans"]),
                            "component": row["component"], "version": row["component_version"],
                            "confidence": row["confidence"], "status": row["status"]}
    data.update(schema.decode_fields(cls, dict(row), set(data)))
    return record_from_dict(data)


def row_corpus(cls: type[CorpusRecord], row: Mapping[str, Any]) -> CorpusRecord:
    data: dict[str, Any] = {"type": cls.type_name, "id": row["id"], "component": row["component"],
                            "version": row["component_version"], "confidence": row["confidence"],
                            "status": row["status"]}
    data.update(schema.decode_fields(cls, dict(row), set(data)))
    return corpus_record_from_dict(data)


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
    name = re.split(r"\s+(?:[|•·]|on\s+\w+\s+\d|\d{1,2}\s+\w+\s+\d{4})", name)[0].strip(" ,;|")
    return name[:120] or None
