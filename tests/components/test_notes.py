import pytest

import historiograph as hg
from historiograph.components.notes import Candidate, align
from historiograph.components.support import support_index
from historiograph.model import Document, canonical_text
from historiograph.pipeline import plan, run_document


def analyse(text: str) -> Document:
    return run_document(Document(text=canonical_text(text)), plan(hg.DEFAULT_PIPELINE))


def c(n, w=0.9):
    return Candidate(0, 0, n, "glued", w, False)


def test_alignment_prefers_the_longest_increasing_chain():
    cands = [c(1), c(2), c(18), c(3), c(4), c(1953 % 100), c(5)]
    assert [cands[i].number for i in align(cands, 5)] == [1, 2, 3, 4, 5]


ESSAY = """A Title

By A. Writer

The first claim is made here and it is a long sentence about the past.1 A second claim follows, with a quotation: “this was so.”2 A figure rose to 20 percent by 19503 and then fell. Writers disagree about it, as quoted elsewhere.” 4 Pages 12–15 were missing and the MP3 archive had 200 files. They argued (so it was said.)5 6

Notes

1

A. Writer, A Book (London: Press, 2001), 12.

2

Ibid., 14.

3

Ibid.

4

B. Other, “An Article,” Journal of Things 3, no. 2 (1999): 10–20; C. Third, Another Book (Paris: Maison, 2005), 7.

5

Ibid.

6

Ibid., 15.
"""


def test_markers_in_every_style_link_to_notes():
    doc = analyse(ESSAY)
    markers = doc.layer("note_markers")
    assert [m.number for m in markers] == [1, 2, 3, 4, 5, 6]
    assert [doc.text[m.start:m.end] for m in markers] == ["1", "2", "3", "4", "5", "6"]
    assert [m.style for m in markers] == ["glued", "glued", "after_number", "spaced", "glued", "glued"]
    notes = {n.id: n for n in doc.layer("notes")}
    assert all(notes[m.note].number == m.number for m in markers)
    s, e = markers[0].sentence
    assert doc.text[s:e].startswith("The first claim") and doc.text[s:e].endswith(".1")
    assert not [p for p in doc.layer("problems") if p.code.startswith("notes.")]


def test_ibid_resolution_and_ambiguity():
    doc = analyse(ESSAY)
    refs = {r.id: r for r in doc.layer("references")}
    by_note = {}
    for r in refs.values():
        by_note.setdefault(r.note_number, []).append(r)
    book = by_note[1][0]
    assert by_note[2][0].resolves_to == book.id and by_note[2][0].cited_range == "14"
    assert by_note[3][0].resolves_to == book.id and by_note[3][0].cited_range == "14"  # bare Ibid. repeats the page
    ibid5 = by_note[5][0]
    assert ibid5.ambiguous and {refs[c].csl["title"] for c in ibid5.candidates} == {"An Article", "Another Book"}
    ibid6 = by_note[6][0]  # page 15 lies inside the article's pages 10-20: that decides
    assert ibid6.resolves_to == by_note[4][0].id and ibid6.cited_range == "15"
    support = support_index(doc)
    assert len(support.entries) == 6 and set(support.entries[3].references) == {r.id for r in by_note[4]}
    s, e = support.entries[3].sentence
    assert set(support(s, e)) == {r.id for r in by_note[4]}
    assert by_note[2][0].id in support.entries[1].references and book.id in support.works(*support.entries[1].sentence)


def test_author_only_short_form_resolves_to_the_one_work_by_that_author():
    text = ("One claim.1 Another.2 A third.3 A fourth.4\n\nNotes\n\n1. A. Writer, A Book (London: Press, 2001), 12.\n\n"
            "2. Quoted in Writer, p. 6.\n\n3. C. Other, First Book (Paris: Maison, 1990), 3; C. Other, Second Book "
            "(Paris: Maison, 1995), 4.\n\n4. Other, pp. 8–9.\n")
    doc = analyse(text)
    by_note = {r.note_number: r for r in doc.layer("references") if r.note_number in (1, 2, 4)}
    short = by_note[2]
    assert short.form == "short" and short.prefix == "Quoted in" and short.cited_range == "6"
    assert short.resolves_to == by_note[1].id and short.csl["title"] == "A Book"
    assert by_note[4].ambiguous and by_note[4].resolves_to is None  # two works by Other: no guess
    assert len(by_note[4].candidates) == 2 and by_note[4].cited_range == "8-9"


def test_problems_unreferenced_missing_and_no_antecedent():
    text = ("Claim one.1 Claim three.3 Claim four.4 Claim five.5\n\nNotes\n\n1. Ibid., 4.\n\n2. A. B, Book, 2000.\n\n"
            "3. C. D, Other Book, 2001.\n\n4. E. F, Third Book, 2002.\n")
    doc = analyse(text)
    codes = sorted(p.code for p in doc.layer("problems"))
    assert codes == ["notes.ibid_without_antecedent", "notes.marker_without_note", "notes.unreferenced"]


def test_out_of_sequence_marker_is_linked_and_reported():
    text = "One.1 Three.3 Two.2 Four.4\n\nNotes\n\n1. A, B, 2001.\n\n2. C, D, 2002.\n\n3. E, F, 2003.\n\n4. G, H, 2004.\n"
    doc = analyse(text)
    assert sorted(m.number for m in doc.layer("note_markers")) == [1, 2, 3, 4]
    assert [p.code for p in doc.layer("problems")] == ["notes.out_of_sequence"]


def test_markers_inside_forum_quotes_are_not_reported():
    text = "[–] 1 pt\n\nLook:\n\n>Quoted text.[1] More quoted text.[2]\n\nMy view.\n"
    doc = analyse(text)
    assert doc.layer("note_markers") == () and doc.layer("problems") == ()


@pytest.mark.parametrize("marker", ["[{n}]", "[^{n}]", "{sup}"])
def test_bracketed_and_superscript_markers(marker):
    sup = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
    body = " ".join(f"Claim number {n} is made here.{marker.format(n=n, sup=str(n).translate(sup))}" for n in (1, 2, 3))
    text = f"{body}\n\nNotes\n\n1. A. B, Book, 2001.\n\n2. C. D, Other, 2002.\n\n3. E. F, Third, 2003.\n"
    doc = analyse(text)
    assert [m.number for m in doc.layer("note_markers")] == [1, 2, 3]
    assert {m.style for m in doc.layer("note_markers")} == {"superscript" if marker == "{sup}" else "bracket"}
