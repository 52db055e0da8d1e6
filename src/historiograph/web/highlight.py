"""The reader's text as HTML: every character of the document, escaped, with each finding's
spans wrapped in elements that carry their offsets.

Findings nest and overlap (a mention inside a quotation, a claim sentence that starts
inside one attribution and ends in another). HTML elements only nest, so a span that
crosses another is cut into fragments, each an element with the same `data-id` and
`data-start`/`data-end` giving exactly the characters it holds: the text content of any
highlight element is always `text[data-start:data-end]`. Outer spans (earlier start, then
later end) open first; so the layout is the same whatever order the findings come in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from markupsafe import Markup, escape

# When two spans cover the same characters, the one earlier in this list is outside.
LAYER_ORDER = ("sections", "notes", "claims", "attributions", "references", "terms", "mentions", "quantities",
               "note_markers", "problems")
_CSS_NAME = re.compile(r"[^a-z0-9_-]")


@dataclass(frozen=True)
class Piece:
    """One span of one finding."""

    start: int
    end: int
    id: str
    layer: str
    kind: str = ""
    role: str = ""
    label: str = ""
    status: str = "machine"
    first: bool = False  # the finding's first span: carries the anchor `id="a-…"`
    hidden: bool = False  # its layer is switched off

    def order(self) -> tuple:
        rank = LAYER_ORDER.index(self.layer) if self.layer in LAYER_ORDER else len(LAYER_ORDER)
        return (self.start, -self.end, rank, self.layer, self.id, self.role)


@dataclass
class _Open:
    piece: Piece
    start: int
    slot: int  # index of the opening tag in the output
    fragment: int = 0


def css_name(text: str) -> str:
    return _CSS_NAME.sub("-", text.lower())[:40]


def _open_tag(p: Piece, start: int, end: int, fragment: int) -> str:
    classes = ["hl", f"L-{css_name(p.layer)}"]
    if p.role:
        classes.append(f"R-{css_name(p.role)}")
    if p.status != "machine":
        classes.append(f"S-{css_name(p.status)}")
    if p.hidden:
        classes.append("off")
    attrs = [("class", " ".join(classes)), ("data-id", p.id), ("data-layer", p.layer), ("data-kind", p.kind),
             ("data-start", str(start)), ("data-end", str(end))]
    if p.role:
        attrs.append(("data-role", p.role))
    if fragment:
        attrs.append(("data-part", str(fragment)))
    if p.first and not fragment:
        attrs.append(("id", f"a-{p.id}"))
    if p.label:
        attrs.append(("title", p.label))
    return "<span " + " ".join(f'{k}="{escape(v)}"' for k, v in attrs) + ">"


def highlight(text: str, pieces: Iterable[Piece]) -> Markup:
    """The whole text, escaped, with the pieces as nested `<span>` elements."""
    spans = sorted((p for p in pieces if 0 <= p.start < p.end <= len(text)), key=Piece.order)
    starts: dict[int, list[Piece]] = {}
    ends: dict[int, set[Piece]] = {}
    for p in spans:
        starts.setdefault(p.start, []).append(p)
        ends.setdefault(p.end, set()).add(p)
    bounds = sorted({0, len(text)} | set(starts) | set(ends))
    out: list[str] = []
    stack: list[_Open] = []
    active: list[Piece] = []
    fragments: dict[Piece, int] = {}

    def close(at: int) -> None:
        o = stack.pop()
        out.append("</span>")
        out[o.slot] = _open_tag(o.piece, o.start, at, o.fragment)

    for a, b in zip(bounds, bounds[1:]):
        gone = ends.get(a, set())
        if gone:
            active = [p for p in active if p not in gone]
        if a in starts:
            active = sorted(active + starts[a], key=Piece.order)
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep].piece is active[keep]:
            keep += 1
        while len(stack) > keep:
            close(a)
        for p in active[keep:]:
            n = fragments.get(p, 0)
            fragments[p] = n + 1
            stack.append(_Open(p, a, len(out), n))
            out.append("")  # the opening tag, written once its end is known
        out.append(str(escape(text[a:b])))
    while stack:
        close(len(text))
    return Markup("".join(out))


@dataclass
class LayerInfo:
    name: str
    count: int
    on: bool
    kinds: dict[str, int] = field(default_factory=dict)
