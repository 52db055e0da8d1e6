"""HTML pages: the whole visible page becomes the canonical text; trafilatura
finds the main content, and everything else is marked boilerplate (never dropped)."""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

from ..errors import InputError
from ..model import Document, Metadata, Section, canonical_text

NAME, VERSION = "adapter.html", "3"
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
FOOTNOTE_AREA = re.compile(r"(?:[a-z]+[-_])*(?:foot-?notes?|end-?notes?|references|reflist)"
                           r"(?:[-_](?:list|section|content|container|wrapper|wrap|area|block|body|text|item))?", re.I)
NOTE_MARK = "\ue000"  # private-use character flagging a block inside a footnote area; removed again


def page_blocks(html: str, footnotes: list[bool] | None = None) -> list[str]:
    """All visible text of the page, one entry per block-level element; ``footnotes``,
    when given, is filled with whether each block lies in the page's footnote area."""
    root = lxml.html.fromstring(html)
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
    text = root.text_content()
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


def read_html(data: bytes, path: str) -> Document:
    from .text import decode

    raw, _ = decode(data, path)
    footnotes: list[bool] = []
    try:
        blocks = page_blocks(raw, footnotes)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(path, f"not parseable as HTML ({exc})", "input.html") from exc
    blocks = [canonical_text(b) for b in blocks]
    if not blocks:
        raise InputError(path, "HTML page has no visible text", "input.empty")
    text = "\n\n".join(blocks)
    starts, pos = [], 0
    for block in blocks:
        starts.append(pos)
        pos += len(block) + 2
    meta = trafilatura.extract_metadata(raw)
    layout = _layout(blocks, starts, main_blocks(raw), footnotes)
    return Document(
        text=text,
        meta=Metadata(
            title=getattr(meta, "title", None), author=getattr(meta, "author", None),
            date=getattr(meta, "date", None), url=getattr(meta, "url", None),
            source_path=path, media_type="text/html",
        ),
        layers={"layout": tuple(layout)},
    )


def _layout(blocks, starts, main, footnotes) -> list[Section]:
    """Align trafilatura's main blocks to page blocks; the footnote area is `notes`;
    other unmatched page blocks are boilerplate."""
    kinds: list[str | None] = [None] * len(blocks)
    flat = [" ".join(b.split()) for b in blocks]
    cursor = 0
    for kind, main_text in main:
        for i in range(cursor, len(blocks)):
            if main_text in (flat[i], ORDINAL.sub("", flat[i])) or (len(main_text) > 20 and main_text in flat[i]):
                kinds[i] = kinds[i] or kind or "body"
                cursor = i + (0 if main_text != flat[i] else 1)
                break
    records = []
    for i, block in enumerate(blocks):
        kind = kinds[i] or ("notes" if footnotes[i] else "boilerplate")
        start = starts[i]
        records.append(Section(spans=((start, start + len(block)),), kind=kind,
                               component=NAME, version=VERSION))
    return records
