"""Structure: divide a document into title, byline, body, notes, bibliography,
forum posts, quote blocks and boilerplate. Boilerplate is marked, never removed.

Works on lines of the canonical text; patterns live in data/structure_patterns.tsv.
Adapters may provide a ``layout`` layer (HTML main content, PDF pages) that is
respected: what the adapter marked boilerplate stays boilerplate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import load_tsv
from ..model import Document, Section
from ..text.patterns import YEAR
from .base import component
from .page_notes import page_footnotes

NAME, VERSION = "structure", "2"

NOTE_ALONE = re.compile(r"\[?(\d{1,3})[.)\]]?")
NOTE_INLINE = re.compile(r"(?:\[\^?)?(\d{1,3})(?:[.)]|\]:?)\s+\S")
MARKER = r"(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\[\^?\d{1,3}\])"  # a note marker: digits, superscripts, [n]
PROSE_END = re.compile(rf"[.!?…:;”\"’')\]]\s*{MARKER}?$")
NAME_START = re.compile(r"^([A-Z][\w'’.-]+,\s|[A-Z][\w.'’-]+ [A-Z][\w.'’-]+,\s)")
QUOTED_TITLE = re.compile(r"^[“\"‘'].{5,200}[”\"’']\.?$")


@lru_cache(maxsize=None)
def patterns() -> dict[str, re.Pattern]:
    by_role: dict[str, list[str]] = {}
    for row in load_tsv("structure_patterns.tsv"):
        by_role.setdefault(row["role"], []).append(f"(?:{row['pattern']})")
    return {role: re.compile("|".join(ps), re.IGNORECASE) for role, ps in by_role.items()}


def matches(role: str, line: str) -> bool:
    pattern = patterns().get(role)
    return bool(pattern and pattern.fullmatch(line))


@dataclass
class Line:
    start: int
    end: int
    text: str
    block: int  # index of the blank-line separated block
    label: str | None = None


def split_lines(text: str) -> list[Line]:
    lines, pos, block, blank_before = [], 0, -1, True
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            if blank_before:
                block += 1
            lead = len(raw) - len(raw.lstrip())
            lines.append(Line(pos + lead, pos + lead + len(stripped), stripped, block))
        blank_before = not stripped
        pos += len(raw) + 1
    return lines


def apply_layout(doc: Document, lines: list[Line]) -> None:
    """Carry the adapter's boilerplate / heading / quote marks over to lines."""
    for region in doc.layer("layout"):
        if region.kind in ("boilerplate", "heading", "quote"):
            for line in lines:
                if region.start <= line.start and line.end <= region.end:
                    line.label = region.kind


def mark_boilerplate(lines: list[Line], text_len: int) -> None:
    for i, line in enumerate(lines):
        if line.label:
            continue
        if line.start > text_len / 2 and matches("boilerplate_tail", line.text):
            for later in lines[i:]:
                later.label = "boilerplate"
            return
        if matches("boilerplate_line", line.text):
            line.label = "boilerplate"


def reclaim_notes(lines: list[Line]) -> list[int]:
    """Web pages' footnotes are not 'main content' to trafilatura, so an HTML adapter's
    layout calls them boilerplate. A notes heading so marked that is followed by note 1
    is given back, with the marked lines after it, for the notes to be found there; the
    indices returned are put back to boilerplate unless they turn out to be notes."""
    taken: list[int] = []
    for i, line in enumerate(lines[:-1]):
        if line.label == "boilerplate" and matches("notes_heading", line.text.lstrip("# ")) \
                and is_note_start(lines, i + 1) == 1:
            j = i
            while j < len(lines) and lines[j].label == "boilerplate":
                lines[j].label = None
                taken.append(j)
                j += 1
    return taken


def is_note_start(lines: list[Line], i: int) -> int | None:
    """The note number if line i opens a note (alone on its line or inline)."""
    line = lines[i]
    m = NOTE_ALONE.fullmatch(line.text)
    if m and i + 1 < len(lines) and not NOTE_ALONE.fullmatch(lines[i + 1].text):
        return int(m.group(1))
    m = NOTE_INLINE.match(line.text)
    if m and (i == 0 or lines[i - 1].block != line.block
                                           or NOTE_INLINE.match(lines[i - 1].text)):
        return int(m.group(1))
    return None


def find_notes(lines: list[Line], hinted: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """(first, last) line indices of the endnotes: the longest 1..N chain of note starts.
    ``hinted``: lines an adapter found in the page's footnote area (a short chain there
    needs no heading)."""
    free = [i for i, line in enumerate(lines) if line.label is None]
    starts = [(i, n) for i in free if (n := is_note_start(lines, i)) is not None]
    best: list[int] = []
    for k, (i, n) in enumerate(starts):
        if n != 1:
            continue
        chain, want = [i], 2
        for j, m in starts[k + 1:]:
            if m == want:
                chain.append(j)
                want += 1
        if len(chain) >= len(best):
            best = chain
    if not best:
        return None
    first = best[0]
    heading = first > 0 and lines[first - 1].label is None and matches("notes_heading", lines[first - 1].text.lstrip("# "))
    if len(best) < 3 and not heading and not all(i in hinted for i in best):
        return None
    last_start = best[-1]
    if NOTE_ALONE.fullmatch(lines[last_start].text):
        # A note number on its own line: the note runs until boilerplate or a bibliography heading.
        last = last_start
        while last + 1 < len(lines) and lines[last + 1].label is None \
                and not matches("bibliography_heading", lines[last + 1].text):
            last += 1
    else:
        last = last_start
        while last + 1 < len(lines) and lines[last + 1].block == lines[last_start].block:
            last += 1
        # An inline-numbered list followed by more prose is a list in the body, not notes.
        tail = [ln for ln in lines[last + 1:] if ln.label is None]
        if not heading and sum(len(ln.text) > 200 for ln in tail) >= 2:
            return None
    return (first - 1 if heading else first), last


def _page_footnotes(doc: Document, lines: list[Line]) -> list[Section]:
    """A paged document's (PDF) footnotes, one `footnotes` section per page that has
    them; their lines are taken out of the body."""
    pages = [r for r in doc.layer("layout") if r.kind == "page"]
    if not pages:
        return []
    per_page: list[list[int]] = [[] for _ in pages]
    k = 0
    for i, ln in enumerate(lines):  # lines and pages are both in text order: one pass
        while k < len(pages) and pages[k].end < ln.end:
            k += 1
        if k < len(pages) and pages[k].start <= ln.start and ln.label is None:
            per_page[k].append(i)
    found = page_footnotes([ln.text for ln in lines], per_page, lambda text: matches("page_number", text),
                           lambda text: matches("notes_heading", text.lstrip("# ")))
    if sum(len(starts) for starts in found) < 2:  # one numbered line is too little to go on
        return []
    out = []
    for idx, starts in zip(per_page, found):
        if not starts:
            continue
        first, last = starts[0][0], idx[-1]
        while last > first and matches("page_number", lines[last].text):
            lines[last].label = "boilerplate"  # the page's running number
            last -= 1
        out.append(_section("footnotes", lines[first], lines[last]))
        for line in lines[first:last + 1]:
            line.label = "notes"
    return out


def reference_like(text: str) -> bool:
    if len(text) > 300:
        return False
    if QUOTED_TITLE.match(text):
        return True
    return bool(YEAR.search(text) and NAME_START.match(text))


def find_bibliography(lines: list[Line]) -> tuple[int, int] | None:
    for i, line in enumerate(lines):
        if line.label in (None, "heading") and matches("bibliography_heading", line.text.lstrip("# ")) \
                and i + 1 < len(lines):
            last = i
            while last + 1 < len(lines) and lines[last + 1].label is None:
                last += 1
            if last > i:
                return i, last
    # No heading: a run of reference-like blocks closing the readable text.
    free = [i for i, line in enumerate(lines) if line.label is None]
    if not free:
        return None
    run: list[int] = []
    block = None
    for i in reversed(free):
        line = lines[i]
        if block is not None and line.block == block:
            continue
        block_lines = [ln for ln in lines if ln.block == line.block]
        if len(block_lines) == 1 and reference_like(line.text):
            run.append(i)
            block = line.block
        else:
            break
    if len(run) >= 2:
        return min(run), max(run)
    return None


def label_header(lines: list[Line]) -> None:
    """Title, subtitle, byline and date before the first paragraph of prose."""
    seen: set[str] = set()
    first = True
    for i, line in enumerate(lines):
        if line.label == "boilerplate":
            continue
        block_len = sum(len(ln.text) + 1 for ln in lines if ln.block == line.block)
        if line.label not in (None, "heading") or (line.label == "heading" and not first) or (len(line.text) >= 80 and PROSE_END.search(line.text)) \
                or len(line.text) > 200 or block_len > 200:
            return
        nxt = next((ln for ln in lines[i + 1:] if ln.label != "boilerplate"), None)
        if re.search(rf"[^\W\d][.!?”\"’)]{MARKER}(?:\s|$)", line.text):
            return  # carries a note marker: prose, not a title
        if line.text in seen:
            line.label = "boilerplate"
        elif first and line.text.endswith(".") or first and lines[-1].block == line.block:
            return  # a sentence, or the only block of the text: body, not a title
        elif first:
            line.label = "title"
        elif matches("date", line.text):
            line.label = "date"
        elif matches("byline", line.text) or (
                nxt is not None and matches("date", nxt.text) and len(line.text.split()) <= 6):
            line.label = "byline"
        elif matches("header_boilerplate", line.text):
            line.label = "boilerplate"
        else:
            line.label = "subtitle"
        seen.add(line.text)
        first = False


def is_heading(lines: list[Line], i: int) -> bool:
    line = lines[i]
    alone = (i == 0 or lines[i - 1].block != line.block) and \
        (i + 1 == len(lines) or lines[i + 1].block != line.block)
    if line.text.startswith("#") and line.text.lstrip("#").startswith(" "):
        return True
    return alone and len(line.text) <= 80 and line.text[:1].isupper() \
        and not re.search(r"[.,;:!?]$", line.text) and i + 1 < len(lines) \
        and not matches("byline", line.text) and not matches("date", line.text)


def _section(kind: str, first: Line, last: Line, parent: str | None = None) -> Section:
    start = first.start
    if kind in ("title", "heading", "subtitle") and first is last:
        start += len(first.text) - len(first.text.lstrip("#").lstrip())  # Markdown "# "
    return Section(spans=((start, last.end),), kind=kind, parent=parent,
                   component=NAME, version=VERSION)


def _runs(lines: list[Line], keep) -> list[tuple[int, int]]:
    """Maximal runs of consecutive line indices for which keep(line) holds."""
    runs, start = [], None
    for i, line in enumerate(lines):
        if keep(line):
            start = i if start is None else start
        elif start is not None:
            runs.append((start, i - 1))
            start = None
    if start is not None:
        runs.append((start, len(lines) - 1))
    return runs


def _children(lines: list[Line], a: int, b: int, parent: Section) -> list[Section]:
    """Quote blocks and headings inside a body or post section."""
    out = []
    inner = lines[a:b + 1]
    blocks: dict[int, list[Line]] = {}
    for line in inner:
        blocks.setdefault(line.block, []).append(line)
    for block in blocks.values():
        if all(ln.label == "quote" or matches("quote_line", ln.text) for ln in block):
            out.append(_section("quote", block[0], block[-1], parent.id))
    for k, line in enumerate(inner):
        if line.label == "heading" or (parent.kind == "body" and is_heading(inner, k)
                                       and not matches("quote_line", line.text)):
            out.append(_section("heading", line, line, parent.id))
    return out


@component(NAME, VERSION, produces=("sections",), optional=("layout",))
def structure(doc: Document) -> dict[str, list[Section]]:
    lines = split_lines(doc.text)
    apply_layout(doc, lines)
    reclaimed = reclaim_notes(lines)
    mark_boilerplate(lines, len(doc.text))
    sections: list[Section] = []

    posts = [i for i, ln in enumerate(lines) if ln.label is None and matches("post_marker", ln.text)]
    if posts:
        for k, first in enumerate(posts):
            stop = posts[k + 1] if k + 1 < len(posts) else len(lines)
            last = first
            for j in range(first, stop):
                if lines[j].label == "boilerplate":
                    break
                last = j
            post = _section("post", lines[first], lines[last])
            sections.append(post)
            sections.extend(_children(lines, first, last, post))
            for line in lines[first:last + 1]:
                line.label = "post"

    sections.extend(_page_footnotes(doc, lines))
    areas = [(r.start, r.end) for r in doc.layer("layout") if r.kind == "notes"]
    hinted = frozenset(i for i, ln in enumerate(lines)
                       if areas and any(a <= ln.start and ln.end <= b for a, b in areas))
    notes = find_notes(lines, hinted)
    if notes:
        a, b = notes
        sections.append(_section("notes", lines[a], lines[b]))
        for line in lines[a:b + 1]:
            line.label = "notes"
    biblio = find_bibliography(lines)
    if biblio:
        a, b = biblio
        sections.append(_section("bibliography", lines[a], lines[b]))
        for line in lines[a:b + 1]:
            line.label = "bibliography"
    for i in reclaimed:
        if lines[i].label is None:
            lines[i].label = "boilerplate"  # the adapter's verdict stands where no notes were found

    if not posts:
        label_header(lines)
    for line in lines:
        if line.label in ("title", "subtitle", "byline", "date", "boilerplate"):
            sections.append(_section(line.label, line, line))
    for a, b in _runs(lines, lambda ln: ln.label in (None, "heading", "quote")):
        body = _section("body", lines[a], lines[b])
        sections.append(body)
        sections.extend(_children(lines, a, b, body))
    sections.sort(key=lambda s: (s.start, s.parent is not None, -s.end))
    return {"sections": _merge_boilerplate(sections)}


def _merge_boilerplate(sections: list[Section]) -> list[Section]:
    """Join adjacent boilerplate lines into one region, so a footer is one record."""
    out: list[Section] = []
    for sec in sections:
        prev = out[-1] if out else None
        if prev is not None and sec.kind == prev.kind == "boilerplate" and sec.parent is None:
            out[-1] = Section(spans=((prev.start, sec.end),), kind="boilerplate",
                              component=NAME, version=VERSION)
        else:
            out.append(sec)
    return out
