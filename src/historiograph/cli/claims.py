"""`claims` and `numbers`: what a document asserts and on what footing; the figures the
corpus gives, side by side with who gives each."""

from __future__ import annotations

from typing import Optional

import typer

from .. import views
from .common import ALL, DB, DOC, JSON, app, emit_json, guarded, more, out, safe, store_for, table

FOOTING_STYLE = {"cited": "green", "quoted": "cyan", "attributed": "blue", "unsupported": "yellow"}


@app.command()
@guarded
def claims(doc: str = DOC, db: str = DB,
           footing: Optional[list[str]] = typer.Option(None, "--footing", help="Only cited, quoted, attributed "
                                                                                 "or unsupported."),
           limit: int = typer.Option(30, help="Claims at most."), show_all: bool = ALL, as_json: bool = JSON):
    """A document's assertions, each with who asserts it and its footing (cited, quoted,
    attributed, unsupported), the evidence and the figures it gives."""
    with store_for(db) as store:
        view = views.claims_view(store, doc, tuple(footing) if footing else None)
    if as_json:
        return emit_json(view)
    s = view.summary
    if s:
        out.print(f"{s.get('assertions', 0)} assertions: {s.get('cited', 0)} cited, {s.get('quoted', 0)} quoted, "
                  f"{s.get('attributed', 0)} attributed, {s.get('unsupported', 0)} unsupported; "
                  f"sourced share {s.get('sourced_share', 0):.0%}")
    t = table("where", "claim", ratios=(None, 1))
    rows = view.claims if show_all else view.claims[:limit]
    for c in rows:
        style = FOOTING_STYLE.get(c.footing, "")
        notes = [f"[{style}]{c.footing}[/{style}]"] + (["hedged"] if c.hedged else []) + (["negated"] if c.negated else [])
        extra = ""
        if c.evidence:
            extra += "\n[dim]evidence: " + safe("; ".join(c.evidence)) + "[/dim]"
        if c.figures:
            extra += "\n[dim]figures: " + safe("; ".join(c.figures)) + "[/dim]"
        who = f"\n[dim]{safe(c.asserted_by)}[/dim]" if c.asserted_by else ""
        t.add_row(f"{c.start}\n{' '.join(notes)}", safe(c.text) + who + extra)
    out.print(t)
    more(len(rows), len(view.claims), "claims")


@app.command()
@guarded
def numbers(db: str = DB, measure: Optional[str] = typer.Option(None, help="Only one measure (deaths, percent…)."),
            limit: int = typer.Option(10, help="Groups at most."), show_all: bool = ALL, as_json: bool = JSON):
    """Comparable figures across the corpus: the same quantity given by different texts and
    sources, with who gives each figure and on what footing."""
    with store_for(db) as store:
        view = views.numbers_view(store, measure)
    if as_json:
        return emit_json(view)
    if not view.groups:
        out.print("no comparable figures")
        return
    groups = view.groups if show_all else view.groups[:limit]
    for g in groups:
        out.print(f"[bold]{g.rank}. {safe(g.label)}[/bold] ({len(g.figures)} figures in {len(g.documents)} documents)")
        t = table("figure", "given by · footing", "where", ratios=(2, 3, 2))
        for f in g.figures:
            t.add_row(safe(f.text), f"{safe(f.given_by or '—')}\n[dim]{f.footing or ''}[/dim]",
                      f"{safe(f.document.rsplit('-', 1)[0])} {f.start}")
        out.print(t)
    more(len(groups), view.total, "groups")
