"""The lexicon as data, and matching that stays linear on adversarial input."""

import time

import pytest

from historiograph.components.terms import classifier
from historiograph.components.terms.lexicon import lexicon
from historiograph.data import load_tsv, path

CATEGORIES = {"slur", "coded", "echo", "number_code", "propaganda", "euphemism", "dehumanising", "denial",
              "conspiracy", "dated"}


def test_every_row_has_a_category_a_target_and_a_public_reference():
    rows = load_tsv("terms_lexicon.tsv")
    assert len(rows) >= 50
    for row in rows:
        assert row["category"] in CATEGORIES, row["id"]
        assert row["target"] and row["reference"], row["id"]
    assert {r["id"] for r in load_tsv("terms_guards.tsv")} - {"*"} <= {r["id"] for r in rows} | {
        g["id"] for g in load_tsv("terms_guards.tsv") if ":" in g["id"]}
    assert all(g["reason"] and g["source"] for g in load_tsv("terms_guards.tsv"))
    assert all(f["source"] for f in load_tsv("terms_frames.tsv"))


@pytest.mark.parametrize("chunk", ["(", "(((", "a ", "k*", "k i k ", "@", "88 ", "((( a", "Kike ", "zio", "x" * 50 + " ",
                                   "“", "> ", "\n"])
def test_matching_stays_linear_on_100k_adversarial_characters(chunk):
    text = (chunk * (100_000 // len(chunk) + 1))[:100_000]
    start = time.process_time()
    lexicon().find(text)
    assert time.process_time() - start < 10  # quadratic behaviour would take minutes


def test_the_shipped_model_has_its_sidecar_and_licence():
    model = classifier.model()
    assert model is not None and 0 < model.threshold < 1 and len(model.weights) > 1000
    meta = path("models/terms_statements.meta.json").read_text()
    assert "CC BY 4.0" in meta and "MIT" in meta and '"ece"' in meta
    assert path("LICENSES/HateXplain-MIT.txt").exists()


def test_calibrated_probabilities():
    model = classifier.model()
    assert 0.0 <= model.probability("a day at the beach") <= 1.0


def test_the_split_is_fixed_and_keeps_copies_together():
    a = "RT @someone: The same words https://t.co/abc"
    b = "the same words!! https://t.co/xyz"
    assert classifier.split_of(a) == classifier.split_of(b)
