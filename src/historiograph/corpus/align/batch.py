"""Alignment over arrays: candidate pairs from the ANN index, relations from the head.

Pure functions (no store, no Document): the corpus step passes integer ids, vectors,
texts and a group per item (its document), and gets back tuples
``(id_a, id_b, relation, score, same_point)`` pairing only items of different groups,
each unordered pair once with ``id_a < id_b``.

Cost: one ANN query per item (O(log n) each) for ``k`` neighbours from other groups,
and the relation head on those at most k·n candidate pairs (two small MLPs over the
vectors: microseconds a pair).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import NamedTuple

import numpy as np

from .ann import AnnIndex
from .relation import RelationHead, default_head

K = 10
MIN_SIMILARITY = 0.4  # cosine; recall of same-point pairs ≥ 0.97 on PERSPECTRUM train


class Aligned(NamedTuple):
    id_a: int
    id_b: int
    relation: str
    score: float
    same_point: float


def candidates(index: AnnIndex, ids: np.ndarray, vectors: np.ndarray, groups: Sequence[Hashable],
               group_of: Callable[[int], Hashable], *, k: int = K,
               min_similarity: float = MIN_SIMILARITY) -> list[tuple[int, int, float]]:
    """Unordered pairs (lower id, higher id, cosine) of each query item with its ``k`` nearest
    items of other groups at or above ``min_similarity``; each pair once."""
    found, sims = index.query(vectors, k=3 * k + 1)  # over-fetch: a document's own sentences crowd in
    best: dict[tuple[int, int], float] = {}
    for qid, g, row, srow in zip(ids.tolist(), groups, found, sims):
        taken = 0
        for nid, s in zip(row.tolist(), srow.tolist()):
            if nid < 0 or s < min_similarity or taken >= k:
                break
            if nid == qid or group_of(nid) == g:
                continue
            taken += 1
            key = (qid, nid) if qid < nid else (nid, qid)
            if s > best.get(key, -2.0):
                best[key] = s
    return [(a, b, s) for (a, b), s in sorted(best.items())]


def exact_candidates(vectors: np.ndarray, groups: Sequence[int], *, k: int = K,
                     min_similarity: float = MIN_SIMILARITY, block: int = 1024) -> list[tuple[int, int, float]]:
    """Unordered pairs (i, j, cosine), i < j, of positions in ``vectors`` such that one is
    among the other's ``k`` nearest items of other groups at or above ``min_similarity``:
    brute force, so the pairs depend only on the items, never on the order they came in
    (ties go to the lower position; pass the items in a canonical order)."""
    n = len(vectors)
    if n == 0:
        return []
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    group = np.asarray(groups)
    best: dict[tuple[int, int], float] = {}
    for start in range(0, n, block):
        sims = vectors[start:start + block] @ vectors.T
        sims[group[start:start + block, None] == group[None, :]] = -2.0  # one document's own items
        take = min(k, n)
        tops = np.argpartition(-sims, take - 1, axis=1)[:, :take] if take < n else \
            np.tile(np.arange(n), (len(sims), 1))
        for r, top in enumerate(tops):
            i = start + r
            for j in top.tolist():
                s = float(sims[r, j])
                if s >= min_similarity:
                    best[(i, j) if i < j else (j, i)] = s
    return sorted((a, b, s) for (a, b), s in best.items())


def relate_pairs(pairs: list[tuple[int, int, float]], text_of: Callable[[int], str],
                 vector_of: Callable[[int], np.ndarray], head: RelationHead | None = None) -> list[Aligned]:
    if not pairs:
        return []
    head = head or default_head()
    a_ids = [a for a, _, _ in pairs]
    b_ids = [b for _, b, _ in pairs]
    rel = head.predict([text_of(i) for i in a_ids], [text_of(i) for i in b_ids],
                       np.stack([vector_of(i) for i in a_ids]), np.stack([vector_of(i) for i in b_ids]))
    return [Aligned(a, b, r.relation, round(r.score, 4), round(r.same_point, 4))
            for a, b, r in zip(a_ids, b_ids, rel)]


def align(ids: Sequence[int], vectors: np.ndarray, texts: Sequence[str], groups: Sequence[Hashable],
          *, k: int = K, min_similarity: float = MIN_SIMILARITY, head: RelationHead | None = None,
          keep_unrelated: bool = False,
          index: AnnIndex | None = None) -> list[Aligned]:
    """Align every item with its nearest items of other groups.

    ``ids`` are non-negative integers, unique; ``vectors`` (n, d) L2-normalised (``embed``);
    ``groups`` the document of each item. ``index``: an empty or prebuilt index to fill
    (pass one to keep it for ``align_new``); built here otherwise. Pairs judged unrelated
    are left out unless ``keep_unrelated``."""
    ids_arr = np.asarray(ids, dtype=np.int64)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    _check(ids_arr, vectors, texts, groups)
    if index is None:
        index = AnnIndex(vectors.shape[1] if len(vectors) else 384)
    new = [i for i, x in enumerate(ids_arr.tolist()) if x not in index]
    if new:
        index.add(ids_arr[new], vectors[new])
    pos = {x: i for i, x in enumerate(ids_arr.tolist())}
    pairs = candidates(index, ids_arr, vectors, groups, lambda x: groups[pos[x]],
                       k=k, min_similarity=min_similarity)
    out = relate_pairs(pairs, lambda x: texts[pos[x]], lambda x: vectors[pos[x]], head)
    return out if keep_unrelated else [a for a in out if a.relation != "unrelated"]


def align_new(index: AnnIndex, new_ids: Sequence[int], new_vectors: np.ndarray,
              new_texts: Sequence[str], new_groups: Sequence[Hashable], *,
              text_of: Callable[[int], str] | Mapping[int, str],
              group_of: Callable[[int], Hashable] | Mapping[int, Hashable],
              vector_of: Callable[[int], np.ndarray] | Mapping[int, np.ndarray] | None = None,
              k: int = K, min_similarity: float = MIN_SIMILARITY, head: RelationHead | None = None,
              keep_unrelated: bool = False) -> list[Aligned]:
    """Incremental run: add the new items to ``index`` (nothing already in it is rebuilt)
    and align them with everything indexed, old and new. ``text_of``/``group_of``/
    ``vector_of`` look up items already in the index (a mapping or a function over ids);
    without ``vector_of`` old items' vectors are read back from the index. Pairs between two
    old items are not revisited."""
    ids_arr = np.asarray(new_ids, dtype=np.int64)
    new_vectors = np.ascontiguousarray(new_vectors, dtype=np.float32)
    _check(ids_arr, new_vectors, new_texts, new_groups)
    index.add(ids_arr, new_vectors)
    pos = {x: i for i, x in enumerate(ids_arr.tolist())}
    old_text, old_group = _lookup(text_of), _lookup(group_of)
    old_vector = _lookup(vector_of) if vector_of is not None else index.vector

    def group(x: int) -> Hashable:
        return new_groups[pos[x]] if x in pos else old_group(x)

    pairs = candidates(index, ids_arr, new_vectors, new_groups, group, k=k, min_similarity=min_similarity)
    out = relate_pairs(pairs, lambda x: new_texts[pos[x]] if x in pos else old_text(x),
                       lambda x: new_vectors[pos[x]] if x in pos else old_vector(x), head)
    return out if keep_unrelated else [a for a in out if a.relation != "unrelated"]


def _lookup(source):
    return source.__getitem__ if isinstance(source, Mapping) else source


def _check(ids: np.ndarray, vectors: np.ndarray, texts, groups) -> None:
    n = len(ids)
    if not (len(vectors) == len(texts) == len(groups) == n):
        raise ValueError(f"ids {n}, vectors {len(vectors)}, texts {len(texts)}, groups {len(groups)}: "
                         "one of each per item")
    if len(np.unique(ids)) != n:
        raise ValueError("ids must be unique")
