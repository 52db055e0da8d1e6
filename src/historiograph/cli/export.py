"""`export`: the corpus in a standard format, never over the database it reads."""

from __future__ import annotations

from typing import Optional

import typer

from ..export import FORMATS, export as run_export
from .common import DB, app, guarded, out, safe, store_for


@app.command()
@guarded
def export(db: str = DB,
           format: str = typer.Option("json", "--format", help="; ".join(f"{f.name}: {f.help}" for f in FORMATS.values())),
           out_path: str = typer.Option(..., "--out", help="File (or folder, for formats that write one) to write."),
           all_versions: bool = typer.Option(False, "--all-versions"),
           doc: Optional[str] = typer.Option(None, "--doc", help="Only one document (where the format allows).")):
    """Export the corpus (json, csl, and the formats listed in --help)."""
    with store_for(db) as store:
        n, what = run_export(store, format, out_path, all_versions, doc)
    out.print(f"wrote {n} {what} to {safe(out_path)}")
