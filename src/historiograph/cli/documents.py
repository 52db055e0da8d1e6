"""`documents`, `show`, `text` and `summary`: what is stored and what one document holds."""

from __future__ import annotations

import typer

from .. import views
from .common import ALL, DB, DOC, JSON, app, emit_json, guarded, more, out, safe, store_for, table


@app.command()
@guarded
def documents(db: str = DB, all_versions: bool = typer.Option(False, "--all-versions",
                                                              help="Include superseded versions."),
              limit: int = typer.Option(100, help="Documents at most (see --all)."), show_all: bool = ALL,
              as_json: bool = JSON):
    """List the documents in the corpus."""
    with store_for(db) as store:
        view = views.overview(store, None if show_all else limit, 0, all_versions)
    if as_json:
        return emit_json(view)
    t = table("document", "title · author · date", "type", "chars", "notes", "quotes", "problems",
              ratios=(3, 5, None, None, None, None, None))
    for d in view.documents:
        label = " · ".join(safe(x) for x in (d.title, d.author, d.date) if x) or "[dim](no title)[/dim]"
        t.add_row(safe(d.id) + ("" if d.current else f" (v{d.version}, old)"), label,
                  (d.media_type or "").split("/")[-1], f"{d.chars:,}", str(d.layers.get("notes", 0)),
                  str(d.layers.get("attributions", 0)), str(d.problems))
    out.print(t)
    more(len(view.documents), view.total_documents, "documents")


@app.command()
@guarded
def show(doc: str = DOC, db: str = DB, width: int = typer.Option(70, help="Characters of text per section."),
         as_json: bool = JSON):
    """A document's metadata and its sections with their offsets."""
    with store_for(db) as store:
        d = store.document(doc)
    if as_json:
        return emit_json({"view": "sections", "document": d.id, "meta": d.meta.to_dict(),
                          "sections": [s.to_dict() for s in d.layer("sections")]})
    m = d.meta
    out.print(f"[bold]{safe(m.title or d.id)}[/bold]  ({safe(d.id)})")
    for key in ("author", "date", "url", "media_type", "source_path"):
        if getattr(m, key):
            out.print(f"  {key}: {safe(getattr(m, key))}")
    out.print(f"  {len(d.text):,} characters; layers: " + ", ".join(f"{n} {len(r)}" for n, r in d.layers.items()))
    t = table("kind", "offsets", "text", ratios=(None, None, 1))
    for sec in d.layer("sections"):
        snippet = " ".join(d.text[sec.start:sec.end].split())
        snippet = snippet if len(snippet) <= width else snippet[:width].rsplit(" ", 1)[0] + " …"
        t.add_row(("  " if sec.parent else "") + sec.kind, f"{sec.start}-{sec.end}", safe(snippet))
    out.print(t)
    for p in d.layer("problems"):
        out.print(f"[yellow]{p.code}[/yellow] {safe(p.message)}")


@app.command()
@guarded
def text(doc: str = DOC, start: int = typer.Argument(..., help="First character (offset)."),
         end: int = typer.Argument(..., help="Offset after the last character."), db: str = DB,
         context: int = typer.Option(200, help="Characters of context either side."), as_json: bool = JSON):
    """The text at offsets START-END of a document, with context."""
    with store_for(db) as store:
        view = views.text_at(store, doc, start, end, context)
    if as_json:
        return emit_json(view)
    out.print(f"[dim]{safe(view.document)} {view.start}-{view.end}"
              f"{' · ' + view.section if view.section else ''}[/dim]")
    out.print(f"[dim]{safe(view.before)}[/dim][bold yellow]{safe(view.text)}[/bold yellow][dim]{safe(view.after)}[/dim]")


@app.command()
@guarded
def summary(doc: str = DOC, db: str = DB, as_json: bool = JSON):
    """One screen on a document: notes, references, attributions, people, terms, claims, problems."""
    with store_for(db) as store:
        view = views.document_summary(store, doc)
    if as_json:
        return emit_json(view)
    print_summary(view)


def print_summary(view: views.DocumentSummary) -> None:
    d = view.document
    out.print(f"[bold]{safe(d.title or d.id)}[/bold]")
    out.print(f"  {safe(d.id)} · {safe(' · '.join(x for x in (d.author, d.date, d.media_type) if x))}"
              f" · {d.chars:,} characters")
    out.print("  sections: " + ", ".join(f"{k} {n}" for k, n in sorted(view.sections.items())))
    n = view.notes
    if n["markers"] or n["notes"]:
        out.print(f"  notes: {n['notes']} notes, {n['markers']} markers, {n['linked']} linked to their note")
    if view.references:
        out.print("  references: " + ", ".join(f"{k} {v}" for k, v in view.references.items()))
    a = view.attributions
    out.print(f"  attributions: {a['total']} ({', '.join(f'{k} {v}' for k, v in a['by_kind'].items())}),"
              f" {a['nested']} nested in another")
    for layer, info in view.extra.items():
        out.print(f"  {layer}: " + ", ".join(f"{k} {safe(v)}" for k, v in info.items()))
    if view.people:
        out.print("  most named: " + "; ".join(f"{safe(p['name'])} ({p['mentions']})" for p in view.people[:8]))
    if view.problems:
        out.print("  problems: " + ", ".join(f"{k} {v}" for k, v in view.problems.items()))
