"""`terms`: hateful and coded language, each occurrence told use or mention, and a corpus summary."""

from __future__ import annotations

from typing import Optional

import typer
from rich.text import Text

from .. import views
from .common import DB, JSON, app, emit_json, guarded, out, safe, store_for, table


@app.command()
@guarded
def terms(doc: Optional[str] = typer.Argument(None, help="Document id, id prefix, file name or stem (default: the corpus)."),
          db: str = DB, as_json: bool = JSON, width: int = typer.Option(60, help="Characters of context to show.")):
    """Hateful and coded language: every occurrence with its use or mention, the reason and the
    reference; with no DOC, a corpus summary (flagged documents, counts by category and use)."""
    with store_for(db) as store:
        docs = [store.document(doc)] if doc else list(store.iter_documents())
    view = views.terms_view(docs)
    if as_json:
        return emit_json(view)
    if doc is None:
        summary = view.summary()
        t = table("document", "verdict", "uses", "mentions", "statements", "by category (use/mention/reclaimed)")
        for d in view.documents:
            verdict = "—" if d.flagged is None else "[red]flagged[/red]" if d.flagged else "not flagged"
            cats = "; ".join(f"{c} " + "/".join(str(v.get(u, 0)) for u in ("use", "mention", "reclaimed"))
                             for c, v in sorted(d.counts.items()))
            t.add_row(safe(d.document_id), verdict, str(d.uses), str(d.mentions), str(d.statements), safe(cats))
        out.print(t)
        out.print(f"{summary['flagged']} of {summary['documents']} documents flagged; {summary['occurrences']} "
                  "occurrences (" + ", ".join(f"{k} {v}" for k, v in sorted(summary["by_use"].items())) + ")")
        return
    d = view.documents[0]
    text = docs[0].text
    out.print(f"[bold]{safe(d.document_id)}[/bold]: {safe(d.reason)}")
    if not view.occurrences and not view.statements:
        out.print("no hateful or coded terms found")
        return
    for o in view.occurrences:
        use = "USE" if o.use == "use" else f"mention ({o.mention_kind})" if o.use == "mention" else o.use
        style = "red" if o.use == "use" else "green" if o.use == "mention" else "yellow"
        before = " ".join(text[max(0, o.start - width // 2):o.start].split())
        after = " ".join(text[o.end:o.end + width // 2].split())
        out.print(Text.assemble((f"{o.start}-{o.end}", "cyan"), "  ", (o.text, "bold"), "  ", (use, style),
                                f"  {o.term} · {o.category} · {o.target}"))
        out.print(Text.assemble("    …" + before + " ", (o.text, "bold"), " " + after + "…"))
        out.print(f"    why: {safe(o.reason)}")
        out.print(f"    ref: {safe(o.reference)}", style="dim")
    for st in view.statements:
        snippet = " ".join(st.text.split())
        out.print(Text.assemble((f"{st.start}-{st.end}", "cyan"), "  ", ("statement", "red"),
                                f"  {st.score:.2f} " + ", ".join(st.frames)))
        out.print(f"    {safe(snippet[:width * 2])}{'…' if len(snippet) > width * 2 else ''}")
        out.print(f"    why: {safe(st.reason)}")
