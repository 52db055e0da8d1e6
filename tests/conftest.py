import os
import shutil
from pathlib import Path

import pytest


def pytest_addoption(parser):
    parser.addoption("--heavy", action="store_true", default=False,
                     help="also run tests marked heavy (minutes each: the whole hostile corpus, every regular "
                          "expression on every adversarial string, many kill -9 points); env HISTORIOGRAPH_HEAVY=1")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--heavy") or os.environ.get("HISTORIOGRAPH_HEAVY") == "1":
        return
    skip = pytest.mark.skip(reason="heavy: run with --heavy (or HISTORIOGRAPH_HEAVY=1)")
    for item in items:
        if "heavy" in item.keywords:
            item.add_marker(skip)

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
        if os.environ.get("CI") and "cannot be used" in why:  # CI started one: it must work
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


STORES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def new_location(request, folder: Path, name: str = "corpus") -> str:
    """For a fixture parametrised over STORES: a SQLite path in ``folder``, or a fresh
    PostgreSQL database that is dropped when the fixture's scope ends."""
    if request.param == "sqlite":
        return str(folder / f"{name}.sqlite")
    server = request.getfixturevalue("pg_server")
    url = server.new_database()
    request.addfinalizer(lambda: server.drop_database(url))
    return url


@pytest.fixture(params=STORES)
def db(request, tmp_path) -> str:
    """Where a test's corpus lives: a SQLite file, or a fresh PostgreSQL database."""
    return new_location(request, tmp_path)


@pytest.fixture(params=STORES)
def fresh_db(request, tmp_path) -> str:
    """The same as `db`, for modules whose `db` is a shared, already analysed corpus."""
    return new_location(request, tmp_path, "fresh")


@pytest.fixture
def copy_corpus(request, tmp_path):
    """copy(location) -> a copy of a corpus that the test may change (a file, or a database)."""
    def copy(location) -> str:
        location = str(location)
        if location.startswith("postgresql://"):
            server = request.getfixturevalue("pg_server")
            url = server.copy_database(location)
            request.addfinalizer(lambda: server.drop_database(url))
            return url
        target = tmp_path / f"copy-{len(list(tmp_path.glob('copy-*')))}.sqlite"
        shutil.copy(location, target)
        return str(target)
    return copy


def is_pg(location) -> bool:
    return str(location).startswith("postgresql://")


def execute(store, query: str, *args):
    """Run SQL (with ? placeholders) on either store and commit; the rows it returns."""
    if hasattr(store, "url"):  # PostgreSQL
        cur = store.conn.execute(query.replace("?", "%s"), args) if args else store.conn.execute(query)
        return [tuple(r.values()) for r in cur.fetchall()] if cur.description else []
    cur = store.conn.execute(query, args)
    rows = cur.fetchall()
    store.conn.commit()
    return [tuple(r) for r in rows]


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """The bundled sample corpus and two hostile documents, analysed once per session. Tests
    that write (reviews) work on a copy (`sample_db_copy`)."""
    import historiograph as hg
    from tests.web import hostile

    folder = tmp_path_factory.mktemp("corpus")
    db = folder / "corpus.sqlite"
    hg.analyze(list(hg.sample_corpus()) + hostile.write(folder / "hostile"), db)
    with hg.open_store(db) as store:  # fold the write-ahead log in, so the file copies whole
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


@pytest.fixture
def sample_db_copy(sample_db, tmp_path) -> Path:
    import shutil

    target = tmp_path / "corpus.sqlite"
    shutil.copy(sample_db, target)
    return target
