"""Footnotes at the foot of printed pages (PDF): each page's last lines that open
with the next note numbers in sequence ("3 Bo Other, Wages …", "4. Ibid., 44.").

Scholarly PDFs print notes as footnotes, numbered through the article or chapter
(Chicago Manual of Style 17th ed. 14.24: notes numbered consecutively, footnotes at the
foot of the page on which they are referenced). A page's footnotes follow its text, so
they are looked for from the foot of the page upwards, skipping a running page number;
the first footnote of a page carries the number after the last one seen, or 1 where the
numbering starts again (a new chapter; books that number each page anew). The notes
component links each run of notes numbered from 1 to the markers in its own stretch of
text."""

from __future__ import annotations

import re
from typing import Sequence

FOOTNOTE_START = re.compile(r"(?:\[\^?)?(\d{1,4})(?:[.)]|\]:?)?\s+(?=\S)")
MAX_SHARE = 0.6  # footnotes never fill more than this share of a page's lines


def footnote_number(text: str) -> int | None:
    m = FOOTNOTE_START.match(text)
    return int(m.group(1)) if m else None


def _starts(lines: Sequence[str], idx: Sequence[int], k: int, end: int, first: int) -> list[tuple[int, int]]:
    """The note starts first, first + 1, … among lines k..end of a page."""
    starts, nxt = [], first
    for j in range(k, end):
        if footnote_number(lines[idx[j]]) == nxt:
            starts.append((idx[j], nxt))
            nxt += 1
    return starts


def _block(lines: Sequence[str], idx: Sequence[int], end: int, first: int,
           is_notes_heading) -> tuple[list[tuple[int, int]], bool]:
    """The notes at the foot of a page from the last line that opens note ``first``, and
    whether they follow a notes heading (endnotes, which may fill the page and go on)."""
    for k in range(end - 1, -1, -1):
        if footnote_number(lines[idx[k]]) != first:
            continue
        headed = k > 0 and is_notes_heading(lines[idx[k - 1]])
        if headed or (k > 0 and end - k <= MAX_SHARE * end):
            return _starts(lines, idx, k, end, first), headed
        return [], False
    return [], False


def page_footnotes(lines: Sequence[str], pages: Sequence[Sequence[int]], is_page_number,
                   is_notes_heading=lambda text: False) -> list[list[tuple[int, int]]]:
    """For each page (the indices of its free lines, in order), the footnotes at its foot
    as (line index where the note starts, note number); an empty list where none are.
    Endnotes printed after a notes heading are read the same way, and go on at the top
    of the pages after it."""
    out: list[list[tuple[int, int]]] = []
    want, endnotes = 1, False
    for idx in pages:
        end = len(idx)
        while end and is_page_number(lines[idx[end - 1]]):
            end -= 1
        found: list[tuple[int, int]] = []
        if endnotes and end and footnote_number(lines[idx[0]]) == want:  # endnotes going on
            found = _starts(lines, idx, 0, end, want)
        else:
            endnotes = False
            for first in dict.fromkeys((want, 1)):  # numbered on, or starting again (a chapter, a page)
                found, endnotes = _block(lines, idx, end, first, is_notes_heading)
                if found:
                    break
        out.append(found)
        if found:
            want = found[-1][1] + 1
    return out
