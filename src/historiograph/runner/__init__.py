"""The runner: which files (files), the order of components and the wrapper that runs
them (plan), the work on one file (process), its budgets (budget), and the engines that
do that work for many files: ``local`` worker processes (the default), ``inline`` in this
process, and ``ray`` (tasks on a Ray cluster)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator, Mapping, Sequence

from ..errors import InputError
from .files import collect_paths, resolved
from .local import available_cores, worker_count
from .plan import RUNNER, VERSION, plan, problem, run_document
from .process import Outcome, file_hash, process_file

ENGINES = ("local", "inline", "ray")


@dataclass
class Progress:
    """Callbacks the runner reports to (the CLI draws a bar from them)."""

    total: Callable[[int], None] = lambda n: None
    advance: Callable[[str], None] = lambda path: None
    stored: Callable[[int, int], None] = lambda words, problems: None  # a document stored: its words, problems


def run(paths: Sequence[str], names: Sequence[str], jobs: int | None = None,
        stored: Mapping[str, frozenset[str]] | None = None,
        progress: Progress | None = None, engine: str = "local",
        address: str | None = None) -> Iterator[Outcome]:
    """Yield one Outcome per file, in completion order. ``paths`` are resolved paths (from
    collect_paths); ``stored`` maps a file's path (as text) to the file hashes already
    stored for it: a file whose content is among them is reported with neither doc nor
    error (unchanged). Each file is read once, where it is analysed."""
    from ..adapters.files import display_path

    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    plan(names)  # fail early on a bad pipeline, before any worker starts
    progress = progress or Progress()
    stored = stored or {}

    def known(path: str) -> frozenset[str]:
        return stored.get(display_path(path), frozenset())

    progress.total(len(paths))
    if engine == "inline":
        for path in paths:
            outcome = process_file(path, names, known(path))
            progress.advance(outcome.path)
            yield outcome
    elif engine == "ray":
        from .ray import run_ray

        yield from run_ray(paths, names, jobs, known, progress.advance, address=address)
    else:
        from .local import run_local

        yield from run_local(paths, names, jobs, known, progress.advance)


@dataclass
class Summary:
    added: list[str] = field(default_factory=list)
    reanalysed: list[str] = field(default_factory=list)  # same text, newer analysers
    unchanged: int = 0
    errors: list[InputError] = field(default_factory=list)
    corpus: list = field(default_factory=list)  # corpus-step reports (StepReport)
    corpus_skipped: bool = False  # analyze(corpus=False): the steps were left for a later run
    workers: int = 0  # worker processes (or Ray workers) used
    peak_rss: int = 0  # the largest peak memory of a worker (bytes)
    slowest: tuple[float, str] = (0.0, "")  # the longest wall-clock time one file took, and that file
    worst_per_mb: tuple[float, str] = (0.0, "")  # the most wall-clock seconds per MB (files under 1 MB as 1 MB)

    def saw(self, outcome: Outcome) -> None:
        """Keep the run's extremes (memory, the slowest file) from one outcome."""
        self.peak_rss = max(self.peak_rss, outcome.peak_rss)
        if outcome.wall > self.slowest[0]:
            self.slowest = (outcome.wall, outcome.path)
        rate = outcome.wall / max(outcome.size / 1e6, 1.0)
        if rate > self.worst_per_mb[0]:
            self.worst_per_mb = (rate, outcome.path)


__all__ = ["ENGINES", "Outcome", "Progress", "Summary", "available_cores", "collect_paths", "file_hash", "plan",
           "problem", "process_file", "resolved", "run", "run_document", "worker_count", "RUNNER", "VERSION"]
