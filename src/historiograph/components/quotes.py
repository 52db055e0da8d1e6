"""Quotation pairing per paragraph: curly and straight double quotes, guillemets,
two apostrophes standing for a double quote (`''…''`, as in many newspaper archives),
quotes inside quotes, and unbalanced quotes (closed at the paragraph's end) — one odd
paragraph never spoils a document.

The work is linear in the number of quotation marks: nesting is capped at MAX_DEPTH
(an opening mark deeper than that is ignored), so closing a quote looks at a few open
ones at most, and a paragraph leaves at most MAX_DEPTH quotes unbalanced. `QuoteIndex`
answers "which quotes start in a..b / hold position p / follow p" by bisection, so the
callers never scan every quote for every sentence."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterator

OPEN = {"“": "”", "«": "»", "„": "“"}
CLOSE = {"”", "»"}
MARKS = frozenset("“”«»„\"")
MAX_DEPTH = 4  # a quote in a quote in a quote in a quote; deeper opening marks are noise
# after a nested quote's closing mark: a citation or the next sentence (the outer quote shares the close)
# (the look-behind keeps a search from starting again inside a run it has tried: linear)
SHARED_CLOSE = re.compile(r"(?<![\d\s\]])(?:(?:\[\d{1,3}\]|\d{1,3})*+[ \t\u00a0]++[A-Z“\"]"
                          r"|(?:\[\d{1,3}\]|\d{1,3})*+\s*+$)")


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just past the closing mark (or the paragraph's end)
    depth: int
    closed: bool
    open_len: int = 1  # 2 for `''`
    close_len: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.open_len, self.end - (self.close_len if self.closed else 0)


def _straight_opens(text: str, i: int, width: int = 1) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + width] if i + width < len(text) else " "
    if before.isspace() or before in "([{:—–-/" or i == 0:
        return not after.isspace()
    return False


def pair_quotes(text: str, start: int = 0, end: int | None = None) -> list[Quote]:
    """Quotes in text[start:end], one paragraph at a time."""
    end = len(text) if end is None else end
    found: list[Quote] = []
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop == -1 else stop
        found.extend(_paragraph(text, pos, stop))
        pos = stop + 1
    return sorted(found, key=lambda q: (q.start, -q.end))


MARK = re.compile(r"''|[“”«»„\"]")


def _paragraph(text: str, a: int, b: int) -> list[Quote]:
    stack: list[tuple[str, int]] = []
    out: list[Quote] = []
    for m in MARK.finditer(text, a, b):
        i = m.start()
        ch = text[i]
        width = 2 if text.startswith("''", i) and i + 1 < b else 1
        if width == 2:
            ch = '"'
        if ch in OPEN and not (ch == "“" and stack and stack[-1][0] == "„"):
            if len(stack) < MAX_DEPTH:
                stack.append((ch, i))
        elif ch in CLOSE or (ch == "“" and stack and stack[-1][0] == "„"):
            for k in range(len(stack) - 1, -1, -1):
                if OPEN.get(stack[k][0]) == ch:
                    _, s = stack.pop(k)
                    out.append(Quote(s, i + 1, k, True))
                    del stack[k:]
                    break
        elif ch == '"':
            opens = _straight_opens(text, i, width)
            if stack and stack[-1][0] == '"' and not opens:
                out.append(_close(text, stack.pop()[1], i, width, len(stack)))
            elif opens or not stack:
                if len(stack) < MAX_DEPTH:
                    stack.append(('"', i))
            else:
                out.append(_close(text, stack.pop()[1], i, width, len(stack)))
    for depth, (_, s) in enumerate(stack):  # unbalanced: runs to the paragraph's end
        out.append(_unbalanced(text, s, b, depth, out))
    return out


def _unbalanced(text: str, s: int, b: int, depth: int, done: list[Quote]) -> Quote:
    """An opening mark never closed. When a quote nested in it closes a sentence ("… said:
    "We hate …."[51] It has also been said …"), the two quotes shared that closing mark:
    the outer one ends there too. Otherwise it runs to the paragraph's end."""
    for q in done:
        if q.start > s and q.closed and q.depth == depth + 1 and text[q.end - q.close_len - 1:q.end - q.close_len] in ".!?" \
                and SHARED_CLOSE.match(text, q.end, b):
            return Quote(s, q.end, depth, True, _width(text, s), q.close_len)
    return Quote(s, b, depth, False, _width(text, s))


def _width(text: str, pos: int) -> int:
    return 2 if text.startswith("''", pos) else 1


def _close(text: str, start: int, i: int, width: int, depth: int) -> Quote:
    return Quote(start, i + width, depth, True, _width(text, start), width)


class QuoteIndex:
    """Quotes sorted by start, with the questions attribution asks answered by bisection."""

    def __init__(self, quotes: list[Quote]):
        self.quotes = sorted(quotes, key=lambda q: (q.start, -q.end))
        self.starts = [q.start for q in self.quotes]
        self._tops: list[Quote] = []
        self._kids: dict[int, list[Quote]] = {}
        stack: list[Quote] = []
        for q in self.quotes:  # quotes of one paragraph nest or are disjoint
            while stack and not (q.start < stack[-1].end and q.end <= stack[-1].end):
                stack.pop()
            (self._kids.setdefault(id(stack[-1]), []) if stack else self._tops).append(q)
            stack.append(q)
        self._top_starts = [q.start for q in self._tops]
        self._kid_starts = {k: [x.start for x in v] for k, v in self._kids.items()}

    def __len__(self) -> int:
        return len(self.quotes)

    def __iter__(self):
        return iter(self.quotes)

    def starting_in(self, a: int, b: int) -> list[Quote]:
        return self.quotes[bisect_left(self.starts, a):bisect_left(self.starts, b)]

    def holding(self, pos: int) -> list[Quote]:
        """Quotes with start <= pos < end, outermost first."""
        out: list[Quote] = []
        level, starts = self._tops, self._top_starts
        while level:
            k = bisect_right(starts, pos) - 1
            if k < 0 or not level[k].start <= pos < level[k].end:
                break
            q = level[k]
            out.append(q)
            level, starts = self._kids.get(id(q), []), self._kid_starts.get(id(q), [])
        return out

    def overlapping(self, a: int, b: int) -> list[Quote]:
        """Quotes that share a character with a..b: those holding a, then those starting inside."""
        held = self.holding(a)
        inside = self.starting_in(a, b)
        return held + [q for q in inside if q not in held]

    def after(self, pos: int) -> Iterator[Quote]:
        """Quotes starting at pos or later, in order (a lazy walk: callers stop early)."""
        for k in range(bisect_left(self.starts, pos), len(self.quotes)):
            yield self.quotes[k]

    def before(self, pos: int) -> Iterator[Quote]:
        """Quotes starting before pos, nearest first (callers stop early)."""
        for k in range(bisect_left(self.starts, pos) - 1, -1, -1):
            yield self.quotes[k]
