import pytest

from historiograph.components.refparse.classify import note_kind, parts, split_note
from historiograph.components.refparse.csl import date_parts, pages, split_names, to_csl
from historiograph.components.refparse.model import Field


@pytest.mark.parametrize("text, expected", [
    ("Yu Xiao and Ji Zeng,", [("Xiao", "Yu"), ("Zeng", "Ji")]),
    ("Marr, D., & Nishihara, H.", [("Marr", "D."), ("Nishihara", "H.")]),
    ("Roy and Zhores Medvedev,", [("Medvedev", "Roy"), ("Medvedev", "Zhores")]),
    ("Heidegger M.,", [("Heidegger", "M.")]),
    ("Marsh, Helena,", [("Marsh", "Helena")]),
    ("ed. Felix Chuev,", [("Chuev", "Felix")]),
    ("Michael Geyer and Sheila Fitzpatrick, eds.,", [("Geyer", "Michael"), ("Fitzpatrick", "Sheila")]),
    ("Ludo van der Berg", [("van der Berg", "Ludo")]),
    ("Writer, Anna.", [("Writer", "Anna")]),
    ("Smith, J.", [("Smith", "J.")]),
    ("Tolstoy, Lev N.", [("Tolstoy", "Lev N.")]),
])
def test_split_names(text, expected):
    assert [(n["family"], n.get("given")) for n in split_names(text)] == expected


def test_inverted_first_author_in_a_bibliography():
    assert split_names("Whitewood Peter,", inverted_first=True) == [{"family": "Whitewood", "given": "Peter"}]


@pytest.mark.parametrize("raw, out", [("pp. 1761–1800).", "1761-1800"), ("p. 568.", "568"), ("181-185.", "181-185")])
def test_pages(raw, out):
    assert pages(raw) == out


def test_dates():
    assert date_parts("(2002):") == {"date-parts": [[2002]]}
    assert date_parts("March 29, 2016") == {"date-parts": [[2016, 3, 29]]}
    assert date_parts("n.d.") == {"literal": "n.d"}


def fields(text, spec):
    out, pos = [], 0
    for piece, label in spec:
        s = text.index(piece, pos)
        out.append(Field(s, s + len(piece), label))
        pos = s + len(piece)
    return out


def test_book_in_a_note_has_a_cited_range_not_pages():
    text = "Helena Marsh, Rome in Flames (Oxford: Clarendon Press, 2011), 87."
    csl, cited = to_csl(text, fields(text, [("Helena Marsh,", "author"), ("Rome in Flames", "title"),
                                            ("(Oxford:", "publisher-place"), ("Clarendon Press,", "publisher"),
                                            ("2011),", "issued"), ("87.", "page")]))
    assert csl == {"author": [{"family": "Marsh", "given": "Helena"}], "title": "Rome in Flames",
                   "publisher-place": "Oxford", "publisher": "Clarendon Press",
                   "issued": {"date-parts": [[2011]]}, "type": "book"}
    assert cited == "87"


def test_article_volume_issue_glued_volume_and_doi():
    text = 'A. Writer, "A Title," Journal of Studies4, no. 1 (2002): 66–80, https://doi.org/10.1000/xyz.'
    csl, cited = to_csl(text, fields(text, [("A. Writer,", "author"), ('"A Title,"', "title"),
                                            ("Journal of Studies4,", "container-title"), ("no. 1", "volume"),
                                            ("(2002):", "issued"), ("66–80,", "page"),
                                            ("https://doi.org/10.1000/xyz.", "URL")]))
    assert (csl["container-title"], csl["volume"], csl["issue"], csl["page"]) == ("Journal of Studies", "4", "1", "66-80")
    assert csl["DOI"] == "10.1000/xyz" and csl["type"] == "article-journal" and cited is None


def test_split_note_drops_a_web_page_back_link():
    text = "A. Writer, A Book (London: Press, 2001), 3. ↩︎"
    assert [text[s:e] for s, e in split_note(text)] == ["A. Writer, A Book (London: Press, 2001), 3."]


def test_split_note_respects_brackets_and_quotes():
    text = "A, “One; Two” (X; Y, 2001), 3; Ibid., 4"
    assert [text[s:e] for s, e in split_note(text)] == ["A, “One; Two” (X; Y, 2001), 3", "Ibid., 4"]


@pytest.mark.parametrize("text, forms", [
    ("Ibid., 205.", ["ibid"]),
    ("Ibid,. 81.", ["ibid"]),
    ("Id. at 7.", ["ibid"]),
    ("Marsh, Rome in Flames, 90.", ["short"]),
    ("Tacitus, Annals 15.38–40.", ["short"]),
    ("Quoted in Bolton, p. 6", ["short"]),
    ("Marsh, op. cit., 12.", ["op-cit"]),
    ("See also A. Writer, Book (London: Press, 2001); Ibid., 3", ["full", "ibid"]),
    ("Ibid. Unlike the others, this author does attribute a motive, but only as a secondary one among many.",
     ["ibid", "commentary"]),
    ("See the work of several scholars. Another one is cited in this article as well, but in French.", ["commentary"]),
    ("A. Writer, The Long Winter, 2006, p. 296. Other sources translate the line as “why me?”", ["full", "commentary"]),
    ("A. Writer, The Long Winter (London: Verso, 2006), 12. New York: Other Press, 2008.", ["full"]),
])
def test_note_parts(text, forms):
    assert [p.form for p in parts(text)] == forms


def test_note_kind():
    assert note_kind("Ibid., 3.") == "reference"
    assert note_kind("Afterword\n\nSome long reflection by the author. It goes on and on.") == "commentary"


@pytest.mark.parametrize("text, spec, issued, accessed", [
    ('Boris Mironov, "A Title." Accessed June 21, 2025. https://www.example.org/x.html',
     [("Boris Mironov,", "author"), ('"A Title."', "title"), ("Accessed", "container-title"),
      ("June 21, 2025.", "issued"), ("https://www.example.org/x.html", "URL")], None, [2025, 6, 21]),
    ("A. Critic, review of A Book, by B. Writer, accessed June 22, 2025, https://example.edu/r",
     [("A. Critic,", "author"), ("review of A Book, by B. Writer,", "title"), ("accessed June 22, 2025,", "issued"),
      ("https://example.edu/r", "URL")], None, [2025, 6, 22]),
    ("C. Author, “A Page,” A Site, May 20, 2010, accessed June 22, 2025, https://x.org/p",
     [("C. Author,", "author"), ("“A Page,”", "title"), ("A Site,", "container-title"), ("May 20, 2010,", "issued"),
      ("accessed June 22, 2025,", "note"), ("https://x.org/p", "URL")], [2010, 5, 20], [2025, 6, 22]),
    ("D. Writer (2009). Report. Retrieved 2010-08-07, from http://x.org/r",
     [("D. Writer", "author"), ("(2009).", "issued"), ("Report.", "title"), ("Retrieved 2010-08-07, from", "note"),
      ("http://x.org/r", "URL")], [2009], [2010, 8, 7]),
])
def test_an_access_date_is_accessed_never_issued(text, spec, issued, accessed):
    csl, _ = to_csl(text, fields(text, spec))
    assert csl.get("issued") == ({"date-parts": [issued]} if issued else None)
    assert csl["accessed"] == {"date-parts": [accessed]}
    assert "container-title" not in csl or csl["container-title"] == "A Site"


def test_dates_with_abbreviated_months_and_iso_dates():
    assert date_parts("3 Nov. 2012") == {"date-parts": [[2012, 11, 3]]}
    assert date_parts("19-Oct-2017") == {"date-parts": [[2017, 10, 19]]}
    assert date_parts("2010-08-07") == {"date-parts": [[2010, 8, 7]]}


def test_in_opens_a_container_or_an_editor_list_but_is_not_part_of_it():
    text = "T. Martin, “An Essay,” in A State of Nations, ed. R. Suny (Oxford: Oxford University Press, 2001), 67."
    csl, cited = to_csl(text, fields(text, [("T. Martin,", "author"), ("“An Essay,”", "title"),
                                            ("in A State of Nations,", "container-title"), ("ed. R. Suny", "editor"),
                                            ("(Oxford:", "publisher-place"), ("Oxford University Press,", "publisher"),
                                            ("2001),", "issued"), ("67.", "page")]))
    assert csl["container-title"] == "A State of Nations" and csl["type"] == "chapter" and cited == "67"
    assert split_names("in: H. Gallaire and J. Minker (eds.),") == [{"family": "Gallaire", "given": "H."},
                                                                   {"family": "Minker", "given": "J."}]
    assert split_names("In C. B. Jones and T. Denvir, editors,") == [{"family": "Jones", "given": "C. B."},
                                                                    {"family": "Denvir", "given": "T."}]
