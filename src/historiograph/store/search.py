"""Search queries: what a user types (words, "a phrase", prefix*, OR, AND, NOT) made into a
query no full-text engine can choke on, and the pattern that finds the hits in a text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

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


@dataclass(frozen=True)
class Term:
    """One searched term: its text (a word, or the words of a "phrase") and whether it is a prefix*."""

    text: str
    prefix: bool = False

    @property
    def words(self) -> list[str]:
        return re.findall(r"\w+", self.text)


def parse(query: str) -> list[Term | str]:
    """The query as terms and the operators between them (OR, AND, NOT; two terms side by side
    are ANDed). Terms with nothing to search are dropped with the operator before them."""
    out: list[Term | str] = []
    for tok, operator in terms(query):
        if operator:
            out.append(tok)
            continue
        body = tok.strip('"').rstrip("*")
        if body.strip():
            out.append(Term(body, tok.endswith("*") and len(tok) > 1))
        elif out and isinstance(out[-1], str):
            out.pop()
    while out and isinstance(out[-1], str):
        out.pop()
    if not out:
        raise QueryError("empty search query: give a word, a \"phrase\" or a prefix*")
    return out


def fts_query(query: str) -> str:
    """User words → a safe FTS5 query: every term quoted, operators and prefix* kept."""
    return " ".join(item if isinstance(item, str) else
                    '"' + item.text.replace('"', '""') + '"' + ("*" if item.prefix else "") for item in parse(query))


Node = Union[Term, tuple]


def tree(query: str) -> Node:
    """The query as FTS5 reads it: terms side by side bind tightest, then NOT (left to
    right: "a NOT b NOT c" is (a NOT b) NOT c), then AND, then OR. A node is a `Term`,
    ("and", [nodes]), ("or", [nodes]) or ("not", node, node): the first without the second."""
    items = parse(query)

    def split(seq: list, op: str) -> list[list]:
        parts, cur = [], []
        for item in seq:
            if item == op:
                parts.append(cur)
                cur = []
            else:
                cur.append(item)
        return parts + [cur]

    def build(seq: list) -> Node:
        ors = split(seq, "OR")
        if len(ors) > 1:
            return ("or", [build(p) for p in ors])
        ands = split(seq, "AND")
        if len(ands) > 1:
            return ("and", [build(p) for p in ands])
        nots = split(seq, "NOT")
        if len(nots) > 1:
            node = build(nots[0])
            for part in nots[1:]:
                node = ("not", node, build(part))
            return node
        return seq[0] if len(seq) == 1 else ("and", list(seq))

    return build(items)


def prune(node: Node) -> Node | None:
    """The tree without terms that hold nothing to search ("--"), as FTS5 reads them: such a
    term is left out of AND and OR, takes nothing away after NOT and matches nothing alone."""
    if isinstance(node, Term):
        return node if re.search(r"[^\W_]", node.text) else None
    if node[0] == "not":
        left, right = prune(node[1]), prune(node[2])
        return None if left is None else left if right is None else ("not", left, right)
    kids = [k for k in (prune(c) for c in node[1]) if k is not None]
    return None if not kids else kids[0] if len(kids) == 1 else (node[0], kids)


def positive_terms(node: Node) -> list[Term]:
    """The terms a matching document may contain (not those after NOT)."""
    if isinstance(node, Term):
        return [node]
    if node[0] == "not":
        return positive_terms(node[1])
    return [t for child in node[1] for t in positive_terms(child)]


def words(query: str) -> list[tuple[list[str], bool]]:
    """The searched words of each term (not operators), with whether it is a prefix."""
    return [(re.findall(r"\w+", tok), tok.endswith("*")) for tok, op in terms(query) if not op]


def hit_pattern(query: str) -> re.Pattern:
    """A regex that finds the query's terms in the text, for offsets and highlighting."""
    alts = []
    for ws, prefix in words(query):
        if ws:
            # word edges as FTS5's tokenizer sees them: "_" separates words ("__pwned" holds "pwned")
            alts.append(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, ws)) + (r"[^\W_]*" if prefix else r"(?![^\W_])"))
    return re.compile("|".join(alts) or r"(?!)", re.IGNORECASE)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)
