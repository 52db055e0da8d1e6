"""Attributions that span paragraphs or need no parse: the block quotation after "X writes:"
(one or more paragraphs), a quotation paragraph that goes on after "“A,” X said.", speaker
lines of a transcript ("PROSECUTOR: …") and a forum poster's `>` quote of a linked page."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from ..model import Document, Section
from ..text.patterns import URL
from .attribution_draft import Draft, Span, blank, trim
from .attribution_lexicon import not_speakers
from .cue_args import strip_titles
from .quotes import QuoteIndex

NON_SPACE = re.compile(r"\S")
ELIDED = re.compile(r"(?:\[…\]|\[\.\.\.\]|…|\.\.\.)[\s”\"]*$")
ELIDED_OPEN = re.compile(r"^[“\"]?(?:\[…\]|\[\.\.\.\]|…|\.\.\.)")
LABEL_LINE = re.compile(r"^(?P<src>[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|for|of|the|de|von|van|al|to)){0,4}):\s+(?P<con>\S.*\S)\s*$")


def next_paragraph(text: str, pos: int, limit: int | None = None) -> Span | None:
    """The next non-empty line after pos (the paragraph that follows)."""
    nl = text.find("\n", pos)
    if nl == -1:
        return None
    m = NON_SPACE.search(text, nl)  # a scan, not a pattern that retries a run of blank lines from each start
    if not m or (limit is not None and m.start() >= limit):
        return None
    end = text.find("\n", m.start())
    return m.start(), len(text) if end == -1 else end


def block_after(text: str, intro_end: int, markers: list[Span], quote_sections: dict[int, Span],
                limit: int | None = None, own_cue=lambda a, b: False) -> list[Span]:
    """The block quotation after an introducing sentence: the next paragraph, and those after
    it while they go on quoting (they open with a quotation mark, or the one before ends in
    an elision) and no note marker has closed the quotation. A `quote` section of the layout
    is taken whole."""
    first = next_paragraph(text, intro_end, limit)
    if first is None:
        return []
    if first[0] in quote_sections:
        return quote_lines(text, quote_sections[first[0]])
    paras = [first]
    while len(paras) < 20:
        last = paras[-1]
        if closes_with_marker(text, last, markers):
            break
        more = next_paragraph(text, last[1], limit)
        if more is None:
            break
        voice = first_person(text, first) and first_person(text, more) and not first_person(text, intro_para(text, intro_end))
        goes_on = text[more[0]] in "“\"" and not text.startswith("“”", more[0]) or ELIDED.search(text, last[0], last[1]) \
            or ELIDED_OPEN.match(text, more[0]) or voice  # a memoir's "I" goes on where the author's text has none
        if not goes_on or own_cue(*more) and not voice:  # "“…,” said Caddell.": a paragraph with its own cue
            break
        paras.append(more)
    if len(paras) == 1 and markers and not closes_with_marker(text, first, markers):
        paras = closed_later(text, first, markers, limit) or paras
    return [trim(text, *p) for p in paras]


FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Ww]e|[Oo]ur|[Uu]s)\b")


def first_person(text: str, para: Span) -> bool:
    """The first sentence (or 300 characters) of a paragraph speaks in the first person."""
    head = text[para[0]:min(para[1], para[0] + 300)]
    head = re.split(r"(?<=[.!?])\s", head, maxsplit=1)[0]
    return bool(FIRST_PERSON.search(head))


def intro_para(text: str, intro_end: int) -> Span:
    return text.rfind("\n", 0, max(intro_end - 1, 0)) + 1, intro_end


def closed_later(text: str, first: Span, markers: list[Span], limit: int | None) -> list[Span]:
    """In a text with notes, a block quotation ends at the paragraph its note marker closes: when
    the first paragraph has none, one of the next two that does ends the block (a cue inside is
    speech the block itself reports)."""
    paras = [first]
    for _ in range(2):
        more = next_paragraph(text, paras[-1][1], limit)
        if more is None or more[1] - more[0] < 15:
            return []
        paras.append(more)
        if closes_with_marker(text, more, markers):
            return paras
    return []


def quote_lines(text: str, section: Span) -> list[Span]:
    """A `>` quotation, one span per line, without the `>` marks and the blank `>` lines."""
    out = []
    for m in re.finditer(r"[^\n]+", text[section[0]:section[1]]):
        line = m.group()
        body = line.lstrip(">").strip()
        if body:
            s = section[0] + m.start() + (len(line) - len(line.lstrip(">")))
            out.append(trim(text, s, section[0] + m.end()))
    return [sp for sp in out if sp[1] > sp[0]]


def closes_with_marker(text: str, para: Span, markers: list[Span]) -> bool:
    from bisect import bisect_left

    k = bisect_left(markers, (para[0],))
    return any(para[0] <= s and blank(text[e:para[1]], ".”\"’)") for s, e in markers[k:k + 50] if s < para[1])


def block_contents(text: str, drafts: list[Draft], quotes: QuoteIndex, markers: list[Span],
                   quote_sections: dict[int, Span], regions: list[Span]) -> None:
    """"X writes:" ending a paragraph: the block after it is the content (added to a content
    the sentence already had: "As Lindemann observes, his appointments challenge the notion:");
    "X continued: “…”" in one paragraph: the quotation is."""
    by_sentence: dict[Span, list[Draft]] = {}
    for d in drafts:
        by_sentence.setdefault(d.sentence, []).append(d)
    anchors = sorted(d.anchor for d in drafts if d.cue and not quotes.holding(d.anchor))

    def own_cue(a: int, b: int) -> bool:
        from bisect import bisect_left
        k = bisect_left(anchors, a)
        return k < len(anchors) and anchors[k] < b

    for sentence, ds in by_sentence.items():
        if not text[sentence[0]:sentence[1]].rstrip().endswith(":") and not any(d.extra.get("colon") for d in ds):
            continue
        d = intro(ds, drafts)
        if d is None:
            continue
        end = sentence[1]
        after = next((q for q in quotes.after(end - 1) if q.depth == 0), None)
        if after is not None and blank(text[end:after.start], ":") and "\n" not in text[end:after.start]:
            d.content, d.kind, d.content_form = d.content + [trim(text, *after.inner)], "direct", "quote"
            d.extra["colon"] = False
            continue
        if text.find("\n", end) != -1 and not blank(text[end:text.find("\n", end)], ":0123456789[]"):
            continue  # the colon is not at the paragraph's end
        limit = run_end(text, regions, end)
        block = block_after(text, end, markers, quote_sections, limit, own_cue)
        if block:
            trailing_as = (d.content_form == "as_clause" or d.extra.get("as_clause")) and d.content and \
                d.content[0][0] < d.anchor
            d.content = (block if trailing_as else d.content + block)  # "…, as Medvedev writes:" introduces only
            if trailing_as:
                d.negated = False
            d.kind, d.content_form = "block", "block"
            d.extra.update(colon=False, block=True)


BLOCK_CUES = ("speech", "claim", "phrase", "evidential", "thought", "stance")


def intro(ds: list[Draft], drafts: list[Draft]) -> Draft | None:
    """The attribution a colon-ended sentence introduces a block for: its last cue, if that cue
    is one of speech, said by someone (not "which threatening territorial proximities:");
    other drafts on the same cue are dropped into it."""
    d = max(ds, key=lambda x: x.anchor)
    if d.cue_type not in BLOCK_CUES or d.source_class in ("it", "thing", "none") or \
            d.cue_type == "stance" and d.source_class not in ("name", "person", "pronoun"):
        return None
    for twin in [x for x in ds if x is not d and x.cue == d.cue]:
        if twin.content and not d.content:
            d.content, d.content_form = twin.content, twin.content_form
        twin.content = []  # dropped with the drafts that have no content
    return d


def run_end(text: str, regions: list[Span], pos: int) -> int | None:
    """The end of the run of reading regions that holds pos (regions with only blank text
    between them are one run: the layout may cut a short text into several)."""
    ordered = sorted(regions)
    k = next((i for i, (a, b) in enumerate(ordered) if a <= pos < b), None)
    if k is None:
        return None
    end = ordered[k][1]
    for a, b in ordered[k + 1:]:
        if not blank(text[end:a]):
            break
        end = b
    return end


def quotes_across_paragraphs(text: str, drafts: list[Draft], quotes: QuoteIndex) -> None:
    """News style: "“A,” X said." closing a paragraph, then a paragraph that is one quotation
    with no cue of its own: X goes on speaking."""
    cued = sorted((d.cue or d.content)[0][0] for d in drafts if d.cue or d.content)
    from bisect import bisect_left

    for d in drafts:
        if d.kind != "direct" or not d.content:
            continue
        end = text.find("\n", d.sentence[1])
        if end == -1 or not blank(text[d.sentence[1]:end]):
            continue
        while (nxt := next_paragraph(text, end)) is not None:
            q = next((q for q in quotes.starting_in(nxt[0], nxt[0] + 1) if q.depth == 0), None)
            k = bisect_left(cued, nxt[0])
            inside = [c for c in cued[k:k + 64] if c < nxt[1]]
            if q is None or not blank(text[q.end:nxt[1]], ".") or any(not q.start < c < q.end for c in inside):
                break  # a cue inside is nested speech
            d.content.append(trim(text, *q.inner))
            end = nxt[1]


def label_lines(text: str, regions: list[Span]) -> list[Draft]:
    """Speaker lines of a transcript ("PENCE: Well, look, …", "Prosecutor: Did you …"): only in
    a run of at least two such paragraphs, so a caption ("Before: …") or a headline ("Poll: …")
    on its own is never a speaker line."""
    drafts = []
    run: list[Draft] = []
    last_end = 0
    for a, b in sorted(regions):
        if not blank(text[last_end:a]):
            drafts.extend(run if len(run) >= 2 else [])
            run = []
        last_end = b
        for m in re.finditer(r"[^\n]+", text[a:b]):
            line = LABEL_LINE.match(m.group())
            if not m.group().strip():
                continue
            if not line or line.group("src").lower() in not_speakers() or line.group("src").split()[0].lower() in \
                    not_speakers():
                drafts.extend(run if len(run) >= 2 else [])
                run = []
                continue
            base = a + m.start()
            src = (base + line.start("src"), base + line.end("src"))
            con = trim(text, base + line.start("con"), base + line.end("con"))
            run.append(Draft("direct", [src], [(src[1], src[1] + 1)], [con], speaker=strip_titles(line.group("src")),
                             sentence=(base, base + len(m.group())), form="label", cue_type="label",
                             source_class="name", content_form="quote"))
    drafts.extend(run if len(run) >= 2 else [])
    return drafts


def bare_quotes(doc: Document, secs: list[Section], used: set[int]) -> list[Draft]:
    """A `>` quotation no cue introduces (a reply quoting an earlier post): the `>` is the cue,
    no source is written."""
    drafts = []
    posts = {s.id for s in secs if s.kind == "post"}
    for q in secs:
        if q.kind != "quote" or q.parent in posts or q.start in used or not doc.text.startswith(">", q.start):
            continue
        lines = quote_lines(doc.text, (q.start, q.end))
        if lines:
            drafts.append(Draft("direct", [], [(q.start, q.start + 1)], lines, sentence=(q.start, q.end), form="forum",
                                cue_type="forum", source_class="none", content_form="quote"))
    return drafts


def forum_quotes(doc: Document, secs: list[Section]) -> list[Draft]:
    """A `>` quote in a post: its source is the link the poster gave just before it."""
    drafts = []
    for post in (s for s in secs if s.kind == "post"):
        links = [m for m in URL.finditer(doc.text, post.start, post.end)
                 if not re.search(r"\.(?:png|jpe?g|gif|webp|svg|mp4)$", m.group(), re.I)]  # a page, not a picture
        waiting: list[re.Match] = []
        k = 0
        for quote in sorted((s for s in secs if s.kind == "quote" and s.parent == post.id), key=lambda s: s.start):
            while k < len(links) and links[k].end() <= quote.start:
                waiting.append(links[k])  # each link names the source of one quote: the next one after it
                k += 1
            source, speaker = [], None
            if waiting:
                url = waiting.pop()
                waiting.clear()
                source = [url.span()]
                host = urlparse(url.group() if "://" in url.group() else "//" + url.group()).netloc.lower()
                speaker = "Wikipedia" if host.endswith("wikipedia.org") else host
            lines = quote_lines(doc.text, (quote.start, quote.end))
            if not lines:
                continue
            drafts.append(Draft("block", source, [(quote.start, quote.start + 1)], lines, speaker=speaker,
                                sentence=(quote.start, quote.end),
                                form="forum", cue_type="forum", source_class="document" if source else "none",
                                content_form="block"))
    return drafts
