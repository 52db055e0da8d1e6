"""kill -9 at a random moment, then the same command again, leaves exactly the records a
clean run leaves: every table of the SQLite file compared (documents, every record table,
the corpus tables, whatever the schema holds), timestamps aside, and each full-text index
checked against its content. One kill in the default run; many, with the whole pipeline,
with --heavy."""

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import historiograph as hg

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="kill -9 and /proc: Linux")
TIMESTAMP = re.compile(r"(?:_at|timestamp)$")
# Columns made from a timestamp: a document's revision (from when it was analysed) and what a
# corpus step saw of the revisions. Two runs never agree on them; everything else must.
FROM_TIME = {"documents": {"revision"}, "corpus_steps": {"seen", "inputs", "token"}}
DRIVER = textwrap.dedent("""
    import sys
    import historiograph as hg
    pipeline = sys.argv[3].split(",") if len(sys.argv) > 3 else hg.DEFAULT_PIPELINE
    hg.analyze([sys.argv[1]], sys.argv[2], jobs=2, pipeline=pipeline)
""")
ROOT = Path(__file__).resolve().parents[2]


def snapshot(db: Path) -> dict[str, list]:
    """Every table's rows (sorted, timestamps left out); full-text indexes checked."""
    conn = sqlite3.connect(str(db))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        tables = {name: sql or "" for name, sql in rows}
        virtual = {t for t, sql in tables.items() if sql.upper().startswith("CREATE VIRTUAL TABLE")}
        out: dict[str, list] = {}
        for table in sorted(tables):
            if any(table.startswith(v + "_") for v in virtual):
                continue  # an index's own storage: checked through its table
            if table in virtual:
                if "fts5" in tables[table].lower():
                    conn.execute(f"INSERT INTO {table}({table}) VALUES('integrity-check')")
                out[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchall()
                continue
            cols = [c[1] for c in conn.execute(f"PRAGMA table_info({table})")
                    if not TIMESTAMP.search(c[1]) and c[1] not in FROM_TIME.get(table, ())]
            out[table] = sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)
        return out
    finally:
        conn.close()


def corpus(folder: Path, copies: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(copies):
        for src in hg.sample_corpus():
            text = src.read_text(encoding="utf-8") + f"\n\nCopy {k} of this text, edited.\n"
            (folder / f"{k:02}_{src.name}").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    (folder / "bad\xff.txt".encode("latin-1").decode("utf-8", "surrogateescape")).write_bytes(b"")


def command(folder: Path, db: Path, pipeline: str | None) -> list[str]:
    return [sys.executable, "-c", DRIVER, str(folder), str(db)] + ([pipeline] if pipeline else [])


def clean_run(folder: Path, db: Path, pipeline: str | None) -> float:
    started = time.monotonic()
    subprocess.run(command(folder, db, pipeline), check=True, timeout=1800, cwd=ROOT)
    return time.monotonic() - started


def killed_then_resumed(folder: Path, db: Path, pipeline: str | None, after: float) -> None:
    proc = subprocess.Popen(command(folder, db, pipeline), cwd=ROOT)
    try:
        proc.wait(timeout=after)  # it may finish first: a kill after the end is a case too
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    subprocess.run(command(folder, db, pipeline), check=True, timeout=1800, cwd=ROOT)


def compare(clean: dict, other: dict, where: str) -> None:
    assert clean.keys() == other.keys(), where
    for table in clean:
        lost = [r for r in clean[table] if r not in other[table]]
        extra = [r for r in other[table] if r not in clean[table]]
        assert not lost and not extra, f"{where}: {table}: {len(lost)} lost, {len(extra)} extra or duplicated"


def test_a_kill_at_a_random_moment_loses_and_duplicates_nothing(tmp_path):
    folder = tmp_path / "in"
    corpus(folder, copies=3)
    pipeline = "structure,notes,references,integrity"
    took = clean_run(folder, tmp_path / "clean.sqlite", pipeline)
    clean = snapshot(tmp_path / "clean.sqlite")
    seed = int(os.environ.get("HISTORIOGRAPH_KILL_SEED", time.time_ns() % 10**6))
    after = random.Random(seed).uniform(0.3, max(0.6, took))
    killed_then_resumed(folder, tmp_path / "killed.sqlite", pipeline, after)
    compare(clean, snapshot(tmp_path / "killed.sqlite"), f"kill after {after:.2f} s (HISTORIOGRAPH_KILL_SEED={seed})")


@pytest.mark.slow
@pytest.mark.heavy
def test_kills_at_many_moments_with_the_whole_pipeline(tmp_path):
    folder = tmp_path / "in"
    corpus(folder, copies=6)
    took = clean_run(folder, tmp_path / "clean.sqlite", None)
    clean = snapshot(tmp_path / "clean.sqlite")
    rng = random.Random(int(os.environ.get("HISTORIOGRAPH_KILL_SEED", "16")))
    moments = [0.1, 0.5] + sorted(rng.uniform(0.5, took) for _ in range(8)) + [took * 1.5]
    for k, after in enumerate(moments):
        db = tmp_path / f"killed{k}.sqlite"
        killed_then_resumed(folder, db, None, after)
        if k % 3 == 2:  # a second kill into the resumed run, then the end
            killed_then_resumed(folder, db, None, rng.uniform(0.2, took / 2))
        compare(clean, snapshot(db), f"kill after {after:.2f} s")
