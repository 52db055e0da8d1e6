"""Ingest benchmark: documents, MB and words per second for `analyze` (adapters,
structure, SQLite store with FTS5) at --jobs 1 and --jobs N, against a floor
peer that only reads the files and inserts their text into an FTS5 table.

    python benchmarks/ingest.py [--copies 40] [--jobs 2]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._common import SHARED, machine  # noqa: E402

import historiograph as hg  # noqa: E402


def make_corpus(folder: Path, copies: int) -> tuple[int, int, int]:
    sources = sorted((SHARED / "seeds").glob("0*.txt")) + hg.sample_corpus()
    n = size = words = 0
    for k in range(copies):
        for src in sources:
            data = src.read_bytes() + f"\n\ncopy {k}\n".encode()  # unique content per copy
            (folder / f"{k:03}_{src.name}").write_bytes(data)
            n, size, words = n + 1, size + len(data), words + len(data.decode("utf-8", "replace").split())
    return n, size, words


def fts_only(folder: Path, db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text)")
    for path in sorted(folder.iterdir()):
        with conn:
            conn.execute("INSERT INTO t(text) VALUES (?)", (path.read_text("utf-8", "replace"),))
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="hg-ingest-"))
    try:
        corpus = tmp / "corpus"
        corpus.mkdir()
        n, size, words = make_corpus(corpus, args.copies)
        print(f"ingest benchmark · {machine()} · {n} files, {size / 1e6:.1f} MB, {words} words")
        runs = [("fts5-only peer", lambda db: fts_only(corpus, db))]
        for jobs in sorted({1, args.jobs}):
            runs.append((f"historiograph --jobs {jobs}", lambda db, j=jobs: hg.analyze([corpus], db, jobs=j)))
        for name, fn in runs:
            db = tmp / f"{name.split()[0]}-{time.time_ns()}.sqlite"
            t0 = time.perf_counter()
            fn(db)
            dt = time.perf_counter() - t0
            print(f"{name:26} {dt:7.2f}s  {n / dt:8.1f} docs/s  {size / 1e6 / dt:6.2f} MB/s  {words / dt:9.0f} words/s")
        t0 = time.perf_counter()
        summary = hg.analyze([corpus], db)
        print(f"rerun, nothing changed       {time.perf_counter() - t0:7.2f}s  ({summary.unchanged} unchanged)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
