import pytest

from historiograph.adapters import read_bytes
from historiograph.data import samples_dir

PAGE = b"""<html><head><title>On Archives</title><meta name="author" content="Rosa Vale">
<meta name="date" content="2022-05-01"></head><body>
<nav><a href="/">Home</a> <a href="/blog">Blog</a></nav>
<article><h1>On Archives</h1>
<p>Archives are never neutral: every box was packed by someone with a purpose, and the
historian who opens it inherits that purpose along with the papers inside it.</p>
<blockquote><p>The archive remembers what its keepers wanted remembered, and little more.</p></blockquote>
<p>That is why the second reading of a file matters as much as the first one does.</p></article>
<footer>Copyright 2022 Example Press</footer></body></html>"""


def layout_text(doc, kind):
    return [doc.text[r.start:r.end] for r in doc.layer("layout") if r.kind == kind]


def test_html_keeps_metadata_and_marks_boilerplate():
    doc = read_bytes(PAGE, "/x/archives.html")
    assert (doc.meta.title, doc.meta.author, doc.meta.date) == ("On Archives", "Rosa Vale", "2022-05-01")
    assert doc.meta.media_type == "text/html"
    # nothing is deleted: navigation and footer stay in the text, marked boilerplate
    assert "Home Blog" in doc.text and "Copyright 2022 Example Press" in doc.text
    assert "Home Blog" in layout_text(doc, "boilerplate")
    assert "Copyright 2022 Example Press" in layout_text(doc, "boilerplate")
    assert any("archive remembers" in q for q in layout_text(doc, "quote"))
    assert "On Archives" in layout_text(doc, "heading")


def test_html_drops_script_and_style_only():
    doc = read_bytes(b"<html><head><style>p{}</style></head><body><script>var x=1;</script>"
                     b"<p>Visible words here.</p></body></html>", "/x/s.html")
    assert doc.text == "Visible words here."


def test_sample_page_offsets_match_text():
    doc = read_bytes((samples_dir() / "page.html").read_bytes(), "/x/page.html")
    for record in doc.layer("layout"):
        assert doc.text[record.start:record.end].strip() == doc.text[record.start:record.end]


def test_numbered_lists_keep_the_numbers_a_browser_shows():
    page = (b"<html><body><ol><li>one</li><li>two</li></ol><ol start='7'><li>seven</li><li value='10'>ten</li>"
            b"<li>eleven</li></ol><ol type='a'><li>lettered</li></ol><ul><li>bullet</li></ul></body></html>")
    doc = read_bytes(page, "/x/lists.html")
    assert doc.text.split("\n\n") == ["1. one", "2. two", "7. seven", "10. ten", "11. eleven", "lettered", "bullet"]


ESSAY = """<!DOCTYPE html><html><head><title>The Harbour Question</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>The Harbour Question</h1>
<p>Historians of the port have long argued over the strike of 1921 and over who began it.<sup><a href="#fn1">1</a></sup>
Most accounts put the loss at forty percent of the season's trade, a figure first printed in 1923.<sup><a href="#fn2">2</a></sup></p>
<p>Two later studies took the question up, and they disagree about the causes of the strike and its course.<sup><a href="#fn3">3</a></sup></p>
<h2>Notes</h2>
<ol class="footnotes">
<li id="fn1">Anna Writer, <em>The Long Winter</em> (London: Harbour Press, 1998), 14. <a href="#r1">↩</a></li>
<li id="fn2">Ibid., 21. <a href="#r2">↩</a></li>
<li id="fn3">Bo Other, “Wages and the Port,” <em>Journal of Maritime History</em> 12, no. 3 (2004): 40–62.</li>
</ol></article>
<footer>Subscribe to our newsletter. © 2024 Harbour Review</footer></body></html>"""


def test_footnotes_of_a_web_page_are_read_as_notes():
    """trafilatura leaves a page's footnote list out of the main content; the notes are
    still found, numbered and linked, and the page's footer stays boilerplate."""
    from historiograph.runner import plan, run_document

    doc = run_document(read_bytes(ESSAY.encode(), "/x/harbour.html"), plan(("structure", "notes", "references")))
    kinds = {s.kind: doc.text[s.start:s.end] for s in doc.layer("sections")}
    assert kinds["notes"].startswith("Notes\n\n1. Anna Writer") and "Subscribe" not in kinds["notes"]
    assert "Subscribe" in " ".join(doc.text[s.start:s.end] for s in doc.layer("sections") if s.kind == "boilerplate")
    assert [m.number for m in doc.layer("note_markers")] == [1, 2, 3]
    ibid = next(r for r in doc.layer("references") if r.note_number == 2)
    first = next(r for r in doc.layer("references") if r.note_number == 1)
    assert ibid.resolves_to == first.id and ibid.cited_range == "21"
    assert not [p for p in doc.layer("problems") if p.code.startswith("notes.")]


SUBSTACK = """<html><head><title>On Ledgers</title></head><body><div class="topbar"><a href="/">Review</a></div>
<article><h1 class="post-title">On Ledgers</h1><div class="body markup">
<p>The ledgers of the port were kept by one clerk for thirty years and nobody has read them since he died.<a
class="footnote-anchor" id="footnote-anchor-1" href="#footnote-1">1</a> They show a sharp rise in trade before the strike.<a
class="footnote-anchor" id="footnote-anchor-2" href="#footnote-2">2</a></p>
<p>Whether that rise caused the strike or only preceded it is the question the two schools of historians
have argued over for half a century, and neither has opened the ledgers to settle it.</p>
<p>What follows is a first reading of them, volume by volume, with the clerk's own notes in the margins
taken as seriously as his figures, since he often explains a number where the owners were silent.</p>
<div class="footnote"><a id="footnote-1" href="#footnote-anchor-1" class="footnote-number">1</a>
<div class="footnote-content"><p>Ian Clerk, Mill Accounts (Leeds: Loom Books, 1961), 44.</p></div></div>
<div class="footnote"><a id="footnote-2" href="#footnote-anchor-2" class="footnote-number">2</a>
<div class="footnote-content"><p>Ibid., 61.</p></div></div></div></article>
<div class="footer">Share this post. © 2024 Review</div></body></html>"""


def test_a_platforms_footnote_area_is_read_even_without_a_heading():
    """Substack-style footnotes (div.footnote: a number, then the note) are left out of
    trafilatura's main content; the adapter marks them notes, and two notes with no
    'Notes' heading are still read and linked."""
    from historiograph.runner import plan, run_document

    doc = run_document(read_bytes(SUBSTACK.encode(), "/x/ledgers.html"), plan(("structure", "notes", "references")))
    assert [doc.text[r.start:r.end] for r in doc.layer("layout") if r.kind == "notes"] == [
        "1", "Ian Clerk, Mill Accounts (Leeds: Loom Books, 1961), 44.", "2", "Ibid., 61."]
    assert [m.number for m in doc.layer("note_markers")] == [1, 2]
    ibid = next(r for r in doc.layer("references") if r.note_number == 2)
    assert ibid.form == "ibid" and ibid.cited_range == "61" and ibid.resolves_to
    assert "Share this post" in " ".join(doc.text[s.start:s.end] for s in doc.layer("sections") if s.kind == "boilerplate")


@pytest.mark.parametrize("token, area", [
    ("footnote", True), ("footnote-content", True), ("easy-footnotes-wrapper", True), ("references", True),
    ("mw-references-wrap", True), ("footnote-anchor", False), ("post-footnotes-enabled", False), ("notes", False),
])
def test_footnote_areas_are_told_by_whole_class_tokens(token, area):
    from historiograph.adapters.html import FOOTNOTE_AREA

    assert bool(FOOTNOTE_AREA.fullmatch(token)) is area


def _deep(depth: int) -> bytes:
    return ("<html><body>" + "<div>" * depth + "<p>Deep inside, the text is still read.</p>" + "</div>" * depth
            + "<p>After the nesting, more text.</p></body></html>").encode()


@pytest.mark.parametrize("depth", [300, 5000])
def test_deeply_nested_html_is_still_read(depth):
    """lxml stops at 256 levels (2,048 with its limits lifted) and trafilatura at 256: the
    text is read all the same, and an info problem says how."""
    doc = read_bytes(_deep(depth), "/x/deep.html")
    assert "Deep inside, the text is still read." in doc.text and "After the nesting" in doc.text
    [problem] = doc.layer("problems")
    assert problem.code == "input.html_fallback" and problem.severity == "info"
    if depth > 2048:
        assert "nested deeper than 2,048" in problem.message
    else:
        assert "main content not detected" in problem.message
    assert {s.kind for s in doc.layer("layout")} == {"body"}


def test_a_page_trafilatura_cannot_place_keeps_its_text_as_body(monkeypatch):
    from historiograph.adapters import html as adapter

    def give_up(raw):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(adapter, "main_blocks", give_up)
    doc = read_bytes(b"<html><body><p>One paragraph of text.</p><p>Another one.</p></body></html>", "/x/p.html")
    assert [s.kind for s in doc.layer("layout")] == ["body", "body"]
    [problem] = doc.layer("problems")
    assert "trafilatura failed (RecursionError)" in problem.message
