"""`review`: a person confirms or rejects a finding. The verdict is a new record with its
author and time, never an overwrite; it survives re-analysis and shows in views and exports."""

from __future__ import annotations

import getpass

import typer

from ..review import record_review
from .common import DB, app, guarded, out, safe, store_for

review_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Confirm or reject a finding.")
app.add_typer(review_app, name="review")


def _review(verdict: str, record_id: str, db: str, note: str, author: str | None) -> None:
    with store_for(db, write=True) as store:
        review, what = record_review(store, record_id, verdict, author or getpass.getuser(), note)
    out.print(f"{verdict} {safe(what)} {record_id}" + (f" in {safe(review.document)}" if review.document else "")
              + f" ({review.id})")


@review_app.command()
@guarded
def confirm(record_id: str = typer.Argument(..., help="The finding's id (att-…, ref-…, ent-…, ent…)."),
            db: str = DB, note: str = typer.Option("", "--note", help="Why."),
            author: str = typer.Option(None, "--author", help="Who reviews (default: your user name).")):
    """Confirm a finding."""
    _review("confirmed", record_id, db, note, author)


@review_app.command()
@guarded
def reject(record_id: str = typer.Argument(..., help="The finding's id."), db: str = DB,
           note: str = typer.Option("", "--note", help="Why."),
           author: str = typer.Option(None, "--author", help="Who reviews (default: your user name).")):
    """Reject a finding."""
    _review("rejected", record_id, db, note, author)
