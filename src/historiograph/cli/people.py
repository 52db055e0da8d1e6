"""`people` and `person`: the register, who is who across the corpus; `identifiers` seeds it
with a table of names, variants and identifiers."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Optional

import typer

from .. import views
from ..corpus import run_steps
from ..model import ENTITY_KINDS, Alias
from .common import ALL, DB, JSON, app, counted, emit_json, fail, guarded, more, out, safe, store_for, table
from .speech import quote_table


@app.command()
@guarded
def people(db: str = DB, kind: Optional[list[str]] = typer.Option(None, "--kind",
                                                                 help="person (default), organisation, work, place, group."),
           limit: int = typer.Option(40, help="Entries at most."), show_all: bool = ALL, as_json: bool = JSON):
    """The register: each person (or other entry) with its variants, roles, documents and mentions."""
    kinds = tuple(kind) if kind else ("person",)
    bad = [k for k in kinds if k not in ENTITY_KINDS]
    if bad:
        fail(f"unknown kind {bad[0]!r} (known: {', '.join(ENTITY_KINDS)})")
    with store_for(db) as store:
        view = views.people_view(store, kinds)
    if as_json:
        return emit_json(view)
    t = table("name", "variants", "roles", "docs", "mentions", ratios=(3, 3, 2, None, None))
    rows = view.entries if show_all else view.entries[:limit]
    for e in rows:
        variants = ", ".join(v for v in e.variants if v != e.name)[:200]
        ids = " ".join(f"{k}:{v}" for k, v in e.identifiers.items())
        t.add_row(safe(e.name) + (f"\n[dim]{safe(ids)}[/dim]" if ids else ""), safe(variants), ", ".join(e.roles),
                  str(e.documents), str(e.mentions) + (f" [dim]+{e.candidates}?[/dim]" if e.candidates else ""))
    out.print(t)
    more(len(rows), view.total, "entries")


@app.command()
@guarded
def person(name: str = typer.Argument(..., help="A name as written, a variant, or an entry id (ent-…)."), db: str = DB,
           limit: int = typer.Option(20, help="Mentions at most."), show_all: bool = ALL, as_json: bool = JSON):
    """One register entry: every mention with its context, what the person is reported to
    say, the works they wrote, and the links that are only candidates."""
    with store_for(db) as store:
        view = views.person_view(store, name)
    if as_json:
        return emit_json(view)
    if view.entry is None:
        fail(f"no one named {name!r} in the register (try `historiograph people`)")
    e = view.entry
    out.print(f"[bold]{safe(e.name)}[/bold] ({e.kind}; {', '.join(e.roles)}) · {counted(e.mentions, 'mention')} in "
              f"{counted(e.documents, 'document')} · {e.id}")
    if e.variants:
        out.print("  also written: " + safe(", ".join(e.variants)))
    for k, v in e.identifiers.items():
        out.print(f"  {k}: {safe(v)}")
    if view.others:
        out.print("  [yellow]other entries answer to this name:[/yellow] "
                  + "; ".join(f"{safe(o['name'])} ({o['id']})" for o in view.others))
    if view.works:
        out.print("  wrote: " + safe("; ".join(w["title"] for w in view.works)))
    t = table("where", "mention in context", "why", ratios=(None, 4, 1))
    rows = view.mentions if show_all else view.mentions[:limit]
    for m in rows:
        c = m.context
        t.add_row(f"{safe(m.document.rsplit('-', 1)[0])}\n[dim]{m.start}-{m.end} {m.role}[/dim]",
                  f"[dim]…{safe(c.before)}[/dim] [bold]{safe(c.text)}[/bold] [dim]{safe(c.after)}…[/dim]",
                  f"{safe(m.why)}\n[dim]{m.confidence or ''}[/dim]")
    out.print(t)
    more(len(rows), len(view.mentions), "mentions")
    if view.candidates:
        out.print(f"[yellow]{len(view.candidates)} candidate mentions[/yellow] (not merged; confirm with "
                  "`historiograph review confirm LINK_ID`): " + "; ".join(
                      f"{safe(c.name)} in {safe(c.document.rsplit('-', 1)[0])} {c.start}" for c in view.candidates[:8]))
    if view.said:
        out.print(f"[bold]said[/bold] ({len(view.said)})")
        out.print(quote_table(view.said[:limit], 300, with_document=True))


@app.command()
@guarded
def identifiers(table_file: Path = typer.Argument(..., help="CSV with columns name, variant, identifier"
                                                               " (and optionally scheme, kind)."), db: str = DB):
    """Seed the register with your own table of names, variants and identifiers (Wikidata,
    VIAF…). Nothing is fetched from the network; the register is rebuilt with it."""
    if not table_file.is_file():
        fail(f"{table_file}: no such file")
    rows = _read_aliases(table_file)
    with store_for(db, write=True) as store:
        state = store.step_state("aliases")
        from ..store import StepState
        store.write_step(StepState("aliases", "1", {}, {}, str(len(rows))), rows,
                         delete={Alias: list(store.corpus_digests(Alias))})
        run_steps(store, force=False)
    out.print(f"{len(rows)} rows from {safe(table_file)} seed the register" + ("" if state is None else " (replacing the earlier table)"))


def _read_aliases(path: Path) -> list[Alias]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "name" not in reader.fieldnames:
                fail(f"{path}: the first line must name the columns, with at least 'name'")
            out_rows = []
            for k, row in enumerate(reader, 2):
                if not (row.get("name") or "").strip():
                    fail(f"{path}: line {k} has no name")
                out_rows.append(Alias(name=row["name"].strip(), variant=(row.get("variant") or "").strip(),
                                      identifier=(row.get("identifier") or "").strip(),
                                      scheme=(row.get("scheme") or "").strip(), kind=(row.get("kind") or "person").strip(),
                                      status="confirmed", component="identifiers", version="1"))
            return out_rows
    except (UnicodeDecodeError, csv.Error) as exc:
        fail(f"{path}: not a readable CSV ({exc})")
