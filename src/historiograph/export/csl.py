"""CSL-JSON export: one item per cited work, importable into Zotero. Where each
work is cited (document, note number, cited range, offsets) is kept in the item's
`custom` object (CSL-JSON 1.0) and summarised in its `note`."""

from __future__ import annotations

import json
from pathlib import Path

from ..store import Store
from ..views import works_view

CSL_TYPES = {"article-journal", "book", "chapter", "thesis", "webpage", "document", "manuscript"}


def csl_items(store: Store, document: str | None = None) -> list[dict]:
    """One CSL item per cited work (the register's works), with where it is cited."""
    items = []
    for n, work in enumerate((w for w in works_view(store, document).works if w.csl), 1):
        item = {k: v for k, v in work.csl.items() if k != "citation-number"}
        item["id"] = f"hg{n}"
        item["type"] = item.get("type") if item.get("type") in CSL_TYPES else "document"
        cites = [{"document": c.document, "note": c.note_number, "cited_range": c.cited_range,
                  "offsets": [c.start, c.end], "form": c.form, "role": c.role, "ambiguous": c.ambiguous,
                  "register": work.id}
                 for c in work.citations]
        where = "; ".join(f"{c['document']} note {c['note']}" + (f", {c['cited_range']}" if c["cited_range"] else "")
                          for c in cites if c["note"] is not None)
        item["note"] = f"Cited {len(cites)}× (historiograph): {where}" if where else f"Cited {len(cites)}× (historiograph)"
        item["custom"] = {"historiograph": {"citations": cites}}
        items.append(item)
    return items


def export_csl(store: Store, path: str | Path, all_versions: bool = False, document: str | None = None) -> int:
    items = csl_items(store, document)
    Path(path).write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(items)
