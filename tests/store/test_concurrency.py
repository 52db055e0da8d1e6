"""Several writers into one PostgreSQL corpus at once (several machines of a team): one
version per content, nothing duplicated, no error, and the same records one run leaves."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import historiograph as hg
from historiograph.store.postgres import PostgresStore

pytestmark = pytest.mark.postgres

# Columns that say when something was written (or in which order), not what.
WHEN = {"analyzed_at", "revision", "seq", "token", "ran_at", "seen", "inputs"}


def dump(url: str) -> dict[str, list[tuple]]:
    """Every table of the corpus, as sorted rows without the columns that record time."""
    with PostgresStore(url, read_only=True) as store:
        conn = store.conn
        tables = [r["table_name"] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            " ORDER BY table_name")]
        out = {}
        for table in tables:
            cols = [r["column_name"] for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                " AND table_name = %s AND data_type <> 'tsvector' ORDER BY ordinal_position", (table,))
                if r["column_name"] not in WHEN]
            rows = conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            out[table] = sorted((tuple(str(v) for v in r.values()) for r in rows))
        return out


def write_files(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for k, name in enumerate(names):
        path = folder / f"{name}.txt"
        path.write_text(f"Report {name}\n\nHelena Marsh argues that the fire of {60 + k} began by accident, "
                        f"while Tomasz Wiercinski says the emperor profited.{k % 3 + 1}\n\nThe archive of "
                        f"{name} holds {k * 7 + 3} letters.\n\nNotes\n\n1. Helena Marsh, Rome in Flames "
                        "(Oxford: Clarendon Press, 2011), 87.\n2. Ibid., 90.\n3. Tacitus, Annals 15.38.\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


ANALYZE = "import sys; from historiograph.cli import main; sys.argv[0] = 'historiograph'; main()"


@pytest.mark.slow
def test_two_processes_analysing_overlapping_files_leave_what_one_run_leaves(pg_server, tmp_path):
    same = write_files(tmp_path / "same", [f"same{i}" for i in range(6)])
    only_a = write_files(tmp_path / "a", [f"a{i}" for i in range(3)])
    only_b = write_files(tmp_path / "b", [f"b{i}" for i in range(3)])
    (tmp_path / "same" / "empty.txt").write_bytes(b"")  # a problem row, written by both
    shared_url, single_url = pg_server.new_database(), pg_server.new_database()
    try:
        # the same files in the same order, so the two runs meet on every one of them; one
        # path spelled another way
        spelled = tmp_path / "b" / ".." / "same" / same[0].name
        runs = [[*map(str, same), str(tmp_path / "same" / "empty.txt"), *map(str, only_a)],
                [str(spelled), *map(str, same[1:]), str(tmp_path / "same" / "empty.txt"), *map(str, only_b)]]
        procs = [subprocess.Popen([sys.executable, "-c", ANALYZE, "analyze", *paths, "--db", shared_url,
                                   "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for paths in runs]
        outputs = [p.communicate(timeout=600) for p in procs]
        for proc, (out, err) in zip(procs, outputs):
            assert proc.returncode == 0, err
            assert "Traceback" not in err and "error" not in err.lower(), err
        # both analysed the shared files; between them they added each document once
        new = [int(re.search(r"(\d+) new, (\d+) unchanged", out).group(1)) for out, _ in outputs]
        assert sum(new) == 12, outputs
        single = subprocess.run([sys.executable, "-c", ANALYZE, "analyze", *map(str, same + only_a + only_b),
                                 str(tmp_path / "same" / "empty.txt"), "--db", single_url, "--jobs", "1"],
                                capture_output=True, text=True, timeout=600)
        assert single.returncode == 0, single.stderr
        shared, alone = dump(shared_url), dump(single_url)
        assert shared.keys() == alone.keys()
        for table in alone:
            assert shared[table] == alone[table], table
        with PostgresStore(shared_url, read_only=True) as store:
            assert store.count_documents(all_versions=True) == 12
            assert len(store.corpus_problems()) == 1
    finally:
        pg_server.drop_database(shared_url)
        pg_server.drop_database(single_url)


def test_writers_racing_on_the_same_documents_store_each_content_once(pg_url, tmp_path):
    paths = write_files(tmp_path / "in", [f"doc{i}" for i in range(8)])
    docs = [hg.read(p, pipeline=("structure", "notes")) for p in paths]
    changed = paths[0].read_text() + "\nA second version.\n"
    paths[0].write_text(changed, encoding="utf-8")
    docs.append(hg.read(paths[0], pipeline=("structure", "notes")))  # a new content for one source
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def writer(order: list) -> None:
        try:
            with PostgresStore(pg_url) as store:
                barrier.wait()
                for doc in order:
                    store.write_document(doc, pipeline=["structure@x"])
                    store.write_problem(hg.problem("input.empty", "x.txt: empty file"), source="/x.txt")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    orders = [docs, docs[::-1], docs[3:] + docs[:3], docs[::2] + docs[1::2]]
    threads = [threading.Thread(target=writer, args=(o,)) for o in orders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with PostgresStore(pg_url, read_only=True) as store:
        rows = store.documents(all_versions=True)
        assert len(rows) == 9 and len({r.id for r in rows}) == 9
        first = sorted((r.version, r.current) for r in rows if r.source == docs[0].meta.source_path)
        assert [v for v, _ in first] == [1, 2] and sum(c for _, c in first) == 1
        for doc in docs:
            assert store.count("sections", document_id=doc.id) == len({r.id for r in doc.layer("sections")})
        assert len(store.corpus_problems()) == 1


def test_a_second_corpus_run_waits_for_the_first(pg_url):
    """Corpus steps hold the corpus lock: a second store cannot take it meanwhile."""
    with PostgresStore(pg_url) as first, PostgresStore(pg_url) as second:
        key = first._key("corpus-steps", "")
        with first.corpus_lock():
            taken = second.conn.execute("SELECT pg_try_advisory_lock(%s) AS ok", (key,)).fetchone()["ok"]
            assert taken is False
        assert second.conn.execute("SELECT pg_try_advisory_lock(%s) AS ok", (key,)).fetchone()["ok"] is True
