"""Data files shipped with the package (patterns, lexicons, sample corpus)."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path


def path(name: str) -> Path:
    return Path(str(resources.files(__name__).joinpath(name)))


@lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated data file; lines starting with '#' are comments."""
    with path(name).open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return tuple(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def samples_dir() -> Path:
    return path("samples")


def sample_files() -> list[Path]:
    """The sample texts themselves (the folder's README describes them)."""
    return sorted(p for p in samples_dir().iterdir() if p.is_file() and p.name != "README.md")
