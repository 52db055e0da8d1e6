"""historiograph: a source-criticism engine for contested history.

The public API is small; the CLI and any other front end are thin layers over it::

    import historiograph as hg
    summary = hg.analyze(["essays/"], db="corpus.sqlite")
    with hg.open_store("corpus.sqlite") as store:
        doc = store.document("essay")
        for section in doc.layer("sections"):
            print(section.kind, doc.text[section.start:section.end][:60])
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Sequence

from . import components
from .adapters import VERSIONS as ADAPTER_VERSIONS, read_path
from .data import sample_files
from .errors import InputError
from .model import Document, Metadata, Problem, Record, Section
from .runner import ENGINES, Progress, Summary, collect_paths, plan, problem, run, run_document, worker_count
from . import views
from .store import Store, StoreError, open_store
from .corpus import run_steps

__version__ = "0.1.0"
DEFAULT_PIPELINE = components.DEFAULT_PIPELINE


def read(path: str | os.PathLike, pipeline: Sequence[str] = DEFAULT_PIPELINE) -> Document:
    """Read one file and run the pipeline over it, without storing anything."""
    return run_document(read_path(path), plan(pipeline))


def who(name: str, db: str | os.PathLike) -> list[views.speech.QuoteRow]:
    """Everything attributed to a person or body across the stored corpus: the attributions
    whose source is a register entry answering to ``name`` (by name or variant)."""
    with open_store(db, read_only=True) as store:
        return views.who_view(store, name).said


def people(db: str | os.PathLike, kinds: tuple[str, ...] = ("person",)) -> views.PeopleView:
    """The register: every person (or other kind of entry) with variants, roles and counts."""
    with open_store(db, read_only=True) as store:
        return views.people_view(store, kinds)


def person(name: str, db: str | os.PathLike) -> views.PersonView:
    """One register entry with every mention, what it is reported to say and what it wrote."""
    with open_store(db, read_only=True) as store:
        return views.person_view(store, name)


def sample_corpus() -> list[Path]:
    """The files of the bundled sample corpus (texts written for this project)."""
    return sample_files()


def analyze(inputs: Iterable[str | os.PathLike], db: str | os.PathLike,
            jobs: int | None = None, pipeline: Sequence[str] = DEFAULT_PIPELINE,
            on_error: Callable[[InputError], None] = lambda e: None,
            progress: Progress | None = None, engine: str = "local",
            address: str | None = None, corpus: bool = True) -> Summary:
    """Analyse files and folders into the store ``db``, then bring the corpus steps (the
    register, …) up to date (unless ``corpus`` is false: a later run, or `run_steps`, does).

    Each document is written in its own transaction as soon as it is done, so an
    interrupted run keeps what it finished and a rerun does only the rest. Files
    already stored unchanged are skipped; changed files become new versions; files
    stored by older analysers (an adapter's or a component's version changed) are
    analysed again.

    ``engine``: ``local`` (worker processes on this machine, ``jobs`` of them, at most
    one per core and per file; the default), ``inline`` (in this process) or ``ray``
    (Ray tasks over batches of files; ``address`` names a running cluster, by default a
    local one is started; results are written here, by this process). Corpus steps run
    after, here."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    paths, errors = collect_paths(inputs)
    summary = Summary(workers=worker_count(jobs, len(paths)) if engine == "local" else (1 if engine == "inline" else 0))
    names = list(ADAPTER_VERSIONS) + [f"{c.name}@{c.version}" for c in plan(pipeline)]
    with open_store(db) as store:
        def report(error: InputError) -> None:
            summary.errors.append(error)
            store.write_problem(problem(error.code, str(error)), source=error.path)
            on_error(error)

        for error in errors:
            report(error)
        for outcome in run(paths, pipeline, jobs, stored=store.file_hashes(names), progress=progress,
                           engine=engine, address=address):
            summary.saw(outcome)
            if outcome.error is not None:
                report(outcome.error)
            elif outcome.doc is None:
                summary.unchanged += 1
            else:
                known = store.has_content(outcome.doc)
                doc_id = store.write_document(outcome.doc, outcome.file_hash, names)
                if progress is not None:
                    progress.stored(len(outcome.doc.text.split()), len(outcome.doc.layer("problems")))
                if doc_id is None:
                    summary.unchanged += 1
                else:
                    (summary.reanalysed if known else summary.added).append(doc_id)
        if corpus:
            summary.corpus = run_steps(store)
        else:
            summary.corpus_skipped = True
    return summary


__all__ = [
    "Document", "Metadata", "Record", "Section", "Problem", "InputError", "Store", "StoreError", "Summary", "ENGINES", "run_steps",
    "analyze", "read", "open_store", "sample_corpus", "who", "people", "person", "views", "DEFAULT_PIPELINE",
    "__version__",
]
