"""Adapters: one per input kind, each turning a file into a Document."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from ..model import Document
from . import html, pdf, text
from .files import display_path, max_bytes, read_file, too_large
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
    if len(data) > max_bytes():
        raise too_large(path, len(data), max_bytes())
    if kind == "sniff":
        kind = sniff(data)
    if kind == "pdf":
        return read_pdf(data, path)
    if kind == "html":
        return read_html(data, path)
    return read_text(data, path, markdown=kind == "markdown")


def read_path(path: str | os.PathLike) -> Document:
    """A file as a Document (its size checked first, nothing but a regular file opened)."""
    data = read_file(path)
    return read_bytes(data, display_path(Path(path).resolve()))


__all__ = ["read_path", "read_bytes", "read_file", "display_path", "EXTENSIONS", "InputError", "VERSIONS"]
