"""Exporters: they only read the store; they never compute. Each writes one file or one
folder; none ever writes over the corpus database it reads."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..store import Store, StoreError
from .csl import csl_items, export_csl
from .json import SCHEMA, export_json, write_json


@dataclass(frozen=True)
class Format:
    name: str
    write: Callable[..., int]  # (store, path, all_versions=…, document=…) -> how many written
    what: str  # what the count counts
    folder: bool = False  # writes a folder of files, not one file
    help: str = ""


FORMATS: dict[str, Format] = {
    "json": Format("json", lambda store, path, all_versions=False, document=None: export_json(store, path, all_versions),
                   "documents", help="the whole corpus: documents, text, every layer, corpus records"),
    "csl": Format("csl", lambda store, path, all_versions=False, document=None: export_csl(store, path, document=document),
                  "works", help="every cited work as CSL-JSON, for Zotero"),
}


def check_target(store: Store, target: str | Path, folder: bool) -> Path:
    """Refuse, in one line, an output that would overwrite the database or cannot be written."""
    path = Path(target)
    db = getattr(store, "path", None)
    if db is not None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            other = Path(str(db) + suffix)
            if path.exists() and other.exists() and os.path.samefile(path, other) or \
                    path.resolve() == other.resolve():
                raise StoreError(f"{target}: is the corpus database itself; choose another --out")
    if folder:
        if path.exists() and not path.is_dir():
            raise StoreError(f"{target}: exists and is not a folder (this format writes a folder of files)")
        if not path.parent.exists():
            raise StoreError(f"{path.parent}: no such folder")
        path.mkdir(exist_ok=True)
    else:
        if path.is_dir():
            raise StoreError(f"{target}: is a folder; give a file name")
        if not path.parent.exists():
            raise StoreError(f"{path.parent}: no such folder")
    return path


def export(store: Store, format: str, target: str | Path, all_versions: bool = False,
           document: str | None = None) -> tuple[int, str]:
    if format not in FORMATS:
        raise StoreError(f"unknown format {format!r} (known: {', '.join(FORMATS)})")
    fmt = FORMATS[format]
    path = check_target(store, target, fmt.folder)
    return fmt.write(store, path, all_versions=all_versions, document=document), fmt.what


__all__ = ["FORMATS", "Format", "SCHEMA", "check_target", "csl_items", "export", "export_csl", "export_json",
           "write_json"]
