"""Spans as nested elements. Findings nest and cross (a mention inside a quotation; a claim
sentence that starts inside one attribution and ends in another), but HTML and XML
elements only nest. `nest` lays spans out as properly nested elements: a span that crosses
another is cut into fragments, each covering exactly the characters it holds. Outer spans
(earlier start, then later end, then the caller's rank) open first, so the layout does
not depend on the order the spans come in. The web reader's highlights and the TEI export
are built from its events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Hashable, Iterable, Sequence


@dataclass
class Open:
    """An element to open: ``item`` covers ``start``–``end`` here; ``fragment`` counts from 0
    and ``fragments`` is how many pieces the item was cut into."""

    item: Any
    start: int
    end: int
    fragment: int
    fragments: int = 1


@dataclass(frozen=True)
class Close:
    item: Any


@dataclass(frozen=True)
class Text:
    start: int
    end: int


Event = Open | Close | Text


def nest(length: int, items: Iterable[Any], span: Callable[[Any], tuple[int, int]],
         rank: Callable[[Any], Sequence[Hashable]] = lambda item: ()) -> list[Event]:
    """Events that lay the items out over ``0..length`` as nested elements. ``span(item)``
    gives its (start, end); empty spans and spans outside the text are left out."""
    keyed = []
    for n, item in enumerate(items):
        a, b = span(item)
        if 0 <= a < b <= length:
            keyed.append(((a, -b, *rank(item), n), a, b, item))
    keyed.sort(key=lambda k: k[0])
    starts: dict[int, list] = {}
    ends: dict[int, set[int]] = {}
    for k in keyed:
        starts.setdefault(k[1], []).append(k)
        ends.setdefault(k[2], set()).add(k[0][-1])
    bounds = sorted({0, length} | set(starts) | set(ends))
    events: list[Event] = []
    stack: list[tuple[tuple, Open]] = []
    active: list[tuple] = []
    counts: dict[int, list[Open]] = {}

    def close(at: int) -> None:
        key, opened = stack.pop()
        opened.end = at
        events.append(Close(opened.item))

    for a, b in zip(bounds, bounds[1:]):
        gone = ends.get(a)
        if gone:
            active = [k for k in active if k[0][-1] not in gone]
        if a in starts:
            active = sorted(active + starts[a], key=lambda k: k[0])
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep][0] is active[keep]:
            keep += 1
        while len(stack) > keep:
            close(a)
        for k in active[keep:]:
            pieces = counts.setdefault(k[0][-1], [])
            opened = Open(k[3], a, a, len(pieces))
            pieces.append(opened)
            stack.append((k, opened))
            events.append(opened)
        events.append(Text(a, b))
    while stack:
        close(length)
    for pieces in counts.values():
        for opened in pieces:
            opened.fragments = len(pieces)
    return events
