"""Text in PostgreSQL: what its text type cannot hold, and full-text search with its own
text search. A document is indexed as its title and its text cut into overlapping parts,
one tsvector each (a tsvector holds at most 1 MB and counts word positions only up to
16,383, so one tsvector per document would refuse a long text or lose its phrases). A query
is the tree FTS5 reads (store/search.py): each term is matched within one part, and the
terms are combined over the whole document, as FTS5 combines them over a row."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .search import Node, Term, positive_terms

TS_CONFIG = "simple"  # words lower-cased, nothing stemmed, no stop words: what FTS5's unicode61 does
PART = 20_000  # characters of text per tsvector
OVERLAP = 300  # characters each part shares with the next, so a phrase across the cut is found

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_SEPARATORS = re.compile(r"[\W_]+")
_MARKS = re.compile("[\u0300-\u036f]+")


def clean(value: Any) -> Any:
    """A string PostgreSQL can hold: a NUL character or a lone surrogate (which text in
    PostgreSQL cannot hold) becomes U+FFFD, one character for one, so offsets stay true."""
    if isinstance(value, str) and (not value.isascii() or "\x00" in value):
        return _UNSTORABLE.sub("\ufffd", value)
    return value


def words_only(text: str) -> str:
    """Text as FTS5's unicode61 tokenizer sees it: accents dropped, every run of characters
    that are neither letters nor digits a space. The index and the queries both go through
    it, so "Neron" finds "Néron", "page" a URL's last part and "38" "Annals 15.38", as in
    SQLite, where PostgreSQL's parser alone would keep a URL, a host name or "15.38" whole.
    (Offsets never come from the index: hits are found in the stored text itself.)"""
    if not text.isascii():
        text = unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", text)))
    return _SEPARATORS.sub(" ", text)


def text_parts(text: str, size: int | None = None, overlap: int | None = None) -> list[tuple[int, str]]:
    """The text cut into parts of about ``size`` characters at white space, each starting
    about ``overlap`` characters before the end of the one before: (start offset, part)."""
    size = size or PART
    overlap = OVERLAP if overlap is None else overlap
    parts, start = [], 0
    while True:
        end = len(text) if len(text) - start <= size else start + size
        if end < len(text):
            cut = max(text.rfind(" ", start + size // 2, end), text.rfind("\n", start + size // 2, end))
            end = cut if cut > 0 else end
        parts.append((start, text[start:end]))
        if end >= len(text):
            return parts
        nxt = max(end - overlap, start + 1)
        space = text.find(" ", nxt, end)
        start = space + 1 if space >= 0 else nxt


def index_sql(doc_id: str, title: str | None, text: str) -> tuple[str, tuple]:
    """The statement (and its arguments) that indexes a document: part 0 its title (weighted
    A), parts 1… its text."""
    parts = [(0, -1, words_only(title or ""))] + [(k, start, words_only(part))
                                                 for k, (start, part) in enumerate(text_parts(text), start=1)]
    return (f"INSERT INTO documents_fts (document_id, part, start_char, tsv)"
            f" SELECT %s, p, s, CASE WHEN p = 0 THEN setweight(to_tsvector('{TS_CONFIG}', t), 'A')"
            f" ELSE to_tsvector('{TS_CONFIG}', t) END FROM unnest(%s::int[], %s::int[], %s::text[]) AS u(p, s, t)",
            (doc_id, [p[0] for p in parts], [p[1] for p in parts], [p[2] for p in parts]))


def tsquery_sql(term: Term, args: list[Any]) -> str:
    """A term as a tsquery: a word or "phrase" as its words in a row (read as the index was);
    a prefix* the same, the last word a prefix."""
    text = words_only(term.text)
    if term.prefix:
        words = text.split()
        args.append(" <-> ".join(f"'{w}'" for w in words) + ":*" if words else "")
        return f"to_tsquery('{TS_CONFIG}', %s)"
    args.append(text)
    return f"phraseto_tsquery('{TS_CONFIG}', %s)"


def match_sql(node: Node, args: list[Any]) -> str:
    """The query as a condition on a document ``d``: each term must match within one part of
    it (a phrase runs across parts only where they overlap); terms combine per document."""
    if isinstance(node, Term):
        return (f"EXISTS (SELECT 1 FROM documents_fts f WHERE f.document_id = d.id"
                f" AND f.tsv @@ {tsquery_sql(node, args)})")
    if node[0] == "not":
        left = match_sql(node[1], args)
        return f"({left} AND NOT {match_sql(node[2], args)})"
    joiner = " AND " if node[0] == "and" else " OR "
    return "(" + joiner.join(match_sql(child, args) for child in node[1]) + ")"


def search_sql(node: Node) -> tuple[str, list[Any]]:
    """Current documents that match, best first (ts_rank summed over their parts that hold
    any of the searched terms; the GIN index finds those parts): id, title, text."""
    args: list[Any] = []
    anywhere = " || ".join(tsquery_sql(t, args) for t in positive_terms(node))
    match = match_sql(node, args)  # placeholders in the order they appear
    return (f"WITH q AS (SELECT {anywhere} AS query),"
            " ranked AS (SELECT f.document_id, sum(ts_rank(f.tsv, q.query)) AS rank FROM documents_fts f, q"
            "  WHERE f.tsv @@ q.query GROUP BY f.document_id)"
            " SELECT d.id, d.title, d.text FROM ranked JOIN documents d ON d.id = ranked.document_id"
            f" WHERE d.current AND {match} ORDER BY ranked.rank DESC, d.id", args)
