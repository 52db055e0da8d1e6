"""Quotation pairing per paragraph: curly and straight double quotes, guillemets,
quotes inside quotes, and unbalanced quotes (closed at the paragraph's end) —
one odd paragraph never spoils a document."""

from __future__ import annotations

from dataclasses import dataclass

OPEN = {"“": "”", "«": "»", "„": "“"}
CLOSE = {"”", "»"}


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just past the closing mark (or the paragraph's end)
    depth: int
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - (1 if self.closed else 0)


def _straight_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
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


def _paragraph(text: str, a: int, b: int) -> list[Quote]:
    stack: list[tuple[str, int]] = []
    out: list[Quote] = []
    for i in range(a, b):
        ch = text[i]
        if ch in OPEN and not (ch == "“" and stack and stack[-1][0] == "„"):
            stack.append((ch, i))
        elif ch in CLOSE or (ch == "“" and stack and stack[-1][0] == "„"):
            for k in range(len(stack) - 1, -1, -1):
                if OPEN.get(stack[k][0]) == ch:
                    _, s = stack.pop(k)
                    out.append(Quote(s, i + 1, k, True))
                    del stack[k:]
                    break
        elif ch == '"':
            if stack and stack[-1][0] == '"' and not _straight_opens(text, i):
                _, s = stack.pop()
                out.append(Quote(s, i + 1, len(stack), True))
            elif _straight_opens(text, i) or not stack:
                stack.append(('"', i))
            else:
                _, s = stack.pop()
                out.append(Quote(s, i + 1, len(stack), True))
    for depth, (_, s) in enumerate(stack):  # unbalanced: runs to the paragraph's end
        out.append(Quote(s, b, depth, False))
    return out
