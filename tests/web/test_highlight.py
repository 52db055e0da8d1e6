import lxml.html

from historiograph.web.highlight import Piece, highlight


def test_highlight_escapes_and_keeps_offsets():
    text = 'He said "<script>alert(1)</script>" & left.'
    pieces = [Piece(0, 2, "att-1", "attributions", "direct", "source", label='<img onerror="x">', first=True),
              Piece(8, 36, "att-1", "attributions", "direct", "content"),
              Piece(3, 20, "cla-1", "claims", first=True, status="confirmed"),
              Piece(9, 17, "men-1", "mentions", "person", hidden=True, first=True)]
    html = str(highlight(text, pieces))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; left" in html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    assert root.text_content() == text
    marks = root.xpath(".//span")
    for m in marks:
        assert m.text_content() == text[int(m.get("data-start")):int(m.get("data-end"))]
    claim = [m for m in marks if m.get("data-id") == "cla-1"]
    assert len(claim) == 1 and "S-confirmed" in claim[0].get("class")
    content = [m for m in marks if m.get("data-role") == "content"]  # crosses the claim: cut in two
    assert [(m.get("data-start"), m.get("data-end"), m.get("data-part")) for m in content] == [
        ("8", "20", None), ("20", "36", "1")]
    assert root.xpath('.//span[@id="a-att-1"]')[0].get("title") == '<img onerror="x">'
    assert "off" in root.xpath('.//span[@data-id="men-1"]')[0].get("class")


def test_control_characters_are_kept_but_isolated():
    text = "a\u202eevil\u202c b\x07"
    html = str(highlight(text, [Piece(0, 5, "x", "mentions", first=True)]))
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    assert root.text_content() == text
    assert [c.get("data-cp") for c in root.xpath('.//span[@class="ctrl"]')] == ["U+202E", "U+202C", "U+0007"]
