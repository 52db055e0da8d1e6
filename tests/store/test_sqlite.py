import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

import historiograph as hg
from historiograph.components.base import REGISTRY, component
from historiograph.store import SQLiteStore as Store, fts_query


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "essay.txt").write_text("On Fire\n\nThe archive shows the fire began by accident, "
                                      "say the historians who read the archive closely.")
    (folder / "post.txt").write_text("Nobody trusts the archive anyway.")
    return folder


def test_analyze_stores_documents_and_is_idempotent(corpus, tmp_path):
    db = tmp_path / "c.sqlite"
    first = hg.analyze([corpus], db, jobs=1)
    assert len(first.added) == 2
    again = hg.analyze([corpus], db, jobs=1)
    assert again.added == [] and again.unchanged == 2
    with Store(db) as store:
        assert store.count("documents") == 2
        doc = store.document("essay")
        assert doc.meta.title is None or doc.meta.title == "On Fire"
        assert [s.kind for s in doc.layer("sections")] == ["title", "body"]
        assert store.documents()[0].title == "On Fire"


def test_stored_document_round_trips(corpus, tmp_path):
    db = tmp_path / "c.sqlite"
    original = hg.read(corpus / "essay.txt")
    hg.analyze([corpus / "essay.txt"], db)
    with Store(db) as store:
        stored = store.document(original.id)
    assert stored.text == original.text and stored.layers == original.layers


def test_changed_file_becomes_new_version(corpus, tmp_path):
    db = tmp_path / "c.sqlite"
    hg.analyze([corpus], db)
    (corpus / "post.txt").write_text("Nobody trusts the archive, and nobody should.")
    summary = hg.analyze([corpus], db)
    assert len(summary.added) == 1 and summary.unchanged == 1
    with Store(db) as store:
        rows = store.documents(all_versions=True)
        versions = sorted((r.version, r.current) for r in rows if r.source.endswith("post.txt"))
        assert versions == [(1, 0), (2, 1)]
        assert len(store.documents()) == 2
        assert "nobody should" in store.document("post").text


def test_search_gives_offsets_and_sections(corpus, tmp_path):
    db = tmp_path / "c.sqlite"
    hg.analyze([corpus], db)
    with Store(db) as store:
        hits = store.search("archive").hits
        assert {h.document_id.split("-")[0] for h in hits} == {"essay", "post"}
        for hit in hits:
            text = store.document(hit.document_id).text
            assert text[hit.start:hit.end].lower() == "archive"
            assert hit.section == "body"
        assert store.search('"began by accident"').hits[0].match == "began by accident"
        assert store.search("nothing-matches-this").hits == []


@pytest.mark.parametrize("query, expected", [
    ("fire", '"fire"'), ('"doctors plot"', '"doctors plot"'), ("archiv*", '"archiv"*'),
    ("a OR b", '"a" OR "b"'), ("it's (odd)", '"it\'s" "(odd)"'),
])
def test_fts_query_quotes_user_input(query, expected):
    assert fts_query(query) == expected


def test_files_stored_by_older_analysers_are_analysed_again(corpus, tmp_path):
    """A component's version changed since the store was written: the same text is
    analysed again and its records are replaced, not duplicated; the document keeps
    its id and version."""
    db = tmp_path / "c.sqlite"
    hg.analyze([corpus], db, jobs=1)
    with Store(db) as store:
        before = {t: store.count(t) for t in ("sections", "problems")}
        store.conn.execute("UPDATE documents SET pipeline='[\"structure@0\"]' WHERE source LIKE '%essay.txt'")
        store.conn.commit()
    summary = hg.analyze([corpus], db, jobs=1)
    assert summary.added == [] and len(summary.reanalysed) == 1 and summary.unchanged == 1
    with Store(db) as store:
        assert {t: store.count(t) for t in before} == before
        rows = store.documents(all_versions=True)
        assert sorted(r.version for r in rows) == [1, 1]
        assert all("structure@0" not in store.conn.execute("SELECT pipeline FROM documents WHERE id=?",
                                                           (r.id,)).fetchone()[0] for r in rows)
    assert hg.analyze([corpus], db, jobs=1).unchanged == 2


def test_a_newer_adapter_counts_as_a_newer_analyser(corpus, tmp_path, monkeypatch):
    db = tmp_path / "c.sqlite"
    hg.analyze([corpus], db, jobs=1)
    with Store(db) as store:
        (pipeline,) = {r[0] for r in store.conn.execute("SELECT pipeline FROM documents")}
    assert all(f'"{v}"' in pipeline for v in hg.ADAPTER_VERSIONS) and "adapter.html@" in pipeline
    monkeypatch.setattr(hg, "ADAPTER_VERSIONS", ("adapter.text@99",))
    summary = hg.analyze([corpus], db, jobs=1)
    assert summary.added == [] and len(summary.reanalysed) == 2


def test_reanalysis_that_fails_keeps_the_old_records(corpus, tmp_path, monkeypatch):
    db = tmp_path / "c.sqlite"
    doc = hg.read(corpus / "essay.txt")
    with Store(db) as store:
        store.write_document(doc, pipeline=["structure@0"])
        n = store.count("sections", document_id=doc.id)

        def explode(*args, **kwargs):
            raise sqlite3.OperationalError("disk fell off")

        monkeypatch.setattr(store, "_insert_records", explode)
        with pytest.raises(sqlite3.OperationalError):
            store.write_document(doc, pipeline=["structure@1"])
        monkeypatch.undo()
        assert n and store.count("sections", document_id=doc.id) == n


def test_failed_transaction_leaves_nothing_half_written(corpus, tmp_path, monkeypatch):
    db = tmp_path / "c.sqlite"
    doc = hg.read(corpus / "essay.txt")
    with Store(db) as store:
        def explode(*args, **kwargs):
            raise sqlite3.OperationalError("disk fell off")

        monkeypatch.setattr(store, "_insert_records", explode)
        with pytest.raises(sqlite3.OperationalError):
            store.write_document(doc)
        monkeypatch.undo()
        assert store.count("documents") == 0 and store.count("sections") == 0
        assert store.write_document(doc) == doc.id
        assert store.count("sections", document_id=doc.id) == len(doc.layer("sections"))


SLOW_RUN = """
import sys, time
import historiograph as hg
from historiograph.components.base import component
component("slow", "1", requires=("sections",), produces=("slow",))(lambda d: (time.sleep(0.4), {})[1])
hg.analyze([sys.argv[1]], sys.argv[2], jobs=1, pipeline=("structure", "slow"))
"""


@pytest.mark.slow
def test_killed_run_keeps_finished_documents_and_resumes(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(12):
        (folder / f"doc{i:02}.txt").write_text(f"Document {i}\n\nBody text number {i} about the fire.")
    db = tmp_path / "k.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_RUN, str(folder), str(db)])
    deadline = time.time() + 60
    done = 0
    while time.time() < deadline and done < 3:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db) as conn:
                    done = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 3 <= done < 12
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    saved = dict(REGISTRY)
    try:  # resume with the same pipeline (the same slow@1, without the sleep)
        component("slow", "1", requires=("sections",), produces=("slow",))(lambda d: {})
        summary = hg.analyze([folder], db, pipeline=("structure", "slow"))
    finally:
        REGISTRY.clear()
        REGISTRY.update(saved)
    assert summary.unchanged == kept and len(summary.added) == 12 - kept and not summary.reanalysed
    with Store(db) as store:
        assert store.count("documents") == 12
        assert all(r.n_sections == 2 for r in store.documents())
