"""Footnotes at the foot of PDF pages."""

import pytest
from fpdf import FPDF

from historiograph.adapters import read_bytes
from historiograph.components.page_notes import page_footnotes
from historiograph.components.structure import matches
from historiograph.runner import plan, run_document


def is_page_number(text):
    return matches("page_number", text)


def test_footnotes_number_on_from_page_to_page():
    lines = ["Body of page one, which runs on.", "3 million people lived there then.", "More body text.",
             "1 A. Writer, A Book (London: Press, 2001), 4.", "2 Ibid., 5.", "- 1 -",
             "Body of page two.", "Still the body.", "3 B. Other, Another Book, 9.", "continued here.", "2",
             "A page without notes.", "Nothing at its foot."]
    pages = [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12]]
    assert page_footnotes(lines, pages, is_page_number) == [[(3, 1), (4, 2)], [(8, 3)], []]


@pytest.mark.parametrize("lines", [
    ["1 The first line of a page opens with a number.", "And the body goes on."],  # nothing before it
    ["Short body.", "1 A note.", "2 A note.", "3 A note."],                         # more notes than text
])
def test_no_footnotes_where_the_page_is_not_built_so(lines):
    assert page_footnotes(lines, [list(range(len(lines)))], is_page_number) == [[]]


BODY = ["Historians of the port have long argued over the strike of 1921 and over who began it.1 "
        "Most accounts put the loss at forty percent of the trade, a figure first printed in 1923.2 "
        "The council minutes are missing and the rest survive in part only, in two archives.",
        "Two later studies took the question up, and they disagree about the causes of the strike.3 "
        "Neither uses the customs ledgers, which show a sharp rise and then a fall after the strike.4 "
        "The debate has not moved since then, and the ledgers are still unread."]
NOTES = [["1 Anna Writer, The Long Winter (London: Harbour Press, 1998), 14.", "2 Ibid., 21."],
         ["3 Bo Other, Wages and the Port (Leeds: Northern Books, 2004), 40.", "4 Ibid., 44."]]


def footnoted_pdf(bodies=BODY, notes_per_page=NOTES, page_numbers: bool = True) -> bytes:
    """Pages of text, each with its footnotes at the foot and, below them, its number."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.set_auto_page_break(False)
    for number, (body, notes) in enumerate(zip(bodies, notes_per_page), 1):
        pdf.add_page()
        pdf.multi_cell(190, 6, body)
        pdf.set_y(250)
        for note in notes:
            pdf.set_x(10)
            pdf.multi_cell(190, 5, note)
        if page_numbers:
            pdf.set_xy(100, 280)
            pdf.cell(10, 5, str(number))
    return bytes(pdf.output())


def test_a_pdf_with_footnotes_links_every_marker():
    doc = run_document(read_bytes(footnoted_pdf(), "/x/harbour.pdf"), plan(("structure", "notes", "references")))
    footnotes = [doc.text[s.start:s.end] for s in doc.layer("sections") if s.kind == "footnotes"]
    assert [f.split("\n")[0][:12] for f in footnotes] == ["1 Anna Write", "3 Bo Other, "]
    assert not any(f.rstrip().endswith(("\n1", "\n2")) for f in footnotes)  # page numbers are no part of them
    assert [m.number for m in doc.layer("note_markers")] == [1, 2, 3, 4]
    refs = {r.note_number: r for r in doc.layer("references")}
    assert refs[2].resolves_to == refs[1].id and refs[2].cited_range == "21"
    assert refs[4].resolves_to == refs[3].id and refs[4].cited_range == "44"
    assert refs[1].csl["title"] == "The Long Winter"
    assert not [p for p in doc.layer("problems") if p.code.startswith("notes.")]


def test_footnotes_that_start_again_on_each_page_link_within_their_page():
    """A book that numbers each page's footnotes anew: every page's markers link to that
    page's notes, and an Ibid. at the top of a page repeats the last note of the page
    before."""
    notes = [["1 Anna Writer, The Long Winter (London: Harbour Press, 1998), 14.",
              "2 Bo Other, Wages and the Port (Leeds: Northern Books, 2004), 40."],
             ["1 Ibid., 44.", "2 Clara Counter, Counting the City (Bristol: West Press, 2012), 3."]]
    body = [BODY[0], BODY[1].replace("strike.3", "strike.1").replace("strike.4", "strike.2")]
    pdf = footnoted_pdf(body, notes, page_numbers=False)
    doc = run_document(read_bytes(pdf, "/x/book.pdf"), plan(("structure", "notes", "references")))
    notes_by_id = {n.id: n for n in doc.layer("notes")}
    pages = [s for s in doc.layer("sections") if s.kind == "footnotes"]
    assert len(pages) == 2 and [n.number for n in doc.layer("notes")] == [1, 2, 1, 2]
    for marker in doc.layer("note_markers"):  # each marker links to a note on its own page
        note = notes_by_id[marker.note]
        page = next(i for i, s in enumerate(pages) if s.start <= note.start < s.end)
        assert (marker.start < pages[0].start) == (page == 0) and marker.number == note.number
    assert len(doc.layer("note_markers")) == 4
    refs = sorted((r for r in doc.layer("references") if r.note), key=lambda r: r.start)
    assert [r.form for r in refs] == ["full", "full", "ibid", "full"]
    assert refs[2].resolves_to == refs[1].id and refs[2].cited_range == "44"  # the note before: page 1's last
    assert not [p for p in doc.layer("problems") if p.code.startswith("notes.")]


def test_endnotes_after_a_heading_may_fill_pages():
    lines = ["Body of the last page of text.", "It ends here.", "Notes", "1 A. Writer, A Book, 4.", "2 Ibid., 5.",
             "3 B. Other, Another Book, 9.",
             "4 Ibid., 10.", "5 C. Third, A Third Book, 2.", "a line that goes on", "6 Ibid.", "7"]
    pages = [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]
    heading = lambda text: text == "Notes"  # noqa: E731
    assert page_footnotes(lines, pages, is_page_number, heading) == [[(3, 1), (4, 2), (5, 3)],
                                                                     [(6, 4), (7, 5), (9, 6)]]
    # without the heading they are a page's footnotes, and a page of nothing but notes is not read
    assert page_footnotes(lines, pages, is_page_number) == [[(3, 1), (4, 2), (5, 3)], []]


def test_a_pdf_whose_endnotes_fill_two_pages_links_every_marker():
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.multi_cell(190, 6, " ".join(f"Claim {i} about the harbour rests on a source.{i}" for i in range(1, 31)))
    pdf.add_page()
    pdf.multi_cell(190, 6, "Notes")
    for i in range(1, 31):
        if i == 22:
            pdf.add_page()
        pdf.set_x(10)
        pdf.multi_cell(190, 5, f"{i}. Author {i}, Book Number {i} (London: Press, {1950 + i}), {i + 10}.")
    doc = run_document(read_bytes(bytes(pdf.output()), "/x/endnotes.pdf"), plan(("structure", "notes")))
    assert [m.number for m in doc.layer("note_markers")] == list(range(1, 31))
    assert len([s for s in doc.layer("sections") if s.kind == "footnotes"]) == 2
    assert not [p for p in doc.layer("problems") if p.code.startswith("notes.")]
