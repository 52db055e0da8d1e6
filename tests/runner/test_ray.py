"""The Ray engine gives the records the local engine gives (a local Ray with 2 workers)."""

import pytest

import historiograph as hg
from historiograph.runner.ray import batches

from ..hostile.test_crash_safety import corpus, snapshot

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[ray]'); the ray engine is optional")


def test_batches_are_built_up_front_and_cover_every_file():
    paths = [f"/x/{i}.txt" for i in range(103)]
    cut = batches(paths, workers=2)
    assert [p for b in cut for p in b] == paths
    assert len(cut) == 8 and max(map(len, cut)) == 13


@pytest.mark.slow
def test_ray_gives_the_records_the_local_engine_gives(tmp_path):
    folder = tmp_path / "in"
    corpus(folder, copies=2)
    local = hg.analyze([folder], tmp_path / "local.sqlite", jobs=2)
    on_ray = hg.analyze([folder], tmp_path / "ray.sqlite", jobs=2, engine="ray")
    assert len(on_ray.added) == len(local.added) and len(on_ray.errors) == len(local.errors) == 3
    assert snapshot(tmp_path / "ray.sqlite") == snapshot(tmp_path / "local.sqlite")
    again = hg.analyze([folder], tmp_path / "ray.sqlite", jobs=2, engine="ray")
    assert again.unchanged == len(local.added) and not again.added
