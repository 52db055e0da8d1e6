"""Search queries: what a user types (words, "a phrase", prefix*, OR, AND, NOT) made into a
query no full-text engine can choke on, and the pattern that finds the hits in a text."""

from __future__ import annotations

import re

_TOKEN = re.compile(r'"[^"]+"|\S+')
OPERATORS = ("OR", "AND", "NOT")


class QueryError(ValueError):
    """A search query that cannot be run (empty, or nothing but operators)."""


def terms(query: str) -> list[tuple[str, bool]]:
    """(term, is_operator) in order. An operator counts only between two terms ("AND" alone,
    "OR Stalin" or "Stalin NOT" search the word itself), so every query is well formed."""
    toks = _TOKEN.findall(query)
    out: list[tuple[str, bool]] = []
    for i, tok in enumerate(toks):
        between = 0 < i < len(toks) - 1 and toks[i + 1] not in OPERATORS and (out and not out[-1][1])
        out.append((tok, tok in OPERATORS and bool(between)))
    return out


def fts_query(query: str) -> str:
    """User words → a safe FTS5 query: every term quoted, operators and prefix* kept."""
    out = []
    for tok, operator in terms(query):
        if operator:
            out.append(tok)
            continue
        prefix = tok.endswith("*") and len(tok) > 1
        body = tok.strip('"').rstrip("*").replace('"', '""')
        if body.strip():
            out.append(f'"{body}"' + ("*" if prefix else ""))
        elif out and out[-1] in OPERATORS:
            out.pop()
    while out and out[-1] in OPERATORS:
        out.pop()
    if not out:
        raise QueryError("empty search query: give a word, a \"phrase\" or a prefix*")
    return " ".join(out)


def words(query: str) -> list[tuple[list[str], bool]]:
    """The searched words of each term (not operators), with whether it is a prefix."""
    return [(re.findall(r"\w+", tok), tok.endswith("*")) for tok, op in terms(query) if not op]


def hit_pattern(query: str) -> re.Pattern:
    """A regex that finds the query's terms in the text, for offsets and highlighting."""
    alts = []
    for ws, prefix in words(query):
        if ws:
            alts.append(r"\b" + r"\W+".join(map(re.escape, ws)) + (r"\w*" if prefix else r"\b"))
    return re.compile("|".join(alts) or r"(?!)", re.IGNORECASE)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)
