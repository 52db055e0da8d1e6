"""Cheap lexical rules for the claims layer: which sentences assert something (not questions,
imperatives, headings or captions), where a sentence splits into independent clauses, and
the hedge and negation cues it carries. Cue words are data (data/claim_cues.tsv)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..data import load_tsv

# A paragraph that ends like prose: terminal punctuation, then closing quotes or brackets and
# perhaps a glued note marker (`sources.”12`, `[3]`).
PROSE_END = re.compile(r"[.!?…:;][\"”’')\]]*(?:\[?\^?\d{1,3}\]?|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})?$")
QUESTION_END = re.compile(r"\?[\"”’')\]]*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})?$")
WORD = re.compile(r"[^\W\d_][\w'’-]*")
CLAUSE_BREAK = re.compile(r";\s+")
FIRST_WORDS = re.compile(r"(?<![\"“‘'(])[\"“‘'(]*+([A-Za-z’']++)(?:\s++([A-Za-z’']++))?")  # linear: a run of quotes is tried once
SUBJECT_AFTER_COMMA = re.compile(r",\s+(?:[A-Z][\w’'-]+|(?:he|she|they|it|we|I)\b)")
MIN_WORDS = 3
CAPTION_WORDS = 12  # a line this short without prose punctuation is a heading, a caption or a label


@lru_cache(maxsize=None)
def cue_words(role: str) -> tuple[str, ...]:
    return tuple(r["cue"] for r in load_tsv("claim_cues.tsv") if r["role"] == role)


@lru_cache(maxsize=None)
def cue_pattern(role: str) -> re.Pattern:
    """One alternation of a role's cues, longest first, matched on whole words."""
    alternatives = []
    glued = []
    for w in sorted(cue_words(role), key=len, reverse=True):
        if w == "may":  # the modal, not the month
            alternatives.append(r"(?-i:may)(?!\s+\d)")
        elif w == "no":  # not "No. 5"
            alternatives.append(r"no(?!\.)")
        elif w.startswith("n'"):  # "don't", "wasn’t": glued to the verb
            glued.append(r"(?<=\w)n[’']t(?![\w’'-])")
        else:
            alternatives.append(re.escape(w).replace(r"\ ", r"\s+"))
    words = r"(?<![\w’'-])(?:%s)(?![\w’'-])" % "|".join(alternatives)
    return re.compile("|".join([words] + glued), re.I)


def cue_spans(text: str, start: int, end: int, role: str) -> tuple[tuple[int, int], ...]:
    """Spans of the cues of one role (hedge, negation) in text[start:end]."""
    return tuple(m.span() for m in cue_pattern(role).finditer(text, start, end))


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def prose_line(line: str) -> bool:
    """A line of running text, not a heading, caption, label or post header."""
    stripped = line.strip()
    return bool(PROSE_END.search(stripped)) or word_count(stripped) >= CAPTION_WORDS


def is_question(sentence: str) -> bool:
    return bool(QUESTION_END.search(sentence.rstrip()))


def is_imperative(sentence: str) -> bool:
    """"Keep talking about this.", "Read the book." — but "Say what you will, Stalin …" goes on
    to an assertion of its own, and "Let's not forget that …" presupposes one."""
    m = FIRST_WORDS.match(sentence)
    if not m:
        return False
    first, second = (m.group(1) or "").lower(), (m.group(2) or "").lower()
    if first in ("also", "and", "so", "but", "just", "now", "then", "firstly", "first", "finally", "secondly") and second:
        first = second
    if first not in cue_words("imperative") and first not in ("let’s", "let's", "lets"):
        return False
    if "forget" in sentence[:40].lower() or "remember" in sentence[:40].lower():
        return False
    return not SUBJECT_AFTER_COMMA.search(sentence)


def assertive(sentence: str) -> bool:
    """A sentence that puts something forward as so."""
    stripped = sentence.strip()
    if word_count(stripped) < MIN_WORDS or stripped.startswith("#"):
        return False
    return not is_question(stripped) and not is_imperative(stripped)


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Independent clauses of a sentence: split at semicolons outside brackets when both
    sides are long enough to assert something on their own (a list of short items stays
    whole). One pass: bracket depth is kept as it goes, word counts stop at MIN_WORDS."""
    parts, s, depth, pos = [], start, 0, start
    for m in CLAUSE_BREAK.finditer(text, start, end):
        chunk = text[pos:m.start()]
        depth = max(0, depth + chunk.count("(") - chunk.count(")"))
        pos = m.start()
        if depth == 0 and has_words(text, s, m.start()) and has_words(text, m.end(), end):
            parts.append((s, m.start() + 1))
            s = m.end()
    parts.append((s, end))
    return parts


def has_words(text: str, a: int, b: int, n: int = MIN_WORDS) -> bool:
    """At least n words in text[a:b] (stops as soon as it has seen them)."""
    for k, _ in enumerate(WORD.finditer(text, a, b), 1):
        if k >= n:
            return True
    return False
