"""Names of people: parse a name as written ("Smith, Jon", "Prof. Terry Martin’s",
"T. Martin") into given and family parts, and fold spellings into keys that meet across
romanisations and diacritics ("Tchaikovsky" / "Chaikovskii", "Ždanov" / "Zhdanov").
Shared by the components and the corpus steps: defined once."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from anyascii import anyascii

from ..data import load_tsv

TITLES = frozenset("""mr mrs ms miss dr prof professor sir dame lord lady comrade general gen marshal colonel col
captain capt lieutenant lt sergeant sgt tsar czar tsarina president premier chairman secretary minister
ambassador rabbi father rev reverend saint st pope king queen prince princess count countess baron
mister""".split())
PARTICLES = frozenset("van von de di du del der la le da dos das ten ter bin ibn al el".split())
POSSESSIVE = re.compile(r"[’']s?$")
INITIALS = re.compile(r"(?:[A-ZÀ-ÞА-Я]\.?-?){1,3}")


@dataclass(frozen=True)
class Name:
    given: tuple[str, ...]  # given names or initials as written ("Terry", "T.")
    family: str  # the family name with its particles ("Van Ree")

    @property
    def full(self) -> str:
        return " ".join(self.given + (self.family,)).strip()

    @property
    def family_key(self) -> str:
        return fold(self.family.split()[-1]) if self.family else ""

    @property
    def initial(self) -> str:
        return fold(self.given[0])[:1] if self.given else ""

    @property
    def given_key(self) -> str:
        """The first given name folded, or its initial when only initials are written
        ("T.", "M.K.", "MK")."""
        if not self.given:
            return ""
        first = self.given[0]
        if INITIALS.fullmatch(first):
            return fold(first)[:1]
        return fold(first)


@lru_cache(maxsize=None)
def openers() -> frozenset[str]:
    """Capitalised words that open a run before a name but are not part of it (data/name_openers.tsv)."""
    return frozenset(r["word"] for r in load_tsv("name_openers.tsv"))


@lru_cache(maxsize=None)
def _rules() -> tuple[tuple[str, re.Pattern, str], ...]:
    return tuple((r["stage"], re.compile(r["pattern"]), r["replacement"]) for r in load_tsv("transliteration.tsv"))


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A spelling key: lower case, romanisation variants met, diacritics and other scripts
    in ASCII, letters only."""
    low = unicodedata.normalize("NFC", word.lower())
    for stage, pattern, repl in _rules():
        if stage == "before":
            low = pattern.sub(repl, low)
    low = re.sub(r"[^a-z]", "", anyascii(low).lower())
    for stage, pattern, repl in _rules():
        if stage == "after":
            low = pattern.sub(repl, low)
    return low


REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself"})


def clean(name: str) -> str:
    """White space collapsed, titles and a possessive dropped ("Prof. Martin’s" → "Martin")."""
    words = " ".join(name.split()).strip(" ,;:()[]“”\"'-–—").split(" ")
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    while len(words) > 1 and words[-1].lower() in REFLEXIVES:
        words = words[:-1]  # "Kollontai herself"
    if words:
        words[-1] = POSSESSIVE.sub("", words[-1])
    return " ".join(w for w in words if w)


def parse(name: str, inverted: bool | None = None) -> Name:
    """Given and family parts. "Smith, Jon" is inverted by its comma; with ``inverted=True``
    (a bibliography line) "Smith Jonathan" is read family-first too."""
    text = clean(name)
    words = text.split(" ")
    while len(words) > 1 and words[0] in openers():
        words = words[1:]  # "Young Stalin", "Two Stalins": the words before the name
    text = " ".join(words)
    if "," in text:
        family, _, given = text.partition(",")
        return Name(tuple(given.split()), family.strip())
    words = text.split()
    if not words:
        return Name((), "")
    if inverted and len(words) >= 2:
        return Name(tuple(words[1:]), words[0])
    k = len(words) - 1
    while k > 0 and words[k - 1].lower() in PARTICLES:
        k -= 1
    return Name(tuple(words[:k]), " ".join(words[k:]))


def surname(name: str) -> str:
    """The folded-free family word as written, lower case ("Van Ree’s" → "ree")."""
    parsed = parse(name)
    return parsed.family.split()[-1].lower() if parsed.family else ""


def similar(a: str, b: str, threshold: float = 0.8) -> bool:
    """Two different spellings close enough to be one name misspelt."""
    return a != b and (SequenceMatcher(None, a, b).ratio() >= threshold or (len(a) >= 4 and b.startswith(a)))


def compatible(a: Name, b: Name) -> bool:
    """Could these be one person? Same family key and no clash of given names (an initial
    fits a name it begins; a missing given name fits any)."""
    if not a.family_key or a.family_key != b.family_key:
        return False
    if not a.given or not b.given:
        return True
    return given_fit(a.given_key, b.given_key)


@lru_cache(maxsize=None)
def given_equivalents() -> dict[str, frozenset[str]]:
    """Folded given name -> the folded names data/given_names.tsv makes it equivalent to."""
    out: dict[str, set[str]] = {}
    for row in load_tsv("given_names.tsv"):
        a, b = fold(row["name"]), fold(row["equivalent"])
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


def given_fit(ga: str, gb: str) -> bool:
    """Two folded given names (or initials) that can name one person: an initial and a name
    it begins, a short form ("Jon" / "Jonathan"), or one name spelt two ways ("Lavrentii" /
    "Lavrenty")."""
    if not ga or not gb:
        return True
    if len(ga) == 1 or len(gb) == 1:
        return ga[:1] == gb[:1]
    if ga == gb or ga.startswith(gb) or gb.startswith(ga):
        return True
    if ga in given_equivalents().get(gb, ()):  # "Lev" / "Leon", "Iosif" / "Joseph" (data/given_names.tsv)
        return True
    return ga[:1] == gb[:1] and min(len(ga), len(gb)) >= 4 and SequenceMatcher(None, ga, gb).ratio() >= 0.8
