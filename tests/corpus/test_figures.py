"""comparable_figures: figures that count the same thing across documents, side by side
with who gives each and on what footing (pure: quantities in, groups out)."""

from historiograph.corpus.figures import FigureItem, comparable_figures, items_from_document, topic_words
from historiograph.model import Document, Quantity, canonical_text
from historiograph.pipeline import plan, run_document


def q(low, high=None, unit="deaths", family="persons", magnitude=None, qualifier="exact", given_by=None, refs=()):
    high = low if high is None else high
    mag = magnitude if magnitude is not None else len(str(int(max(v for v in (low, high) if v)))) - 1
    return Quantity(spans=((0, 5),), low=low, high=high, unit=unit, family=family, qualifier=qualifier,
                    magnitude=mag, given_by=given_by, supported_by=refs, component="t", version="1")


def test_same_measure_and_subject_group_across_documents():
    items = [
        FigureItem("essay", q(4_000_000), "The Kessel famine killed 4 million people.", "cited", "A. Writer"),
        FigureItem("post", q(7_000_000, unit="victims"), "The Kessel famine had 7 million victims.", "unsupported",
                   "poster 1"),
        FigureItem("blog", q(3_500_000, 5_000_000, qualifier="range"), "Between 3.5 and 5 million died in the Kessel famine.",
                   "attributed", "Maria Kostova"),
        FigureItem("blog", q(40, unit="percent", family="share"), "The Kessel famine took 40 percent of the valley.",
                   "unsupported", "B. Other"),
        FigureItem("essay", q(12_000, unit="deaths"), "The harbour strike in Varna cost 12,000 deaths.", "cited", "A. Writer"),
    ]
    groups = comparable_figures(items)
    [deaths] = [g for g in groups if g.measure == "deaths"]
    assert deaths.documents == ("blog", "essay", "post") and "kessel" in deaths.topic
    assert {(f.document, f.given_by, f.footing) for f in deaths.figures} == {
        ("essay", "A. Writer", "cited"), ("post", "poster 1", "unsupported"), ("blog", "Maria Kostova", "attributed")}
    assert groups[0] is deaths  # most documents first
    assert all(g.measure != "percent" for g in groups)  # one share figure alone is no comparison


def test_figures_far_apart_in_size_or_subject_stay_apart():
    items = [
        FigureItem("a", q(20_000_000), "Stalin's regime killed 20 million.", "cited", "X"),
        FigureItem("b", q(300), "Stalin's guards killed 300 at the camp.", "unsupported", "Y"),
        FigureItem("c", q(25_000_000), "The Kessel famine killed 25 million.", "unsupported", "Z"),
    ]
    assert comparable_figures(items) == []


def test_a_figure_with_its_own_source_is_cited_and_given_by_it():
    items = [
        FigureItem("a", q(9_000_000, given_by="Maria Kostova", refs=("ref-1",)), "It was not 9 million in the Gulag.",
                   "unsupported", "the author"),
        {"document": "b", "quantity": q(2_000_000).to_dict(), "claim_text": "The Gulag held 2 million at most.",
         "footing": "unsupported", "asserted_by": "poster 2"},
    ]
    [group] = comparable_figures(items)
    first = next(f for f in group.figures if f.document == "a")
    assert first.given_by == "Maria Kostova" and first.footing == "cited" and first.asserted_by == "the author"
    assert group.to_dict()["figures"][0]["document"] == "a"


def test_topic_words():
    assert topic_words("In 1937 the NKVD’s purge of the Gulag") == {"1937", "nkvd", "purge", "gulag"}


def test_items_from_an_analysed_document():
    pipeline = plan(("structure", "notes", "references", "attribution", "claims", "quantities"))
    doc = run_document(Document(text=canonical_text(
        "The Kessel famine killed 4 million people (Maria Kostova, The Long Winter). Others say 6 million died.\n")),
        pipeline)
    items = items_from_document(doc)
    assert [(i.text, i.footing) for i in items] == [("4 million people", "cited"), ("6 million", "unsupported")]
    [group] = comparable_figures(items)
    assert [f.given_by for f in group.figures] == ["Maria Kostova", "the author"]
