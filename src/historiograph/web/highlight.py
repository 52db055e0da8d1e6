"""The reader's text as HTML: every character of the document, escaped, with each finding's
spans wrapped in elements that carry their offsets. A span that crosses another is cut into
fragments (`text.nesting`), each an element with the same `data-id` and `data-start`/
`data-end` giving exactly the characters it holds: the text content of any highlight
element is always `text[data-start:data-end]`."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Iterable

from markupsafe import Markup, escape

from ..text.nesting import Open, Text, nest

# When two spans cover the same characters, the one earlier in this list is outside.
LAYER_ORDER = ("sections", "notes", "claims", "attributions", "references", "terms", "mentions", "quantities",
               "note_markers", "problems")
_CSS_NAME = re.compile(r"[^a-z0-9_-]")
# Control characters and bidirectional overrides: kept in the text (offsets hold), but each in
# an isolating element that shows its code point, so "\u202e" cannot reverse what follows.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class Piece:
    """One span of one finding (a plain slotted class: a long text has thousands)."""

    __slots__ = ("start", "end", "id", "layer", "kind", "role", "label", "status", "first", "hidden")

    def __init__(self, start: int, end: int, id: str, layer: str, kind: str = "", role: str = "", label: str = "",
                 status: str = "machine", first: bool = False, hidden: bool = False):
        self.start, self.end, self.id, self.layer, self.kind = start, end, id, layer, kind
        self.role, self.label, self.status = role, label, status
        self.first = first  # the finding's first span: carries the anchor `id="a-…"`
        self.hidden = hidden  # its layer is switched off

    def rank(self) -> tuple:
        """Between spans over the same characters: which is outside."""
        rank = _RANK.get(self.layer, len(LAYER_ORDER))
        return (rank, self.layer, self.id, self.role)


_RANK = {name: k for k, name in enumerate(LAYER_ORDER)}


@functools.lru_cache(maxsize=1024)
def css_name(text: str) -> str:
    return _CSS_NAME.sub("-", text.lower())[:40]


@functools.lru_cache(maxsize=8192)
def _attr(value: str) -> str:
    return str(escape(value))


def _open_tag(p: Piece, start: int, end: int, fragment: int) -> str:
    classes = "hl L-" + css_name(p.layer)
    if p.role:
        classes += " R-" + css_name(p.role)
    if p.status != "machine":
        classes += " S-" + css_name(p.status)
    if p.hidden:
        classes += " off"
    tag = (f'<span class="{_attr(classes)}" data-id="{_attr(p.id)}" data-layer="{_attr(p.layer)}" '
           f'data-kind="{_attr(p.kind)}" data-start="{start}" data-end="{end}"')
    if p.role:
        tag += f' data-role="{_attr(p.role)}"'
    if fragment:
        tag += f' data-part="{fragment}"'
    elif p.first:
        tag += f' id="a-{_attr(p.id)}"'
    if p.label:
        tag += f' title="{_attr(p.label)}"'
    return tag + ">"


_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def _visible(m: re.Match) -> str:
    return f'<span class="ctrl" data-cp="U+{ord(m.group()):04X}">{m.group()}</span>'


def shown(text: str) -> str:
    """Escaped text, with control characters made visible and harmless."""
    out = text.translate(_ESCAPE)
    return _CONTROL.sub(_visible, out) if _CONTROL.search(out) else out


def highlight(text: str, pieces: Iterable[Piece]) -> Markup:
    """The whole text, escaped, with the pieces as nested `<span>` elements."""
    out: list[str] = []
    show = shown if _CONTROL.search(text) else (lambda chunk: chunk.translate(_ESCAPE))
    for event in nest(len(text), pieces, lambda p: (p.start, p.end), Piece.rank):
        kind = type(event)
        if kind is Text:
            out.append(show(text[event.start:event.end]))
        elif kind is Open:
            out.append(_open_tag(event.item, event.start, event.end, event.fragment))
        else:
            out.append("</span>")
    return Markup("".join(out))


@dataclass
class LayerInfo:
    name: str
    count: int
    on: bool
    kinds: dict[str, int] = field(default_factory=dict)
