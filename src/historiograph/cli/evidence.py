"""`notes`, `works` (and its older name `sources`): the evidence a document gives and the
works the corpus cites."""

from __future__ import annotations

from typing import Optional

import typer

from .. import views
from .common import ALL, DB, DOC, JSON, app, emit_json, guarded, more, out, safe, store_for, table


@app.command()
@guarded
def notes(doc: str = DOC, db: str = DB, limit: int = typer.Option(25, help="Notes at most."), show_all: bool = ALL,
          as_json: bool = JSON):
    """A document's notes: markers, notes, the references they give, what Ibid. resolves to."""
    with store_for(db) as store:
        view = views.notes_view(store, doc)
    if as_json:
        return emit_json(view)
    if not view.notes and not view.other_references:
        out.print(f"{safe(view.document)} has no notes and no references"
                  + (f" ({view.markers} markers without notes)" if view.markers else ""))
        return
    out.print(f"{len(view.notes)} notes, {view.markers} markers, {view.linked} linked to their note")
    t = table("note", "reference (form, page) → the work", ratios=(None, 1))
    rows = view.notes if show_all else view.notes[:limit]
    for n in rows:
        mark = f"{n.number}\n[dim]@{n.marker[0]}[/dim]" if n.marker else f"{n.number}\n[red]no marker[/red]"
        if not n.references:
            t.add_row(mark, f"[dim]{n.kind}:[/dim] {safe(n.text)}")
            continue
        lines = []
        for c in n.references:
            page = f", {c.cited_range}" if c.cited_range else ""
            line = f"{safe(c.text)}\n  [dim]{c.form}{page} →[/dim] "
            if c.ambiguous:
                line += "[yellow]ambiguous:[/yellow] " + safe(" | ".join(c.candidates))
            else:
                line += safe(c.work)
            lines.append(line)
        t.add_row(mark, "\n".join(lines))
    out.print(t)
    more(len(rows), len(view.notes), "notes")
    for c in view.other_references[:limit if not show_all else None]:
        out.print(f"[dim]{c.form} at {c.start}-{c.end}:[/dim] {safe(c.work)}")
    for p in view.problems:
        out.print(f"[yellow]{p['code']}[/yellow] {p['start']}-{p['end']} {safe(p['message'])}")


def _works(db: str, doc: Optional[str], limit: int, show_all: bool, as_json: bool) -> None:
    with store_for(db) as store:
        view = views.works_view(store, doc)
    if as_json:
        return emit_json(view)
    if not view.works:
        out.print("no cited works")
        return
    t = table("work", "cited", "where (document: notes)", ratios=(3, None, 2))
    rows = view.works if show_all else view.works[:limit]
    for w in rows:
        where: dict[str, list[str]] = {}
        for c in w.citations:
            label = f"n{c.note_number}" if c.note_number is not None else c.form
            where.setdefault(c.document.rsplit("-", 1)[0], []).append(label)
        t.add_row(safe(w.short), str(len(w.citations)), safe("; ".join(f"{d}: {' '.join(ns)}" for d, ns in where.items())))
    out.print(t)
    more(len(rows), view.total, "works")


@app.command()
@guarded
def works(db: str = DB, doc: Optional[str] = typer.Option(None, "--doc", help="Only works this document cites."),
          limit: int = typer.Option(40, help="Works at most."), show_all: bool = ALL, as_json: bool = JSON):
    """Every cited work across the corpus (one entry per work, short titles and Ibid.
    joined), with the documents and notes that cite it."""
    _works(db, doc, limit, show_all, as_json)


@app.command()
@guarded
def sources(db: str = DB, doc: Optional[str] = typer.Option(None, "--doc", help="Only works this document cites."),
            limit: int = typer.Option(40, help="Works at most."), show_all: bool = ALL, as_json: bool = JSON):
    """The same as `works` (its earlier name)."""
    _works(db, doc, limit, show_all, as_json)
