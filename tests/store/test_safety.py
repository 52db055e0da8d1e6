"""The store never surprises: read-only corpora answer queries, what is not a corpus gets
one line, no export writes over the database, a name is never a wildcard."""

import os
import sqlite3

import pytest

import historiograph as hg
from historiograph.export import export
from historiograph.store import SQLiteStore, StoreError


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("safety") / "demo.sqlite"
    hg.analyze(hg.sample_corpus(), db, jobs=1)
    return db


def test_a_read_only_corpus_can_be_queried(demo, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "c.sqlite"
    db.write_bytes(demo.read_bytes())
    before = db.read_bytes()
    os.chmod(db, 0o444)
    os.chmod(folder, 0o555)
    try:
        with SQLiteStore(db, read_only=True) as store:
            assert store.read_only and store.count_documents() == 4
            assert store.search("Antium").hits
            with pytest.raises(StoreError, match="read-only"):
                store.write_problem(hg.pipeline.problem("input.empty", "x"), source="x")
        assert db.read_bytes() == before  # nothing written: no schema, no settings
    finally:
        os.chmod(folder, 0o755)
        os.chmod(db, 0o644)


@pytest.mark.parametrize("content, reason", [(b"just some notes\n", "not a SQLite database"),
                                             (b"SQLite format 3\x00" + b"\x01" * 40, "cannot be read")])
def test_what_is_not_a_corpus_gets_one_line(tmp_path, content, reason):
    path = tmp_path / "x.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=reason):
        SQLiteStore(path)
    with pytest.raises(StoreError, match="is a directory"):
        SQLiteStore(tmp_path)


@pytest.mark.parametrize("fmt", ["json", "csl"])
def test_no_export_writes_over_the_database(demo, tmp_path, fmt):
    db = tmp_path / "c.sqlite"
    db.write_bytes(demo.read_bytes())
    size = db.stat().st_size
    with SQLiteStore(db) as store:
        with pytest.raises(StoreError, match="corpus database itself"):
            export(store, fmt, db)
        with pytest.raises(StoreError, match="no such folder"):
            export(store, fmt, tmp_path / "missing" / "x.json")
        with pytest.raises(StoreError, match="is a folder"):
            export(store, fmt, tmp_path)
    assert db.stat().st_size == size
    sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()


def test_names_are_not_wildcards(demo):
    with SQLiteStore(demo, read_only=True) as store:
        with pytest.raises(KeyError):
            store.resolve("%s%")
        with pytest.raises(KeyError):
            store.resolve("_ssay")
        assert store.resolve("essay").startswith("essay-")


def test_a_restored_file_makes_its_earlier_version_current(tmp_path):
    path = tmp_path / "post.txt"
    db = tmp_path / "c.sqlite"
    path.write_text("First\n\nThe first text of the post.\n")
    hg.analyze([path], db)
    path.write_text("Second\n\nA changed text of the post.\n")
    hg.analyze([path], db)
    path.write_text("First\n\nThe first text of the post.\n")
    hg.analyze([path], db)
    with SQLiteStore(db) as store:
        (current,) = store.documents()
        assert current.version == 1 and "first text" in store.document(current.id).text


def test_problems_of_a_file_that_now_reads_are_cleared(tmp_path):
    path = tmp_path / "post.txt"
    db = tmp_path / "c.sqlite"
    path.write_bytes(b"")
    hg.analyze([path], db)
    with SQLiteStore(db) as store:
        assert [p.code for p in store.corpus_problems()] == ["input.empty"]
    path.write_text("Now\n\nA text at last.\n")
    hg.analyze([path], db)
    hg.analyze([path], db)
    with SQLiteStore(db) as store:
        assert store.corpus_problems() == []
