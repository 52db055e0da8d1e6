"""Shared name helpers: parsing, folding spellings, and which given names can be one person's."""

import pytest

from historiograph.text import names


@pytest.mark.parametrize("a, b", [("Tchaikovsky", "Chaikovskii"), ("Šostakovič", "Shostakovich"),
                                  ("Zhdanov", "Ždanov")])
def test_romanisations_fold_to_one_key(a, b):
    assert names.parse(a).family_key == names.parse(b).family_key


def test_an_inverted_bibliography_name_is_turned_round():
    parsed = names.parse("Smith, Jon")
    assert parsed.family == "Smith" and parsed.given == ("Jon",)


@pytest.mark.parametrize("a, b, fit", [
    ("Lev", "Leon", True),  # data/given_names.tsv
    ("Iosif", "Joseph", True),
    ("Jon", "Jonathan", True),  # a short form
    ("T.", "Terry", True),  # an initial
    ("Lavrentii", "Lavrenty", True),  # one name spelt two ways
    ("Roy", "Zhores", False),  # brothers
    ("Lev", "Lenin", False),
])
def test_given_names_that_can_name_one_person(a, b, fit):
    assert names.given_fit(names.parse(f"{a} X").given_key, names.parse(f"{b} X").given_key) is fit


def test_every_given_name_row_has_a_source():
    from historiograph.data import load_tsv

    rows = load_tsv("given_names.tsv")
    assert rows and all(r["name"] and r["equivalent"] and r["source"] for r in rows)
