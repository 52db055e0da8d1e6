"""The reference model's label repair and the shipped model on historians' notes."""

import pytest

from historiograph.components.refparse.model import default_parser, repair


def test_a_possessive_ending_a_name_list_opens_the_title():
    tokens = ["David", "Remnick,", "Lenin’s", "Tomb:", "The", "Last", "Days"]
    labels = ["author", "author", "author", "title", "title", "title", "title"]
    assert repair(tokens, labels) == ["author", "author"] + ["title"] * 5


@pytest.mark.parametrize("tokens,labels", [
    (["Remnick,", "Tomb"], ["author", "title"]),                    # no possessive
    (["Lenin’s", "Tomb"], ["author", "title"]),                     # a one-token field is left alone
    (["Smith,", "John’s", "(1990)"], ["author", "author", "issued"]),  # no title follows
])
def test_repair_leaves_other_labellings_alone(tokens, labels):
    assert repair(tokens, labels) == labels


@pytest.mark.parametrize("text,author,title", [
    ("Albert Writer, Europe’s Long Winter: A History (London: Verso, 2004), 12.",
     "Albert Writer,", "Europe’s Long Winter: A History"),
    ("Mary Scholar, Hitler’s Clerks (Oxford: Clarendon Press, 1999), 3–5.", "Mary Scholar,", "Hitler’s Clerks"),
])
def test_the_shipped_model_parses_a_possessive_title_in_a_note(text, author, title):
    segments = dict((label, value) for value, label in default_parser().segments(text))
    assert segments["author"] == author
    assert segments["title"] == title


def test_the_shipped_model_was_trained_with_the_current_features():
    """Change features.py, the lexicon or PARAMS and this fails until the model is
    retrained (python -m historiograph.components.refparse.train)."""
    import json

    from historiograph.components.refparse.model import MODEL_META, fingerprint
    from historiograph.data import path

    assert json.loads(path(MODEL_META).read_text())["fingerprint"] == fingerprint()


def test_repair_never_outputs_a_label_the_model_does_not_have():
    tokens = ["“Chapter,”", "in", "Book"]
    labels = ["title", "title", "title"]
    assert repair(tokens, labels, frozenset({"title", "author"})) == labels
    assert repair(tokens, labels, frozenset({"title", "container-title"})) == ["title", "container-title",
                                                                               "container-title"]


def test_a_translator_clause_after_a_comma_leaves_the_editor_run():
    tokens = ["edited", "by", "A.", "Writer,", "translated", "by", "B.", "Reader,", "33–68."]
    labels = ["editor"] * 8 + ["page"]
    assert repair(tokens, labels) == ["editor"] * 4 + ["translator"] * 4 + ["page"]
    whole = ["Edited", "and", "translated", "by", "C.", "Person."]
    assert repair(whole, ["editor"] * 6) == ["editor"] * 6


def test_what_follows_the_place_colon_is_the_publisher():
    tokens = ["(Boston:", "Little,", "Brown,", "1970)"]
    labels = ["publisher-place"] * 3 + ["issued"]
    assert repair(tokens, labels) == ["publisher-place", "publisher", "publisher", "issued"]


def test_a_publisher_before_its_place_is_left_alone():
    tokens = ["Elsevier:", "New", "York,", "2001."]
    labels = ["publisher-place"] * 3 + ["issued"]
    assert repair(tokens, labels) == labels


def test_in_before_a_quotation_inside_a_title_opens_the_container():
    from historiograph.components.refparse.model import repair

    tokens = ["Article", "12", "–", "in", "“Collected", "Statutes", "of", "the", "Realm,”", "ed.", "A.", "Clerk,"]
    labels = ["title"] * 9 + ["editor"] * 3
    assert repair(tokens, labels) == ["title"] * 3 + ["container-title"] * 6 + ["editor"] * 3
    plain = ["Life", "in", "the", "City"]  # no quotation after 'in': a title like any other
    assert repair(plain, ["title"] * 4) == ["title"] * 4


def test_the_after_a_comma_ends_a_name_list():
    from historiograph.components.refparse.model import repair

    tokens = ["Ann", "and", "Bo", "Writer,", "The", "Unknown", "Years,", "2006."]
    labels = ["author"] * 7 + ["issued"]
    assert repair(tokens, labels) == ["author"] * 4 + ["title"] * 3 + ["issued"]
    corporate = ["The", "World", "Bank,", "Annual", "Report."]  # a name that opens with The is left alone
    assert repair(corporate, ["author"] * 3 + ["title"] * 2) == ["author"] * 3 + ["title"] * 2


def test_an_editor_cue_inside_the_run_opens_it():
    from historiograph.components.refparse.model import repair

    tokens = ["in", "A", "State", "of", "Lenin", "and", "Stalin,", "ed.", "Ronald", "Suny", "(Oxford:"]
    labels = ["container-title"] * 5 + ["editor"] * 5 + ["publisher-place"]
    assert repair(tokens, labels) == ["container-title"] * 7 + ["editor"] * 3 + ["publisher-place"]
    apa = ["In", "R.", "Suny", "(Ed.),", "A", "State"]  # 'In … (Ed.)': the cue closes the run, nothing moves
    assert repair(apa, ["editor"] * 4 + ["container-title"] * 2)[:4] == ["editor"] * 4


@pytest.mark.parametrize("tokens", [
    ["Memory", "(L.", "A.", "Coser,", "Ed.", "&", "Trans.)."],           # APA: names, then the cue
    ["Remembers,", "trans.", "and", "ed.", "Strobe", "Talbott"],          # the run opens with a cue
])
def test_an_editor_cue_after_names_or_after_a_cue_moves_nothing(tokens):
    from historiograph.components.refparse.model import repair

    labels = ["title"] + ["editor"] * (len(tokens) - 1)
    assert repair(tokens, labels) == labels
