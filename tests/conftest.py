import os
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
