"""Readers for annotated reference data: AnyStyle XML and Linked Books CoNLL.

Both give a list of references, each a list of (text, label) segments with labels
already mapped to CSL-JSON field names (see LABELS_*)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

Segment = tuple[str, str]  # (text, csl field)

# AnyStyle's tags (anystyle/parser, BSD-2-Clause) → CSL-JSON variables.
LABELS_ANYSTYLE = {
    "author": "author", "editor": "editor", "translator": "translator", "title": "title",
    "container-title": "container-title", "journal": "container-title", "date": "issued",
    "pages": "page", "publisher": "publisher", "location": "publisher-place", "volume": "volume",
    "url": "URL", "doi": "DOI", "isbn": "ISBN", "note": "note", "genre": "genre", "edition": "edition",
    "citation-number": "citation-number", "collection-title": "collection-title", "source": "source",
    "medium": "medium", "director": "director", "producer": "producer",
}

# Linked Books task-1 components (Colavizza & Romanello, CC BY 4.0) → CSL-JSON variables.
LABELS_LINKEDBOOKS = {
    "author": "author", "title": "title", "year": "issued", "date": "issued",
    "publicationplace": "publisher-place", "publisher": "publisher", "pagination": "page",
    "volume": "volume", "tomo": "volume", "publicationnumber-year": "issue",
    "publicationspecifications": "note", "series": "collection-title", "editor": "editor",
    "archivalreference": "archive_location", "archive_lib": "archive", "filza": "archive_location",
    "registry": "archive_location", "cartulation": "archive_location", "box": "archive_location",
    "column": "page", "abbreviation": "abbreviation", "conjunction": "other", "ref": "other",
    "numbered_ref": "citation-number", "o": "other",
}


def read_anystyle(path: str | Path) -> list[list[Segment]]:
    root = ET.parse(path).getroot()
    refs = []
    for seq in root.iter("sequence"):
        segs = []
        for el in seq:
            text = " ".join("".join(el.itertext()).split())
            if text:
                segs.append((text, LABELS_ANYSTYLE.get(el.tag, el.tag)))
        if segs:
            refs.append(segs)
    return refs


def read_linkedbooks(path: str | Path, keep_raw_labels: bool = False) -> list[list[Segment]]:
    """CoNLL `TOKEN COMPONENT TYPE SPAN` with CR line ends; references end at blank lines
    or where the SPAN column opens a new reference (b-r)."""
    raw = Path(path).read_bytes().decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    refs: list[list[Segment]] = []
    tokens: list[tuple[str, str]] = []

    def flush():
        if tokens:
            segs: list[Segment] = []
            for tok, lab in tokens:
                if segs and segs[-1][1] == lab:
                    segs[-1] = (segs[-1][0] + " " + tok, lab)
                else:
                    segs.append((tok, lab))
            refs.append(segs)
            tokens.clear()

    for line in raw.split("\n"):
        parts = line.split()
        if len(parts) < 4 or parts[0] == "-DOCSTART-":
            flush()
            continue
        tok, comp, span = parts[0], parts[1], parts[3]
        if span == "b-r":
            flush()
        label = comp if keep_raw_labels else LABELS_LINKEDBOOKS.get(comp, "other")
        tokens.append((tok, label))
    flush()
    return refs
