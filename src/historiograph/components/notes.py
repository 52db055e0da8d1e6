"""Notes: split the notes section into numbered notes, find note markers in the
text in every style seen in the wild, and link them.

Markers are told from years, page numbers, quantities and a quoted source's own
note numbers by using the fact that markers follow the note sequence 1..N: all
candidates are aligned to the notes at once (a maximum-weight increasing
subsequence), never one by one (Chicago Manual of Style 17th ed. 14.19-14.26 on
note numbering)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..model import Document, Note, NoteMarker, Problem, Section, make_problem
from .base import component
from ..text.sentences import sentence_at, sentences
from .refparse.classify import note_kind
from .page_notes import FOOTNOTE_START, footnote_number
from .structure import NOTE_ALONE, NOTE_INLINE, Line, is_note_start, split_lines

NAME, VERSION = "notes", "2"
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# style → (pattern, weight); group "n" is the marker number.
CANDIDATES = [
    ("bracket", re.compile(r"\[\^?(?P<n>\d{1,3})\]"), 1.0),
    ("superscript", re.compile(r"(?P<n>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})"), 1.0),
    # glued to punctuation or a word: `malpractice.1`, `cosmopolitanism.”2`, `noted1`, `remarked7)`
    ("glued", re.compile(r"(?<=[^\s\d\[(\-–—/$£€%#.,]|[.,;:!?])(?P<n>\d{1,3})(?=$|[\s.,;:!?)\]”\"’'])"), 0.9),
    # after a space that follows closing punctuation: `rule.” 14`
    ("spaced", re.compile(r"(?<=[.,;:!?”\"’)] )(?P<n>\d{1,3})(?=\s*$|\s*\n|\s+[A-Z“\"])"), 0.6),
    # glued to a year: `by 195343` is 1953 plus note 43
    ("after_number", re.compile(r"(?<![\d.,])(?:1[5-9]\d\d|20[0-4]\d)(?P<n>\d{1,2})(?![\d])"), 0.5),
]
PAIR = re.compile(r" (?P<n>\d{1,3})(?=$|[\s.,;:)])")  # the second of an adjacent pair: `them.)20 21`


@dataclass
class Candidate:
    start: int
    end: int
    number: int
    style: str
    weight: float
    in_quote: bool


def parse_notes(doc: Document, section: Section, first: int = 1,
                near: list[Line] | None = None) -> list[tuple[int, int, int]]:
    """(number, start, end) of each note in a notes section (endnotes numbered from 1, or
    a page's footnotes numbered on from ``first``). ``near``: the document's lines around
    the section, for a caller that parses many sections and splits the text once."""
    near = near if near is not None else split_lines(doc.text)
    lines = [ln for ln in near if section.start <= ln.start and ln.end <= section.end]
    footnotes = section.kind == "footnotes"
    starts: list[tuple[int, int]] = []  # (line index, number)
    want = first
    for i in range(len(lines)):
        n = footnote_number(lines[i].text) if footnotes else is_note_start(lines, i)
        if n == want:
            starts.append((i, n))
            want += 1
    notes = []
    for k, (i, n) in enumerate(starts):
        line: Line = lines[i]
        if footnotes:
            opening = FOOTNOTE_START.match(line.text)  # it matched: footnote_number found the start
            start = line.start + (opening.end() if opening else 0)
        elif NOTE_ALONE.fullmatch(line.text):
            start = lines[i + 1].start if i + 1 < len(lines) else line.end
        else:
            m = NOTE_INLINE.match(line.text)
            start = line.start + m.end() - 1
        last = (starts[k + 1][0] - 1) if k + 1 < len(starts) else len(lines) - 1
        end = max(start, lines[last].end) if last >= i else start
        notes.append((n, start, end))
    return notes


def find_candidates(doc: Document, regions: list[tuple[int, int]], quotes: list[tuple[int, int]]) -> list[Candidate]:
    text = doc.text
    found: dict[tuple[int, int], Candidate] = {}
    for a, b in regions:
        for style, pattern, weight in CANDIDATES:
            for m in pattern.finditer(text, a, b):
                s, e = m.span("n")
                number = int(m.group("n").translate(SUPERSCRIPTS))
                if number == 0 or (s, e) in found:
                    continue
                if style == "glued" and text[s - 1].isalpha() and _word_with_digits(text, s):
                    continue
                inq = any(qa <= s < qb for qa, qb in quotes)
                found[(s, e)] = Candidate(s, e, number, style, weight, inq)
                pair = PAIR.match(text, e, b)
                if pair and style in ("glued", "bracket", "superscript"):
                    ps, pe = pair.span("n")
                    found.setdefault((ps, pe), Candidate(ps, pe, int(pair.group("n")), "glued", weight * 0.9, inq))
    return sorted(found.values(), key=lambda c: c.start)


def _word_with_digits(text: str, s: int) -> bool:
    """`B200`, `MP3`, `COVID19`: digits that belong to a code, not a note marker."""
    i = s
    while i > 0 and text[i - 1].isalnum():
        i -= 1
    word = text[i:s]
    return word.isupper() and len(word) <= 5 or any(c.isdigit() for c in word)


def align(cands: list[Candidate], n_notes: int) -> list[int]:
    """Indices of the candidates forming the best strictly increasing chain of note
    numbers: most markers first, then the most marker-like ones."""
    size = n_notes + 1
    tree = [(0.0, -1)] * (size + 1)  # Fenwick tree of prefix maxima: (score, candidate index)

    def query(v: int) -> tuple[float, int]:
        best = (0.0, -1)
        while v > 0:
            best = max(best, tree[v])
            v -= v & -v
        return best

    def update(v: int, item: tuple[float, int]) -> None:
        while v <= size:
            if item > tree[v]:
                tree[v] = item
            v += v & -v

    back: dict[int, int] = {}
    score: dict[int, float] = {}
    for i, c in enumerate(cands):
        if not 1 <= c.number <= n_notes:
            continue
        prev_score, prev = query(c.number - 1)
        own = 1.0 + c.weight * (0.5 if c.in_quote else 1.0)
        score[i], back[i] = prev_score + own, prev
        update(c.number, (score[i], i))
    if not score:
        return []
    i = max(score, key=lambda k: score[k])
    chain = []
    while i != -1:
        chain.append(i)
        i = back[i]
    return chain[::-1]


def _problem(code: str, message: str, spans=()) -> Problem:
    return make_problem(code, message, component=NAME, version=VERSION, spans=spans)


def note_units(doc: Document, note_secs: list[Section]) -> list[tuple[list[tuple[int, int, int]], int, int]]:
    """Runs of notes numbered from 1, each with the stretch of text whose markers point to
    it: all endnotes sections are one run over the whole text (as before pages were
    read); footnotes run on from page to page until a page starts again at 1 (a new
    chapter, or a book that numbers each page anew), and a run's markers stand between
    the previous run's last footnotes and its own."""
    units: list[tuple[list[tuple[int, int, int]], int, int]] = []
    lines = split_lines(doc.text)
    starts = [ln.start for ln in lines]

    def near(sec: Section) -> list[Line]:
        return lines[bisect_left(starts, sec.start):bisect_right(starts, sec.end)]

    endnotes = [n for sec in note_secs if sec.kind == "notes" for n in parse_notes(doc, sec, 1, near(sec))]
    if endnotes:
        units.append((endnotes, 0, len(doc.text)))
    run: list[tuple[int, int, int]] = []
    start = end = 0
    for sec in (s for s in note_secs if s.kind == "footnotes"):
        first = footnote_number(doc.text[sec.start:sec.end]) or 1
        if run and first != run[-1][0] + 1:
            units.append((run, start, end))
            run, start = [], end
        run.extend(parse_notes(doc, sec, first, near(sec)))
        end = sec.end
    if run:
        units.append((run, start, end))
    return units


def link(doc: Document, parsed: list[tuple[int, int, int]], cands: list[Candidate],
         sents: list[tuple[int, int]]) -> tuple[list[Note], list[NoteMarker], list[Problem]]:
    """Align one run of notes with the candidate markers of its text and make the records."""
    n_notes = len(parsed)
    chain = align(cands, n_notes)
    used = set(chain)
    problems: list[Problem] = []
    linked: dict[int, Candidate] = {cands[i].number: cands[i] for i in chain}
    for i, c in enumerate(cands):  # strong markers the order constraint left out
        if i in used or c.in_quote or c.weight < 0.9 or c.style == "after_number":
            continue
        if 1 <= c.number <= n_notes and c.number not in linked:
            linked[c.number] = c
            used.add(i)
            problems.append(_problem("notes.out_of_sequence", f"marker {c.number} is out of sequence: "
                                     "it stands where a different note number was expected", [(c.start, c.end)]))
        elif n_notes and n_notes < c.number <= n_notes + 3 and c.style != "spaced":
            problems.append(_problem("notes.marker_without_note", f"marker {c.number} has no note "
                                     f"(the notes stop at {n_notes})", [(c.start, c.end)]))
    note_records: list[Note] = []
    marker_records: list[NoteMarker] = []
    for number, start, end in parsed:
        text = doc.text[start:end]
        note = Note(spans=((start, end),), number=number, kind=note_kind(text), component=NAME, version=VERSION)
        note_records.append(note)
        c = linked.get(number)
        if c is None:
            problems.append(_problem("notes.unreferenced", f"note {number} is never referenced: "
                                     "no marker for it was found in the text", [(start, end)]))
            continue
        sent = sentence_at(sents, c.start)
        if sent and sent[0] >= c.start - 1:  # a spaced marker: the sentence before it
            k = sents.index(sent)
            sent = (sents[k - 1][0], c.end) if k else sent
        marker_records.append(NoteMarker(
            spans=((c.start, c.end),), number=number, style=c.style, sentence=sent, note=note.id,
            confidence=round(min(1.0, 0.5 + c.weight / 2), 2), component=NAME, version=VERSION))
    return note_records, marker_records, problems


@component(NAME, VERSION, requires=("sections",), produces=("notes", "note_markers"))
def notes(doc: Document) -> dict:
    secs = [s for s in doc.layer("sections") if isinstance(s, Section)]
    note_secs = sorted((s for s in secs if s.kind in ("notes", "footnotes")), key=lambda s: s.start)
    regions = [(s.start, s.end) for s in secs if s.parent is None and s.kind in ("body", "post", "subtitle")]
    quotes = [(s.start, s.end) for s in secs if s.kind == "quote"]
    units = note_units(doc, note_secs)
    problems: list[Problem] = []
    if not units:
        cands = find_candidates(doc, regions, quotes)
        strong = [c for c in cands if not c.in_quote and c.weight >= 0.9]
        run = [c for k, c in enumerate(strong) if c.number == k + 1]
        if len(run) >= 2 and run[0].number == 1:
            for c in run:
                problems.append(_problem("notes.marker_without_note", f"marker {c.number} has no note: "
                                         "the document has no notes section", [(c.start, c.end)]))
    sents = sentences(doc.text)
    note_records: list[Note] = []
    marker_records: list[NoteMarker] = []
    for parsed, a, b in units:
        inside = [(max(s, a), min(e, b)) for s, e in regions if s < b and a < e]
        n, m, p = link(doc, parsed, find_candidates(doc, inside, quotes), sents)
        note_records += n
        marker_records += m
        problems += p
    return {"notes": note_records, "note_markers": sorted(marker_records, key=lambda m: m.start),
            "problems": problems}
