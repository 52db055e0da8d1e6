"""The pipeline runner: order components by what they need and produce, run each
per document under a wrapper that turns a crash into a Problem record, and run
documents in parallel processes while one writer stores the results."""

from __future__ import annotations

import hashlib
import os
import traceback
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from . import components
from .adapters import EXTENSIONS, read_bytes
from .errors import InputError
from .model import Document, Problem, make_problem

RUNNER = "pipeline"
VERSION = "1"


def plan(names: Sequence[str]) -> list[components.Component]:
    """Components in an order where every required layer is produced first."""
    chosen = {name: components.get(name) for name in names}
    producers = {layer: c.name for c in chosen.values() for layer in c.produces}
    graph: dict[str, set[str]] = {}
    for comp in chosen.values():
        needs = set()
        for layer in comp.requires:
            if layer not in producers:
                raise ValueError(f"component {comp.name!r} needs layer {layer!r}, which no component produces")
            needs.add(producers[layer])
        needs |= {producers[layer] for layer in comp.optional if layer in producers}
        graph[comp.name] = needs - {comp.name}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise ValueError(f"components depend on each other in a cycle: {exc.args[1]}") from exc
    return [chosen[name] for name in order]


def problem(code: str, message: str, component: str = RUNNER, severity: str | None = None,
            spans=()) -> Problem:
    return make_problem(code, message, component=component, version=VERSION, spans=spans, severity=severity)


def run_document(doc: Document, pipeline: Sequence[components.Component]) -> Document:
    """Run components over one document; a crash becomes a Problem, never an exception."""
    for comp in pipeline:
        missing = [layer for layer in comp.requires if layer not in doc.layers]
        if missing:
            doc = doc.with_layers({"problems": [problem(
                "component.skipped", f"{comp.name} did not run: layer(s) {', '.join(missing)} "
                "missing because an earlier component failed", comp.name, "warning")]})
            continue
        try:
            produced = comp(doc)
            layers = {layer: produced.get(layer, ()) for layer in comp.produces}
            if produced.get("problems"):  # any component may report problems
                layers["problems"] = produced["problems"]
            doc = doc.with_layers(layers)
        except Exception as exc:  # the wrapper's whole purpose: one odd document stops nothing
            where = traceback.extract_tb(exc.__traceback__)[-1]
            doc = doc.with_layers({"problems": [problem(
                "component.crash",
                f"{comp.name} {comp.version} crashed: {type(exc).__name__}: {exc} "
                f"({Path(where.filename).name}:{where.lineno})", comp.name)]})
    return doc


@dataclass
class Outcome:
    path: str
    file_hash: str
    doc: Document | None = None
    error: InputError | None = None


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def process_file(path: str, names: Sequence[str], stored: frozenset[str] = frozenset()) -> Outcome:
    """Worker: read one file once, hash it, run the pipeline unless that exact content is
    already stored for it (``stored``: its stored file hashes). Never raises."""
    source = str(Path(path).resolve())
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return Outcome(source, "", error=InputError(path, exc.strerror or str(exc)))
    digest = file_hash(data)
    if digest in stored:
        return Outcome(source, digest)
    try:
        doc = read_bytes(data, source)
    except InputError as exc:
        return Outcome(source, digest, error=InputError(path, exc.reason, exc.code))
    except Exception as exc:  # an adapter bug must not stop the corpus either
        return Outcome(source, digest, error=InputError(
            path, f"adapter crashed: {type(exc).__name__}: {exc}", "input.adapter_crash"))
    return Outcome(source, digest, doc=run_document(doc, plan(names)))


def collect_paths(inputs: Iterable[str | os.PathLike]) -> tuple[list[str], list[InputError]]:
    """Files to analyse (folders walked in sorted order, hidden files skipped)."""
    paths, errors = [], []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                rel = child.relative_to(p).parts
                if child.is_file() and not any(part.startswith(".") for part in rel):
                    if child.suffix.lower() in EXTENSIONS or child.suffix == "":
                        paths.append(str(child))
                    else:
                        errors.append(InputError(str(child), f"unsupported file type "
                                                 f"'{child.suffix.lower()}'", "input.unsupported"))
        elif p.exists():
            paths.append(str(p))
        else:
            errors.append(InputError(str(p), "no such file or directory", "input.missing"))
    return paths, errors


@dataclass
class Progress:
    """Callbacks the runner reports to (the CLI draws a bar from them)."""

    total: Callable[[int], None] = lambda n: None
    advance: Callable[[str], None] = lambda path: None
    stored: Callable[[int, int], None] = lambda words, problems: None  # a document stored: its words, problems


def run(paths: Sequence[str], names: Sequence[str], jobs: int | None = None,
        stored: Mapping[str, frozenset[str]] | None = None,
        progress: Progress | None = None) -> Iterator[Outcome]:
    """Yield one Outcome per file, in completion order. ``stored`` maps a resolved source
    path to the file hashes already stored for it; a file whose content is among them is
    reported with neither doc nor error (unchanged). Each file is read once, in its worker."""
    plan(names)  # fail early on a bad pipeline, before any worker starts
    progress = progress or Progress()
    stored = stored or {}

    def known(path: str) -> frozenset[str]:
        return stored.get(str(Path(path).resolve()), frozenset())

    progress.total(len(paths))
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(paths) <= 1:
        for path in paths:
            outcome = process_file(path, names, known(path))
            progress.advance(path)
            yield outcome
        return
    queue = list(reversed(paths))
    while queue:
        # A worker that dies (out of memory, a segfault in a library) breaks the pool:
        # the files it held are reported and a fresh pool takes the rest.
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            pending: dict = {}
            while queue or pending:
                while queue and len(pending) < jobs * 2:
                    path = queue.pop()
                    pending[pool.submit(process_file, path, names, known(path))] = path
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                broken = False
                for future in done:
                    path = pending.pop(future)
                    try:
                        outcome = future.result()
                    except BrokenProcessPool:
                        broken = True
                        outcome = Outcome(str(Path(path).resolve()), "", error=InputError(
                            path, "worker process died while analysing this file", "input.worker_died"))
                    progress.advance(outcome.path)
                    yield outcome
                if broken:
                    queue.extend(pending.values())
                    break


@dataclass
class Summary:
    added: list[str] = field(default_factory=list)
    reanalysed: list[str] = field(default_factory=list)  # same text, newer analysers
    unchanged: int = 0
    errors: list[InputError] = field(default_factory=list)
    corpus: list = field(default_factory=list)  # corpus-step reports (StepReport)
