"""What a figure counts: the noun after it ("680,000 executions", "25,700 Polish officers",
"thousands of prisoners"), a verb ("680,000 were shot"), a phrase before it ("the death of
tens of millions"), a currency sign ("$20 million") or a percent sign. Vocabulary:
data/quantity_units.tsv."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..data import load_tsv
from .numerals import Tok

AUX = {"were", "was", "had", "have", "has", "been", "are", "is", "be", "being", "reportedly", "allegedly",
       "subsequently", "then", "eventually", "later", "all", "either", "actually", "probably", "who", "that"}
FUNCTION = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or", "but", "as",
            "than", "that", "which", "who", "this", "these", "those", "it", "its", "their", "his", "her", "our",
            "were", "was", "is", "are", "be", "been", "had", "have", "has", "not", "no", "more", "less", "per",
            "during", "while", "after", "before", "into", "over", "under", "between", "each", "every", "some",
            "there", "here", "when", "where", "if", "so", "such", "only", "just", "even", "still", "we", "they",
            "he", "she", "you", "i", "them", "us", "him", "me", "my", "your", "out", "up", "down", "off", "about",
            "against", "among", "through", "across", "within", "without", "upon", "whom", "whose", "what",
            "would", "could", "should", "will", "can", "may", "might", "must", "did", "do", "does", "times",
            "again", "too", "also", "others", "ones", "times", "things", "ways", "days_later", "yet", "like", "unlike", "since", "until", "because", "though", "although"}
CURRENCY = {"$": "dollars", "US$": "dollars", "£": "pounds", "€": "euros"}
AGENT_ENDINGS = ("ers", "ists", "ians", "ants", "ents", "ees", "ites", "ors")  # English agent-noun suffixes
NOT_AGENTS = {"numbers", "papers", "orders", "centers", "matters", "quarters", "headquarters", "borders", "powers",
              "waters", "letters", "members", "others", "comments", "documents", "statements", "elements", "events",
              "arguments", "moments", "governments", "agreements", "payments", "shipments", "accounts", "records",
              "factors", "errors", "sectors", "doors", "floors", "monitors", "answers", "layers", "offers", "users",
              "tents", "parents", "talents", "extents", "contents", "percents", "plants", "grants", "variants"}
MULTIPLY = {"decades": 10.0, "centuries": 100.0}  # figures in decades and centuries become years


@dataclass(frozen=True)
class Unit:
    unit: str
    family: str | None
    counted: str | None = None  # the noun as written
    end: int | None = None  # token index one past a unit word that joins the figure's span
    factor: float = 1.0


@lru_cache(maxsize=None)
def lexicon() -> dict[str, dict[tuple[str, ...], tuple[str, str]]]:
    """kind → {words (lower-case): (unit, family)}."""
    out: dict[str, dict[tuple[str, ...], tuple[str, str]]] = {}
    for r in load_tsv("quantity_units.tsv"):
        key = tuple(w.lower() for w in r["word"].split())
        out.setdefault(r["kind"], {})[key] = (r["unit"], r["family"])
    return out


def unit_word(tok: Tok) -> tuple[str, str] | None:
    return lexicon()["noun"].get((tok.low,))


def unit_after(toks: list[Tok], j: int) -> Unit | None:
    """The unit written right after the figure (ending at j), or behind up to two modifiers."""
    if j >= len(toks):
        return None
    t = toks[j]
    if t.text == "%":
        return Unit("percent", "share", "%", j + 1)
    two = lexicon()["noun"].get((t.low, toks[j + 1].low)) if j + 1 < len(toks) else None
    if two:
        return Unit(two[0], two[1], f"{t.text} {toks[j + 1].text}", j + 2)
    if "\n" in t.gap:
        return None
    if (found := unit_word(t)) and not (t.text[0].isupper() and found[1] != "persons"):
        return _unit(found, t.text, j + 1)
    k = j
    while k < min(j + 3, len(toks)) and toks[k].kind == "w" and toks[k].low not in FUNCTION \
            and not lexicon()["verb"].get((toks[k].low,)):
        if (found := unit_word(toks[k])) and k > j:
            return _unit(found, " ".join(x.text for x in toks[j:k + 1]), None)
        k += 1
    if t.kind == "w" and t.text[0].isupper() and t.low.endswith("s") and t.low not in FUNCTION:
        return Unit("people", "persons", t.text)  # "2 million Cambodians"
    return None


def _unit(found: tuple[str, str], counted: str, end: int | None) -> Unit:
    unit, family = found
    factor = MULTIPLY.get(unit, 1.0)
    return Unit("years" if unit in MULTIPLY else unit, family, counted, end, factor)


def unit_of(toks: list[Tok], j: int) -> Unit | None:
    """"thousands of prisoners", "a third of the victims": the noun after 'of (the)'."""
    if j < len(toks) and toks[j].low == "of":
        k = j + 1
        while k < len(toks) and toks[k].low in ("the", "them", "these", "those", "all", "their", "its", "his", "her"):
            k += 1
        if k < len(toks) and toks[k].low not in ("them",):
            return unit_after(toks, k) or plain_noun(toks, k)
    return None


def unit_verb(toks: list[Tok], j: int) -> Unit | None:
    """"680,000 were shot", "3 million died"."""
    k = j
    while k < min(j + 4, len(toks)) and toks[k].low in AUX:
        k += 1
    if k < len(toks) and (found := lexicon()["verb"].get((toks[k].low,))):
        return Unit(found[0], found[1], toks[k].text)
    return None


@lru_cache(maxsize=None)
def _first_words() -> frozenset[str]:
    return frozenset(key[0] for key in lexicon()["before"])


def unit_before(toks: list[Tok], i: int) -> Unit | None:
    """"the death of tens of millions", "a death toll of 20 million"."""
    table = lexicon()["before"]
    firsts = _first_words()
    for k in range(max(0, i - 5), i):
        if toks[k].low not in firsts:
            continue
        for n in (2, 3):
            key = tuple(t.low for t in toks[k:k + n])
            if len(key) == n and key in table:
                unit, family = table[key]
                return Unit(unit, family, " ".join(t.text for t in toks[k:k + n]))
    return None


def currency_before(toks: list[Tok], i: int) -> Unit | None:
    if i >= 1 and toks[i - 1].text in CURRENCY and not toks[i].gap:
        return Unit(CURRENCY[toks[i - 1].text], "money", toks[i - 1].text)
    return None


def plain_noun(toks: list[Tok], j: int) -> Unit | None:
    """A plural noun right after the figure that the vocabulary does not know ("a thousand
    justifications"): kept as written, with no family."""
    if j < len(toks) and toks[j].kind == "w" and toks[j].low.endswith("s") and toks[j].low not in FUNCTION \
            and toks[j].text[0].islower() and len(toks[j].low) > 3 and "\n" not in toks[j].gap:
        low = toks[j].low
        if low.endswith(AGENT_ENDINGS) and low not in NOT_AGENTS:
            return Unit("people", "persons", toks[j].text)  # "weavers", "socialists", "historians"
        return Unit(low, None, toks[j].text)
    return None
