"""Adapters: one per input kind, each turning a file into a Document."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from ..model import Document
from . import html, pdf, text
from .html import read_html
from .pdf import read_pdf
from .text import read_text

# Adapters are analysers too: a stored file read by an older adapter is read again.
VERSIONS = tuple(f"{m.NAME}@{m.VERSION}" for m in (text, html, pdf))

EXTENSIONS = {
    ".txt": "text", ".text": "text", "": "sniff",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
}
MAX_BYTES = int(os.environ.get("HISTORIOGRAPH_MAX_BYTES", 64 * 1024 * 1024))


def sniff(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def read_bytes(data: bytes, path: str) -> Document:
    """Turn file contents into a Document; raise InputError with a one-line reason."""
    suffix = Path(path).suffix.lower()
    kind = EXTENSIONS.get(suffix)
    if kind is None:
        supported = " ".join(sorted(e for e in EXTENSIONS if e))
        raise InputError(path, f"unsupported file type '{suffix}' (supported: {supported})",
                         "input.unsupported")
    if len(data) > MAX_BYTES:
        raise InputError(path, f"file too large ({len(data) // 2**20} MiB > "
                         f"{MAX_BYTES // 2**20} MiB; set HISTORIOGRAPH_MAX_BYTES)", "input.too_large")
    if kind == "sniff":
        kind = sniff(data)
    if kind == "pdf":
        return read_pdf(data, path)
    if kind == "html":
        return read_html(data, path)
    return read_text(data, path, markdown=kind == "markdown")


def read_path(path: str | os.PathLike) -> Document:
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError as exc:
        raise InputError(str(p), "is a directory", "input.unreadable") from exc
    except OSError as exc:
        raise InputError(str(p), exc.strerror or str(exc), "input.unreadable") from exc
    return read_bytes(data, str(p.resolve()))


__all__ = ["read_path", "read_bytes", "EXTENSIONS", "InputError", "VERSIONS"]
