"""Mentions: every person, organisation, work, place and group a document names, with
offsets, for the register (the corpus step that links them across documents).

Where they come from, in order of trust:
- references: the authors and editors of each cited work (CSL names, with the span of each
  name inside the note or bibliography entry) and the work itself (its title's span; an
  Ibid. or short form is a mention of the work it repeats);
- attributions: the named source of what is said (a pronoun source when its speaker was
  resolved);
- named entities in running text (spaCy's PERSON, ORG, WORK_OF_ART, GPE/LOC, NORP) as
  candidates, not truth: a name inside a cited work's title is the work's, not a person
  ("Napoleon Triumphant" is a book, not Napoleon).

Then the names are completed from the document itself (components/name_finder.py): a
short name takes the full name the document gives it ("Martin" → "Terry Martin"), and every
further use of a family name named in full is a mention of that person."""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from ..data import load_tsv

from ..model import Attribution, Document, Mention, Reference
from ..text import names
from .base import component
from .name_finder import (CAPITALISED, KINDS, as_person, family_index, family_mentions, named_entities, regions_of,
                          resolve_short_names, stop_capitals)

NAME, VERSION = "mentions", "2"
PRONOUNS = frozenset("he she they him her them i we you it who which that this these those".split())


def _mention(kind: str, span: tuple[int, int], name: str, resolved: str, role: str, how: str,
             record: str | None = None, authors: tuple[str, ...] = (), confidence: float = 0.8) -> Mention:
    if kind == "person":
        resolved = names.clean(resolved) or resolved
    return Mention(spans=(span,), kind=kind, name=" ".join(name.split()), resolved=" ".join(resolved.split()),
                   role=role, how=how, record=record, authors=authors, confidence=confidence,
                   component=NAME, version=VERSION)


def _name_like(text: str) -> bool:
    """Could this be a person's name: capitalised, at most five words, no lower-case words
    but particles ("van", "de")?"""
    words = names.clean(text).split()
    return 0 < len(words) <= 5 and CAPITALISED.match(words[0]) is not None and all(
        w[:1].isupper() or w.lower() in names.PARTICLES or not w[:1].isalpha() for w in words)


@lru_cache(maxsize=None)
def organisation_words() -> frozenset[str]:
    return frozenset(r["word"] for r in load_tsv("organisation_words.tsv"))


def _person_like(text: str) -> bool:
    """Two or three capitalised words with no organisation head word: a person's name
    (a speaking "Helena Marsh" the entity model took for an organisation)."""
    words = names.clean(text).split()
    return 2 <= len(words) <= 3 and _name_like(text) and not any(w.strip(".,") in organisation_words() for w in words)


def _csl_full(person: dict) -> str:
    return person.get("literal") or " ".join(filter(None, (person.get("given"), person.get("family"))))


def _name_span(text: str, start: int, end: int, person: dict, after: int) -> tuple[int, int] | None:
    """Where one CSL name stands inside an author field (family name, with its given name
    when written next to it, before or after a comma)."""
    family = person.get("family") or person.get("literal")
    if not family:
        return None
    k = text.find(family, max(start, after), end)
    if k < 0:
        return None
    s, e = k, k + len(family)
    given = person.get("given")
    if given:
        g = text.rfind(given, start, s)
        if g >= 0 and not text[g + len(given):s].strip(" .,"):
            s = g
        elif text[e:end].lstrip(" ,").startswith(given):
            e = text.find(given, e, end) + len(given)
    return s, e


def reference_mentions(doc: Document) -> list[Mention]:
    refs = {r.id: r for r in doc.layer("references") if isinstance(r, Reference)}
    out: list[Mention] = []
    for ref in refs.values():
        work = refs.get(ref.resolves_to, ref) if ref.resolves_to else ref
        authors = tuple(n.get("family") or n.get("literal") or "" for n in work.csl.get("author", []))
        out.extend(_people_of(doc, ref))
        title = work.csl.get("title")
        if not title:
            continue
        span = next(((s, e) for s, e, label in ref.fields if label == "title"), (ref.start, ref.end))
        out.append(_mention("work", span, doc.text[span[0]:span[1]], title, "cited", "reference", ref.id,
                            authors, ref.confidence or 0.8))
    return out


def _people_of(doc: Document, ref: Reference) -> list[Mention]:
    out = []
    for var, role in (("author", "author"), ("editor", "editor"), ("translator", "editor")):
        fields = [(s, e) for s, e, label in ref.fields if label == var]
        after = 0
        for person in ref.csl.get(var, []):
            span = next((sp for s, e in fields if (sp := _name_span(doc.text, s, e, person, after))), None)
            if span is None:
                continue
            after = span[1]
            if not _name_like(_csl_full(person)) and not person.get("literal"):
                continue  # a parse that took a phrase for a name
            kind = "organisation" if person.get("literal") and len(person["literal"].split()) > 3 else "person"
            out.append(_mention(kind, span, doc.text[span[0]:span[1]], _csl_full(person), role, "reference", ref.id))
    return out


def attribution_mentions(doc: Document, ents: list[tuple[int, int, str]]) -> list[Mention]:
    out = []
    for a in doc.layer("attributions"):
        if not isinstance(a, Attribution) or not a.source:
            continue
        s, e = a.source[0]
        written = " ".join(doc.text[s:e].split())
        if not a.speaker:
            if _name_like(written) and len(written.split()) <= 3 and written.lower() not in stop_capitals() \
                    and written.lower() not in PRONOUNS and not _ends_in_acronym(written):  # "Writer says …" in a text that never gives her full name
                out.append(_mention("person", (s, e), written, written, "speaker", "attribution", a.id,
                                    confidence=min(0.5, a.confidence or 0.5)))
            continue  # "a specialist on Nero" names no one as the speaker (Nero is not the source)
        inside = [(es, ee, label) for es, ee, label in ents if s <= es and ee <= e and label in ("PERSON", "ORG")
                  and not names.POSSESSIVE.search(doc.text[es:ee + 2].rstrip())]
        fits = [t for t in inside if names.fold(names.clean(doc.text[t[0]:t[1]])) in names.fold(a.speaker)]
        if fits:
            es, ee, label = fits[-1]
            who = a.speaker if _name_like(a.speaker) else doc.text[es:ee]
            kind = "person" if label == "ORG" and _person_like(who) else KINDS[label]
            out.append(_mention(kind, (es, ee), doc.text[es:ee], who, "speaker", "attribution", a.id,
                                confidence=a.confidence or 0.7))
        elif a.speaker and (written.lower() in PRONOUNS or CAPITALISED.match(written)):
            if written.lower() in ("i", "we") or not _name_like(a.speaker) or _ends_in_acronym(a.speaker):
                continue  # the author's own voice, or a source that names no one ("Stalin’s USSR")
            out.append(_mention("person", (s, e), written, a.speaker, "speaker", "attribution", a.id,
                                confidence=min(0.6, a.confidence or 0.6)))
    return out


def entity_mentions(doc: Document, ents: list[tuple[int, int, str]], taken: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for s, e, label in ents:
        if any(ts <= s and e <= te for ts, te in taken):
            continue  # inside a cited work's title or a source already recorded
        written = doc.text[s:e]
        cleaned = names.clean(written.removeprefix("the ").removeprefix("The "))
        if not cleaned or not CAPITALISED.match(cleaned) or cleaned.lower() in stop_capitals() or len(cleaned) < 2:
            continue
        if label == "PERSON" and (any(ch.isdigit() for ch in cleaned) or len(cleaned.split()) > 5
                                  or _ends_in_acronym(cleaned)):
            continue
        out.append(_mention(KINDS[label], (s, e), written, cleaned, "named", "entity", confidence=0.6))
    return out


def _ends_in_acronym(name: str) -> bool:
    """"Russifying USSR", "Stalin’s NKVD": a word and an acronym name a state or a body, not
    a person (a name set in capitals throughout, "STALIN", still may)."""
    words = name.split()
    return len(words) > 1 and len(words[-1]) > 1 and words[-1].isupper() and not all(w.isupper() for w in words)


def _replace(m: Mention, **changes) -> Mention:
    return dataclasses.replace(m, id="", **changes)


@component(NAME, VERSION, requires=("sections", "references", "attributions"), produces=("mentions",))
def mentions(doc: Document) -> dict:
    ents = named_entities(doc)
    found = reference_mentions(doc) + attribution_mentions(doc, ents)
    found += entity_mentions(doc, ents, [m.spans[0] for m in found])
    index = family_index(found)
    found = as_person(found, index, _mention)
    found += family_mentions(doc.text, regions_of(doc), index, [m.spans[0] for m in found], _mention)
    unique = {(m.spans, m.kind, m.role): m for m in resolve_short_names(found, family_index(found), _replace)}
    return {"mentions": sorted(unique.values(), key=lambda m: (m.start, m.end))}
