"""Accuracy floors from benchmarks/baseline.json: a change may raise them, never silently lower."""

import json

import pytest

from benchmarks.structure import GOLDEN, evaluate, ours
from benchmarks._common import baseline

pytestmark = pytest.mark.seeds


def test_structure_golden_items_meet_the_floor(seeds):
    items = json.loads(GOLDEN.read_text())["items"]
    floor = baseline()["structure"]
    result = evaluate(ours, items)
    assert result["pass_rate"] >= floor["golden_pass_rate"], result["failures"]
    assert result["boilerplate_f1"] >= floor["boilerplate_f1"]
