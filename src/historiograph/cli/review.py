"""`review`: a person confirms or rejects a finding. The verdict is a new record with its
author and time, never an overwrite; it survives re-analysis and shows in views and exports."""

from __future__ import annotations

import getpass
from datetime import datetime, timezone

import typer

from ..corpus import run_steps
from ..model import Review
from .common import DB, app, fail, guarded, out, safe, store_for
from ..review import find_record

review_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Confirm or reject a finding.")
app.add_typer(review_app, name="review")


def _review(verdict: str, record_id: str, db: str, note: str, author: str | None) -> None:
    with store_for(db, write=True) as store:
        found = find_record(store, record_id)
        if found is None:
            fail(f"no record {record_id!r} (record ids are shown by --json and in the web reader)")
        document, what = found
        review = Review(target=record_id, verdict=verdict, author=author or getpass.getuser(),
                        created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"), note=note,
                        document=document, component="review", version="1")
        store.write_review(review)
        run_steps(store)
    out.print(f"{verdict} {safe(what)} {record_id}" + (f" in {safe(document)}" if document else "")
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
