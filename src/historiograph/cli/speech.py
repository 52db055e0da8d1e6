"""`quotes` and `who`: who says what, in one document or by one person across the corpus."""

from __future__ import annotations

from typing import Optional

import typer

from .. import views
from ..views.speech import QuoteRow
from .common import ALL, DB, DOC, JSON, app, emit_json, guarded, more, out, safe, store_for, table


def quote_table(rows: list[QuoteRow], width: int, with_document: bool = False):
    t = table("where", "who · cue", "what", ratios=(None, 2, 5))
    for q in rows:
        who = q.source + (f" ({q.speaker})" if q.speaker and q.speaker != q.source else "")
        cue = ("[red]not[/red] " if q.negated else "") + q.cue
        content = q.content if len(q.content) <= width else q.content[:width].rsplit(" ", 1)[0] + " …"
        extra = ("\n[dim]evidence: " + safe("; ".join(q.evidence)) + "[/dim]") if q.evidence else ""
        where = (f"{safe(q.document.rsplit('-', 1)[0])}\n" if with_document else "") + f"{q.start}"
        kind = "  " * q.depth + q.kind + (f" {q.confidence:.2f}" if q.confidence is not None else "")
        t.add_row(f"{where}\n[dim]{kind}[/dim]", f"{safe(who)}\n[dim]{safe(cue)}[/dim]", safe(content) + extra)
    return t


@app.command()
@guarded
def quotes(doc: str = DOC, db: str = DB,
           min_confidence: float = typer.Option(views.DEFAULT_MIN_CONFIDENCE, "--min-confidence",
                                                help="Hide attributions less sure than this."),
           kind: Optional[list[str]] = typer.Option(None, "--kind", help="Only these kinds (direct, indirect…)."),
           width: int = typer.Option(300, help="Characters of content to show."),
           limit: int = typer.Option(30, help="Attributions at most."), show_all: bool = ALL, as_json: bool = JSON):
    """A document's attributions: who says what, nested chains indented, negation marked."""
    with store_for(db) as store:
        view = views.quotes_view(store, doc, min_confidence, tuple(kind) if kind else None)
    if as_json:
        return emit_json(view)
    rows = view.quotes if show_all else view.quotes[:limit]
    out.print(quote_table(rows, width))
    more(len(rows), len(view.quotes), "attributions")
    if view.hidden:
        out.print(f"[dim]{view.hidden} attributions below confidence {view.min_confidence} or rejected are hidden "
                  f"(--min-confidence 0 shows them)[/dim]")


@app.command()
@guarded
def who(name: str = typer.Argument(..., help="A person or body, e.g. 'Roberts' or 'Geoffrey Roberts'."),
        db: str = DB, width: int = typer.Option(300, help="Characters of content to show."),
        limit: int = typer.Option(30, help="Attributions at most."), show_all: bool = ALL, as_json: bool = JSON):
    """Everything attributed to a person (a register entry, by name or variant) across the corpus."""
    with store_for(db) as store:
        view = views.who_view(store, name)
    if as_json:
        return emit_json(view)
    if not view.said:
        out.print(f"nothing attributed to {safe(name)}"
                  + (f" ({', '.join(safe(e['name']) for e in view.entries)} in the register)" if view.entries else ""))
        return
    out.print("; ".join(f"{safe(e['name'])} ({e['kind']})" for e in view.entries))
    rows = view.said if show_all else view.said[:limit]
    out.print(quote_table(rows, width, with_document=True))
    more(len(rows), len(view.said), "attributions")
