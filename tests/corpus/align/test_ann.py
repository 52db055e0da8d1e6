import numpy as np
import pytest

from historiograph.corpus.align.ann import AnnIndex


def unit(rng, n, d=32, centres=20):
    """Clustered unit vectors (sentence vectors cluster by topic)."""
    c = rng.standard_normal((centres, d))
    v = c[rng.integers(0, centres, n)] + 0.6 * rng.standard_normal((n, d))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def brute(q, v, k):
    return np.argsort(-(q @ v.T), axis=1)[:, :k]


def test_recall_against_brute_force():
    rng = np.random.default_rng(0)
    v = unit(rng, 2000)
    index = AnnIndex.build(v, np.arange(2000))
    ids, sims = index.query(v[:200], k=10)
    truth = brute(v[:200], v, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(ids, truth)])
    assert recall >= 0.95
    assert (sims[:, 0] > 0.999).mean() >= 0.97  # (nearly) every vector finds itself first
    assert (np.diff(sims, axis=1) <= 1e-6).all()  # best first


def test_incremental_add_finds_new_items_and_keeps_old_ones():
    rng = np.random.default_rng(1)
    v = unit(rng, 1010)
    index = AnnIndex.build(v[:1000], np.arange(1000))
    index.add(np.arange(1000, 1010), v[1000:])
    assert len(index) == 1010
    ids, _ = index.query(v[1000:], k=1)
    assert ids[:, 0].tolist() == list(range(1000, 1010))
    ids, _ = index.query(v[:5], k=1)
    assert ids[:, 0].tolist() == list(range(5))
    assert np.allclose(index.vector(1003), v[1003], atol=1e-6)


def test_save_and_load_round_trip(tmp_path):
    rng = np.random.default_rng(2)
    v = unit(rng, 500)
    index = AnnIndex.build(v, np.arange(100, 600))
    index.save(tmp_path / "sub" / "ix.usearch")
    again = AnnIndex.load(tmp_path / "sub" / "ix.usearch")
    assert len(again) == 500 and again.dim == 32
    assert (again.query(v[:20], 5)[0] == index.query(v[:20], 5)[0]).all()
    again.add([7], v[:1])  # a loaded index still grows
    assert 7 in again


def test_fewer_items_than_k_are_padded_and_bad_ids_refused():
    v = unit(np.random.default_rng(3), 3)
    index = AnnIndex.build(v, [1, 2, 3])
    ids, sims = index.query(v[:1], k=5)
    assert sorted(ids[0, :3].tolist()) == [1, 2, 3] and ids[0, 3:].tolist() == [-1, -1]
    assert np.isneginf(sims[0, 3:]).all()
    with pytest.raises(ValueError, match="already"):
        index.add([2], v[:1])
    with pytest.raises(ValueError, match="ids"):
        index.add([9, 10], v[:1])
    empty = AnnIndex(32)
    assert empty.query(v, 3)[0].tolist() == [[-1] * 3] * 3
