"""The demo's tour of what historiograph finds in the bundled corpus: a document summary,
attributions with their sources, a note resolved to its reference, a problem, the people
of the register, and the command that opens the web reader."""

from __future__ import annotations

from .. import views
from .common import counted, out, safe, store_for
from .documents import print_summary
from .speech import quote_table


def tour(db: str) -> None:
    with store_for(db) as store:
        docs = store.documents()
        essay = next((d for d in docs if "essay" in d.source), docs[0] if docs else None)
        if essay is None:
            return
        out.rule("a document in one screen")
        print_summary(views.document_summary(store, essay.id))
        out.rule("who says what")
        quotes = views.quotes_view(store, essay.id).quotes
        sourced = [q for q in quotes if q.speaker or q.source != "—"][:4]
        out.print(quote_table(sourced, 160))
        out.rule("a note resolved to its reference")
        note = next((n for n in views.notes_view(store, essay.id).notes
                     if any(c.form in ("ibid", "short") for c in n.references)), None)
        if note is not None:
            c = next(c for c in note.references if c.form in ("ibid", "short"))
            out.print(f"note {note.number}: “{safe(c.text)}” is a {c.form} form of {safe(c.work)}"
                      + (f", page {safe(c.cited_range)}" if c.cited_range else ""))
        out.rule("who is who")
        for e in views.people_view(store).entries[:5]:
            out.print(f"{safe(e.name)}: {counted(e.mentions, 'mention')} in {counted(e.documents, 'document')}"
                      + (f" (also {safe(', '.join(v for v in e.variants if v != e.name)[:60])})" if e.variants else ""))
        out.rule("a finding")
        found = [p for p in views.problems_view(store).problems if p.document]
        if found:
            p = found[0]
            out.print(f"{p.code} in {safe(p.document)}: {safe(p.message)}\n[dim]{safe(p.meaning)}[/dim]")
        else:
            out.print("no problems found")
    out.rule("go on")
    out.print(f"historiograph documents --db {db}   ·   historiograph quotes essay --db {db}\n"
              f"historiograph person Marsh --db {db}   ·   historiograph problems --db {db}\n"
              f"historiograph serve --db {db}   (the web reader, at http://127.0.0.1:8000)")
