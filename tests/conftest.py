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
