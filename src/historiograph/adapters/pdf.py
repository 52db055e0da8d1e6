"""PDF files via pypdf: text page by page, pages marked in the layout layer."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ..errors import InputError
from ..model import Document, Metadata, Section, canonical_text

NAME, VERSION = "adapter.pdf", "1"


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


def read_pdf(data: bytes, path: str) -> Document:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(path, "PDF is encrypted", "input.pdf")
        pages = [canonical_text(page.extract_text() or "").strip() for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise InputError(path, f"not a readable PDF ({exc})", "input.pdf") from exc
    if not any(pages):
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
    return Document(text=text, meta=meta, layers={"layout": tuple(layout)})
