import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds() -> Path:
    """../shared/seeds, read at run time (never copied into the repository)."""
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"seed corpus missing at {SEEDS}")
        pytest.skip(f"seed corpus not found at {SEEDS}")
    return SEEDS


def seed(seeds: Path, prefix: str) -> Path:
    return next(seeds.glob(f"{prefix}_*.txt"))


# -- the stores every storage test runs on ----------------------------------------------
@pytest.fixture(scope="session")
def pg_server():
    """The PostgreSQL server for the tests (see tests/pgserver.py); skips when there is none."""
    from tests.pgserver import Server

    server, why = Server.find()
    if server is None:
        if os.environ.get("CI") and "turned off" not in why:
            pytest.fail(why)
        pytest.skip(why)
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """A fresh PostgreSQL database holding the corpus schema, dropped after the test."""
    url = pg_server.new_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request, tmp_path) -> str:
    """Where a test's corpus lives: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.sqlite")
    return request.getfixturevalue("pg_url")


def execute(store, query: str, *args):
    """Run SQL (with ? placeholders) on either store and commit; the rows it returns."""
    if hasattr(store, "url"):  # PostgreSQL
        cur = store.conn.execute(query.replace("?", "%s"), args) if args else store.conn.execute(query)
        return [tuple(r.values()) for r in cur.fetchall()] if cur.description else []
    cur = store.conn.execute(query, args)
    rows = cur.fetchall()
    store.conn.commit()
    return [tuple(r) for r in rows]
