"""PDF files via pypdf: text page by page, pages marked in the layout layer.

A PDF can hold a compression bomb: a small file whose streams inflate to gigabytes.
pypdf caps what one stream may inflate to and how many tokens it may hold; a page over
those caps is left out with a warning, and the pages are read within a share of the
file's time budget, so a thousand pages of bombs end with the pages read so far."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from ..budget import BudgetExceeded, remaining, time_limit
from ..errors import InputError
from ..model import Document, Metadata, Problem, Section, canonical_text, make_problem

NAME, VERSION = "adapter.pdf", "2"
PAGE_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, ZeroDivisionError,
               RecursionError, MemoryError)
MAX_PAGE_PROBLEMS = 20


def _info(reader: PdfReader, key: str) -> str | None:
    try:
        value = (reader.metadata or {}).get(key)
    except Exception:  # broken info dictionaries are common; metadata is optional
        return None
    return str(value).strip() or None if value else None


def _pdf_date(raw: str | None) -> str | None:
    if raw and raw.startswith("D:") and len(raw) >= 10:
        return f"{raw[2:6]}-{raw[6:8]}-{raw[8:10]}"
    return raw


def _problem(code: str, message: str) -> Problem:
    return make_problem(code, message, component=NAME, version=VERSION)


def _pages(reader: PdfReader, path: str) -> tuple[list[str], list[Problem]]:
    """The text of each page, and problems for pages not read; stops at the end of its
    share of the time budget (later pages then count as empty)."""
    pages: list[str] = []
    problems: list[Problem] = []
    bad = 0
    left = remaining()
    try:
        total = len(reader.pages)
    except PAGE_ERRORS as exc:
        raise InputError(path, f"not a readable PDF ({type(exc).__name__}: {exc})", "input.pdf") from exc
    try:
        with time_limit(None if left is None else 0.7 * left, "pdf.pages"):
            for number in range(total):
                try:
                    text = reader.pages[number].extract_text() or ""
                except PAGE_ERRORS as exc:
                    bad += 1
                    if bad <= MAX_PAGE_PROBLEMS:
                        problems.append(_problem("input.pdf_page", f"page {number + 1} of {total} not read "
                                                 f"({type(exc).__name__}: {str(exc)[:200]})"))
                    text = ""
                pages.append(canonical_text(text).strip())
    except BudgetExceeded as exc:
        if exc.label != "pdf.pages":
            raise
        problems.append(_problem("component.budget", f"text extraction stopped after {exc.seconds:.0f} CPU seconds "
                                 f"at page {len(pages) + 1} of {total}: the {total - len(pages)} pages after it "
                                 "are not read"))
    if bad > MAX_PAGE_PROBLEMS:
        problems.append(_problem("input.pdf_page", f"{bad - MAX_PAGE_PROBLEMS} more pages not read"))
    return pages, problems


def read_pdf(data: bytes, path: str) -> Document:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(path, "PDF is encrypted", "input.pdf")
    except (PdfReadError, PyPdfError, ValueError, KeyError) as exc:
        raise InputError(path, f"not a readable PDF ({exc})", "input.pdf") from exc
    pages, problems = _pages(reader, path)
    if not any(pages):
        if problems:
            more = f"; {len(problems) - 1} more like it" if len(problems) > 1 else ""
            code = "input.budget" if any(p.code == "component.budget" for p in problems) else "input.pdf"
            raise InputError(path, f"no page of the PDF could be read ({problems[0].message}{more})", code)
        raise InputError(path, "PDF has no extractable text (scanned image?)", "input.empty")
    parts, layout, pos = [], [], 0
    for page in pages:
        if parts:
            parts.append("\n\n")
            pos += 2
        layout.append(Section(spans=((pos, pos + len(page)),), kind="page",
                              component=NAME, version=VERSION))
        parts.append(page)
        pos += len(page)
    text = "".join(parts)
    meta = Metadata(
        title=_info(reader, "/Title"), author=_info(reader, "/Author"),
        date=_pdf_date(_info(reader, "/CreationDate")), source_path=path,
        media_type="application/pdf",
    )
    layers = {"layout": tuple(layout), **({"problems": tuple(problems)} if problems else {})}
    return Document(text=text, meta=meta, layers=layers)
