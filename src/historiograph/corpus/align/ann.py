"""Approximate nearest neighbours over sentence vectors (an HNSW graph, ``usearch``).

Why usearch: it installs as a small binary wheel from PyPI (no compiler, unlike
hnswlib's source-only release), is actively maintained (Apache-2.0), adds vectors to a
built graph without rebuilding it, stores an index in one file, and uses both cores.
HNSW insertion and search cost O(log n) per vector, so a corpus of n sentences costs
O(n log n) to index and to query — never the n² of comparing every pair.

Vectors are expected L2-normalised (``embed.embed`` makes them so); similarity is the
inner product, i.e. cosine.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

CONNECTIVITY = 16  # HNSW "M"
EXPANSION_ADD = 64  # "efConstruction": recall@10 0.995 against brute force on MiniLM vectors
EXPANSION_SEARCH = 96  # "ef"; raised to k when k is larger


def _threads() -> int:
    return int(os.environ.get("HISTORIOGRAPH_ANN_THREADS", "0"))  # 0: as many as the machine has


class AnnIndex:
    """An index of integer ids → vectors; ``query`` answers (ids, similarities)."""

    def __init__(self, dim: int = 384, *, connectivity: int = CONNECTIVITY,
                 expansion_add: int = EXPANSION_ADD, expansion_search: int = EXPANSION_SEARCH,
                 _index=None):
        from usearch.index import Index

        self.dim = dim
        self._index = _index if _index is not None else Index(
            ndim=dim, metric="ip", dtype="f32", connectivity=connectivity,
            expansion_add=expansion_add, expansion_search=expansion_search)

    @classmethod
    def build(cls, vectors: np.ndarray, ids: Sequence[int] | np.ndarray, **kw) -> "AnnIndex":
        vectors = _as_matrix(vectors)
        index = cls(vectors.shape[1] if len(vectors) else kw.pop("dim", 384), **kw)
        index.add(ids, vectors)
        return index

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, key: int) -> bool:
        return int(key) in self._index

    def add(self, ids: Sequence[int] | np.ndarray, vectors: np.ndarray) -> None:
        """Insert vectors into the existing graph (nothing already in it is rebuilt)."""
        vectors = _as_matrix(vectors)
        keys = np.asarray(ids, dtype=np.int64)
        if len(keys) != len(vectors):
            raise ValueError(f"{len(keys)} ids for {len(vectors)} vectors")
        if not len(keys):
            return
        if vectors.shape[1] != self.dim:
            raise ValueError(f"vectors have {vectors.shape[1]} dimensions, the index {self.dim}")
        if (keys < 0).any():
            raise ValueError("ids must be non-negative integers")
        if len(np.unique(keys)) != len(keys) or any(int(k) in self._index for k in keys):
            raise ValueError("an id is already in the index (ids must be unique)")
        self._index.add(keys.astype(np.uint64), vectors, threads=_threads())

    def vector(self, key: int) -> np.ndarray:
        """The stored vector of one id."""
        v = self._index.get(int(key))
        if v is None:
            raise KeyError(key)
        return np.asarray(v, dtype=np.float32).reshape(-1)

    def query(self, vectors: np.ndarray, k: int = 10) -> tuple[np.ndarray, np.ndarray]:
        """(ids, similarities), each (n, k): best first; rows with fewer hits are padded
        with id -1 and similarity -inf."""
        vectors = _as_matrix(vectors)
        n = len(vectors)
        ids = np.full((n, k), -1, dtype=np.int64)
        sims = np.full((n, k), -np.inf, dtype=np.float32)
        if not n or not len(self._index) or k <= 0:
            return ids, sims
        self._index.expansion_search = max(EXPANSION_SEARCH, k)
        found = self._index.search(vectors, min(k, len(self._index)), threads=_threads())
        keys = np.atleast_2d(found.keys).astype(np.int64)
        dists = np.atleast_2d(found.distances).astype(np.float32)
        counts = np.atleast_1d(found.counts) if hasattr(found, "counts") else np.array([keys.shape[1]])
        cols = np.arange(keys.shape[1])
        valid = cols[None, :] < counts[:, None]
        w = keys.shape[1]
        ids[:, :w] = np.where(valid, keys, -1)
        sims[:, :w] = np.where(valid, 1.0 - dists, -np.inf)  # usearch's "ip" distance is 1 - dot
        return ids, sims

    def save(self, path: str | os.PathLike) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._index.save(str(path))

    @classmethod
    def load(cls, path: str | os.PathLike) -> "AnnIndex":
        from usearch.index import Index

        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(path)
        index = Index.restore(str(path))
        if index is None:
            raise ValueError(f"{path}: not a saved index")
        return cls(index.ndim, _index=index)


def _as_matrix(vectors) -> np.ndarray:
    v = np.ascontiguousarray(vectors, dtype=np.float32)
    if v.ndim == 1:
        v = v[None, :] if v.size else v.reshape(0, 0)
    return v
