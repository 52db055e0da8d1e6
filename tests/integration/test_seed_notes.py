"""What the notes-and-references issue promises on ../shared/seeds (read at run time)."""


import pytest

import historiograph as hg
from tests.conftest import seed

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def essay(seeds):
    return hg.read(seed(seeds, "000"))


def test_000_all_71_markers_link_to_the_right_notes(essay):
    notes = {n.id: n for n in essay.layer("notes")}
    markers = essay.layer("note_markers")
    assert len(notes) == 71 and [m.number for m in markers] == list(range(1, 72))
    assert all(notes[m.note].number == m.number for m in markers)
    positions = [m.start for m in markers]
    assert positions == sorted(positions)
    # the marker digits are the note number in every style, including `195343` (1953 + 43)
    assert all(essay.text[m.start:m.end] == str(m.number) for m in markers)
    m43 = markers[42]
    assert essay.text[m43.start - 4:m43.end] == "195343" and m43.style == "after_number"
    m14 = markers[13]
    assert essay.text[m14.start - 2:m14.end] == "” 14"
    m20, m21 = markers[19], markers[20]
    assert essay.text[m20.start - 2:m21.end] == ".)20 21"


def test_000_no_false_marker_for_1953_or_the_quoted_18(essay):
    text = essay.text
    quoted_18 = text.index("by 1953.18") + len("by 1953.")
    assert all(m.start != quoted_18 for m in essay.layer("note_markers"))
    assert not any(text[m.start - 4:m.end] == "1953" for m in essay.layer("note_markers"))
    assert not [p for p in essay.layer("problems") if p.code.startswith("notes.")]


def test_000_every_ibid_resolves_or_is_ambiguous(essay):
    refs = {r.id: r for r in essay.layer("references")}
    ibids = [r for r in refs.values() if r.form == "ibid"]
    notes_starting_ibid = [n for n in essay.layer("notes") if essay.text[n.start:n.end].startswith("Ibid")]
    assert len(ibids) == len(notes_starting_ibid) == 20
    for r in ibids:
        assert r.ambiguous or (r.resolves_to in refs and refs[r.resolves_to].form == "full"), r
        assert not r.ambiguous or len(r.candidates) >= 2
    by_number = {r.note_number: r for r in ibids}

    def title(ref_id):
        return refs[ref_id].csl.get("title", "")

    assert title(by_number[2].resolves_to).startswith("The Jews of the Soviet Union")
    assert by_number[2].cited_range == "181-185"
    assert by_number[13].cited_range == "81" and "Affirmative Action Empire" in title(by_number[13].resolves_to)
    assert title(by_number[18].resolves_to).startswith("The Political Thought of Joseph Stalin")
    assert by_number[18].cited_range == by_number[20].cited_range == "205"  # a bare Ibid. repeats the page
    # note 46 holds two works and nothing decides: notes 47-49 are ambiguous between them
    for n in (47, 48, 49):
        assert by_number[n].ambiguous
        titles = {title(c) for c in by_number[n].candidates}
        assert any(t.startswith("Jewish Social Mobility") for t in titles)
        assert any(t.startswith("Jewish Life in Belarus") for t in titles)


def test_000_van_ree_rees_mismatch_is_reported(essay):
    found = [p for p in essay.layer("problems") if p.code == "integrity.author_mismatch"
             and essay.text[p.start:p.end] == "Van Ree"]
    assert found and all("Rees" in p.message for p in found)


def test_002_all_seven_markers_link(seeds):
    doc = hg.read(seed(seeds, "002"))
    markers = doc.layer("note_markers")
    assert [m.number for m in markers] == list(range(1, 8))
    assert doc.text[markers[0].start - 5:markers[0].end] == "noted1"
    assert doc.text[markers[6].start - 8:markers[6].end + 1] == "remarked7)"
    inline = [r for r in doc.layer("references") if r.role == "inline"]
    assert any(r.csl.get("title") == "The Great Terror" and r.csl["author"][0]["family"] == "Conquest" for r in inline)
    # note 7 cites the author and a page only ("Quoted in Bolton, p. 6"): the one work by Bolton named in the text
    bolton = next(r for r in inline if r.csl["author"][0]["family"] == "Bolton")
    (n7,) = [r for r in doc.layer("references") if r.note_number == 7]
    assert n7.form == "short" and n7.resolves_to == bolton.id and n7.cited_range == "6"


def test_004_whitewood_white_and_reading_list(seeds):
    doc = hg.read(seed(seeds, "004"))
    assert any(p.code == "integrity.name_variant" and doc.text[p.start:p.end] == "White"
               for p in doc.layer("problems"))
    biblio = [r for r in doc.layer("references") if r.role == "bibliography"]
    assert len(biblio) == 3
    assert biblio[0].csl["author"][0] == {"family": "Whitewood", "given": "Peter"}
    assert biblio[0].csl["issued"] == {"date-parts": [[2015]]}
