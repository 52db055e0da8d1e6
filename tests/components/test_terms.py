"""The terms layer, behaviour by behaviour, on short sentences written for these tests
(a few contain a slur where the behaviour needs one)."""

import pytest

from historiograph.components import DEFAULT_PIPELINE
from historiograph.model import Document, TermStatement, TermUse, TermVerdict, canonical_text, record_from_dict
from historiograph.pipeline import plan, run_document

PIPELINE = plan(DEFAULT_PIPELINE)


def analyse(text: str) -> Document:
    return run_document(Document(text=canonical_text(text)), PIPELINE)


def uses(doc: Document) -> list[TermUse]:
    return [r for r in doc.layer("terms") if isinstance(r, TermUse)]


def verdict(doc: Document) -> TermVerdict:
    [v] = [r for r in doc.layer("terms") if isinstance(r, TermVerdict)]
    return v


def one(text: str, surface: str) -> TermUse:
    doc = analyse(text)
    found = [u for u in uses(doc) if doc.text[u.start:u.end] == surface]
    assert len(found) == 1, [(doc.text[u.start:u.end], u.use) for u in uses(doc)]
    return found[0]


@pytest.mark.parametrize("text, surface, term, form", [
    ("Those kikes run the bank.", "kikes", "kike", "inflected"),
    ("Read it on Kikepedia if you must.", "Kikepedia", "kike", "compound"),
    ("Another k*ke article again.", "k*ke", "kike", "obfuscated"),
    ("Another k1k3 article again.", "k1k3", "kike", "obfuscated"),
    ("Another k i k e article again.", "k i k e", "kike", "spaced"),
    ("Ask (((the bankers))) who pays.", "(((the bankers)))", "(((echo)))", "echo"),
    ("Bloody ZioNazis everywhere.", "ZioNazis", "zionazi", "inflected"),
    ("Жиды опять виноваты.", "Жиды", "zhid", "cyrillic"),
])
def test_the_authors_own_use_is_flagged_with_its_reference(text, surface, term, form):
    u = one(text, surface)
    assert (u.term, u.form, u.use) == (term, form, "use")
    assert u.reference and u.reason.endswith("the author's own words")
    assert verdict(analyse(text)).flagged


@pytest.mark.parametrize("text, surface, kind", [
    ('He shouted "kikes" at the crowd and was arrested.', "kikes", "discussion"),
    ("The word kike is an ethnic slur.", "kike", "discussion"),
    ("Calling people kikes is vile.", "kikes", "condemnation"),
    ("Jews are not vermin.", "vermin", "condemnation"),
    ("Nobody here thinks Jews are vermin.", "vermin", "condemnation"),
    ("The Nazis regarded Slavs as racially inferior beings.", "racially inferior beings", "reported"),
    ("Slavs were considered subhuman by the regime.", "subhuman", "reported"),
    ("In 1949 the campaign against rootless cosmopolitans filled the front pages.", "rootless cosmopolitans",
     "historical"),
    ("Spellings such as k*ke and k1ke dodge the filters.", "k1ke", "discussion"),
    ("Graffiti with 1488 is a neo-Nazi code; report it.", "1488", "condemnation"),
])
def test_a_mention_is_found_but_not_flagged(text, surface, kind):
    u = one(text, surface)
    assert u.use == "mention" and u.mention_kind == kind, u.reason
    assert not verdict(analyse(text)).flagged


def test_a_quotation_with_a_speaker_is_theirs():
    doc = analyse('The leaflet\'s author wrote: "Every kike should leave." We condemn it.')
    [u] = uses(doc)
    assert u.use == "mention" and u.mention_kind in ("quotation", "condemnation")
    assert not verdict(doc).flagged


def test_a_forum_quote_line_is_someone_elses():
    doc = analyse("> the kikes run everything\nNo, that is a lie, and you know it.")
    [u] = uses(doc)
    assert u.use == "mention" and u.mention_kind == "quotation"
    assert not verdict(doc).flagged


def test_endorsement_turns_a_report_into_a_use():
    u = one("Hitler called them vermin, and he was right.", "vermin")
    assert u.use == "use" and "endorse" in u.reason


def test_reclaimed_self_description():
    u = one("The Yid Army sang all through the second half.", "Yid")
    assert u.use == "reclaimed"
    assert not verdict(analyse("The Yid Army sang all through the second half.")).flagged


@pytest.mark.parametrize("text", [
    "Kike Sánchez scored twice on Sunday.",
    "They sniggered at the news from Niger.",
    "In 1488 the ship rounded the cape.",
    "The piano has 88 keys.",
    "Rats and mice in the barn ate the grain.",
    "King Zog of Albania fled in 1939.",
    "The Zionist Congress met in Basel.",
    "The price was 40 shekels at the market.",
    "She wore a jewel from her grandmother.",
    "The video got 3K kikes in an hour.",
])
def test_homonyms_are_not_terms(text):
    doc = analyse(text)
    assert not uses(doc), [(doc.text[u.start:u.end], u.term) for u in uses(doc)]


def test_an_unmarked_statement_in_the_authors_voice_is_flagged():
    doc = analyse("Jews control the banks and the media, everyone knows it.")
    [st] = [r for r in doc.layer("terms") if isinstance(r, TermStatement)]
    assert st.flagged and "control" in st.frames and 0 <= st.score <= 1
    assert verdict(doc).flagged and verdict(doc).statements == 1


def test_the_classifier_never_turns_a_mention_into_a_use():
    doc = analyse('Deniers claim that "Jews control the banks and the media." That claim is an antisemitic myth.')
    assert not [r for r in doc.layer("terms") if isinstance(r, TermStatement)]
    assert not verdict(doc).flagged


def test_the_verdict_is_derived_from_occurrences():
    doc = analyse("The word kike is a slur. Those kikes run the bank.")
    v = verdict(doc)
    assert v.flagged and v.uses == 1 and v.mentions == 1 and v.counts == {"slur": {"mention": 1, "use": 1}}
    assert set(v.spans) >= {(u.start, u.end) for u in uses(doc) if u.use == "use"}


def test_terms_are_findings_not_problems():
    doc = analyse("Those kikes run the bank.")
    assert not [p for p in doc.layer("problems")]


def test_records_round_trip():
    for r in analyse("Those kikes run the bank. The word kike is a slur.").layer("terms"):
        assert record_from_dict(r.to_dict()) == r


def test_the_text_is_never_changed():
    text = "Another k*ke article, and (((them))) again."
    assert analyse(text).text == canonical_text(text)
