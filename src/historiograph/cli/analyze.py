"""`analyze` and `demo`: files in, corpus out, with a progress bar on a terminal (documents,
words per second, problems) and one summary line otherwise."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

import historiograph as hg

from ..errors import InputError
from ..runner import Progress as RunProgress
from .common import DB, app, err, fail, out, safe


def run_analysis(paths: list[str], db: str, jobs: Optional[int], engine: str = "local",
                 address: Optional[str] = None, corpus: bool = True) -> hg.Summary:
    def on_error(error: InputError) -> None:
        err.print(f"[yellow]skipped[/yellow] {safe(str(error))}")

    counts = {"words": 0, "problems": 0}
    t0 = time.perf_counter()
    show = err.is_terminal
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} words/s · {task.fields[problems]} problems"), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True, disable=not show) as bar:
        task = bar.add_task("analysing", total=None, rate="0", problems=0)

        def stored(words: int, problems: int) -> None:
            counts["words"] += words
            counts["problems"] += problems
            rate = counts["words"] / max(time.perf_counter() - t0, 1e-6)
            bar.update(task, rate=f"{rate:,.0f}", problems=counts["problems"])

        progress = RunProgress(total=lambda n: bar.update(task, total=n),
                               advance=lambda path: bar.update(task, advance=1, description=safe(Path(path).name[:30])),
                               stored=stored)
        try:
            summary = hg.analyze(paths, db, jobs=jobs, on_error=on_error, progress=progress, engine=engine,
                                 address=address, corpus=corpus)
        except (hg.StoreError, RuntimeError, ValueError) as exc:
            fail(str(exc))
    print_summary(summary, db, counts["words"], time.perf_counter() - t0)
    return summary


def print_summary(summary: hg.Summary, db: str, words: int, seconds: float) -> None:
    with hg.open_store(db, read_only=True) as store:
        n_docs = store.count_documents()
        n_problems = len(store.problems())
        where = store.location  # a PostgreSQL URL without its password
    again = f"{len(summary.reanalysed)} re-analysed (newer analysers), " if summary.reanalysed else ""
    rate = f", {words / seconds:,.0f} words/s" if words and seconds > 0 else ""
    out.print(f"[bold]{len(summary.added)}[/bold] new, {again}{summary.unchanged} unchanged, "
              f"{len(summary.errors)} unreadable → {safe(where)} ({n_docs} documents, {n_problems} problems{rate})")
    ran = [r for r in summary.corpus if r.ran]
    if summary.corpus_skipped:
        out.print("corpus steps not run (--no-corpus): `analyze` without it brings them up to date")
    elif ran:
        out.print("corpus: " + ", ".join(f"{r.name} {'rebuilt' if r.full else 'updated'} ({r.records} records, "
                                         f"{r.seconds:.1f} s)" for r in ran))


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
                                                       "local one)."),
            corpus: bool = typer.Option(True, "--corpus/--no-corpus",
                                        help="Bring the corpus steps (register, figures, alignments …) up to date "
                                             "after the documents (--no-corpus defers them to a later run).")):
    """Analyse files and folders into the corpus database."""
    summary = run_analysis(paths, db, jobs, engine, address, corpus)
    missing = [e for e in summary.errors if e.code == "input.missing"]
    if missing:
        raise typer.Exit(2 if len(missing) == len(paths) else 1)


@app.command()
def demo(db: str = typer.Option("demo.sqlite", "--db", help="Where to leave the demo database."),
         jobs: Optional[int] = typer.Option(None, "--jobs", "-j")):
    """Analyse the bundled sample corpus and show what historiograph finds in it."""
    from .tour import tour

    files = hg.sample_corpus()
    out.print(f"Analysing the bundled sample corpus ({len(files)} files in {files[0].parent})")
    run_analysis([str(f) for f in files], db, jobs)
    tour(db)


def main() -> None:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    app()
