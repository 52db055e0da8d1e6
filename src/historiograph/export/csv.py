"""CSV export: a folder with one CSV per layer (`attributions.csv`, `notes.csv`, … one row
per record, its offsets, provenance, status, latest review verdict and the record's own
fields), one per corpus table (`entities.csv`, `entity_links.csv`, `reviews.csv`, …) and
`documents.csv` (metadata and text). Lists and objects are JSON in their cell; a place in
the corpus (an entity link's mention) is spread over `<field>_document`, `_start`, `_end`,
`_record`. A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `@`,
or `-` before a non-digit) is written with a leading apostrophe; offsets are numbers in
their own columns, so they never change. Reads the store; computes nothing."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any, Iterable

from ..model import CORPUS_TYPES, Place, Record
from ..store import Store

BASE = ("document_id", "id", "type", "layer", "start", "end", "spans", "component", "version", "confidence", "status",
        "reviewed")
DOCUMENT_COLUMNS = ("id", "source", "version", "current", "title", "author", "date", "url", "genre", "media_type",
                    "chars", "analyzed_at", "text")
FORMULA = re.compile(r"^(?:[=+@\t\r]|-(?![\d.]))")


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, Place):
        value = value.to_dict()
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=lambda v: v.to_dict() if hasattr(v, "to_dict") else str(v))
    text = str(value)
    return "'" + text if FORMULA.match(text) else text


def _write(path: Path, columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> int:
    columns = list(columns)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell(row.get(c)) for c in columns])
            n += 1
    return n


def _record_row(doc_id: str | None, layer: str, r: Record, reviewed: dict[str, str]) -> dict[str, Any]:
    row = {"document_id": doc_id, "id": r.id, "type": r.type_name, "layer": layer, "start": r.start, "end": r.end,
           "spans": [list(s) for s in r.spans], "component": r.component, "version": r.version,
           "confidence": r.confidence, "status": r.status, "reviewed": reviewed.get(r.id)}
    for f in r.extra_fields():
        row[f.name] = getattr(r, f.name)
    return row


def export_csv(store: Store, folder: str | Path, all_versions: bool = False, document: str | None = None) -> int:
    """Write the folder; return how many files were written."""
    folder = Path(folder)
    rows = [store.document_row(document)] if document else store.documents(all_versions)
    reviewed = {r.target: r.verdict for r in store.reviews()}
    layers: dict[str, list[dict[str, Any]]] = {}
    columns: dict[str, list[str]] = {}
    docs = []
    for row in rows:
        doc = store.document(row.id)
        docs.append({"id": row.id, "source": row.source, "version": row.version, "current": row.current,
                     "title": row.title, "author": row.author, "date": row.date, "url": row.url, "genre": row.genre,
                     "media_type": row.media_type, "chars": row.n_chars, "analyzed_at": row.analyzed_at,
                     "text": doc.text})
        for layer, records in doc.layers.items():
            cols = columns.setdefault(layer, list(BASE))
            for r in records:
                for f in r.extra_fields():
                    if f.name not in cols:
                        cols.append(f.name)
                layers.setdefault(layer, []).append(_record_row(row.id, layer, r, reviewed))
    if not document:  # files that never became documents keep their problems
        cols = columns.setdefault("problems", list(BASE))
        for name in ("code", "message", "severity", "source"):
            if name not in cols:
                cols.append(name)
        for prow in store.corpus_problems():
            layers.setdefault("problems", []).append(_record_row(None, "problems", prow.problem, reviewed)
                                                     | {"source": prow.source})
    written = 0
    _write(folder / "documents.csv", DOCUMENT_COLUMNS, docs)
    written += 1
    for layer, records in layers.items():
        _write(folder / f"{_safe(layer)}.csv", columns[layer], records)
        written += 1
    if not document:
        for cls in CORPUS_TYPES.values():
            if not cls.exported:
                continue
            records = store.corpus_records(cls)
            cols = ["id", "type", "component", "version", "confidence", "status"]
            flat_rows = []
            for rec in records:
                data: dict[str, Any] = {"id": rec.id, "type": rec.type_name, "component": rec.component,
                                        "version": rec.version, "confidence": rec.confidence, "status": rec.status}
                for f in rec.extra_fields():
                    value = getattr(rec, f.name)
                    if isinstance(value, Place):
                        data.update({f"{f.name}_document": value.document, f"{f.name}_start": value.start,
                                     f"{f.name}_end": value.end, f"{f.name}_record": value.record,
                                     f"{f.name}_spans": [list(s) for s in value.spans]})
                    else:
                        data[f.name] = value
                for key in data:
                    if key not in cols:
                        cols.append(key)
                flat_rows.append(data)
            if not records:
                cols += [f.name for f in cls.extra_fields()]
            _write(folder / f"{_safe(cls.table)}.csv", cols, flat_rows)
            written += 1
    return written


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", name)[:80] or "layer"


__all__ = ["export_csv", "cell"]
