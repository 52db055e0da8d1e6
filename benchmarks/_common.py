"""Shared helpers for benchmark scripts (run from the repository root)."""

from __future__ import annotations

import json
import platform
import os
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BASELINE = ROOT / "benchmarks" / "baseline.json"


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {date.today()}"


def baseline() -> dict:
    return json.loads(BASELINE.read_text())
