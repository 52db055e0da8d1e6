"""What makes a number no quantity (a year, a date, a note marker, a page, an identifier, a
clock time, a vote tally, a list number, an ordinal, an address) and the words that qualify
a figure ("about", "more than", "or so"). Word lists are data (quantity_labels.tsv,
quantity_qualifiers.tsv); the rules below only look at a few tokens on either side."""

from __future__ import annotations

from functools import lru_cache

from ..data import load_tsv
from .numerals import HYPHENS, Num, Tok

MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
CLOSERS = set(".,;:!?”’\"')]")
SENTENCE_END = set(".!?")
QUOTES = set("“”\"‘’'«»")
ORDINAL = ("st", "nd", "rd", "th", "d")
DASHES = ("-", "–", "—", "‑")


@lru_cache(maxsize=None)
def labels() -> dict[str, dict[str, bool]]:
    """role → {word: needs a following '.'}; capitalised words without a dot match case-sensitively."""
    out: dict[str, dict[str, bool]] = {}
    for r in load_tsv("quantity_labels.tsv"):
        w = r["word"]
        out.setdefault(r["role"], {})[w.rstrip(".") if w != "." else w] = w.endswith(".") and len(w) > 1
    return out


def label_before(toks: list[Tok], i: int, role: str) -> bool:
    """The number at i follows a label of this role ("No. 00447", "Article 58", "p. 64")."""
    table = labels()[role]
    k = i - 1
    dotted = k >= 0 and toks[k].text == "."
    if dotted:
        k -= 1
    if k < 0 or toks[k].kind != "w":
        return False
    for key in (toks[k].text, toks[k].low):
        if key in table and (dotted or not table[key]) and (key == toks[k].text or not _case_sensitive(key)):
            return True
    return False


def _case_sensitive(word: str) -> bool:
    return word[:1].isupper()


def label_after(toks: list[Tok], j: int, role: str) -> bool:
    table = labels()[role]
    return j < len(toks) and toks[j].kind == "w" and (toks[j].low in table or toks[j].text in table)


@lru_cache(maxsize=None)
def qualifiers() -> dict[str, dict[tuple[str, ...], str]]:
    """position → {phrase tokens (lower-case): qualifier}."""
    from .numerals import tokenize
    out: dict[str, dict[tuple[str, ...], str]] = {"before": {}, "after": {}}
    for r in load_tsv("quantity_qualifiers.tsv"):
        toks = tokenize(r["phrase"], 0, len(r["phrase"]))
        out[r["position"]][tuple(t.low for t in toks)] = r["qualifier"]
    return out


@lru_cache(maxsize=None)
def _last_words() -> frozenset[str]:
    return frozenset(key[-1] for key in qualifiers()["before"])


def qualifier_before(toks: list[Tok], i: int) -> tuple[str | None, int]:
    """(qualifier, index of its first token) for the longest phrase ending just before i."""
    if i < 1 or toks[i - 1].low not in _last_words():
        return None, i
    table = qualifiers()["before"]
    for n in (4, 3, 2, 1):
        if i - n < 0 or any("\n" in toks[k].gap for k in range(i - n + 1, i + 1)):
            continue
        key = tuple(t.low for t in toks[i - n:i])
        if key in table:
            if key == ("like",) and i - 2 >= 0 and toks[i - 2].kind == "w" and toks[i - 2].low not in ("was", "is", "were", "are", "be", "about", "just", "lol", "had", "killed", "died"):
                return None, i  # "nations like 20": a comparison, not "like 20 million lol"
            return table[key], i - n
    return None, i


def qualifier_after(toks: list[Tok], j: int) -> tuple[str | None, int]:
    table = qualifiers()["after"]
    for n in (3, 2, 1):
        key = tuple(t.low for t in toks[j:j + n])
        if len(key) == n and key in table and (key != ("+",) or not toks[j].gap):
            return table[key], j + n
    return None, j


def sentence_start(toks: list[Tok], i: int) -> bool:
    k = i - 1
    while k >= 0 and toks[k].text in QUOTES | {"(", "["}:
        k -= 1
    return k < 0 or toks[k].text in SENTENCE_END or toks[k].text == ":" or "\n" in toks[k + 1].gap


def is_year(toks: list[Tok], num: Num) -> bool:
    t = toks[num.i]
    return num.kind == "digits" and num.j == num.i + 1 and t.text.isdecimal() and len(t.text) == 4 \
        and 1000 <= int(t.text) <= 2099


def month(tok: Tok) -> bool:
    return tok.kind == "w" and tok.low in MONTHS and tok.text[0].isupper()


def not_a_quantity(toks: list[Tok], num: Num, qualified: bool) -> str | None:
    """Why the number at num is no quantity, or None. ``qualified``: a qualifier stands before it."""
    i, j = num.i, num.j
    t = toks[i]
    prev = toks[i - 1] if i else None
    nxt = toks[j] if j < len(toks) else None
    if num.kind == "digits":
        why = _digit_reason(toks, num, prev, nxt, qualified)
        if why:
            return why
    elif num.kind in ("words", "fraction") and t.text[0].isupper() and t.low not in ("a", "an") \
            and not sentence_start(toks, i) and (nxt is None or nxt.text[:1].isupper() or nxt.text in HYPHENS):
        return "identifier"  # "Thirty Years' War", "Five-Year Plan", "the Big Three"
    if nxt is not None and nxt.text in HYPHENS and not nxt.gap and j + 1 < len(toks) \
            and toks[j + 1].kind == "w" and not toks[j + 1].gap and num.kind in ("words", "digits"):
        from .quantity_units import unit_word
        if toks[j + 1].text[0].isupper() or not unit_word(toks[j + 1]):
            return "other"  # "two-front war", "Five-Year Plan"
    return None


def _digit_reason(toks: list[Tok], num: Num, prev: Tok | None, nxt: Tok | None, qualified: bool) -> str | None:
    i, j = num.i, num.j
    t = toks[i]
    if prev is not None and not t.gap and prev.text == "_" or nxt is not None and not nxt.gap and nxt.kind == "w" \
            and nxt.low not in ORDINAL + ("s",) and num.scale == 1.0 and not _unit_word(nxt):
        return "identifier"  # "000_386cc7f46e": a file name or hash
    if "." in t.text and _year_marker(t.text) and not _unit_follows(toks, j):
        return "year"  # "by 1953.18": a year with a note marker glued after its full stop
    if ":" in t.text or _time_after(toks, j):
        return "time"
    if nxt is not None and nxt.kind == "w" and nxt.text[0].isupper() and nxt.gap == " " \
            and (found := _unit_word(nxt)) and found[1] != "persons" and not sentence_start(toks, i):
        return "identifier"  # "The 900 Days": a title (but "496,000 Chechens" counts people)
    if nxt is not None and not nxt.gap and nxt.low in ORDINAL:
        return "ordinal"
    if nxt is not None and not nxt.gap and nxt.low == "s":
        return "year"  # "1930s", "80s"
    if prev is not None and not t.gap and prev.text in ("’", "'") and len(t.text) == 2:
        return "year"  # "’37"
    if prev is not None and prev.text == "[" and nxt is not None and nxt.text == "]":
        return "marker"
    if prev is not None and not t.gap and num.scale == 1.0 and (prev.kind == "w" or prev.text in CLOSERS):
        if prev.kind == "w" and prev.low not in ("k", "m") or prev.text in "-‑":
            return "identifier"  # "WW2", "ivan1917"
        return "marker"  # "million.12", "”11"
    if prev is not None and prev.text in ("/",) and not t.gap or nxt is not None and nxt.text == "/" and not nxt.gap:
        return "other"  # "24/7", "5/3/1953"
    if prev is not None and prev.text in HYPHENS and not t.gap and _code(toks, i):
        return "identifier"  # "IT-98-33", "T-34"
    if _short_year_range(toks, num):
        return "year"  # "37-38"
    if len(t.text) > 1 and t.text.startswith("0") and t.text.isdecimal():
        return "identifier"  # "00447"
    if label_before(toks, i, "identifier") and not qualified:
        return "identifier"
    if label_before(toks, i, "page") or _ibid_page(toks, i):
        return "page"
    if label_after(toks, j, "vote") and not (nxt and nxt.low == "points" and i >= 1 and toks[i - 1].low == "percentage"):
        return "vote"
    if (prev is not None and month(prev)) or (nxt is not None and month(nxt)) or _date_pair(toks, j):
        return "date"
    if is_year(toks, num) and not qualified and not _unit_follows(toks, j):
        return "year"
    if _enumeration(toks, i, j):
        return "enumeration"
    if _spaced_marker(toks, i, j) or _address(toks, i, j, qualified):
        return "marker" if _spaced_marker(toks, i, j) else "address"
    return None


def _year_marker(text: str) -> bool:
    head, _, tail = text.partition(".")
    return len(head) == 4 and 1000 <= int(head) <= 2099 and 1 <= len(tail) <= 3 and "." not in tail


def _unit_word(tok: Tok):
    from .quantity_units import unit_word
    return unit_word(tok)


def _time_after(toks: list[Tok], j: int) -> bool:
    """"4.40 a.m.", "at 4 sharp", "3 hours ago"."""
    glued = "".join(t.low for t in toks[j:j + 4] if not t.gap or t is toks[j])
    if glued.startswith(("a.m", "p.m")) or label_after(toks, j, "time"):
        return True
    return j + 1 < len(toks) and toks[j + 1].low == "ago" and toks[j].low in (
        "seconds", "minutes", "hours", "days", "weeks", "months", "years", "hour", "day", "week", "month", "year", "hrs",
        "mins", "min", "h", "d")


def _unit_follows(toks: list[Tok], j: int) -> bool:
    from .quantity_units import unit_word
    return j < len(toks) and toks[j].text[:1].islower() and bool(unit_word(toks[j])) or \
        j < len(toks) and toks[j].text == "%"


def _ibid_page(toks: list[Tok], i: int) -> bool:
    """"Ibid., 233", "Id. at 7", "(Moran 1999, 85)"."""
    if i >= 2 and toks[i - 1].text == "," and toks[i - 2].low in ("ibid", "."):
        return toks[i - 2].low == "ibid" or i >= 3 and toks[i - 3].low == "ibid"
    if i >= 3 and toks[i - 1].low == "at" and toks[i - 2].text == "." and toks[i - 3].low in ("id", "ibid"):
        return True
    if i >= 4 and toks[i - 1].text == "," and toks[i - 2].kind == "d" and len(toks[i - 2].text) == 4 \
            and toks[i - 3].kind == "w" and toks[i - 3].text[0].isupper() and "(" in (toks[i - 4].text, toks[i - 5].text
                                                                                    if i >= 5 else ""):
        return True
    return False


def _code(toks: list[Tok], i: int) -> bool:
    """Letters and digits joined by hyphens with no space: "IT-98-33", "T-34", "Su-27"."""
    k = i
    while k > 0 and not toks[k].gap and k > i - 6:
        k -= 1
        if toks[k].kind == "w":
            return True
    return False


def _short_year_range(toks: list[Tok], num: Num) -> bool:
    """"in 37-38": two-digit years a year or so apart, nothing counted after them."""
    i, j = num.i, num.j
    if num.kind != "digits" or len(toks[i].text) != 2 or not toks[i].text.isdecimal() or j + 1 >= len(toks):
        return False
    dash, other = toks[j], toks[j + 1]
    if dash.text not in DASHES or dash.gap or other.gap or other.kind != "d" or len(other.text) != 2:
        return False
    after = toks[j + 2] if j + 2 < len(toks) else None
    if after is not None and (after.text == "%" or (after.kind == "w" and after.gap and (
            _unit_word(after) or after.low in ("million", "thousand", "percent", "per", "mil", "billion")))):
        return False
    return 0 < int(other.text) - int(toks[i].text) <= 3


def _date_pair(toks: list[Tok], j: int) -> bool:
    """"23 and 28 February", "31 May–1 June": a day number whose partner is followed by a month."""
    return j + 2 < len(toks) and toks[j].low in ("and", "or", "-", "–", "to") and toks[j + 1].kind == "d" \
        and len(toks[j + 1].text) <= 2 and month(toks[j + 2])


def _enumeration(toks: list[Tok], i: int, j: int) -> bool:
    t = toks[i]
    if len(t.text) > 2 or not t.text.isdecimal():
        return False
    line_start = i == 0 or "\n" in t.gap or (i >= 1 and toks[i - 1].text == "(" and (i == 1 or "\n" in toks[i - 1].gap))
    closes = j < len(toks) and toks[j].text in (".", ")") and not toks[j].gap
    if line_start and closes:
        return True
    return i >= 1 and toks[i - 1].text == "(" and not t.gap and j < len(toks) and toks[j].text == ")" \
        and not toks[j].gap


def _spaced_marker(toks: list[Tok], i: int, j: int) -> bool:
    """`rule.” 14` then a new sentence or the end of the paragraph: a note number set apart."""
    t = toks[i]
    if len(t.text) > 3 or not t.text.isdecimal() or t.gap != " " or i < 1:
        return False
    k = i - 1
    while k >= 0 and toks[k].text in QUOTES | {")"}:
        k -= 1
    if k < 0 or toks[k].text not in SENTENCE_END or k == i - 1 and toks[k].text == ".":
        return False
    return j >= len(toks) or "\n" in toks[j].gap or toks[j].text[:1].isupper()


def _address(toks: list[Tok], i: int, j: int, qualified: bool) -> bool:
    """"Bolshaya Pirogovskaya 17": two capitalised words before a short bare number."""
    if qualified or i < 2 or len(toks[i].text) > 4 or _unit_follows(toks, j):
        return False
    a, b = toks[i - 2], toks[i - 1]
    return a.kind == b.kind == "w" and a.text[0].isupper() and b.text[0].isupper() and b.gap == " " \
        and toks[i].gap == " " and not sentence_start(toks, i - 2) and (j >= len(toks) or toks[j].text in ",.;)")
