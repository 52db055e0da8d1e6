"""Sentence boundaries that survive web copies: glued note markers (`nationalism.”3`),
curly quotes and initials. A light splitter for components that need sentences
before (or without) a full parse."""

from __future__ import annotations

import re

from ..model import strip_span

# End of sentence: . ! ? … then closing quotes/brackets, then optional glued note
# digits, then white space and a capital, a quote, a digit or the end of the paragraph.
BOUNDARY = re.compile(r"[.!?…][\"”’')\]]*(?:\d{1,3}(?:\s\d{1,3})*)?(?=\s+[\"“‘(\[]?[A-Z0-9]|\s*\n|\s*$)")
ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sgt|Rev|Jr|Sr|vs|cf|eg|ie|al|ed|eds|vol|no|pp?|ch|fig|Nos?|Vol|Ed|Eds|trans|ca|c)\.|\b[A-Z]\.|\b(?:e\.g|i\.e|U\.S|U\.K)\.)$")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in text[start:end], paragraph by paragraph."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text[start:end]):
        p0, p1 = start + para.start(), start + para.end()
        s = p0
        for m in BOUNDARY.finditer(text, p0, p1):
            if ABBREV.search(text[max(p0, m.start() - 6):m.start() + 1]):
                continue
            e = m.end()
            if text[s:e].strip():
                out.append(strip_span(text, s, e))
            s = e
        if text[s:p1].strip():
            out.append(strip_span(text, s, p1))
    return out


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    for s, e in spans:
        if s <= offset < e or offset == e:
            return s, e
    return None
