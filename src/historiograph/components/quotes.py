"""Quotation pairing per paragraph: curly and straight double quotes, guillemets,
two apostrophes standing for a double quote (`''…''`, as in many newspaper archives),
quotes inside quotes, and unbalanced quotes (closed at the paragraph's end) — one odd
paragraph never spoils a document."""

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


def _paragraph(text: str, a: int, b: int) -> list[Quote]:
    stack: list[tuple[str, int]] = []
    out: list[Quote] = []
    i = a
    while i < b:
        ch = text[i]
        width = 2 if text.startswith("''", i) and i + 1 < b else 1
        if width == 2:
            ch = '"'
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
            opens = _straight_opens(text, i, width)
            if stack and stack[-1][0] == '"' and not opens:
                out.append(_close(text, stack.pop()[1], i, width, len(stack)))
            elif opens or not stack:
                stack.append(('"', i))
            else:
                out.append(_close(text, stack.pop()[1], i, width, len(stack)))
        i += width
    for depth, (_, s) in enumerate(stack):  # unbalanced: runs to the paragraph's end
        out.append(Quote(s, b, depth, False, _width(text, s)))
    return out


def _width(text: str, pos: int) -> int:
    return 2 if text.startswith("''", pos) else 1


def _close(text: str, start: int, i: int, width: int, depth: int) -> Quote:
    return Quote(start, i + width, depth, True, _width(text, start), width)
