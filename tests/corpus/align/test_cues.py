import numpy as np
import pytest

from historiograph.corpus.align.cues import pair_cues, vector_features


@pytest.mark.parametrize("a,b,flip", [
    ("The famine was planned.", "The famine was not planned.", 1.0),
    ("The famine wasn't planned.", "The famine was never planned.", 0.0),
    ("Nobody denies the archive exists.", "The archive exists.", 1.0),
])
def test_negation_parity(a, b, flip):
    assert pair_cues(a, b)[0] == flip


def test_cues_and_vector_features_are_symmetric():
    a, b = "Rationing helped the cities.", "Rationing did not hurt the cities, it helped them."
    assert (pair_cues(a, b) == pair_cues(b, a)).all()
    assert pair_cues("Support the ban.", "Oppose the ban.")[3] >= 1  # opposite-stance words
    rng = np.random.default_rng(0)
    u, v = rng.standard_normal((2, 4, 8)).astype(np.float32)
    assert np.allclose(vector_features(u, v), vector_features(v, u))
