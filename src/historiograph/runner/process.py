"""The work on one file, the same in every engine: read it once (bounded), hash it,
turn it into a Document and run the components, all within the file's budget."""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from typing import Sequence

from ..adapters import read_bytes
from ..adapters.files import display_path, read_file
from ..errors import InputError
from ..model import Document
from ..budget import BudgetExceeded, Deadline, memory_limit, peak_rss, seconds_for, time_limit
from .plan import over_budget, plan, run_document


@dataclass
class Outcome:
    path: str  # the resolved path, as text (display_path)
    file_hash: str
    doc: Document | None = None
    error: InputError | None = None
    restart: bool = False  # the worker should be replaced after this file
    seconds: float = 0.0  # CPU seconds spent on the file
    wall: float = 0.0  # wall-clock seconds spent on the file
    size: int = 0  # the file's size in bytes
    peak_rss: int = 0  # the worker's peak memory so far (bytes)


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def process_file(path: str, names: Sequence[str], stored: frozenset[str] = frozenset()) -> Outcome:
    """Read one file once, hash it, and run the pipeline unless that exact content is
    already stored for it (``stored``: its stored file hashes). ``path`` is a resolved
    path (it may hold a name's undecodable bytes). Never raises."""
    started = time.perf_counter()
    outcome = _process(path, names, stored)
    outcome.wall = time.perf_counter() - started
    outcome.peak_rss = peak_rss()
    try:
        outcome.size = os.stat(path).st_size
    except OSError:
        pass
    return outcome


def _process(path: str, names: Sequence[str], stored: frozenset[str]) -> Outcome:
    shown = display_path(path)
    deadline = Deadline(None)
    try:
        data = read_file(path)
    except InputError as exc:
        return Outcome(shown, "", error=exc)
    digest = file_hash(data)
    if digest in stored:
        return Outcome(shown, digest)
    deadline = Deadline(seconds_for(len(data)))
    try:
        with time_limit(deadline.remaining(), "adapter"):
            doc = read_bytes(data, shown)
    except InputError as exc:
        return Outcome(shown, digest, error=InputError(shown, exc.reason, exc.code), seconds=deadline.used())
    except BudgetExceeded:
        return Outcome(shown, digest, error=InputError(
            shown, f"reading it took more than its time budget ({deadline.seconds:.0f} CPU seconds)",
            "input.budget"), restart=True, seconds=deadline.used())
    except MemoryError:
        limit = memory_limit()
        return Outcome(shown, digest, error=InputError(
            shown, "reading it ran out of memory" + (f" (a worker may take {limit / 2**30:.1f} GiB more than it starts with)"
                                                     if limit else ""), "input.budget"), restart=True)
    except RecursionError:
        return Outcome(shown, digest, error=InputError(shown, "nested too deeply to read", "input.budget"))
    except Exception as exc:  # an adapter bug must not stop the corpus either
        return Outcome(shown, digest, error=InputError(
            shown, f"adapter crashed: {type(exc).__name__}: {exc}", "input.adapter_crash"))
    doc = run_document(doc, plan(names), deadline)
    return Outcome(shown, digest, doc=doc, restart=over_budget(doc), seconds=deadline.used())
