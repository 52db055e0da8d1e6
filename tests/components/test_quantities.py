"""The quantities layer on passages written for these tests: values, units, qualifiers,
ranges, number words, vague amounts, and the numbers that are no quantities."""

import time

import pytest

from historiograph.model import Document, Quantity, canonical_text
from historiograph.pipeline import plan, run_document

PIPELINE = plan(("structure", "notes", "references", "attribution", "claims", "quantities"))
LIGHT = plan(("structure", "notes", "references", "claims", "quantities"))


def found(text: str, pipeline=LIGHT) -> list[tuple]:
    doc = run_document(Document(text=canonical_text(text)), pipeline)
    return [(doc.text[q.start:q.end], q.low, q.high, q.unit, q.qualifier, q.magnitude)
            for q in doc.layer("quantities") if isinstance(q, Quantity)]


@pytest.mark.parametrize("text,expected", [
    ("In the harbour town some 12,400 dockers were shot that winter.", ("some 12,400", 12400, 12400, "executions", "about", 4)),
    ("The flood drowned 3.2 million sheep.", ("3.2 million", 3.2e6, 3.2e6, None, "exact", 6)),
    ("The ledger lists 1 204 553 people by name.", ("1 204 553 people", 1204553, 1204553, "people", "exact", 6)),
    ("Forum estimates say 4,2 million died.", ("4,2 million", 4.2e6, 4.2e6, "deaths", "exact", 6)),
    ("Between 2.5 and 3 million villagers starved.", ("Between 2.5 and 3 million villagers", 2.5e6, 3e6, "deaths", "range", 6)),
    ("The raids left 40-50 thousand refugees on the roads.", ("40-50 thousand refugees", 40000, 50000, "refugees", "range", 4)),
    ("Roughly 11–12 percent of the clergy survived.", ("Roughly 11–12 percent", 11, 12, "percent", "range", 1)),
    ("The tribunal sent more than two thousand prisoners north.", ("more than two thousand prisoners", 2000, None, "prisoners", "more than", 3)),
    ("Up to 700,000 deportees crossed the river.", ("Up to 700,000 deportees", None, 700000, "deportees", "up to", 5)),
    ("Nearly half a million civilians fled the port.", ("Nearly half a million civilians", 5e5, 5e5, "refugees", "almost", 5)),
    ("At least a dozen villages burned.", ("At least a dozen villages", 12, None, "villages", "at least", 1)),
    ("Fewer than 900 soldiers came home.", ("Fewer than 900 soldiers", None, 900, "soldiers", "less than", 2)),
    ("Two-thirds of the weavers lost their looms.", ("Two-thirds", 66.67, 66.67, "percent", "exact", 1)),
    ("One in four miners was blacklisted.", ("One in four", 25, 25, "percent", "exact", 1)),
    ("Tens of thousands of weavers marched.", ("Tens of thousands", None, None, "people", "vague", 4)),
    ("The blockade cost 410k lives lol", ("410k lives", 410000, 410000, "deaths", "exact", 5)),
    ("The port paid $15 million in fines.", ("$15 million", 1.5e7, 1.5e7, "dollars", "exact", 7)),
    ("The strike lasted three and a half centuries in legend.", ("three and a half centuries", 350, 350, "years", "exact", 2)),
    ("Officials counted 6,100+ bodies in the ravine.", ("6,100+ bodies", 6100, None, "bodies", "more than", 3)),
    ("The mills employed 58% of the town.", ("58%", 58, 58, "percent", "exact", 1)),
    ("On 2 May 1921 some 31,000 Karelians were moved east.", ("some 31,000", 31000, 31000, "people", "about", 4)),
    ("The port authority paid over $8 million.", ("over $8 million", 8e6, None, "dollars", "more than", 6)),
    ("The talks lasted about a week.", ("about a week", 1, 1, "weeks", "about", 0)),
    ("The siege went on for a few months.", ("a few months", None, None, "months", "vague", 0)),
    ("The ferry sank with 212 passengers.¹⁴ Only 40 survived.", ("212", 212, 212, "people", "exact", 2)),
    ("By 1950 about 9 per cent of the dockers were women.", ("about 9 per cent", 9, 9, "percent", "about", 0)),
])
def test_quantity_values(text, expected):
    got = found(text)
    assert got and got[0][0] == expected[0], got
    span, low, high, unit, qual, mag = got[0]
    assert (low, high) == (pytest.approx(expected[1]) if expected[1] is not None else None,
                           pytest.approx(expected[2]) if expected[2] is not None else None)
    assert (unit, qual, mag) == expected[3:]


@pytest.mark.parametrize("text", [
    "The strike of 1926 ended in May.",
    "The riots of 1905–07 and the 1930s famine are remembered.",
    "The decree was signed on 14 March 1921 and again on March 15, 1922.",
    "The quay was repaired.12 Nobody paid.",
    "See p. 64 and pp. 112–19 of the report (Marsh 2004, 85).",
    "Decree No. 00213 and Article 41 of the code were applied.",
    "The motion passed 312 to 87 with 9 abstentions.",
    "[–] 12 points\n\nThe harbour was rebuilt without permission.",
    "The meeting began at 9:30 and the train left at 4.40 a.m.",
    "He served in the 62nd Army during the 20th century.",
    "The T-34 and the MiG-15 were built there by user dock1926.",
    "The Hundred Years' War and the Five-Year Plan were long.",
    "One of the clerks said no one knew the first half of the story.",
    "In 44-45 the port changed hands.",
    "The office is at Ulitsa Gorkogo 17, near the river.",
    "The reader can see it 24/7 online.",
    "(1) The docks. (2) The cranes.",
    "The share of dockers had grown by 1948.12 Nobody objected.",
    "The files 004_fa08081b and 1c7f9 were lost.",
    "Fixating on one individual hides the system.",
])
def test_not_quantities(text):
    assert found(text) == []


def test_who_gives_a_figure_named_beside_it():
    text = ("Estimates vary: 9 million victims (Maria Kostova, The Long Winter) or 12-14 million "
            "(Ivan Petrov, Harbour of Bones); the archives show fewer.")
    doc = run_document(Document(text=canonical_text(text)), LIGHT)
    qs = [q for q in doc.layer("quantities") if isinstance(q, Quantity)]
    assert [q.given_by for q in qs] == ["Maria Kostova", "Ivan Petrov"]
    assert qs[1].unit == "victims" and qs[1].qualifier == "range" and qs[0].supported_by
    claim = next(c for c in doc.layer("claims") if c.id == qs[0].claim)
    assert claim.footing == "cited"


def test_units_carry_over_in_a_list_and_from_death_words():
    text = "The archive counts 80,000 executions, 120,000 during the transports, and a total of more than 250,000 dead."
    got = found(text)
    assert [g[3] for g in got] == ["executions", "executions", "deaths"]


def test_unsourced_death_toll_is_flagged():
    doc = run_document(Document(text=canonical_text("The famine killed 4 million peasants in the valley.\n")), LIGHT)
    assert [p.code for p in doc.layer("problems")] == ["quantities.unsourced"]


def test_linear_time_on_adversarial_input():
    """Long runs of digits, separators, number words and dashes must not blow up."""
    for chunk in ("1,", "9" * 50 + " ", "1-", "million ", "tens of ", "a ", "between 1 and ", "1.1.", "'' ", "(("):
        text = chunk * (20_000 // len(chunk))
        t0 = time.process_time()
        found(text)
        assert time.process_time() - t0 < 5, chunk


def test_a_bare_figure_counts_what_its_sentence_talks_of():
    got = found("Of the miners deported in the spring, 2,300 never came back. The toll reached 41,000 by summer.")
    assert [g[3] for g in got] == ["deportees", "deaths"]
