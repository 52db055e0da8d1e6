"""`problems`: unreadable files, crashes, notes and integrity findings, with what each
code means."""

from __future__ import annotations

from typing import Optional

import typer

from .. import views
from ..model import CATALOGUE
from .common import ALL, DB, JSON, app, emit_json, guarded, more, out, safe, store_for, table


@app.command()
@guarded
def problems(db: str = DB, doc: Optional[str] = typer.Option(None, "--doc", help="Only this document."),
             severity: Optional[str] = typer.Option(None, help="Only info, warning or error."),
             codes: bool = typer.Option(False, "--codes", help="List every problem code and what it means."),
             limit: int = typer.Option(60, help="Rows at most."), show_all: bool = ALL, as_json: bool = JSON):
    """List problems: unreadable files, component crashes, notes and integrity findings."""
    if codes:
        t = table("code", "severity", "meaning", ratios=(None, None, 1))
        for c in CATALOGUE.values():
            t.add_row(c.code, c.severity, c.meaning)
        return out.print(t)
    with store_for(db) as store:
        view = views.problems_view(store, doc, severity)
    if as_json:
        return emit_json(view)
    if not view.problems:
        out.print("no problems")
        return
    t = table("where", "code", "message", ratios=(2, 2, 5))
    rows = view.problems if show_all else view.problems[:limit]
    for p in rows:
        where = p.document or p.source or ", ".join(f"{d}" for d, _, _ in p.places[:3]) or ""
        if p.start is not None and p.end:
            where += f" {p.start}-{p.end}"
        t.add_row(safe(where), f"{p.code}\n[dim]{p.severity}[/dim]", safe(p.message))
    out.print(t)
    more(len(rows), len(view.problems), "problems")
    out.print("[dim]" + ", ".join(f"{k} {v}" for k, v in sorted(view.by_code.items())) + "[/dim]")
