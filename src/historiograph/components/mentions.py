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

Within the document a short name takes the fullest form given ("Martin" → "Terry Martin")
when exactly one person of that family name is named; otherwise it stays as written."""

from __future__ import annotations

import re
from functools import lru_cache

from ..data import load_tsv
from ..model import Attribution, Document, Mention, Reference, Section
from ..text import names
from .base import component
from .nlp import load as load_nlp

NAME, VERSION = "mentions", "1"
KINDS = {"PERSON": "person", "ORG": "organisation", "WORK_OF_ART": "work", "GPE": "place", "LOC": "place",
         "NORP": "group", "FAC": "place"}
TEXT_SECTIONS = ("body", "post", "quote", "title", "subtitle", "heading")
CAPITALISED = re.compile(r"^[A-ZÀ-ÞА-Я]")
PRONOUNS = frozenset("he she they him her them i we you it who which that this these those".split())
MAX_CHARS_NER = 400_000  # the entity pass reads at most this much running text per document


@lru_cache(maxsize=None)
def not_names() -> frozenset[str]:
    """Capitalised words that open sentences or headings and name no one."""
    return frozenset(r["word"].lower() for r in load_tsv("speaker_labels.tsv")) | frozenset(
        r["word"].lower() for r in load_tsv("people_nouns.tsv"))


def _mention(kind: str, span: tuple[int, int], name: str, resolved: str, role: str, how: str,
             record: str | None = None, authors: tuple[str, ...] = (), confidence: float = 0.8) -> Mention:
    if kind == "person":
        resolved = names.clean(resolved) or resolved
    return Mention(spans=(span,), kind=kind, name=" ".join(name.split()), resolved=" ".join(resolved.split()),
                   role=role, how=how, record=record, authors=authors, confidence=confidence,
                   component=NAME, version=VERSION)


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
        inside = [(es, ee, label) for es, ee, label in ents if s <= es and ee <= e and label in ("PERSON", "ORG")
                  and not names.POSSESSIVE.search(doc.text[es:ee + 2].rstrip())]
        if a.speaker:
            fits = [t for t in inside if names.fold(names.clean(doc.text[t[0]:t[1]])) in names.fold(a.speaker)]
            inside = fits or inside
        if inside:
            es, ee, label = inside[-1]
            out.append(_mention(KINDS[label], (es, ee), doc.text[es:ee], a.speaker or doc.text[es:ee], "speaker",
                                "attribution", a.id, confidence=a.confidence or 0.7))
        elif a.speaker and (written.lower() in PRONOUNS or CAPITALISED.match(written)):
            if written.lower() in ("i", "we") or not CAPITALISED.match(a.speaker):
                continue  # the author's own voice, or a source that names no one
            out.append(_mention("person", (s, e), written, a.speaker, "speaker", "attribution", a.id,
                                confidence=min(0.6, a.confidence or 0.6)))
    return out


def named_entities(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, label) of spaCy's named entities in the running text (not the notes or
    the bibliography, whose names the references give)."""
    secs = [s for s in doc.layer("sections") if isinstance(s, Section) and s.kind in TEXT_SECTIONS]
    paras: list[tuple[int, str]] = []
    budget = MAX_CHARS_NER
    for sec in secs:
        if sec.parent is not None and sec.kind != "quote":
            continue
        for m in re.finditer(r"[^\n]+", doc.text[sec.start:sec.end]):
            if m.group().strip() and budget > 0:
                paras.append((sec.start + m.start(), m.group()[:budget]))
                budget -= len(m.group())
    nlp = load_nlp()
    found = []
    with nlp.select_pipes(enable=["ner"]):
        for (offset, _), parsed in zip(paras, nlp.pipe([p for _, p in paras], batch_size=64)):
            found.extend((offset + ent.start_char, offset + ent.end_char, ent.label_) for ent in parsed.ents
                         if ent.label_ in KINDS)
    return found


def entity_mentions(doc: Document, ents: list[tuple[int, int, str]], taken: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for s, e, label in ents:
        if any(ts <= s and e <= te for ts, te in taken):
            continue  # inside a cited work's title or a source already recorded
        written = doc.text[s:e]
        cleaned = names.clean(re.sub(r"^(?:the|The)\s+", "", written))
        if not cleaned or not CAPITALISED.match(cleaned) or cleaned.lower() in not_names() or len(cleaned) < 2:
            continue
        if label == "PERSON" and (any(ch.isdigit() for ch in cleaned) or len(cleaned.split()) > 5):
            continue
        out.append(_mention(KINDS[label], (s, e), written, cleaned, "named", "entity", confidence=0.6))
    return out


def resolve_short_names(mentions: list[Mention]) -> list[Mention]:
    """"Martin" → "Terry Martin" where this document names exactly one person so; an
    initial ("T. Martin") takes the full name it fits."""
    full: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == "person":
            parsed = names.parse(m.resolved)
            if parsed.given and len(parsed.given_key) > 1:
                full.setdefault(parsed.family_key, set()).add(parsed.full)
    out = []
    for m in mentions:
        parsed = names.parse(m.resolved) if m.kind == "person" else None
        if parsed is not None and (not parsed.given or len(parsed.given_key) == 1):
            fits = {f for f in full.get(parsed.family_key, ()) if names.compatible(parsed, names.parse(f))}
            longest = {f for f in fits if not any(o != f and f in o for o in fits)}
            if len(longest) == 1:
                m = _replace(m, resolved=longest.pop())
        out.append(m)
    return out


def _replace(m: Mention, **changes) -> Mention:
    data = m.to_dict() | changes
    data.pop("id")
    data.pop("type")
    return Mention(**{k: tuple(tuple(s) for s in v) if k == "spans" else tuple(v) if k == "authors" else v
                      for k, v in data.items()})


@component(NAME, VERSION, requires=("sections", "references", "attributions"), produces=("mentions",))
def mentions(doc: Document) -> dict:
    ents = named_entities(doc)
    found = reference_mentions(doc) + attribution_mentions(doc, ents)
    taken = [m.spans[0] for m in found]
    found += entity_mentions(doc, ents, taken)
    unique = {(m.spans, m.kind, m.role): m for m in resolve_short_names(found)}
    return {"mentions": sorted(unique.values(), key=lambda m: (m.start, m.end))}
