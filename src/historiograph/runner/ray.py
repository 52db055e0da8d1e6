"""The Ray engine: the per-document work as Ray tasks over batches of files.

The batches are built up front (every path known before the first task starts), each a
task that runs ``process_file`` on its files, exactly as a local worker does, and returns
their Outcomes; the driver (this process) writes them to the store as they come, so the
records are the ones the local engine makes. At most a few batches per worker are in
flight, so the driver holds a bounded number of results.

A task whose worker dies, or that passes its wall-clock limit (then it is cancelled), has
its files tried again one per task; a file that fails alone is the one reported, as in the
local engine. Files are read where the task runs: on a cluster the paths must name the
same files on every node (a shared file system).

    analyze --engine ray                    # a local Ray with one worker per core (or --jobs)
    analyze --engine ray --address auto     # the cluster this machine belongs to
"""

from __future__ import annotations

import os
import time
from collections import deque
from typing import Callable, Iterator, Sequence

from ..adapters.files import display_path
from ..budget import hard_seconds
from ..errors import InputError
from .local import worker_count
from .process import Outcome, process_file

BATCHES_PER_WORKER = 4  # batches a worker is given over the run (smaller: better balance, more overhead)
MAX_BATCH = 64
IN_FLIGHT = 2  # batches per worker submitted at once


def _batch(paths: list[str], names: list[str], stored: dict[str, frozenset[str]]) -> list[Outcome]:
    return [process_file(path, names, stored.get(path, frozenset())) for path in paths]


def batches(paths: Sequence[str], workers: int, size: int | None = None) -> list[list[str]]:
    """The paths cut into batches, up front: about BATCHES_PER_WORKER per worker."""
    size = size or max(1, min(MAX_BATCH, -(-len(paths) // (workers * BATCHES_PER_WORKER))))
    return [list(paths[i:i + size]) for i in range(0, len(paths), size)]


def _file_limit(path: str) -> float:
    try:
        return hard_seconds(os.stat(path).st_size)
    except OSError:
        return hard_seconds(0)


def run_ray(paths: Sequence[str], names: Sequence[str], jobs: int | None,
            known: Callable[[str], frozenset[str]], advance: Callable[[str], None],
            address: str | None = None) -> Iterator[Outcome]:
    try:
        import ray
        from ray.exceptions import GetTimeoutError, RayError  # noqa: F401
    except ImportError as exc:
        raise RuntimeError("the ray engine needs Ray: pip install 'historiograph[ray]'") from exc
    started_here = False
    if not ray.is_initialized():
        options = dict(include_dashboard=False, log_to_driver=False, configure_logging=False)
        if address:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=worker_count(jobs, len(paths)), **options)
        started_here = True
    try:
        workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        if jobs:
            workers = min(workers, jobs)
        task = ray.remote(num_cpus=1, max_retries=0)(_batch)
        names = list(names)
        todo = deque(batches(paths, workers))
        running: dict = {}  # object ref → (batch, wall-clock limit, started)

        def submit(batch: list[str]) -> None:
            stored = {p: known(p) for p in batch}
            ref = task.remote(batch, names, stored)
            limit = sum(_file_limit(p) for p in batch)
            running[ref] = (batch, limit, time.monotonic())

        while todo or running:
            while todo and len(running) < workers * IN_FLIGHT:
                submit(todo.popleft())
            ready, _ = ray.wait(list(running), num_returns=1, timeout=1.0)
            now = time.monotonic()
            for ref in ready:
                batch, _, _ = running.pop(ref)
                try:
                    outcomes = ray.get(ref)
                except Exception as exc:  # the worker died, or the task failed outside process_file
                    outcomes = None
                    reason = f"{type(exc).__name__}"
                if outcomes is not None:
                    for outcome in outcomes:
                        advance(outcome.path)
                        yield outcome
                elif len(batch) == 1:
                    shown = display_path(batch[0])
                    outcome = Outcome(shown, "", error=InputError(
                        shown, f"Ray worker died while analysing this file ({reason})", "input.worker_died"))
                    advance(outcome.path)
                    yield outcome
                else:  # one file of the batch killed it: each again alone, to find which
                    todo.extendleft([p] for p in reversed(batch))
            for ref, (batch, limit, started) in list(running.items()):
                if now - started > limit:
                    ray.cancel(ref, force=True)
                    running.pop(ref)
                    if len(batch) > 1:
                        todo.extendleft([p] for p in reversed(batch))
                        continue
                    shown = display_path(batch[0])
                    outcome = Outcome(shown, "", error=InputError(
                        shown, f"still not done after {limit:.0f} s (wall clock): its Ray task was cancelled "
                        "(set HISTORIOGRAPH_FILE_TIMEOUT to wait longer)", "input.timeout"))
                    advance(outcome.path)
                    yield outcome
    finally:
        if started_here:
            ray.shutdown()
