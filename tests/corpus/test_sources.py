"""Cited works across documents."""

from historiograph.corpus.sources import works
from historiograph.model import Document, Reference, canonical_text


def doc_citing(*csls) -> Document:
    refs = tuple(Reference(spans=((i, i + 1),), csl=csl, role="note", form="full", note_number=i + 1,
                           component="references", version="test") for i, csl in enumerate(csls))
    return Document(text=canonical_text("x" * 20), layers={"references": refs})


WRITER = [{"family": "Writer", "given": "Anna"}]


def test_a_short_title_joins_the_one_work_it_shortens():
    a = doc_citing({"author": WRITER, "title": "The Long Winter", "type": "book"})
    b = doc_citing({"author": WRITER, "title": "The Long Winter: Dockers and Owners, 1900–1930", "type": "book"})
    (work,) = works([a, b])
    assert work.csl["title"].startswith("The Long Winter: Dockers") and len(work.citations) == 2
    assert work.documents == sorted({a.id, b.id})


def test_a_short_title_shared_by_two_volumes_stays_apart():
    vol1 = {"author": WRITER, "title": "Stalin: Paradoxes of Power", "type": "book"}
    vol2 = {"author": WRITER, "title": "Stalin: Waiting for Hitler", "type": "book"}
    short = {"author": WRITER, "title": "Stalin", "type": "book"}
    found = works([doc_citing(vol1, vol2, short)])
    assert sorted(w.csl["title"] for w in found) == ["Stalin", "Stalin: Paradoxes of Power", "Stalin: Waiting for Hitler"]


def test_another_author_never_joins():
    a = doc_citing({"author": WRITER, "title": "Stalin: A Biography", "type": "book"},
                   {"author": [{"family": "Reader"}], "title": "Stalin", "type": "book"})
    assert len(works([a])) == 2


def test_the_fullest_description_of_a_work_is_kept():
    bare = Reference(spans=((0, 1),), csl={"title": "Becoming Citizens", "type": "book"}, role="note", form="full",
                     note_number=1, component="references", version="test")
    named = Reference(spans=((2, 3),), csl={"title": "Becoming Citizens", "author": WRITER, "issued": {"date-parts": [[2013]]},
                                            "type": "book"},
                      role="note", form="full", note_number=2, resolves_to=bare.id, component="references", version="test")
    doc = Document(text=canonical_text("x" * 20), layers={"references": (bare, named)})
    (work,) = works([doc])
    assert work.csl["author"] == WRITER and len(work.citations) == 2
