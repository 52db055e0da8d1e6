"""`historiograph serve` in a subprocess on a free port, for tests that need a real server."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(db: Path, *extra: str, timeout: float = 60.0):
    """Yield the base URL of `historiograph serve --db DB` (plus ``extra`` options)."""
    port = free_port()
    cmd = [sys.executable, "-c", "from historiograph.cli import main; main()", "serve", "--db", str(db),
           "--port", str(port), *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                out, err = proc.communicate()
                raise RuntimeError(f"serve exited with {proc.returncode}: {out} {err}")
            try:
                with urllib.request.urlopen(base + "/.json", timeout=5) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("serve did not answer in time")
            time.sleep(0.2)
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
