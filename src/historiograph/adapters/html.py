"""HTML pages: the whole visible page becomes the canonical text; trafilatura
finds the main content, and everything else is marked boilerplate (never dropped).

Every readable page is read: lxml parses with its limits for huge pages lifted (a text
node over 10 MB, nesting to 2,048 levels); a page nested deeper still is read by the
standard library's event parser, which has no depth to run out of; and where trafilatura
gives up (its own parser stops at 256 levels and 10 MB, or it runs out of its time
budget) the page's blocks are all kept as body. Each fallback is an `info` problem."""

from __future__ import annotations

import re
from bisect import bisect_left
from html.parser import HTMLParser

import lxml.html
import trafilatura
from lxml import etree

from ..errors import InputError
from ..model import Document, Metadata, Problem, Section, canonical_text, make_problem
from ..budget import BudgetExceeded, remaining, time_limit

NAME, VERSION = "adapter.html", "4"
MATCH_WINDOW = 500  # blocks looked through for a main-content block that is not an exact match
BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "nav", "aside", "main",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "table", "tr", "form", "figure", "figcaption", "hr",
    "address", "details", "summary", "title",
}
DROP_TAGS = ("script", "style", "noscript", "template", "svg", "head")
TRAFILATURA_KINDS = {"head": "heading", "quote": "quote", "p": "body", "item": "body",
                     "cell": "body", "code": "body", "lb": None}
_SPACE = re.compile(r"[ \t\u00a0\u200b]+")
# A page's footnotes, by the class or id its platform gives them: Substack's div.footnote,
# WordPress's and Pandoc's .footnotes, Wikipedia's ol.references, "endnotes" elsewhere.
# trafilatura leaves them out of the main content; they are marked `notes` in the layout.
# Matched against each class or id token, whole: "footnote", "footnote-content",
# "easy-footnotes-wrapper" are areas; "footnote-anchor" (a marker) and a container such as
# "post-footnotes-enabled" are not.
FOOTNOTE_AREA = re.compile(r"\A(?:[a-z]+[-_])*(?:foot-?notes?|end-?notes?|references|reflist)"
                           r"(?:[-_](?:list|section|content|container|wrapper|wrap|area|block|body|text|item))?", re.I)
NOTE_MARK = "\ue000"  # private-use character flagging a block inside a footnote area; removed again


def parse(html: str):
    """The page's element tree (lxml, limits for huge pages lifted), or None where it is
    nested too deeply even for that."""
    parser = lxml.html.HTMLParser(huge_tree=True)
    root = lxml.html.fromstring(html, parser=parser)
    if any("Excessive depth" in e.message for e in parser.error_log):
        return None
    return root


def page_blocks(html, footnotes: list[bool] | None = None) -> list[str]:
    """All visible text of the page (markup, or a tree from ``parse``), one entry per
    block-level element; ``footnotes``, when given, is filled with whether each block
    lies in the page's footnote area."""
    root = lxml.html.fromstring(html) if isinstance(html, str) else html
    for bad in list(root.iter(*DROP_TAGS)):
        if bad.getparent() is not None:
            bad.drop_tree()
    _number_list_items(root)
    in_notes: set = set()  # elements inside a footnote area (a parent comes before its children)
    for el in root.iter(etree.Element):
        tokens = f"{el.get('class') or ''} {el.get('id') or ''}".split()
        if el.getparent() in in_notes or any(FOOTNOTE_AREA.fullmatch(t) for t in tokens):
            in_notes.add(el)
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif tag in BLOCK_TAGS:
            el.text = "\n\n" + (NOTE_MARK if el in in_notes else "") + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
    return _blocks(root.text_content(), footnotes)


def _blocks(text: str, footnotes: list[bool] | None) -> list[str]:
    blocks = []
    for chunk in re.split(r"\n\s*\n", text):
        flagged = NOTE_MARK in chunk
        lines = [_SPACE.sub(" ", line).strip() for line in chunk.replace(NOTE_MARK, "").split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            if footnotes is not None:
                footnotes.append(flagged)
            blocks.append(block)
    return blocks


def _number_list_items(root) -> None:
    """Give each item of a numbered list (<ol>) the number a browser shows before it
    ("1. "), honouring start= and value=: endnotes are often such a list, and without
    their numbers no marker could be linked to its note."""
    for ol in root.iter("ol"):
        if (ol.get("type") or "1") != "1":
            continue  # lettered or roman lists: the letters are not note numbers
        try:
            number = int(ol.get("start", "1"))
        except ValueError:
            number = 1
        step = -1 if ol.get("reversed") is not None else 1
        for li in ol.iterchildren("li"):
            try:
                number = int(li.get("value", number))
            except ValueError:
                pass
            li.text = f"{number}. " + (li.text or "")
            number += step


ORDINAL = re.compile(r"^\d+\. ")


def main_blocks(html: str) -> list[tuple[str, str]]:
    """(kind, text) of the blocks trafilatura keeps as main content."""
    xml = trafilatura.extract(html, output_format="xml", include_comments=False,
                              include_tables=True, favor_recall=True)
    if not xml:
        return []
    tree = etree.fromstring(xml.encode("utf-8"))
    out = []
    for el in tree.iter("head", "p", "quote", "item", "cell", "code"):
        if el.tag == "p" and el.getparent() is not None and el.getparent().tag == "quote":
            continue
        text = _SPACE.sub(" ", " ".join("".join(el.itertext()).split())).strip()
        if text:
            out.append((TRAFILATURA_KINDS[el.tag], text))
    return out


class _PlainText(HTMLParser):
    """The page's visible text by the standard library's event parser: no tree, so no
    depth to run out of. Block elements break paragraphs, as in page_blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in DROP_TAGS:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag) -> None:
        if tag in DROP_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data) -> None:
        if not self.hidden:
            self.parts.append(data)


def plain_blocks(html: str) -> list[str]:
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    return _blocks("".join(parser.parts), None)


def _fallback(code_message: str) -> Problem:
    return make_problem("input.html_fallback", code_message, component=NAME, version=VERSION)


def _main_content(raw: str) -> tuple[list[tuple[str, str]] | None, str | None]:
    """trafilatura's main content, or None and why not (it gave up, crashed or overran
    its share of the file's time budget)."""
    left = remaining()
    try:
        with time_limit(None if left is None else left / 2, "trafilatura"):
            main = main_blocks(raw)
    except BudgetExceeded as exc:
        if exc.label != "trafilatura":
            raise
        return None, f"trafilatura took more than {exc.seconds:.0f} CPU seconds"
    except (RecursionError, MemoryError, ValueError, etree.LxmlError) as exc:
        return None, f"trafilatura failed ({type(exc).__name__})"
    return (main, None) if main else (None, "trafilatura found no main content")


def read_html(data: bytes, path: str) -> Document:
    from .text import decode, decoding_problems

    raw, _, replaced = decode(data, path)
    footnotes: list[bool] = []
    problems: list[Problem] = []
    try:
        root = parse(raw)
        blocks = page_blocks(root, footnotes) if root is not None else []
    except (etree.ParserError, ValueError) as exc:
        raise InputError(path, f"not parseable as HTML ({exc})", "input.html") from exc
    if root is None:
        blocks = plain_blocks(raw)
        footnotes = [False] * len(blocks)
        problems.append(_fallback("the page is nested deeper than 2,048 elements, where the HTML parser "
                                  "stops: its text was read by a plain extraction, without main-content detection"))
    blocks = [canonical_text(b) for b in blocks]
    if not blocks:
        raise InputError(path, "HTML page has no visible text", "input.empty")
    text = "\n\n".join(blocks)
    starts, pos = [], 0
    for block in blocks:
        starts.append(pos)
        pos += len(block) + 2
    main, why = _main_content(raw) if root is not None else (None, None)
    if main is None and why is not None:
        problems.append(_fallback(f"main content not detected ({why}): every block of the page is kept as "
                                  "body, none marked boilerplate"))
    try:
        meta = trafilatura.extract_metadata(raw) if main is not None else None
    except (RecursionError, MemoryError, ValueError, etree.LxmlError):
        meta = None
    layout = _layout(blocks, starts, main, footnotes)
    problems.extend(decoding_problems(raw, text, replaced, NAME, VERSION))
    return Document(
        text=text,
        meta=Metadata(
            title=getattr(meta, "title", None), author=getattr(meta, "author", None),
            date=getattr(meta, "date", None), url=getattr(meta, "url", None),
            source_path=path, media_type="text/html",
        ),
        layers={"layout": tuple(layout), **({"problems": tuple(problems)} if problems else {})},
    )


def _layout(blocks, starts, main, footnotes) -> list[Section]:
    """Align trafilatura's main blocks to page blocks; the footnote area is `notes`;
    other unmatched page blocks are boilerplate. Without main content (``main`` None),
    every block outside the footnote area is body.

    A main block is looked up among the exact page blocks ahead (an index, so a page of
    many blocks is aligned in linear time) and, when longer than 20 characters, inside
    the next MATCH_WINDOW blocks."""
    kinds: list[str | None] = [None] * len(blocks)
    flat = [" ".join(b.split()) for b in blocks]
    exact: dict[str, list[int]] = {}
    for i, f in enumerate(flat):
        exact.setdefault(f, []).append(i)
        bare = ORDINAL.sub("", f)
        if bare != f:
            exact.setdefault(bare, []).append(i)
    cursor = 0
    for kind, main_text in main or ():
        found = exact.get(main_text, [])
        k = bisect_left(found, cursor)
        hit = found[k] if k < len(found) else None
        if len(main_text) > 20:
            for i in range(cursor, min(len(blocks), cursor + MATCH_WINDOW, hit if hit is not None else len(blocks))):
                if main_text in flat[i]:
                    hit = i
                    break
        if hit is not None:
            kinds[hit] = kinds[hit] or kind or "body"
            cursor = hit + (0 if main_text != flat[hit] else 1)
    records = []
    for i, block in enumerate(blocks):
        kind = kinds[i] or ("notes" if footnotes[i] else "boilerplate" if main is not None else "body")
        start = starts[i]
        records.append(Section(spans=((start, start + len(block)),), kind=kind,
                               component=NAME, version=VERSION))
    return records
