"""The author's own words, in passages the statement classifier can read: the body's and the
posts' paragraphs with every quotation, `>` quote, someone else's attributed words and every
mentioned term blanked out, cut at sentence ends into passages of about a tweet's length (the
classifier was trained on tweets and short posts)."""

from __future__ import annotations

import re
from typing import Iterator

from ...text.sentences import sentences
from .voice import AUTHOR_KINDS, Context, _speech

REGIONS = ("body", "post", "title", "subtitle")
QUOTE_LINE = re.compile(r"(?m)^[ \t]*>[^\n]*")
MAX_WORDS = 60
MIN_WORDS = 4


def masked_spans(ctx: Context, mentioned: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = list(mentioned)
    spans += [(s.start, s.end) for s in ctx.sections if s.kind in ("quote", "notes", "footnotes", "bibliography",
                                                                    "boilerplate")]
    for a in ctx.attributions:
        if a.kind in AUTHOR_KINDS or (ctx.author and a.speaker == ctx.author) or not _speech(ctx.doc.text, a):
            continue  # the author's own words, or a thought the author ascribes in them ("everyone knows …")
        spans += list(a.content)
    text = ctx.doc.text
    spans += [q.inner for q in ctx.quotes if len(text[q.inner[0]:q.inner[1]].split()) >= 3]
    spans += [m.span() for m in QUOTE_LINE.finditer(text)]  # `>` lines where no post structure was found
    return sorted(spans)


def blank(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> str:
    chars = list(text[a:b])
    for s, e in spans:
        if e <= a or s >= b:
            continue
        for i in range(max(s, a), min(e, b)):
            chars[i - a] = " "
    return "".join(chars)


def author_passages(ctx: Context, mentioned: list[tuple[int, int]]) -> Iterator[tuple[tuple[int, int], str]]:
    text = ctx.doc.text
    regions = [(s.start, s.end) for s in ctx.sections if s.kind in REGIONS and s.parent is None]
    if not ctx.sections:
        regions = [(0, len(text))]
    spans = masked_spans(ctx, mentioned)
    for a, b in regions:
        inside = [(s, e) for s, e in spans if s < b and e > a]
        chunk: list[tuple[int, int, str]] = []
        words = 0
        para = None
        for s, e in sentences(text, a, b):
            own = blank(text, s, e, inside)
            n = len(own.split())
            this_para = text.rfind("\n", 0, s)
            if chunk and (words + n > MAX_WORDS or this_para != para):
                yield from _emit(chunk, words)
                chunk, words = [], 0
            para = this_para
            if n:
                chunk.append((s, e, own))
                words += n
        yield from _emit(chunk, words)


def _emit(chunk: list[tuple[int, int, str]], words: int) -> Iterator[tuple[tuple[int, int], str]]:
    if chunk and words >= MIN_WORDS:
        yield (chunk[0][0], chunk[-1][1]), " ".join(own for _, _, own in chunk)
