import re

import pytest
from fpdf import FPDF

from benchmarks.hostile_corpus import pdf_bomb
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


def test_a_pdf_compression_bomb_is_refused_within_the_budget(tmp_path, monkeypatch):
    from historiograph.runner import process_file

    monkeypatch.setenv("HISTORIOGRAPH_TIME_BUDGET", "2")
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdf_bomb(pages=50, inflated=60_000_000))
    assert bomb.stat().st_size < 500_000
    outcome = process_file(str(bomb), ["structure"])
    assert outcome.doc is None and outcome.error.code == "input.budget"
    assert re.search(r"text extraction stopped after \d+ CPU seconds at page \d+ of 50", outcome.error.reason)


def test_an_unreadable_page_is_skipped_and_said():
    from unittest import mock

    from pypdf import PageObject
    from pypdf.errors import LimitReachedError

    real = PageObject.extract_text
    calls = []

    def flaky(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise LimitReachedError("Reached maximum number of tokens per stream.")
        return real(self, *args, **kwargs)

    with mock.patch.object(PageObject, "extract_text", flaky):
        doc = read_bytes(make_pdf(["Page one.", "Page two.", "Page three."]), "/x/p.pdf")
    assert "Page one." in doc.text and "Page three." in doc.text and "Page two." not in doc.text
    [problem] = doc.layer("problems")
    assert problem.code == "input.pdf_page" and problem.message.startswith("page 2 of 3 not read (LimitReachedError")
