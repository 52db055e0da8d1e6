"""The local engine: worker processes on this machine, one file at a time each.

- As many workers as asked, but never more than the cores this process may use or the
  files to analyse.
- Workers die with their parent: on Linux the kernel sends them SIGKILL when it goes
  (prctl PR_SET_PDEATHSIG), and everywhere a watchdog thread in each worker exits when
  its parent is gone, so a kill -9 of the main process leaves no orphans.
- A worker that dies (a segfault, the out-of-memory killer) or stays busy with one file
  past the wall-clock limit is replaced; only the file it held is reported, and the run
  goes on.
- Each worker caps its own memory (budget.limit_memory) and is replaced after a file
  that overran a budget or after many files (spaCy's string store grows)."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from multiprocessing.connection import wait
from typing import Callable, Iterator, Sequence

from ..adapters.files import display_path
from ..errors import InputError
from ..budget import hard_cpu_seconds, hard_seconds, limit_memory, memory_limit
from .process import Outcome, process_file

FILES_PER_WORKER = 500  # then a fresh process: memory a long-lived parser keeps is returned
PR_SET_PDEATHSIG = 1


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worker_count(jobs: int | None, n_files: int) -> int:
    """Workers to start: as asked (default: the cores), capped by the cores and the files."""
    cores = available_cores()
    return max(1, min(jobs or cores, cores, max(n_files, 1)))


def die_with_parent(parent: int) -> None:
    """Make this process end when ``parent`` does (call first thing in a worker)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent went before the signal was asked for
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="historiograph-watchdog", daemon=True).start()


def _worker_main(conn, names: list[str], parent: int) -> None:
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    limit_memory()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        path, stored = task
        try:
            outcome = process_file(path, names, stored)
        except BaseException as exc:  # process_file never raises; this is the last net
            shown = display_path(path)
            outcome = Outcome(shown, "", error=InputError(
                shown, f"worker failed: {type(exc).__name__}: {exc}", "input.adapter_crash"), restart=True)
        try:
            conn.send(outcome)
        except Exception as exc:  # a result that cannot be sent (memory, pickling)
            conn.send(Outcome(outcome.path, outcome.file_hash, error=InputError(
                outcome.path, f"result could not be passed back: {type(exc).__name__}: {exc}",
                "input.adapter_crash"), restart=True))


def start_method() -> str:
    wanted = os.environ.get("HISTORIOGRAPH_START_METHOD")
    methods = mp.get_all_start_methods()
    if wanted in methods:
        return wanted
    return "fork" if "fork" in methods else "spawn"


class Worker:
    def __init__(self, ctx, names: Sequence[str]):
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, list(names), os.getpid()),
                                name="historiograph-worker", daemon=True)
        self.proc.start()
        child.close()
        self.path: str | None = None
        self.started = 0.0
        self.limit = 0.0
        self.files = 0

    def give(self, path: str, stored: frozenset[str]) -> None:
        try:
            size = os.stat(path).st_size
        except OSError:
            size = 0
        self.conn.send((path, stored))
        self.path, self.started, self.limit = path, time.monotonic(), hard_seconds(size)
        self.cpu_limit, self.cpu_start = hard_cpu_seconds(size), self.cpu()
        self.files += 1

    def cpu(self) -> float:
        """The worker's CPU seconds so far (Linux /proc; 0 elsewhere)."""
        try:
            with open(f"/proc/{self.proc.pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return 0.0

    def stop(self, timeout: float = 2.0) -> None:
        if self.proc.is_alive():
            try:
                if self.path is None:
                    self.conn.send(None)
                    self.proc.join(timeout)
            except (OSError, ValueError):
                pass
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join(timeout)
        self.conn.close()

    def exit_reason(self) -> str:
        code = self.proc.exitcode
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            hint = " (the out-of-memory killer?)" if -code == signal.SIGKILL else ""
            return f"killed by {name}{hint}"
        return f"exit code {code}"


def run_local(paths: Sequence[str], names: Sequence[str], jobs: int | None,
              known: Callable[[str], frozenset[str]], advance: Callable[[str], None]) -> Iterator[Outcome]:
    """Yield one Outcome per path, in completion order."""
    ctx = mp.get_context(start_method())
    queue = deque(paths)
    workers: list[Worker] = []
    try:
        workers = [Worker(ctx, names) for _ in range(worker_count(jobs, len(paths)))]
        while True:
            for w in workers:
                if w.path is None and queue:
                    path = queue.popleft()
                    w.give(path, known(path))
            busy = [w for w in workers if w.path is not None]
            if not busy:
                break
            ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=1.0))
            now = time.monotonic()
            for i, w in enumerate(workers):
                if w.path is None:
                    continue
                shown = display_path(w.path)
                outcome, replace = None, False
                if w.conn in ready:
                    try:
                        outcome = w.conn.recv()
                        replace = outcome.restart or w.files >= FILES_PER_WORKER or _near_limit(outcome.peak_rss)
                    except (EOFError, OSError, Exception):
                        w.proc.join(1.0)
                        outcome, replace = _died(shown, w), True
                elif w.proc.sentinel in ready or not w.proc.is_alive():
                    w.proc.join(1.0)
                    outcome, replace = _died(shown, w), True
                elif now - w.started > w.limit or w.cpu() - w.cpu_start > w.cpu_limit:
                    used = w.cpu() - w.cpu_start
                    w.proc.kill()
                    w.proc.join(5.0)
                    what = (f"{used:.0f} CPU seconds, past its budget" if used > w.cpu_limit
                            else f"{now - w.started:.0f} s (wall clock)")
                    outcome = Outcome(shown, "", error=InputError(
                        shown, f"still not done after {what}: its worker was stopped "
                        "(HISTORIOGRAPH_TIME_BUDGET, HISTORIOGRAPH_FILE_TIMEOUT)", "input.timeout"))
                    replace = True
                if outcome is None:
                    continue
                w.path = None
                if replace:
                    w.stop()
                    workers[i] = Worker(ctx, names) if queue else w
                advance(outcome.path)
                yield outcome
    finally:
        for w in workers:
            w.stop()


def _died(shown: str, w: Worker) -> Outcome:
    return Outcome(shown, "", error=InputError(
        shown, f"worker process died while analysing this file ({w.exit_reason()})", "input.worker_died"))


def _near_limit(rss: int) -> bool:
    limit = memory_limit()
    return bool(limit and rss > 0.6 * limit)
