"""JSON export: per document its id, source, metadata, text, every layer's records with
their offsets and its summaries; then the corpus records (the register's `entities` with
their mentions, links, alignments, corpus problems, reviews) and the problems of files that
never became documents. Reads the store; computes nothing."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import IO

from ..model import CORPUS_TYPES, Entity, EntityLink
from ..store import Store

SCHEMA = "historiograph.export/2"


def write_json(store: Store, out: IO[str], all_versions: bool = False) -> int:
    """Stream the corpus as one JSON object; return the number of documents."""
    out.write('{"schema": %s, "exported_at": %s, "documents": [' % (
        json.dumps(SCHEMA), json.dumps(datetime.now(timezone.utc).isoformat(timespec="seconds"))))
    n = 0
    for row in store.documents(all_versions):
        doc = store.document(row.id)
        data = doc.to_dict()
        data = {"id": data["id"], "source": doc.meta.source_path, "version": row.version, "current": row.current,
                **{k: v for k, v in data.items() if k != "id"}, "summary": _summaries(data["layers"])}
        out.write(("," if n else "") + "\n" + json.dumps(data, ensure_ascii=False))
        n += 1
    out.write('\n], "entities": %s' % json.dumps(_entities(store), ensure_ascii=False))
    for cls in CORPUS_TYPES.values():
        if cls is not Entity and cls.exported:
            records = [r.to_dict() for r in store.corpus_records(cls)]
            out.write(', %s: %s' % (json.dumps(cls.table), json.dumps(records, ensure_ascii=False)))
    problems = [row.problem.to_dict() | {"source": row.source} for row in store.corpus_problems()]
    out.write(', "problems": %s}\n' % json.dumps(problems, ensure_ascii=False))
    return n


def _summaries(layers: dict) -> dict:
    """The summary records a layer keeps (a claims summary, a terms verdict), by layer."""
    out = {}
    for layer, records in layers.items():
        for r in records:
            if r.get("type", "").endswith(("summary", "verdict")):
                out[layer] = {k: v for k, v in r.items() if k not in ("spans", "type")}
    return out


def _entities(store: Store) -> list[dict]:
    mentions = defaultdict(list)
    for link in store.corpus_records(EntityLink):
        if link.status in ("machine", "confirmed"):
            mentions[link.entity].append(link.mention.to_dict() | {"why": link.why, "link": link.id})
    return [e.to_dict() | {"mentions": mentions.get(e.id, [])} for e in store.corpus_records(Entity)]


def export_json(store: Store, path: str | Path, all_versions: bool = False) -> int:
    with open(path, "w", encoding="utf-8") as fh:
        return write_json(store, fh, all_versions)
