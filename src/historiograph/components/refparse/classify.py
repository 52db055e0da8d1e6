"""Split a note into its parts and tell references from commentary.

Chicago Manual of Style 17th ed.: several sources in one note are separated by
semicolons (14.53); "ibid." repeats the source of the preceding note (14.34);
shortened notes give author and short title (14.29-14.31); "op. cit." and
"loc. cit." are discouraged but common in older work (14.36). Legal writing repeats a
source as "Id. at 7" (Bluebook rule 4.1)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import strip_span
from ...text.patterns import URL_START, YEAR

IBID = re.compile(r"^(?:ibid|ibidem|id|idem)\b[.,]*(?:\s*(?:at\s+|pp?\.\s*)?(?P<range>[\dxivlc]+(?:\s*[-–—]\s*\d+)?)(?=[.,;\s]|$))?",
                  re.I)
OPCIT = re.compile(r"\b(?:op\.?\s*cit|loc\.?\s*cit)\b\.?(?:,?\s*(?:pp?\.\s*)?(?P<range>\d+(?:\s*[-–—]\s*\d+)?))?", re.I)
PREFIX = re.compile(r"^(?P<p>(?:see also|see|cf\.|compare|quoted in|cited in|as quoted in|as cited in|"
                    r"reprinted in|translated in|also|and)\s+)", re.I)
QUOTED_TITLE = re.compile(r"[“\"‘][^”\"’]{4,}[”\"’]")
LOCATOR = re.compile(r"(?:\bpp?\.\s*\d+|[,\s]\d+(?:\s*[-–—.]\s*\d+)*\.?\s*$)")
# "Marsh, Rome in Flames, 90." (author, short title, locator) or "Bolton, p. 6" (author and locator
# only, Chicago 14.29 when one work by the author is cited): a bare "p. 6" is no title.
SHORT = re.compile(r"^(?P<author>[^,]{2,60}),\s*(?:(?P<title>(?!pp?\.\s*\d).*?)[,\s]\s*)?(?:pp?\.\s*)?"
                   r"(?P<range>\d+(?:\s*[-–—.]\s*\d+)*)\.?\s*$")
BACKLINKS = "↩↑^\ufe0e\ufe0f"
# "…, 2006, p. 296. Other sources translate the line as …": a page closes the reference
# and a sentence of prose follows (a capitalised word, then three lower-case ones).
PROSE_AFTER_LOCATOR = re.compile(r"\d+[a-z]?(?:\s*[-–—]\s*\d+)?\.(?=\s+[A-Z][a-z]+(?:\s+[a-z]+){3})")


@dataclass(frozen=True)
class Part:
    start: int  # offsets into the note text
    end: int
    form: str  # full | short | ibid | op-cit | commentary
    prefix: str | None = None


def split_note(text: str) -> list[tuple[int, int]]:
    """Pieces separated by ';' outside brackets and quotes, trimmed."""
    pieces, depth, quote, start = [], 0, False, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in "“”\"":
            quote = (ch == "“") or (ch == '"' and not quote)
        elif ch == ";" and depth == 0 and not quote:
            pieces.append((start, i))
            start = i + 1
    pieces.append((start, len(text)))
    out = []
    for s, e in pieces:
        s, e = strip_span(text, s, e)
        while e > s and text[e - 1] in BACKLINKS:  # "… 1921), 3. ↩︎": a web page's link back to the marker
            s, e = strip_span(text, s, e - 1)
        if s < e:
            out.append((s, e))
    return out


def classify_piece(text: str) -> tuple[str, str | None, int]:
    """(form, prefix, prefix length) of one piece of a note."""
    m = PREFIX.match(text)
    prefix, skip = (m.group("p").strip(), m.end()) if m else (None, 0)
    body = text[skip:]
    if IBID.match(body):
        return "ibid", prefix, skip
    if OPCIT.search(body):
        return "op-cit", prefix, skip
    words = body.split()
    has_year, has_url = bool(YEAR.search(body)), bool(URL_START.search(body))
    has_title = bool(QUOTED_TITLE.search(body))
    sentences = len(re.findall(r"[a-z]{3,}[.!?](?:\s|$)", body))
    if len(words) > 60 or (sentences >= 2 and not has_year):
        return "commentary", prefix, skip
    if has_year or has_url or has_title:
        return "full", prefix, skip
    if LOCATOR.search(body) and len(words) <= 14 and body[:1].isupper():
        return "short", prefix, skip
    return "commentary", prefix, skip


def parts(text: str) -> list[Part]:
    out: list[Part] = []
    for s, e in split_note(text):
        piece = text[s:e]
        ibid = IBID.match(piece)
        if ibid and len(piece) - ibid.end() > 40:  # "Ibid. Unlike Roberts, …": a reference, then commentary
            out.append(Part(s, s + ibid.end(), "ibid"))
            rest = s + ibid.end()
            while rest < e and text[rest] in " .,":
                rest += 1
            out.append(Part(rest, e, "commentary"))
            continue
        form, prefix, skip = classify_piece(piece)
        prose = PROSE_AFTER_LOCATOR.search(piece) if form in ("full", "short") else None
        if prose and classify_piece(piece[:prose.end()])[0] == form:  # the reference, then a comment
            out.append(Part(s + skip, s + prose.end(), form, prefix))
            out.append(Part(*strip_span(text, s + prose.end(), e), "commentary"))
            continue
        out.append(Part(s + skip if form != "commentary" else s, e, form, prefix))
    return out


def note_kind(text: str) -> str:
    forms = {p.form for p in parts(text)}
    if not forms:
        return "empty"
    if forms == {"commentary"}:
        return "commentary"
    return "mixed" if "commentary" in forms else "reference"
