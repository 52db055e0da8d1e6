"""The scoring functions of benchmarks/references.py, on small hand-made cases."""

from collections import Counter

import pytest

from benchmarks.references import Score, pairs, token_macro_f1


def test_token_scores_macro_weighted_and_accuracy():
    gold = [["author", "author", "title", "title", "year"]]
    pred = [["author", "title", "title", "title", "year"]]
    macro, accuracy, weighted, per_label = token_macro_f1(gold, pred)
    assert per_label == {"author": pytest.approx(2 / 3), "title": pytest.approx(0.8), "year": 1.0}
    assert macro == pytest.approx((2 / 3 + 0.8 + 1.0) / 3)
    assert weighted == pytest.approx((2 * 2 / 3 + 2 * 0.8 + 1.0) / 5)  # each label weighted by its gold tokens
    assert accuracy == pytest.approx(0.8)


def test_fields_compare_with_spaces_collapsed_and_end_punctuation_trimmed():
    gold = pairs([("Marsh,  H.", "author"), ("“Rome in Flames,”", "title"), ("(2011).", "issued")])
    pred = pairs([("Marsh, H.", "author"), ("Rome in Flames", "title"), ("(2011). Oxford", "issued")])
    score = Score()
    score.add(gold, pred)
    assert score.tp == Counter({"author": 1, "title": 1}) and score.exact == 0
    assert score.micro() == pytest.approx((2 / 3, 2 / 3, 2 / 3))
