"""`disputes`: where the texts make the same point and disagree (or agree), both claims
side by side with their documents and who asserts them."""

from __future__ import annotations

from typing import Optional

import typer

from .. import views
from .common import ALL, DB, JSON, app, emit_json, guarded, more, out, safe, store_for, table

RELATION_STYLE = {"disagree": "red", "agree": "green"}


def _side(s) -> str:
    who = f"[dim]{safe(s.asserted_by)}{' · ' + s.footing if s.footing else ''}[/dim]\n" if s.asserted_by else ""
    return f"{safe(s.text)}\n{who}[dim]{safe(s.document)} {s.start}[/dim]"


@app.command()
@guarded
def disputes(db: str = DB,
             doc: Optional[str] = typer.Option(None, "--doc", help="Only pairs with a claim in this document."),
             relation: Optional[list[str]] = typer.Option(None, "--relation", help="Only agree or disagree."),
             min_score: float = typer.Option(0.0, "--min-score", help="The relation's probability at least this."),
             limit: int = typer.Option(20, help="Pairs at most."), show_all: bool = ALL, as_json: bool = JSON):
    """Where sources agree and disagree: pairs of claims from two documents that make the
    same point, disagreements first, each with both texts, documents and who asserts them."""
    with store_for(db) as store:
        view = views.disputes_view(store, doc, tuple(relation) if relation else None, min_score,
                                   limit=None if show_all or as_json else limit)
    if as_json:
        return emit_json(view)
    if not getattr(view, "computed", True):
        out.print(view.message)
        return
    counts = ", ".join(f"{view.by_relation.get(r, 0)} {r}" for r in ("disagree", "agree"))
    out.print(f"{counts} (same point, two documents){f' with {safe(view.document)}' if view.document else ''}")
    if not view.rows:
        out.print("no pairs pass the filters")
        return
    t = table("relation", "one says", "the other says", ratios=(None, 1, 1))
    for r in view.rows:
        style = RELATION_STYLE.get(r.relation, "")
        t.add_row(f"[{style}]{r.relation}[/{style}]\n{r.score:.2f}\n[dim]cos {r.similarity:.2f}[/dim]",
                  _side(r.a), _side(r.b))
    out.print(t)
    more(len(view.rows), view.total, "pairs")
