"""JSON export: per document its id, source, metadata, text and every layer's
records with their offsets. Reads the store; computes nothing."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import IO

from ..store import Store

SCHEMA = "historiograph.export/1"


def write_json(store: Store, out: IO[str], all_versions: bool = False) -> int:
    """Stream the corpus as one JSON object; return the number of documents."""
    out.write('{"schema": %s, "exported_at": %s, "documents": [' % (
        json.dumps(SCHEMA), json.dumps(datetime.now(timezone.utc).isoformat(timespec="seconds"))))
    n = 0
    for row in store.documents(all_versions):
        doc = store.document(row["id"])
        data = doc.to_dict()
        data = {"id": data["id"], "source": doc.meta.source_path, "version": row["version"],
                "current": bool(row["current"]), **{k: v for k, v in data.items() if k != "id"}}
        out.write(("," if n else "") + "\n" + json.dumps(data, ensure_ascii=False))
        n += 1
    problems = [p.to_dict() | {"source": src} for p, src in store.corpus_problems()]
    out.write('\n], "problems": %s}\n' % json.dumps(problems, ensure_ascii=False))
    return n


def export_json(store: Store, path: str | Path, all_versions: bool = False) -> int:
    with open(path, "w", encoding="utf-8") as fh:
        return write_json(store, fh, all_versions)
