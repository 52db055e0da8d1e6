"""Spans as nested elements. Findings nest and cross (a mention inside a quotation; a claim
sentence that starts inside one attribution and ends in another), but HTML and XML
elements only nest. `nest` lays spans out as properly nested elements: a span that crosses
another is cut into fragments, each covering exactly the characters it holds. Outer spans
(earlier start, then later end, then the caller's rank) open first, so the layout does
not depend on the order the spans come in. The web reader's highlights and the TEI export
are built from its events."""

from __future__ import annotations

from bisect import insort
from typing import Any, Callable, Hashable, Iterable, Sequence


class Open:
    """An element to open: ``item`` covers ``start``–``end`` here; ``fragment`` counts from 0
    and ``fragments`` is how many pieces the item was cut into. (Events are plain slotted
    classes: a long text has tens of thousands.)"""

    __slots__ = ("item", "start", "end", "fragment", "fragments")

    def __init__(self, item: Any, start: int, end: int, fragment: int, fragments: int = 1):
        self.item, self.start, self.end, self.fragment, self.fragments = item, start, end, fragment, fragments

    def __repr__(self) -> str:
        return f"Open({self.item!r}, {self.start}, {self.end}, {self.fragment}, {self.fragments})"


class Close:
    """The end of the element opened last."""

    __slots__ = ("item",)

    def __init__(self, item: Any):
        self.item = item


class Text:
    """The characters ``start``–``end``, inside the elements open."""

    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end


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
    # from here on an item is its place in that order: outer items have smaller numbers
    begin = [k[1] for k in keyed]
    finish = [k[2] for k in keyed]
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for g in range(len(keyed)):
        starts.setdefault(begin[g], []).append(g)
        ends.setdefault(finish[g], []).append(g)
    bounds = sorted({0, length, *starts, *ends})
    events: list[Event] = []
    stack: list[int] = []  # open items, outermost first
    opened: list[Open] = []  # their Open events
    active: list[int] = []  # items covering the current segment, in order
    pieces: list[list[Open]] = [[] for _ in keyed]
    for a, b in zip(bounds, bounds[1:]):
        gone = ends.get(a)
        if gone:
            drop = set(gone)
            active = [g for g in active if g not in drop]
        new = starts.get(a)
        if new:
            if active:
                for g in new:
                    insort(active, g)
            else:
                active = list(new)  # already in order
        keep = 0
        limit = min(len(stack), len(active))
        while keep < limit and stack[keep] == active[keep]:
            keep += 1
        while len(stack) > keep:
            stack.pop()
            o = opened.pop()
            o.end = a
            events.append(Close(o.item))
        for g in active[keep:]:
            o = Open(keyed[g][3], a, a, len(pieces[g]))
            pieces[g].append(o)
            stack.append(g)
            opened.append(o)
            events.append(o)
        events.append(Text(a, b))
    while stack:
        stack.pop()
        o = opened.pop()
        o.end = length
        events.append(Close(o.item))
    for frags in pieces:
        if len(frags) > 1:
            for o in frags:
                o.fragments = len(frags)
    return events
