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
