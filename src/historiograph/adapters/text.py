"""Plain text and Markdown: bytes → canonical text, with encoding detection."""

from __future__ import annotations

from charset_normalizer import from_bytes

from ..errors import InputError
from ..model import Document, Metadata, canonical_text

NAME, VERSION = "adapter.text", "1"

# Magic numbers of common binary formats, so a renamed image is named as such.
SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or DOCX/EPUB/XLSX)",
    b"\x1f\x8b": "a gzip archive",
    b"%PDF": "a PDF file",
    b"\x7fELF": "an executable",
    b"SQLite format 3\x00": "an SQLite database",
}


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of ``data``, or None if it may be text."""
    for magic, name in SIGNATURES.items():
        if data.startswith(magic):
            return name
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return "binary data (contains NUL bytes)"
    return None


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes to text; return (text, encoding). Raise InputError if impossible."""
    if not data.strip():
        raise InputError(path, "empty file", "input.empty")
    kind = sniff_binary(data)
    if kind:
        raise InputError(path, f"not text: looks like {kind}", "input.binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "could not detect a text encoding", "input.encoding")
    text = str(best)
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > len(text[:20000]) * 0.01:
        raise InputError(path, "not text: too many control characters", "input.binary")
    return text, best.encoding


def read_text(data: bytes, path: str, markdown: bool = False) -> Document:
    raw, encoding = decode(data, path)
    text = canonical_text(raw)
    if not text.strip():
        raise InputError(path, "empty file (only white space)", "input.empty")
    meta = Metadata(
        source_path=path,
        media_type="text/markdown" if markdown else "text/plain",
    )
    return Document(text=text, meta=meta)
