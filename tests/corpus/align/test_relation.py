import pytest

from historiograph.corpus.align.relation import default_head, relate

CLAIM = "The famine of 1932-33 was caused deliberately by Soviet policy."


@pytest.mark.parametrize("a,b,expected", [
    (CLAIM, "Soviet policy deliberately caused the famine of 1932 and 1933.", "agree"),
    (CLAIM, "The orchestra played Beethoven's fifth symphony in Vienna.", "unrelated"),
    ("Stalin planned to deport the Soviet Jews in 1953.",
     "There is no documentary evidence that Stalin planned a deportation of the Jews.", "disagree"),
])
def test_relation_head_on_written_pairs(a, b, expected):
    r = relate(a, b)
    assert r.relation == expected
    assert 0.0 <= r.score <= 1.0 and abs(r.agree + r.disagree - r.same_point) < 1e-5
    assert relate(b, a).relation == expected  # symmetric


def test_unclear_band_instead_of_a_guess():
    head = default_head()
    assert head.decide(0.2, 0.9).relation == "unrelated"
    assert head.decide((head.unrelated_below + head.same_above) / 2, 0.95).relation == "unclear"
    assert head.decide(0.99, 0.5 + head.stance_margin / 2).relation == "unclear"
    assert head.decide(0.99, 0.95).relation == "disagree"
    assert head.decide(0.99, 0.05).relation == "agree"
    assert head.predict([], []) == []
