"""The claims data (PERSPECTRUM, ArgKP) as read for training and measuring.

Lines: ``{id, a, b, same_point, relation, kind, src}`` (see ../shared/data/README.md).
The texts are read from ``../shared/data/claims`` at training time and never copied
into the package.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

FILES = {"train": ("perspectrum_train.jsonl", "argkp_train.jsonl"),
         "dev": ("perspectrum_dev.jsonl", "argkp_dev.jsonl")}


def claims_dir() -> Path:
    env = os.environ.get("HISTORIOGRAPH_CLAIMS_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[5] / "shared" / "data" / "claims"  # beside the repository


def read_pairs(path: str | os.PathLike) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def split(name: str, directory: Path | None = None) -> tuple[list[dict], list[dict]]:
    """(perspectrum rows, argkp rows) of ``train`` or ``dev``."""
    directory = directory or claims_dir()
    p, a = FILES[name]
    return read_pairs(directory / p), read_pairs(directory / a)
