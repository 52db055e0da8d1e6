"""Command line: a thin layer over the public API in historiograph/__init__.py."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

import historiograph as hg

from .corpus import attributed_to, said
from .errors import InputError
from .export import FORMATS
from .runner import Progress as RunProgress

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="historiograph: who says what, on what evidence, across a corpus of texts.")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DB = typer.Option(os.environ.get("HISTORIOGRAPH_DB", "historiograph.sqlite"), "--db",
                  help="SQLite file of the corpus (env HISTORIOGRAPH_DB).")


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {escape(message)}")
    raise typer.Exit(1)


def _store(db: str) -> hg.Store:
    if not Path(db).exists():
        _fail(f"{db}: no such corpus database (run `historiograph analyze PATH --db {db}` first)")
    return hg.open_store(db)


def _analyze(paths: list[str], db: str, jobs: Optional[int], engine: str = "local",
             address: Optional[str] = None) -> hg.Summary:
    def on_error(error: InputError) -> None:
        err.print(f"[yellow]skipped[/yellow] {escape(str(error))}")

    show = sys.stderr.isatty()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=err, transient=True, disable=not show) as bar:
        task = bar.add_task("analysing", total=None)
        progress = RunProgress(total=lambda n: bar.update(task, total=n),
                               advance=lambda path: bar.update(task, advance=1,
                                                               description=Path(path).name[:30]))
        try:
            summary = hg.analyze(paths, db, jobs=jobs, on_error=on_error, progress=progress, engine=engine,
                                 address=address)
        except (RuntimeError, ValueError) as exc:
            _fail(str(exc))
    _print_summary(summary, db)
    return summary


def _print_summary(summary: hg.Summary, db: str) -> None:
    with hg.open_store(db) as store:
        kinds = Counter(r["kind"] for r in store.conn.execute(
            "SELECT s.kind FROM sections s JOIN documents d ON d.id=s.document_id"
            " WHERE d.current=1 AND s.layer='sections'"))
        n_docs = store.count("documents", current=1)
        n_problems = len(store.problems())
    again = f"{len(summary.reanalysed)} re-analysed (newer analysers), " if summary.reanalysed else ""
    out.print(f"[bold]{len(summary.added)}[/bold] new, {again}{summary.unchanged} unchanged, "
              f"{len(summary.errors)} unreadable → {db} ({n_docs} documents, {n_problems} problems)")
    if kinds:
        out.print("sections: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))


@app.command()
def analyze(paths: list[str] = typer.Argument(..., help="Files or folders (.txt .md .html .pdf)."),
            db: str = DB,
            jobs: Optional[int] = typer.Option(None, "--jobs", "-j",
                                               help="Worker processes (default and at most: the cores; never more "
                                                    "than the files)."),
            engine: str = typer.Option("local", "--engine",
                                       help="local (worker processes here), inline (this process) or ray "
                                            "(Ray tasks; pip install 'historiograph[ray]')."),
            address: Optional[str] = typer.Option(None, "--address",
                                                  help="Ray cluster to use with --engine ray (default: start a "
                                                       "local one).")):
    """Analyse files and folders into the corpus database."""
    _analyze(paths, db, jobs, engine, address)


@app.command()
def demo(db: str = typer.Option("demo.sqlite", "--db", help="Where to leave the demo database."),
         jobs: Optional[int] = typer.Option(None, "--jobs", "-j")):
    """Analyse the bundled sample corpus and print a summary."""
    files = hg.sample_corpus()
    out.print(f"Analysing the bundled sample corpus ({len(files)} files in {files[0].parent})")
    _analyze([str(f) for f in files], db, jobs)
    documents(db=db, all_versions=False)
    out.print(f"Try: historiograph show essay --db {db}  ·  historiograph search \"archive\" --db {db}")


@app.command()
def documents(db: str = DB, all_versions: bool = typer.Option(False, "--all-versions",
                                                              help="Include superseded versions.")):
    """List the documents in the corpus."""
    with _store(db) as store:
        table = Table("id", "title", "type", "chars", "sections", "problems", "version")
        table.columns[0].no_wrap = True
        table.columns[1].no_wrap, table.columns[1].overflow, table.columns[1].max_width = True, "ellipsis", 28
        for row in store.documents(all_versions):
            table.add_row(row["id"], escape((row["title"] or "")[:50]), (row["media_type"] or "").split("/")[-1],
                          str(row["n_chars"]), str(row["n_sections"]), str(row["n_problems"]),
                          f"{row['version']}{'' if row['current'] else ' (old)'}")
        out.print(table)


@app.command()
def show(doc: str = typer.Argument(..., help="Document id, id prefix, file name or stem."),
         db: str = DB, width: int = typer.Option(70, help="Characters of text to show per section.")):
    """Show a document's metadata and its sections with their offsets."""
    with _store(db) as store:
        try:
            d = store.document(doc)
        except KeyError as exc:
            _fail(exc.args[0])
        m = d.meta
        out.print(f"[bold]{escape(m.title or d.id)}[/bold]  ({d.id})")
        for key in ("author", "date", "url", "media_type", "source_path"):
            if getattr(m, key):
                out.print(f"  {key}: {escape(str(getattr(m, key)))}")
        out.print(f"  {len(d.text)} characters, layers: "
                  + ", ".join(f"{name} {len(recs)}" for name, recs in d.layers.items()))
        table = Table("kind", "start", "end", "text")
        for sec in d.layer("sections"):
            snippet = " ".join(d.text[sec.start:sec.end].split())
            snippet = snippet if len(snippet) <= width else snippet[:width - 1] + "…"
            table.add_row(("  " if sec.parent else "") + sec.kind, str(sec.start), str(sec.end), escape(snippet))
        out.print(table)
        for p in d.layer("problems"):
            out.print(f"[yellow]{p.code}[/yellow] {escape(p.message)}")


@app.command()
def search(query: str = typer.Argument(..., help='Words, "a phrase", prefix*, OR, NOT.'),
           db: str = DB, limit: int = typer.Option(20, help="Documents at most.")):
    """Full-text search (SQLite FTS5) with highlighted hits and their offsets."""
    with _store(db) as store:
        try:
            hits = store.search(query, limit=limit)
        except ValueError as exc:
            _fail(str(exc))
        if not hits:
            out.print("no hits")
            return
        for hit in hits:
            line = Text.assemble((hit.document_id, "cyan"), f" {hit.start}-{hit.end} ",
                                 (hit.section or "", "dim"), "  …" + hit.before + " ",
                                 (hit.match, "bold yellow"), " " + hit.after + "…")
            out.print(line)


@app.command()
def problems(db: str = DB, doc: Optional[str] = typer.Option(None, "--doc", help="Only this document.")):
    """List problems: unreadable files, component crashes, integrity findings."""
    with _store(db) as store:
        try:
            rows = store.problems(doc)
        except KeyError as exc:
            _fail(exc.args[0])
        if not rows:
            out.print("no problems")
            return
        table = Table("document", "code", "severity", "offsets", "message")
        for row in rows:
            where = f"{row['start_char']}-{row['end_char']}" if row["end_char"] else ""
            table.add_row(row["document_id"] or escape(Path(row["source"] or "").name), row["code"],
                          row["severity"], where, escape(row["message"]))
        out.print(table)


@app.command()
def export(db: str = DB, format: str = typer.Option("json", "--format", help="json (whole corpus) | csl (cited works, CSL-JSON)"),
           out_path: str = typer.Option(..., "--out", help="File to write."),
           all_versions: bool = typer.Option(False, "--all-versions"),
           doc: Optional[str] = typer.Option(None, "--doc", help="csl: only the works one document cites.")):
    """Export the corpus (json: documents, text, every layer's records with offsets;
    csl: every cited work as CSL-JSON for Zotero)."""
    if format not in FORMATS:
        _fail(f"unknown format {format!r} (known: {', '.join(FORMATS)})")
    with _store(db) as store:
        try:
            if format == "csl":
                n = FORMATS[format](store, out_path, document=doc)
            else:
                n = FORMATS[format](store, out_path, all_versions=all_versions)
        except KeyError as exc:
            _fail(exc.args[0])
    out.print(f"wrote {n} {'works' if format == 'csl' else 'documents'} to {out_path}")


def _short_csl(csl: dict) -> str:
    names = csl.get("author") or csl.get("editor") or []
    who = names[0].get("family", names[0].get("literal", "")) if names else ""
    if len(names) > 1:
        who += " et al." if len(names) > 2 else f" & {names[1].get('family', '')}"
    year = (csl.get("issued") or {}).get("date-parts", [[None]])[0][0]
    title = csl.get("title") or csl.get("container-title") or ""
    return ", ".join(str(x) for x in (who, title[:60], year) if x)


@app.command()
def notes(doc: str = typer.Argument(..., help="Document id, id prefix, file name or stem."), db: str = DB):
    """A document's notes: markers, notes, resolved references and problems."""
    with _store(db) as store:
        try:
            d = store.document(doc)
        except KeyError as exc:
            _fail(exc.args[0])
    refs = {r.id: r for r in d.layer("references")}
    markers = {m.note: m for m in d.layer("note_markers")}
    table = Table("note", "marker", "kind", "reference", "form", "cited", "resolves to")
    for note in d.layer("notes"):
        m = markers.get(note.id)
        mark = f"{m.start} {m.style}" if m else "[red]none[/red]"
        cites = [r for r in refs.values() if r.note == note.id] or [None]
        for k, r in enumerate(cites):
            if r is None:
                text = " ".join(d.text[note.start:note.end].split())
                table.add_row(str(note.number), mark, note.kind, escape(text[:60]), "", "", "")
                continue
            target = refs.get(r.resolves_to)
            if r.ambiguous:
                to = "[yellow]ambiguous:[/yellow] " + " | ".join(escape(_short_csl(refs[c].csl)) for c in r.candidates)
            else:
                to = escape(_short_csl(target.csl)) if target else ""
            table.add_row(str(note.number) if k == 0 else "", mark if k == 0 else "", note.kind if k == 0 else "",
                          escape(" ".join(d.text[r.start:r.end].split())[:60]), r.form, r.cited_range or "", to)
    out.print(table)
    for r in d.layer("references"):
        if r.role != "note":
            out.print(f"[dim]{r.role}[/dim] {r.start}-{r.end} {escape(_short_csl(r.csl))}")
    for p in d.layer("problems"):
        out.print(f"[yellow]{p.code}[/yellow] {p.start}-{p.end} {escape(p.message)}")


@app.command()
def sources(db: str = DB, limit: int = typer.Option(200, help="Works at most.")):
    """Every cited work across the corpus, with the documents and notes that cite it."""
    from .corpus import works

    with _store(db) as store:
        found = works(store.iter_documents())
    table = Table("work", "cited", "where (document: notes)")
    for work in found[:limit]:
        where: dict[str, list[str]] = {}
        for c in work.citations:
            label = (f"n{c.note_number}" if c.note_number is not None else c.role) + ("?" if c.ambiguous else "")
            where.setdefault(c.document_id.rsplit("-", 1)[0], []).append(label)
        table.add_row(escape(_short_csl(work.csl)), str(len(work.citations)),
                      escape("; ".join(f"{d}: {' '.join(ns)}" for d, ns in where.items())))
    out.print(table)


def _attribution_rows(d, attributions, refs):
    rows = []
    for a in attributions:
        text = said(d, a)
        support = "; ".join(_short_csl(refs[r].csl) for r in a.supported_by if r in refs)
        rows.append((a, text.source or "—", text.cue or "—", text.content, support))
    return rows


@app.command()
def quotes(doc: str = typer.Argument(..., help="Document id, id prefix, file name or stem."), db: str = DB,
           width: int = typer.Option(90, help="Characters of content to show.")):
    """A document's attributions: who says what, nested chains indented."""
    with _store(db) as store:
        try:
            d = store.document(doc)
        except KeyError as exc:
            _fail(exc.args[0])
    atts = list(d.layer("attributions"))
    by_id = {a.id: a for a in atts}
    refs = {r.id: r for r in d.layer("references")}

    def depth(a):
        n = 0
        while a.nested_in and a.nested_in in by_id and n < 10:
            a, n = by_id[a.nested_in], n + 1
        return n

    table = Table("offsets", "kind", "source (speaker)", "cue", "content", "evidence")
    for a, src, cue, content, support in _attribution_rows(d, atts, refs):
        who = src + (f" ({a.speaker})" if a.speaker and a.speaker != src else "")
        table.add_row(f"{a.start}-{a.end}", "  " * depth(a) + a.kind, escape(who), escape(cue),
                      escape(content[:width] + ("…" if len(content) > width else "")), escape(support))
    out.print(table)


@app.command()
def who(name: str = typer.Argument(..., help="A person or body, e.g. 'Roberts' or 'Geoffrey Roberts'."),
        db: str = DB, width: int = typer.Option(90, help="Characters of content to show.")):
    """Everything attributed to a person across the corpus."""
    table = Table("document", "offsets", "kind", "cue", "content", "supporting reference")
    found = 0
    with _store(db) as store:
        for d in store.iter_documents():
            refs = {r.id: r for r in d.layer("references")}
            mine = [said.attribution for said in attributed_to([d], name)]
            for a, src, cue, content, support in _attribution_rows(d, mine, refs):
                found += 1
                table.add_row(d.id, f"{a.start}-{a.end}", a.kind, escape(cue),
                              escape(content[:width] + ("…" if len(content) > width else "")), escape(support))
    if not found:
        out.print(f"nothing attributed to {escape(name)}")
        return
    out.print(table)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
