"""Plain text and Markdown: bytes → canonical text, with encoding detection."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from ..errors import InputError
from ..model import Document, Metadata, Problem, canonical_text, make_problem
from ..model.document import CGJ

NAME, VERSION = "adapter.text", "2"
MAX_SPANS = 20  # spans a problem points to (the first ones)

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


SURROGATE = re.compile("[\udc80-\udcff]")  # an undecodable byte, kept by surrogateescape
MULTIBYTE = re.compile("[^\x00-\x7f\udc80-\udcff]")  # a valid multi-byte UTF-8 character


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of ``data``, or None if it may be text."""
    for magic, name in SIGNATURES.items():
        if data.startswith(magic):
            return name
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return "binary data (contains NUL bytes)"
    return None


def decode(data: bytes, path: str) -> tuple[str, str, int]:
    """Decode bytes to text; return (text, encoding, invalid bytes replaced). Raise
    InputError if impossible.

    A file that is UTF-8 but for a few bad bytes (a truncated character, one pasted
    Latin-1 byte) stays UTF-8, each bad byte read as U+FFFD, rather than read whole in
    a legacy encoding (“closed” would become вЂњclosedвЂќ): its valid multi-byte
    characters outnumber its invalid bytes at least two to one. A legacy-encoded file
    (Latin-1, cp1251) has next to no valid multi-byte sequences and goes to detection."""
    if not data.strip():
        raise InputError(path, "empty file", "input.empty")
    kind = sniff_binary(data)
    if kind:
        raise InputError(path, f"not text: looks like {kind}", "input.binary")
    try:
        return _text_not_controls(data.decode("utf-8"), path, 0.1), "utf-8", 0
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", "surrogateescape")
    bad = sum(1 for _ in SURROGATE.finditer(escaped))
    valid = sum(1 for _ in MULTIBYTE.finditer(escaped))
    if valid >= 2 * bad:
        return _text_not_controls(data.decode("utf-8", "replace"), path, 0.1), "utf-8", bad
    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "could not detect a text encoding", "input.encoding")
    return _text_not_controls(str(best), path), best.encoding, 0


def _text_not_controls(text: str, path: str, share: float = 0.01) -> str:
    """The text, unless more than ``share`` of its first 20,000 characters are control
    characters (1% where the encoding was guessed; 10%, and at least 32, in valid UTF-8,
    where a few escape sequences are text that happens to hold them)."""
    head = text[:20000]
    controls = sum(1 for c in head if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > len(head) * share and (share < 0.1 or controls >= 32):
        raise InputError(path, "not text: too many control characters", "input.binary")
    return text


def decoding_problems(raw: str, text: str, replaced: int, name: str, version: str) -> list[Problem]:
    """Problems that say what reading changed: invalid UTF-8 bytes replaced (pointing
    at the first replacement characters) and long runs of combining marks broken up."""
    out = []
    if replaced:
        spans = []
        pos = text.find("\ufffd")
        while pos != -1 and len(spans) < MAX_SPANS:
            spans.append((pos, pos + 1))
            pos = text.find("\ufffd", pos + 1)
        out.append(make_problem(
            "input.invalid_utf8", f"{replaced} invalid byte{'s' if replaced > 1 else ''} in this UTF-8 file "
            "read as U+FFFD (\ufffd); the rest is read as written", component=name, version=version, spans=spans))
    inserted = text.count(CGJ) - raw.count(CGJ)
    if inserted > 0:
        out.append(make_problem(
            "input.text_adjusted", f"{inserted} combining grapheme joiner{'s' if inserted > 1 else ''} (U+034F) "
            "inserted to break up runs of more than 30 combining marks", component=name, version=version))
    return out


def read_text(data: bytes, path: str, markdown: bool = False) -> Document:
    raw, encoding, replaced = decode(data, path)
    text = canonical_text(raw)
    if not text.strip():
        raise InputError(path, "empty file (only white space)", "input.empty")
    meta = Metadata(
        source_path=path,
        media_type="text/markdown" if markdown else "text/plain",
    )
    problems = decoding_problems(raw, text, replaced, NAME, VERSION)
    return Document(text=text, meta=meta, layers={"problems": tuple(problems)} if problems else {})
