"""One pass over a region's tokens: at each number, its qualifier, range partner, unit and
span, or the reason it is no quantity. Every step looks a bounded number of tokens ahead or
behind, so a region costs time linear in its length."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .numerals import HYPHENS, Num, Tok, parse_digits, parse_fraction, parse_vague, parse_words, word
from .quantity_rules import DASHES, not_a_quantity, qualifier_after, qualifier_before, sentence_start
from .quantity_units import (CURRENCY, MULTIPLY, Unit, currency_before, lexicon, plain_noun, unit_after,
                             unit_before, unit_of, unit_verb, unit_word)

CHANGE_VERBS = {"rose", "fell", "grew", "increased", "decreased", "dropped", "declined", "went", "climbed", "shrank",
                "doubled", "jumped", "soared", "plummeted", "risen", "fallen", "grown", "dropping", "rising",
                "falling", "reduced", "cut", "raised", "expanded", "shrunk", "swelled"}
VOTE_WORDS = {"vote", "voted", "votes", "voting", "ballot", "passed", "carried", "defeated", "motion", "division",
              "ayes", "noes", "adopted", "approved", "rejected", "majority", "margin", "tally", "won", "lost", "beat"}
MAJORITY_ADJ = {"overwhelming", "vast", "large", "great", "slim", "clear", "absolute", "narrow", "simple"}
FRACTION_NEXT = {"of", "the", "their", "its", "his", "her", "all", "were", "was", "are", "is", "had", "have",
                 "died", "perished", "percent"}
NOT_MOST = {"the", "at", "is", "was", "are", "were", "be", "been", "a", "very", "what", "which", "whom", "who"}


@dataclass
class Draft:
    start: int
    end: int
    low: float | None
    high: float | None
    qualifier: str
    magnitude: int | None
    unit: Unit | None
    next: int  # token index to go on from
    inherited: bool = False


def could_start(tok: Tok) -> bool:
    return tok.kind == "d" or (tok.kind == "w" and (word(tok) is not None or tok.low in (
        "a", "an", "tens", "few", "several", "many", "tons", "loads") or tok.low in MAJORITY_ADJ))


def number_at(toks: list[Tok], i: int) -> Num | None:
    t = toks[i]
    if t.kind == "d":
        frac = parse_fraction(toks, i) if i + 1 < len(toks) and toks[i + 1].low in ("in", "out") else None
        if frac and not (frac.j < len(toks) and unit_word(toks[frac.j])) and frac.value < 100:
            return frac
        return parse_digits(toks, i)
    if t.low == "half" and i + 1 < len(toks) and toks[i + 1].low in ("a", "an"):
        return parse_words(toks, i) or parse_fraction(toks, i)  # "half a million"
    return parse_vague(toks, i) or parse_fraction(toks, i) or parse_words(toks, i)


def scan(text: str, toks: list[Tok]) -> list[Draft]:
    out: list[Draft] = []
    i = 0
    while i < len(toks):
        if not could_start(toks[i]):
            i += 1
            continue
        draft, nxt = expression(toks, i)
        if draft is not None:
            out.append(draft)
        i = max(nxt, i + 1)
    return out


def expression(toks: list[Tok], i: int) -> tuple[Draft | None, int]:
    """The quantity that starts at token i (None and where to go on when there is none)."""
    t = toks[i]
    if t.low in MAJORITY_ADJ:
        if i + 1 < len(toks) and toks[i + 1].low == "majority":
            return _proportion(toks, i, i + 2)
        return None, i + 1
    if t.low in ("tons", "loads") and i + 1 < len(toks) and toks[i + 1].low == "of" \
            and not (i and (toks[i - 1].kind == "d" or word(toks[i - 1]))):
        return Draft(t.start, t.end, None, None, "vague", None, unit_of(toks, i + 1), i + 2), i + 2
    num = number_at(toks, i)
    if num is None:
        return _few(toks, i) or _article_unit(toks, i) or (None, i + 1)
    money = i >= 1 and toks[i - 1].text in CURRENCY and not toks[i].gap
    qual, q0 = qualifier_before(toks, i - 1 if money else i)  # "over $11 million"
    why = not_a_quantity(toks, num, qual is not None)
    if why:
        return None, _skip(toks, num, why)
    if num.kind == "proportion":
        return _proportion(toks, i, num.j) if _proportion_ok(toks, num) else (None, num.j)
    if num.kind == "vague":
        unit = unit_of(toks, num.j) or unit_after(toks, num.j) or unit_verb(toks, num.j) or unit_before(toks, q0)
        go_on = _after_of(toks, num.j)
        return Draft(toks[q0].start, toks[num.j - 1].end, None, None, "vague", num.magnitude, unit, go_on), go_on
    return figure(toks, num, qual, q0)


def _few(toks: list[Tok], i: int) -> tuple[Draft, int] | None:
    """"a few months", "several weeks": a vague amount of a unit, magnitude 0."""
    k = i + 1 if toks[i].low == "a" else i
    if k + 1 < len(toks) and toks[k].low in ("few", "several") and (found := unit_word(toks[k + 1])):
        unit = Unit(found[0], found[1], toks[k + 1].text, k + 2)
        return Draft(toks[i].start, toks[k + 1].end, None, None, "vague", 0, unit, k + 2), k + 2
    return None


def _article_unit(toks: list[Tok], i: int) -> tuple[Draft, int] | None:
    """"about a week", "nearly a century": one of a unit of time, when a qualifier says it is an amount."""
    if toks[i].low not in ("a", "an") or i + 1 >= len(toks):
        return None
    found = unit_word(toks[i + 1])
    qual, q0 = qualifier_before(toks, i)
    if not found or found[1] != "duration" or qual is None:
        return None
    unit = Unit(found[0], found[1], toks[i + 1].text, i + 2)
    factor = MULTIPLY.get(found[0], 1.0)
    if factor != 1.0:
        unit = Unit("years", "duration", toks[i + 1].text, i + 2, factor)
    low, high = _bounds(qual, factor, factor)
    return Draft(toks[q0].start, toks[i + 1].end, low, high, qual, magnitude(low, high), unit, i + 2), i + 2


def figure(toks: list[Tok], num: Num, qual: str | None, q0: int) -> tuple[Draft | None, int]:
    """A figure with a value: its range partner, qualifier after, unit and span."""
    low = high = num.value
    end_tok, opened = num.j, (toks[q0 - 1].low if q0 >= 1 else "")
    partner = range_partner(toks, num, opened)
    if partner == "vote":
        return None, _after_partner(toks, num.j)
    if partner is not None:
        low, high, end_tok = partner
        qual = "range"
        if opened in ("between", "from"):
            q0 -= 1
    if end_tok < len(toks) and toks[end_tok].text == "+" and not toks[end_tok].gap:
        qual, end_tok = qual or "more than", end_tok + 1  # "6,100+ bodies"
    if num.kind == "fraction":
        if not _fraction_ok(toks, num, end_tok):
            return None, num.j
        unit = Unit("percent", "share", None, None)
    else:
        unit = _unit(toks, num, end_tok, q0)
        if num.kind == "words" and num.scale == 1.0 and qual is None and partner is None \
                and (not (unit and unit.end) or num.value == 1):
            return None, num.j  # "one of them", "the two sides", "one individual": no amount put forward
    after, end_after = qualifier_after(toks, end_tok if not (unit and unit.end) else unit.end)
    if after and qual in (None, "exact"):
        qual = after
    factor = unit.factor if unit else 1.0
    low, high = _bounds(qual or "exact", low * factor, high * factor)
    last = max(end_tok, unit.end or 0 if unit else 0, end_after if after else 0)
    start = toks[q0].start if q0 < num.i else toks[num.i].start
    if currency_before(toks, num.i) and unit and unit.family == "money":
        start = min(start, toks[num.i - 1].start)
    go_on = _after_of(toks, last)
    return Draft(start, toks[last - 1].end, low, high, qual or "exact", magnitude(low, high), unit, go_on), go_on


def _unit(toks: list[Tok], num: Num, end_tok: int, q0: int) -> Unit | None:
    big = num.kind == "digits" or num.scale > 1
    found = (currency_before(toks, num.i) or unit_after(toks, end_tok) or unit_of(toks, end_tok)) if big \
        else unit_after(toks, end_tok)
    if found and found.unit == "people":  # "killed 4 million people", "400,000 people deported"
        verb = _verb_before(toks, q0) or unit_verb(toks, found.end or end_tok + 1)
        if verb:
            return Unit(verb.unit, verb.family, found.counted, found.end)
    if found:
        return found
    noun = plain_noun(toks, end_tok)
    verb = unit_verb(toks, end_tok + 1 if noun else end_tok)  # "12,400 dockers were shot"
    if verb and noun:
        return Unit(verb.unit, verb.family, noun.counted)
    return verb or unit_before(toks, q0) or noun


def _verb_before(toks: list[Tok], q0: int) -> Unit | None:
    for k in (q0 - 1, q0 - 2):
        if k >= 0 and (found := lexicon()["verb"].get((toks[k].low,))):
            return Unit(found[0], found[1], toks[k].text)
    return None


def range_partner(toks: list[Tok], num: Num, opened: str) -> tuple[float, float, int] | str | None:
    """(low, high, end) when a second figure makes a range with the first ("30-40 million",
    "between 1.5 and 2 million", "from about 600,000 to 1.5 million", "two or three");
    "vote" for a tally ("444 to 94", "237 votes to 146")."""
    j = num.j
    if j < len(toks) and toks[j].text == "%":
        j += 1
    if j + 1 >= len(toks):
        return None
    sep = toks[j].low
    if toks[j].low == "votes" and j + 2 < len(toks) and toks[j + 1].low == "to" and toks[j + 2].kind == "d":
        return "vote"
    if not (sep in DASHES or sep in ("to", "or") or (sep == "and" and opened == "between")):
        return None
    k = j + 1
    _, k2 = _qualifier_ahead(toks, k)
    other = number_at(toks, k2) if k2 < len(toks) and toks[k2].kind in ("d", "w") else None
    if other is None or other.value is None or num.value is None or other.kind in ("vague", "proportion"):
        return None
    if num.kind == "digits" and other.kind == "digits" and not_a_quantity(toks, other, False) in ("year", "date"):
        return None
    low, high = num.value, other.value
    if num.scale == 1.0 and other.scale > 1.0 and low * other.scale <= high * 1.0001:
        low *= other.scale  # "30-40 million"
    if sep == "to" and opened != "from" and _vote_context(toks, num.i):
        return "vote"
    if low >= high:
        return "vote" if sep == "to" and opened != "from" and num.kind == other.kind == "digits" else None
    if opened == "from" and num.i >= 2 and toks[num.i - 2].low in CHANGE_VERBS:
        return None  # "rose from 2 million to 5 million": a change
    end = other.j + (1 if other.j < len(toks) and toks[other.j].text == "%" and toks[j - 1].text == "%" else 0)
    return low, high, end


def _qualifier_ahead(toks: list[Tok], k: int) -> tuple[str | None, int]:
    for n in (2, 1):
        if k + n < len(toks):
            qual, start = qualifier_before(toks, k + n)
            if qual and start == k:
                return qual, k + n
    return None, k


def _vote_context(toks: list[Tok], i: int) -> bool:
    return any(toks[k].low in VOTE_WORDS for k in range(max(0, i - 12), i))


def _bounds(qual: str, low: float, high: float) -> tuple[float | None, float | None]:
    if qual in ("more than", "at least"):
        return low, None
    if qual in ("less than", "up to"):
        return None, high
    return low, high


def magnitude(low: float | None, high: float | None) -> int | None:
    top = max((abs(v) for v in (low, high) if v is not None), default=0)
    return int(math.floor(math.log10(top))) if top > 0 else None


def _proportion_ok(toks: list[Tok], num: Num) -> bool:
    """"most of the victims", "most historians" — not "the most vocal", "most often"."""
    i, j = num.i, num.j
    if toks[i].low == "majority":
        return True
    if i and toks[i - 1].low in NOT_MOST:
        return False
    if j >= len(toks):
        return False
    nxt = toks[j]
    return nxt.low == "of" or (nxt.kind == "w" and nxt.low.endswith("s") and len(nxt.low) > 3
                               and nxt.low not in ("always", "perhaps", "was", "has", "does", "is", "its"))


def _proportion(toks: list[Tok], i: int, j: int) -> tuple[Draft, int]:
    unit = unit_of(toks, j) or unit_after(toks, j)
    return Draft(toks[i].start, toks[j - 1].end, None, None, "vague", None, unit, j), j


def _fraction_ok(toks: list[Tok], num: Num, end: int) -> bool:
    i = num.i
    if i + 1 < len(toks) and toks[i + 1].low in ("in", "out"):
        return True  # "one in four"
    if toks[i].low == "half" and i and toks[i - 1].low in ("the", "first", "second", "other", "latter", "a", "one"):
        return False
    if toks[i].low in ("a", "one") and i and toks[i - 1].low == "the":
        return False
    if end >= len(toks):
        return True
    nxt = toks[end]
    return nxt.kind == "p" and nxt.text not in HYPHENS or nxt.low in FRACTION_NEXT or toks[i].low not in ("half", "a", "one") \
        and nxt.kind != "w"


def _skip(toks: list[Tok], num: Num, why: str) -> int:
    """Where to go on after a non-quantity: past a year range ("1932–33"), a date pair ("23 and
    28 February") or a tally's second figure."""
    j = num.j
    if why in ("year", "date", "page") and j + 1 < len(toks) and toks[j].text in DASHES + ("and", "or", "to") \
            and toks[j + 1].kind == "d" and (len(toks[j + 1].text) in (2, 4) or len(toks[j + 1].text) == 1
                                             and toks[j].text in DASHES and not toks[j + 1].gap):
        return j + 2
    if why == "vote":
        return j + 1
    return j


def _after_partner(toks: list[Tok], j: int) -> int:
    k = j
    while k < min(j + 4, len(toks)) and toks[k].kind != "d":
        k += 1
    return k + 1


def _after_of(toks: list[Tok], j: int) -> int:
    """Go on past "of tons" so "millions of tons of grain" does not read "tons of" again."""
    if j + 1 < len(toks) and toks[j].low == "of" and toks[j + 1].low in ("tons", "loads"):
        return j + 2
    return j


__all__ = ["scan", "Draft", "sentence_start"]
