"""What only the PostgreSQL store has to prove: its search finds what SQLite's finds, its text
parts and limits, text PostgreSQL cannot hold, read-only sessions, schemas, and errors."""

from __future__ import annotations

import dataclasses
import time
from urllib.parse import quote

import pytest

import historiograph as hg
from historiograph.model import Document, Metadata, Problem, Section
from historiograph.store import SQLiteStore, StoreError, open_store
from historiograph.store import pg_text
from historiograph.store.pg_text import text_parts
from historiograph.store.postgres import PostgresStore, redact

pytestmark = pytest.mark.postgres

TEXTS = {
    "essay": "Who Burned Rome?\n\nThe fire began near the Circus Maximus. Tacitus doubts that Nero set it; "
             "Suetonius says he sang of Troy. The doctors' plot is another story, and so is the e-mail "
             "from 1953-54 about archives and archivists.",
    "post": "Nero did nothing wrong. The archive shows it. It's odd (very odd) that nobody reads the archive.",
    "thread": "[–] user1: the Doctors Plot was a fabrication\n\n[–] user2: Zionism is not the topic here; "
              "Tacitus and Suetonius are.",
    "notes": "Notes\n\n1. Tacitus, Annals 15.38.\n2. Ibid., 15.40.\n3. Cassius Dio, Roman History 62.16.\n"
             "4. Néron et l’incendie, www.example.org/rome/fire, accessed 2020; a well-known snake_case name.",
}

QUERIES = ["fire", "Nero", '"the archive"', "archiv*", "Nero OR Zionism", "Tacitus AND Suetonius",
           "Tacitus NOT Nero", "Tacitus Suetonius NOT Nero", "Tacitus NOT Nero Suetonius", '"doctors plot"',
           "it's", "(odd)", "e-mail", "1953", "Troy OR", "--", "the -- fire", "NOT", "OR Nero", "Rome",
           "fire NOT archive OR Zionism", "nothing-here", "38", "15.38", "example", "fire*", "rome",
           "Neron", "Néron", "NÉRON", "l’incendie", "incendie", "well-known", "known", "snake", "snake_case",
           "Annal* 15", '"Roman History"*', "Dio*", "_", "accessed 2020"]


def small_corpus(tmp_path) -> list[Document]:
    docs = []
    for name, text in TEXTS.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        docs.append(hg.read(path, pipeline=("structure",)))
    return docs


def test_search_finds_what_sqlite_finds(pg_url, tmp_path):
    docs = small_corpus(tmp_path)
    with PostgresStore(pg_url) as pg, SQLiteStore(tmp_path / "c.sqlite") as lite:
        for doc in docs:
            pg.write_document(doc)
            lite.write_document(doc)
        for query in QUERIES:
            a, b = pg.search(query, limit=100), lite.search(query, limit=100)
            assert (a.documents, a.total, a.truncated) == (b.documents, b.total, b.truncated), query
            assert sorted(map(dataclasses.astuple, a.hits)) == sorted(map(dataclasses.astuple, b.hits)), query
        capped = pg.search("the", limit=3, per_document=1)
        assert len(capped.hits) == 3 and capped.truncated and len({h.document_id for h in capped.hits}) == 3


def test_a_title_is_searched_too(pg_url, tmp_path):
    docs = small_corpus(tmp_path)
    with PostgresStore(pg_url) as pg:
        for doc in docs:
            pg.write_document(doc)
        result = pg.search("Burned")
        assert result.documents == 1 and result.hits[0].match == "Burned" and result.hits[0].section == "title"


def test_text_parts_cover_the_text_and_overlap():
    text = " ".join(f"w{i}" for i in range(20_000))
    parts = text_parts(text, size=1_000, overlap=100)
    assert parts[0][0] == 0 and parts[-1][0] + len(parts[-1][1]) == len(text)
    for (a, pa), (b, pb) in zip(parts, parts[1:]):
        assert text[a:a + len(pa)] == pa and b > a and b < a + len(pa)  # each starts inside the one before
        assert a + len(pa) - b >= 50  # and shares a stretch of it
    assert all(len(p) <= 1_000 for _, p in parts)
    assert text_parts("short") == [(0, "short")]
    assert text_parts("x" * 2_500, size=1_000, overlap=100)[-1][0] + 1 >= 2_500 - 1_000


def test_phrases_across_a_cut_and_far_into_a_long_text_are_found(pg_url, monkeypatch):
    monkeypatch.setattr(pg_text, "PART", 5_000)
    words = [f"word{i}" for i in range(60_000)]  # far past 16,383 positions and over 1 MB of lexemes
    words[1_000:1_002] = ["Helena", "Marsh"]
    words[59_000:59_003] = ["the", "last", "phrase"]
    text = " ".join(words)
    cut = text_parts(text)[1][0]  # a phrase that straddles the start of the second part
    start = text.rfind(" ", 0, cut - 20) + 1
    straddle = " ".join(text[start:].split()[:6])
    doc = Document(text=text, meta=Metadata(source_path="/long.txt"))
    with PostgresStore(pg_url) as pg:
        pg.write_document(doc)
        for phrase in ('"Helena Marsh"', '"the last phrase"', f'"{straddle}"', "word59999"):
            result = pg.search(phrase)
            assert result.documents == 1 and result.total == 1, phrase
        assert pg.search('"Marsh Helena"').documents == 0


def test_text_postgres_cannot_hold_is_stored_one_character_for_one(pg_url):
    text = "A NUL\x00 here, and then the surrogate talk."
    doc = Document(text=text, meta=Metadata(source_path="/odd/name.txt"), layers={
        "sections": [Section(spans=((0, len(text)),), kind="body", component="t", version="1")]})
    with PostgresStore(pg_url) as pg:
        assert pg.write_document(doc) == doc.id
        assert pg.write_document(doc) is None  # the same content again: nothing new
        stored = pg.document(doc.id)
        assert len(stored.text) == len(text) and stored.text == text.replace("\x00", "\ufffd")
        assert stored.layers == doc.layers
        assert pg.search("surrogate").hits[0].start == text.index("surrogate")
        # a file name that is not UTF-8 (read with surrogateescape) still gets its problem row
        pg.write_problem(Problem(spans=(), code="input.empty", message="na\udcffme: empty\x00", component="t",
                                 version="1"), source="/odd/na\udcffme.txt")
        assert len(pg.corpus_problems()) == 1


def test_read_only_sessions_write_nothing(pg_url, tmp_path):
    (tmp_path / "a.txt").write_text("A text.\n\nWith a body about the archive.")
    hg.analyze([tmp_path], pg_url, jobs=1)
    with open_store(pg_url, read_only=True) as store:
        assert store.read_only and store.count_documents() == 1 and store.search("archive").total == 1
        with pytest.raises(StoreError, match="read-only"):
            store.write_problem(hg.problem("input.empty", "x"), source="x")
        import psycopg

        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            store.conn.execute("DELETE FROM documents")


def test_each_corpus_may_live_in_its_own_schema(pg_url, tmp_path):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA team_a")
        conn.execute("CREATE SCHEMA team_b")
    (tmp_path / "a.txt").write_text("A text.\n\nWith a body about the archive.")
    (tmp_path / "b.txt").write_text("B text.\n\nWith a body about the fire.")
    urls = {s: f"{pg_url}?options={quote(f'-csearch_path={s}')}" for s in ("team_a", "team_b")}
    hg.analyze([tmp_path / "a.txt"], urls["team_a"], jobs=1)
    hg.analyze([tmp_path / "b.txt"], urls["team_b"], jobs=1)
    with open_store(urls["team_a"]) as a, open_store(urls["team_b"]) as b:
        assert [r.source for r in a.documents()] == [str((tmp_path / "a.txt").resolve())]
        assert [r.source for r in b.documents()] == [str((tmp_path / "b.txt").resolve())]
        assert a.namespace == "team_a" and a._key("source", "x") != b._key("source", "x")


def test_a_missing_column_is_added_when_the_schema_changes(pg_url):
    with PostgresStore(pg_url) as pg:
        pg.conn.execute("ALTER TABLE sections DROP COLUMN parent")
        pg.conn.execute("DELETE FROM store_info WHERE key = 'schema_digest'")  # as after an upgrade
    with PostgresStore(pg_url) as pg:
        cols = {r["column_name"] for r in pg.conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'sections'")}
        assert "parent" in cols


def test_servers_that_cannot_be_reached_fail_fast_in_one_line():
    t0 = time.perf_counter()
    with pytest.raises(StoreError) as info:
        open_store("postgresql://someone:hunter2@127.0.0.1:1/corpus")
    message = str(info.value)
    assert "cannot connect" in message and "\n" not in message and "hunter2" not in message
    assert time.perf_counter() - t0 < 15
    with pytest.raises(StoreError, match="not a PostgreSQL URL"):
        open_store("postgresql://host/db?nonsense=1")
    assert redact("postgresql://u:pw@h:5/d") == "postgresql://u:***@h:5/d"


def test_open_store_tells_a_url_from_a_file(pg_url, tmp_path):
    from historiograph.store import is_postgres

    assert is_postgres(pg_url) and is_postgres("postgres://h/d") and not is_postgres(tmp_path / "c.sqlite")
    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore) and store.location == pg_url
    with open_store(pg_url.replace("postgresql://", "postgres://", 1)) as store:
        assert isinstance(store, PostgresStore)
    with open_store(tmp_path / "c.sqlite") as store:
        assert isinstance(store, SQLiteStore)


def test_team_roles_with_table_privileges_analyse_and_readers_only_read(pg_url, tmp_path):
    import uuid

    import psycopg

    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"{name.upper()} text\n\nWith a body about the archive {name}.")
    hg.analyze([tmp_path / "a.txt"], pg_url, jobs=1)  # the owner makes the tables
    suffix = uuid.uuid4().hex[:8]
    writer, reader = f"hg_writer_{suffix}", f"hg_reader_{suffix}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {writer} LOGIN")
        conn.execute(f"CREATE ROLE {reader} LOGIN")
        conn.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {writer}")
        conn.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {writer}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {reader}")
    as_user = {u: pg_url.replace("postgresql://postgres@", f"postgresql://{u}@", 1) for u in (writer, reader)}
    try:
        summary = hg.analyze([tmp_path / "b.txt"], as_user[writer], jobs=1)
        assert len(summary.added) == 1
        with open_store(as_user[reader], read_only=True) as store:
            assert store.count_documents() == 2 and store.search("archive").documents == 2
        with open_store(as_user[reader]) as store:  # not read-only, but no right to write
            with pytest.raises(StoreError, match="permission denied"):
                store.write_problem(hg.problem("input.empty", "x"), source="x")
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f"DROP OWNED BY {writer}, {reader}")
            conn.execute(f"DROP ROLE {writer}")
            conn.execute(f"DROP ROLE {reader}")
