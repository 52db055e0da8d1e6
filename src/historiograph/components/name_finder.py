"""Names in running text, for the mentions layer: spaCy's named entities as candidates,
mended where they are known to go wrong, then completed from the document itself.

- Note markers are blanked before the entity pass (`physicians.6 Stalin` is two sentences).
- An entity that runs across a sentence end keeps only its last part.
- An organisation extends over a capitalised word just before it ("Jewish Anti-Fascist
  Committee", where the model stops at "Anti-Fascist Committee").
- A one-word name the model calls a place or an organisation is a person when the document
  names a person of that family ("Ryumin", "Black" after "Cyril Black").
- Every further capitalised word that is the family name of a person the document names in
  full is a mention of that person too ("Molotov said" after "Vyacheslav Molotov").
- A short name takes the full name this document gives: the one person of that family, or,
  when several, the one of them named in the few lines before it ("Roy Medvedev argues …
  Medvedev adds"); otherwise it stays as written, for the register to weigh.
- A bibliography's inverted name without its comma ("Smith Jonathan") is read family-first
  when the document names that person in the usual order."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..data import load_tsv
from ..model import Document, Mention, Section
from ..text import names
from .nlp import analysis

KINDS = {"PERSON": "person", "ORG": "organisation", "WORK_OF_ART": "work", "GPE": "place", "LOC": "place",
         "NORP": "group", "FAC": "place", "EVENT": "event"}
TEXT_SECTIONS = ("body", "post", "quote", "title", "subtitle", "heading")
CAPITALISED = re.compile(r"^[A-ZÀ-ÞА-Я]")
SENTENCE_END = re.compile(r"(?<![a-z\d])[a-z\d]{2,}+[.!?][”’\"')]*+\s++(?=\S)")  # linear: a run is tried once
WORD_BEFORE = re.compile(r"(?:^|\s)([A-Z][\w’'-]+)\s$")
MAX_CHARS_NER = 400_000  # the entity pass reads at most this much running text per document
RECENT = 400  # characters back in which the one full name named there decides a short one


@lru_cache(maxsize=None)
def stop_capitals() -> frozenset[str]:
    """Capitalised words that open sentences or headings and name no one."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w.lower() for w in STOP_WORDS) | frozenset(
        r["word"].lower() for r in load_tsv("speaker_labels.tsv")) | frozenset(
        r["word"].lower() for r in load_tsv("people_nouns.tsv"))


def _regions(doc: Document) -> list[tuple[int, int]]:
    """The running text the entity pass reads (at most MAX_CHARS_NER characters of it)."""
    out, budget = [], MAX_CHARS_NER
    for a, b in regions_of(doc):
        if budget <= 0:
            break
        out.append((a, min(b, a + budget)))
        budget -= b - a
    return out


def named_entities(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, label) of the named entities in the running text (not the notes or the
    bibliography, whose names the references give), mended. They come from the document's
    shared analysis (components/nlp.py): note markers blanked, the sentences attribution
    already parsed or read for names reused, and the `ner` pipe run only around capitalised
    words (`Analysis.names`)."""
    an = analysis(doc)
    text = an.prepared
    found = [_mend(text, e.start, e.end, e.label) for e in an.names(_regions(doc), KINDS)]
    return sorted({f for f in found if f[1] > f[0]})


POSSESSIVE = re.compile(r"[’']s?(?=\s)")  # a possessive ending inside a name span


def _mend(text: str, s: int, e: int, label: str) -> tuple[int, int, str]:
    ends = [m.end() for m in SENTENCE_END.finditer(text[s:e])]  # the entity alone: the look-behind sees nothing before it
    if ends:
        s += ends[-1]  # "the Kremlin physicians. Stalin": the last sentence's part
    while e > s and text[e - 1] in " .,;:":
        e -= 1
    if label == "PERSON":
        owner = POSSESSIVE.search(text, s, e)
        if owner and owner.end() < e:
            e = owner.start()  # "Stalin’s NKVD": the person is Stalin, the rest is his
    if label == "ORG":
        before = WORD_BEFORE.search(text, max(0, s - 40), s)
        if before and before.end() == s and before.group(1).lower() not in stop_capitals():
            s = before.start(1)
    return s, e, label


def _named_other(m: Mention) -> bool:
    """A group, or a place or organisation named in more than one word: a bare capitalised
    word the entity pass calls a place or an organisation is as often a surname ("Malia",
    "Ryumin"), so it does not stop a full name from being indexed."""
    words = m.resolved.split()
    return bool(words) and (m.kind == "group" or (m.kind in ("place", "organisation") and len(words) > 1))


def family_index(mentions: list[Mention]) -> dict[str, list[tuple[int, str]]]:
    """Folded family name -> (offset, full name) of the people this document names in full
    (not a name that is also a group, place or organisation here: "Soviet Jews", "Stalin’s
    USSR" are not people)."""
    others = {names.fold(m.resolved.split()[-1]) for m in mentions if _named_other(m)}
    index: dict[str, list[tuple[int, str]]] = {}
    for m in mentions:
        if m.kind != "person":
            continue
        parsed = names.parse(m.resolved)
        if parsed.given and len(parsed.given_key) > 1 and parsed.family_key not in others \
                and not parsed.family.isupper() \
                and parsed.family.lower() not in stop_capitals() and parsed.given[0].lower() not in stop_capitals():
            index.setdefault(parsed.family_key, []).append((m.start, parsed.full))
    for entries in index.values():
        entries.sort()
    return index


def full_name_for(parsed: names.Name, at: int, index: dict[str, list[tuple[int, str]]]) -> tuple[str, str] | None:
    """(full name, why) for a short name at offset ``at``, or None when the document does not say."""
    entries = [(pos, full) for pos, full in index.get(parsed.family_key, ())
               if names.compatible(parsed, names.parse(full))]
    fulls = {full for _, full in entries}
    longest = {f for f in fulls if not any(o != f and f in o for o in fulls)}
    if len(longest) == 1:
        return longest.pop(), "the one person of that name here"
    near = {full for pos, full in entries if at - RECENT <= pos < at}
    if len(near) == 1:
        return near.pop(), "the one person of that name named just before it"
    return None


def as_person(mentions: list[Mention], index, make) -> list[Mention]:
    """A one-word place or organisation that is the family name of someone named here."""
    out = []
    for m in mentions:
        one = len(m.resolved.split()) == 1 and m.how == "entity"
        if m.kind in ("place", "organisation", "group") and one and names.fold(m.resolved) in index:
            m = make("person", m.spans[0], m.name, m.resolved, m.role, m.how, m.record, confidence=0.5)
        out.append(m)
    return out


def family_mentions(text: str, regions: list[tuple[int, int]], index, taken: list[tuple[int, int]],
                    make) -> list[Mention]:
    """Each further capitalised word that is the family name of a person named here in full."""
    if not index:
        return []
    taken = sorted(taken)
    starts = [s for s, _ in taken]
    word = re.compile(r"\b[A-ZÀ-ÞА-Я][\w’'-]+")
    part_of_name = re.compile(r"(?<!\s)\s++[A-ZÀ-ÞА-Я][a-z]")  # matched after a word; linear on a run of spaces
    out = []
    for a, b in regions:
        for m in word.finditer(text, a, b):
            key = names.fold(names.clean(m.group()))
            if key not in index or part_of_name.match(text, m.end()) or text[max(0, m.start() - 4):m.start()] == "the ":
                continue  # "Black Hundreds", "the Black Army": part of another name
            k = bisect_right(starts, m.start()) - 1
            if k >= 0 and taken[k][1] > m.start():
                continue  # inside a mention already found
            out.append(make("person", m.span(), m.group(), names.clean(m.group()), "named", "text", None,
                            confidence=0.5))
    return out


def resolve_short_names(mentions: list[Mention], index, replace) -> list[Mention]:
    """"Martin" → "Terry Martin", "T. Martin" → "Terry Martin" where this document says who."""
    out = []
    for m in mentions:
        if m.kind == "person":
            parsed = names.parse(m.resolved)
            turned = names.parse(m.resolved, inverted=True)
            if "," not in m.resolved and len(m.resolved.split()) == 2 and parsed.family_key not in index \
                    and turned.family_key in index:
                found = full_name_for(turned, m.start, index)
                if found is not None:
                    out.append(replace(m, resolved=found[0]))
                    continue
            if not parsed.given or len(parsed.given_key) == 1:
                found = full_name_for(parsed, m.start, index)
                if found is not None:
                    m = replace(m, resolved=found[0])
        out.append(m)
    return out


def regions_of(doc: Document) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.layer("sections") if isinstance(s, Section) and s.kind in TEXT_SECTIONS
            and (s.parent is None or s.kind == "quote")]
