"""`search`: full-text search with every hit shown in its section, with its offsets."""

from __future__ import annotations

from typing import Optional

import typer
from rich.text import Text

from .. import views
from .common import DB, JSON, app, emit_json, guarded, inert, out, safe, store_for


@app.command()
@guarded
def search(query: str = typer.Argument(..., help='Words, "a phrase", prefix*, OR, AND, NOT.'), db: str = DB,
           limit: int = typer.Option(50, help="Hits at most."),
           per_document: Optional[int] = typer.Option(None, help="Hits at most per document."),
           show_all: bool = typer.Option(False, "--all", help="Every hit."), as_json: bool = JSON):
    """Full-text search (SQLite FTS5): each hit with its document, section and offsets."""
    with store_for(db) as store:
        view = views.search_view(store, query, 10**9 if show_all else limit, per_document)
    if as_json:
        return emit_json(view)
    if not view.hits:
        out.print(f"no hits for {safe(query)}")
        return
    for hit in view.hits:
        out.print(Text.assemble((hit.document_id, "cyan"), f" {hit.start}-{hit.end} ", (hit.section or "", "dim")))
        out.print(Text.assemble("   …" + inert(hit.before) + " ", (inert(hit.match), "bold yellow"),
                                " " + inert(hit.after) + "…"))
    shown = len(view.hits)
    out.print(f"[dim]{shown} of {view.total} hits in {view.documents} documents"
              + (" (--limit N or --all for more)" if view.truncated else "") + "[/dim]")

