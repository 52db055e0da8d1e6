import numpy as np

from historiograph.corpus.align.ann import AnnIndex
from historiograph.corpus.align.batch import align, align_new
from historiograph.corpus.align.relation import PairRelation


class StubHead:
    """Same point when the cosine is high; disagree when one text says 'not'."""

    def predict(self, a, b, u, v):
        out = []
        for x, y, p, q in zip(a, b, u, v):
            c = float(p @ q)
            if c < 0.8:
                out.append(PairRelation(c, "unrelated", 1 - c, c / 2, c / 2))
            else:
                rel = "disagree" if ("not" in x.split()) != ("not" in y.split()) else "agree"
                out.append(PairRelation(c, rel, c, c, 0.0))
        return out


def corpus(n_docs=6, per_doc=40, d=16, seed=0):
    """Each 'point' is said once in every document, plus near-duplicates inside a document."""
    rng = np.random.default_rng(seed)
    points = rng.standard_normal((per_doc, d))
    ids, vecs, texts, groups = [], [], [], []
    for doc in range(n_docs):
        for p in range(per_doc):
            v = points[p] + 0.05 * rng.standard_normal(d)
            ids.append(doc * 1000 + p)
            vecs.append(v / np.linalg.norm(v))
            texts.append(f"point {p} {'not ' if doc % 2 else ''}so")
            groups.append(f"doc{doc}")
    return ids, np.array(vecs, dtype=np.float32), texts, groups


def test_align_pairs_only_items_of_different_groups():
    ids, vecs, texts, groups = corpus()
    group = dict(zip(ids, groups))
    out = align(ids, vecs, texts, groups, k=5, min_similarity=0.5, head=StubHead())
    assert out, "points repeated across documents must align"
    assert all(group[a.id_a] != group[a.id_b] for a in out)
    assert all(a.id_a < a.id_b for a in out)
    assert len({(a.id_a, a.id_b) for a in out}) == len(out)
    assert {a.relation for a in out} == {"agree", "disagree"}
    for a in out:  # the same point, said by two documents
        assert a.id_a % 1000 == a.id_b % 1000


def test_align_new_adds_without_rebuilding_and_finds_old_partners():
    ids, vecs, texts, groups = corpus()
    old = [i for i, g in enumerate(groups) if g != "doc5"]
    new = [i for i, g in enumerate(groups) if g == "doc5"]
    index = AnnIndex(vecs.shape[1])
    align([ids[i] for i in old], vecs[old], [texts[i] for i in old], [groups[i] for i in old],
          k=5, head=StubHead(), index=index)
    size = len(index)
    text_of = {ids[i]: texts[i] for i in old}
    group_of = {ids[i]: groups[i] for i in old}
    out = align_new(index, [ids[i] for i in new], vecs[new], [texts[i] for i in new],
                    [groups[i] for i in new], text_of=text_of, group_of=group_of, k=5, head=StubHead())
    assert len(index) == size + len(new)
    assert out and all((a.id_a // 1000 == 5) != (a.id_b // 1000 == 5) for a in out)  # one side new, one old
    assert all(group_of.get(a.id_a, "doc5") != group_of.get(a.id_b, "doc5") for a in out)


def test_align_of_nothing_and_of_one_document():
    assert align([], np.zeros((0, 384), np.float32), [], [], head=StubHead()) == []
    ids, vecs, texts, _ = corpus(n_docs=1)
    assert align(ids, vecs, texts, ["one"] * len(ids), head=StubHead()) == []
