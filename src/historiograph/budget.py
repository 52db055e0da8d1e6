"""Budgets: how much time and memory the work on one file may take (used by the runner,
the adapters and any component that wants to share out its time).

Each file gets one time budget, relative to its size (``seconds_for``), counted in CPU
seconds so a busy machine does not cut short the work of an idle one. The adapter and
the components draw on it in turn: a component still running when the budget is spent
is stopped (``BudgetExceeded`` is raised in it, from a timer signal) and the runner
records a ``component.budget`` problem naming what was skipped; the components after it
that find no time left are skipped the same way. Timers need the main thread of the
process (workers always are); elsewhere (an API call from a web handler's thread) no
timer is set, and only the caps written into the components bound the work.

Memory is bounded per worker process (``limit_memory``: the address space it may add to
what it started with, so a runaway
allocation fails with MemoryError, which the runner records the same way). A worker that
hangs in C code where no signal reaches it is stopped from outside by the runner's wall-
clock limit (``hard_seconds``).

Environment: HISTORIOGRAPH_TIME_BUDGET (the most CPU seconds one file may take, default
25; 0 switches the time budget off), HISTORIOGRAPH_WORKER_MEMORY (bytes of address space
per worker, default 1.5 GiB; 0 switches the limit off), HISTORIOGRAPH_FILE_TIMEOUT (wall-
clock seconds after which a worker still busy with one file is stopped)."""

from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator

MB = 1_000_000


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def cap_seconds() -> float:
    return _env_float("HISTORIOGRAPH_TIME_BUDGET", 25.0)


def seconds_for(n_bytes: int) -> float | None:
    """The CPU seconds one file of ``n_bytes`` may take, adapter and components together:
    10 s and 30 s more per MB, at most HISTORIOGRAPH_TIME_BUDGET (None: no budget)."""
    cap = cap_seconds()
    if cap <= 0:
        return None
    return min(cap, 10.0 + 30.0 * n_bytes / MB)


def hard_seconds(n_bytes: int = 0) -> float:
    """Wall-clock seconds after which the runner stops a worker busy with one file: for a
    worker blocked (a hung network file system); generous, as a loaded machine stretches
    CPU seconds into many more wall-clock ones. A worker that computes past its budget
    where no timer signal reaches is caught sooner, by ``hard_cpu_seconds``."""
    return _env_float("HISTORIOGRAPH_FILE_TIMEOUT", 1800.0)


def hard_cpu_seconds(n_bytes: int = 0) -> float:
    """CPU seconds after which the runner stops a worker busy with one file: its budget
    and a minute more (the timer signal should have stopped it long before)."""
    default = (seconds_for(n_bytes) or 600.0) + 60.0
    return min(default, hard_seconds(n_bytes))


def memory_limit() -> int | None:
    value = int(_env_float("HISTORIOGRAPH_WORKER_MEMORY", 1.5 * 2**30))
    return value if value > 0 else None


class BudgetExceeded(BaseException):
    """Raised inside the work that overran its time budget. A BaseException, like
    KeyboardInterrupt, so that a library's ``except Exception`` does not swallow it (and
    should one swallow it anyway, the timer fires again a millisecond later)."""

    def __init__(self, label: str, seconds: float):
        super().__init__(f"{label}: over its time budget of {seconds:.1f} CPU seconds")
        self.label = label
        self.seconds = seconds


class Deadline:
    """One file's budget: CPU seconds from when it was made."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.start = time.process_time()

    def remaining(self) -> float | None:
        if self.seconds is None:
            return None
        return self.seconds - (time.process_time() - self.start)

    def used(self) -> float:
        return time.process_time() - self.start


# Nested limits (a component inside a file's budget, trafilatura inside the HTML adapter):
# a stack of (deadline in process time, label, seconds); the timer is armed for the nearest.
_stack: list[tuple[float, str, float]] = []


def _arm() -> None:
    if not _stack:
        signal.setitimer(signal.ITIMER_PROF, 0)
        return
    left = min(d for d, _, _ in _stack) - time.process_time()
    signal.setitimer(signal.ITIMER_PROF, max(left, 0.001))


def _expired(signum, frame) -> None:
    now = time.process_time()
    due = [entry for entry in _stack if entry[0] <= now + 0.0005]
    if not due:  # woken early (timer granularity): wait for the nearest deadline
        _arm()
        return
    _, label, seconds = min(due)
    _arm()  # an outer deadline still running gets its own signal later
    raise BudgetExceeded(label, seconds)


def remaining() -> float | None:
    """CPU seconds left before the nearest active limit (None: no limit is running)."""
    if not _stack:
        return None
    return min(d for d, _, _ in _stack) - time.process_time()


def timers_available() -> bool:
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


@contextmanager
def time_limit(seconds: float | None, label: str) -> Iterator[None]:
    """Raise BudgetExceeded(label) in the block once it has used ``seconds`` of CPU time.
    No limit where seconds is None or no timer can be set (not the main thread)."""
    if seconds is None or not timers_available():
        yield
        return
    if signal.getsignal(signal.SIGPROF) is not _expired:
        signal.signal(signal.SIGPROF, _expired)
    entry = (time.process_time() + max(seconds, 0.0), label, seconds)
    _stack.append(entry)
    _arm()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        try:
            _stack.remove(entry)
        except ValueError:
            pass
        _arm()


def limit_memory(limit: int | None = None) -> int | None:
    """Cap this process's address space (a worker's) at ``limit`` bytes more than it holds
    now: allocations beyond it fail with MemoryError instead of taking the machine's
    memory. Returns the limit set."""
    limit = memory_limit() if limit is None else limit
    if not limit:
        return None
    limit += _address_space()  # on top of what the worker holds already (a fork of a large parent)
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        return limit
    except (ImportError, ValueError, OSError):
        return None


def _address_space() -> int:
    """This process's address space now, in bytes (Linux; 0 elsewhere)."""
    try:
        import os

        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def peak_rss() -> int:
    """This process's peak resident memory in bytes."""
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    except ImportError:
        return 0
