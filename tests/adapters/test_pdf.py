import pytest
from fpdf import FPDF

from historiograph.adapters import read_bytes
from historiograph.errors import InputError


def make_pdf(pages: list[str]) -> bytes:
    pdf = FPDF()
    pdf.set_title("A Paper on Fires")
    pdf.set_author("Q. Writer")
    pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def test_pdf_text_pages_and_metadata():
    doc = read_bytes(make_pdf(["First page about the fire.", "Second page with notes."]), "/x/p.pdf")
    assert doc.meta.title == "A Paper on Fires" and doc.meta.author == "Q. Writer"
    assert doc.meta.media_type == "application/pdf"
    pages = [doc.text[r.start:r.end] for r in doc.layer("layout") if r.kind == "page"]
    assert pages == ["First page about the fire.", "Second page with notes."]


def test_broken_pdf_is_a_clear_error():
    with pytest.raises(InputError, match=r"^/x/broken.pdf: not a readable PDF"):
        read_bytes(b"%PDF-1.4\nthis is not really a pdf", "/x/broken.pdf")
