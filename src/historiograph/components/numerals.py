"""Numerals: a token stream of a text and the number expressions in it, written in digits
("1,937", "3.9 million", "680k", "1 317 195", "3,9 million") or words ("two million",
"half a million", "a dozen", "three-quarters", "tens of millions").

Tokens come from one regular expression whose every repetition is anchored on a literal
separator, so matching is linear in the text (no backtracking blow-up on long digit or
letter runs); everything else is a walk over the tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import load_tsv

TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[^\W\d_]+(?:[’'][^\W\d_]+)*|\S")
SPACES = (" ", "\u00a0", "\u202f", "\u2009")  # a thousands separator may be a (no-break, thin) space


@dataclass(frozen=True)
class Tok:
    start: int
    end: int
    text: str
    low: str
    kind: str  # d (digits) | w (word) | p (anything else)
    gap: str  # the characters between the previous token and this one


def tokenize(text: str, a: int, b: int) -> list[Tok]:
    out: list[Tok] = []
    prev = a
    for m in TOKEN.finditer(text, a, b):
        s = m.group()
        kind = "d" if s[0].isdecimal() else ("w" if s[0].isalpha() else "p")
        out.append(Tok(m.start(), m.end(), s, s.lower(), kind, text[prev:m.start()]))
        prev = m.end()
    return out


@lru_cache(maxsize=None)
def words() -> dict[str, tuple[str, float | None, int | None]]:
    """word → (kind, value, magnitude) from data/number_words.tsv."""
    out = {}
    for r in load_tsv("number_words.tsv"):
        value = float(r["value"]) if r["value"] else None
        out[r["word"]] = (r["kind"], value, int(r["magnitude"]) if r["magnitude"] else None)
    return out


def word(tok: Tok) -> tuple[str, float | None, int | None] | None:
    """The number word a token is (suffixes are case-sensitive: "m" but also "M")."""
    if tok.kind != "w":
        return None
    entry = words().get(tok.text) or words().get(tok.low)
    if entry and entry[0] == "suffix" and tok.text not in words():
        return None
    return entry


@dataclass
class Num:
    i: int  # first token
    j: int  # one past the last token
    value: float | None
    kind: str  # digits | words | fraction | vague | proportion
    scale: float = 1.0  # the scale word or suffix applied (1 when none)
    magnitude: int | None = None  # of a vague amount


def digit_value(text: str) -> tuple[float | None, bool]:
    """(value, decimal comma?) of a digit token: "1,937" 1937, "1.200.000" 1200000, "3.9",
    "3,9" (3.9 only when a scale follows: the caller checks), "8:15" None (a time)."""
    if ":" in text:
        return None, False
    if "," in text and "." in text:
        head, _, tail = text.rpartition(".")
        groups = head.split(",")
        if all(len(g) == 3 for g in groups[1:]):
            return float("".join(groups) + "." + tail), False
        return None, False
    for sep in (",", "."):
        if sep in text:
            groups = text.split(sep)
            if len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]) and (sep == "," or len(groups) > 2):
                return float("".join(groups)), False
            if len(groups) == 2:
                return float(groups[0] + "." + groups[1]), sep == ","
            return None, False
    return float(text), False


def parse_digits(toks: list[Tok], i: int) -> Num | None:
    value, comma = digit_value(toks[i].text)
    if value is None:
        return None
    j = i + 1
    if len(toks[i].text) <= 3 and "," not in toks[i].text and "." not in toks[i].text:
        while j < len(toks) and toks[j].kind == "d" and len(toks[j].text) == 3 and toks[j].gap in SPACES \
                and (j + 1 >= len(toks) or not (toks[j + 1].kind == "d" and toks[j + 1].gap in SPACES
                                                 and len(toks[j + 1].text) != 3)):
            value = value * 1000 + float(toks[j].text)  # "1 317 195"
            j += 1
    scale, j = scale_after(toks, j)
    if comma and scale == 1.0:
        return None  # "3,9" with nothing after: a list, not a decimal
    return Num(i, j, value * scale, "digits", scale)


def scale_after(toks: list[Tok], j: int) -> tuple[float, int]:
    """A suffix glued to the figure ("680k", "1.5m") or scale words after it ("million",
    "hundred thousand", "7 mil")."""
    scale = 1.0
    if j < len(toks) and toks[j].gap == "" and (w := word(toks[j])) and w[0] == "suffix":
        return float(w[1]), j + 1
    while j < len(toks) and toks[j].gap and (w := word(toks[j])):
        if w[0] == "scale" and toks[j].low in ("hundred", "thousand", "million", "billion", "trillion", "millions"):
            scale *= w[1]
        elif w[0] == "scale" or (w[0] == "suffix" and len(toks[j].text) > 1):
            scale *= w[1]
        else:
            break
        j += 1
    return scale, j


HYPHENS = ("-", "‑")
FEW = ("few", "several", "many")


def parse_words(toks: list[Tok], i: int) -> Num | None:
    """"two million", "three hundred and fifty", "twenty-five", "a dozen", "a million",
    "half a million", "two and a half", "a couple hundred thousand"."""
    t = toks[i]
    if t.low == "half" and _at(toks, i + 1, ("a", "an")) and (w := word_at(toks, i + 2)) and w[0] in ("scale", "dozen"):
        scale, j = scale_after(toks, i + 3)
        return Num(i, j, 0.5 * w[1] * scale, "words", w[1] * scale)
    j, current, total = i, 0.0, 0.0
    if t.low in ("a", "an"):
        if not ((w := word_at(toks, i + 1)) and w[0] in ("scale", "dozen", "couple")):
            return None
        j, current = i + 1, 1.0
    start = j
    while j < len(toks):
        w = word(toks[j])
        if w is None:
            if toks[j].text in HYPHENS and not toks[j].gap and (n := word_at(toks, j + 1)) and n[0] == "unit" \
                    and current % 100 >= 20:
                j += 1  # "twenty-five"
                continue
            if toks[j].low == "and" and j > start and (n := word_at(toks, j + 1)) and n[0] in ("unit", "tens") \
                    and current >= 100:
                j += 1  # "three hundred and fifty"
                continue
            break
        kind, value = w[0], w[1]
        if kind in ("unit", "tens"):
            current += value
        elif kind == "dozen":
            current = (current or 1.0) * 12
        elif kind == "couple":
            current = 2.0
            if _at(toks, j + 1, ("of",)) and (n := word_at(toks, j + 2)) and n[0] == "scale":
                j += 1  # "a couple of hundred"
        elif kind == "scale" and toks[j].low == "hundred":
            current = (current or 1.0) * 100
        elif kind == "scale" and not toks[j].low.endswith("s"):
            total += (current or 1.0) * value
            current = 0.0
        else:
            break
        j += 1
    if j == start:
        return None
    value = total + current
    if _at(toks, j, ("and",)) and _at(toks, j + 1, ("a", "an")) and _at(toks, j + 2, ("half",)):
        scale, j = scale_after(toks, j + 3)  # "two and a half (million)"
        value = (value + 0.5) * scale
    scale = 1.0
    for k in range(i, j):
        w = word(toks[k])
        if w and w[0] == "scale":
            scale = max(scale, w[1])
    return Num(i, j, value, "words", scale)


def parse_fraction(toks: list[Tok], i: int) -> Num | None:
    """A share, in percent: "half", "a third", "two-thirds", "three quarters", "one in five"."""
    t = toks[i]
    if t.kind in ("d", "w") and _at(toks, i + 1, ("in", "out")):  # "one in five", "1 in 3", "one out of four"
        k = i + 3 if _at(toks, i + 2, ("of",)) else i + 2
        a, b = _small(toks, i), _small(toks, k) if k < len(toks) else None
        if a is not None and b:
            return Num(i, k + 1, round(100 * a / b, 2), "fraction")
    w = word(t)
    if w and w[0] == "fraction" and t.low in ("half",):
        return Num(i, i + 1, w[1], "fraction")
    count, j = (1.0, i + 1) if t.low in ("a", "one") else (None, i)
    if count is None and (w := word(t)) and w[0] == "unit":
        count, j = w[1], i + 1
    if count is None:
        return None
    if j < len(toks) and toks[j].text in HYPHENS and not toks[j].gap:
        j += 1
    f = word_at(toks, j)
    if not f or f[0] != "fraction" or toks[j].low == "half" and count != 1.0:
        return None
    if count > 1 and not toks[j].low.endswith("s") or count == 1 and toks[j].low.endswith("s"):
        return None  # "two third", "a thirds"
    return Num(i, j + 1, round(count * f[1], 2), "fraction")


def _small(toks: list[Tok], k: int) -> float | None:
    t = toks[k]
    if t.kind == "d" and len(t.text) <= 3 and t.text.isdecimal():
        return float(t.text)
    w = word(t)
    return w[1] if w and w[0] in ("unit", "tens") else None


def parse_vague(toks: list[Tok], i: int) -> Num | None:
    """"thousands", "tens of thousands", "hundreds of millions", "a few hundred", "several
    thousand", "dozens", "a handful", "most", "the majority"."""
    t = toks[i]
    if t.low in ("tens", "hundreds") and _at(toks, i + 1, ("of",)) and (w := word_at(toks, i + 2)) \
            and w[0] == "vague" and toks[i + 2].low in ("thousands", "millions", "billions"):
        return Num(i, i + 3, None, "vague", magnitude=w[2] + (1 if t.low == "tens" else 2))
    k = i + 1 if t.low in ("a",) else i
    if _at(toks, k, FEW) and (w := word_at(toks, k + 1)) and w[0] == "scale" and not toks[k + 1].low.endswith("s"):
        return Num(i, k + 2, None, "vague", magnitude=len(str(int(w[1]))) - 1)
    w = word(t) if t.low != "a" else word_at(toks, i + 1)
    if w and w[0] == "vague" and (t.low != "a" or toks[i + 1].low == "handful"):
        return Num(i, i + (2 if t.low == "a" else 1), None, "vague", magnitude=w[2])
    if w and w[0] == "proportion":
        return Num(i, i + 1, None, "proportion")
    return None


def _at(toks: list[Tok], j: int, options: tuple[str, ...]) -> bool:
    return j < len(toks) and toks[j].low in options


def word_at(toks: list[Tok], j: int):
    return word(toks[j]) if j < len(toks) else None
