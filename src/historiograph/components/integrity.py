"""Integrity checks: the text names one author while the note cites another, and
one name spelled two ways in a document. Each finding is a Problem with a stable
code and a message that says what it means."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from ..data import load_tsv
from ..model import Document, Problem, Reference, Section, make_problem
from .base import component
from .references import people
from .support import support_index

NAME, VERSION = "integrity", "3"
# A note that explains why another name appears: the cited work quotes, reviews or interviews.
EXPLAINED = re.compile(r"\b(quoted in|cited in|as quoted|review of|reviewed by|interview(?:ed)? (?:with|by)|"
                       r"in conversation with|translated by|trans\.|letter (?:to|from)|ed\.|eds\.|edited by)\b", re.I)
NAME_RE = r"(?:[A-Z][a-z’'-]+\s){0,2}(?:(?:[Vv]an|[Vv]on|[Dd]e|[Dd]i|[Dd]u|[Dd]el|[Dd]er|[Ll]a)\s)?[A-Z][a-z’'-]+"


@lru_cache(maxsize=None)
def openers() -> frozenset[str]:
    return frozenset(r["word"] for r in load_tsv("name_openers.tsv"))


@lru_cache(maxsize=None)
def source_patterns() -> re.Pattern:
    verbs = sorted((r["cue"] for r in load_tsv("reporting_verbs.tsv") if r["kind"] == "verb"), key=len, reverse=True)
    vs = "|".join(re.escape(v) for v in verbs)
    return re.compile(
        rf"(?P<a>{NAME_RE})(?:,[^,]{{1,60}},)?\s+(?:\w+ly\s+)?(?:{vs})\b"  # "Van Ree points out", "Read, a biographer, notes"
        rf"|\b[Aa]ccording to (?P<b>{NAME_RE})"
        rf"|\b[Aa]s (?P<c>{NAME_RE})\s+(?:{vs})\b")


def named_sources(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of people named as the source of a statement."""
    out = []
    for m in source_patterns().finditer(text):
        group = next(g for g in ("a", "b", "c") if m.group(g))
        name = m.group(group)
        words = name.split()
        while words and words[0] in openers():
            words = words[1:]
        if words and re.search(r"[’']s$", words[-1]):
            continue  # "according to Stalin’s confidante …": the possessive names someone else's source
        if words:
            s = m.start(group) + len(name) - len(" ".join(words))
            out.append((s, m.end(group), " ".join(words)))
    return out


def surname(name: str) -> str:
    return re.sub(r"[’']s?$", "", name.split()[-1]).lower()


def similar(a: str, b: str) -> bool:
    return a != b and (SequenceMatcher(None, a, b).ratio() >= 0.8 or (len(a) >= 4 and b.startswith(a)))


def _problem(code: str, message: str, spans) -> Problem:
    return make_problem(code, message, component=NAME, version=VERSION, spans=spans)


@component(NAME, VERSION, requires=("sections", "references"), optional=("note_markers",), produces=("integrity",))
def integrity(doc: Document) -> dict:
    refs = {r.id: r for r in doc.layer("references") if isinstance(r, Reference)}

    def work(ref: Reference) -> Reference:
        return refs.get(ref.resolves_to, ref) if ref.resolves_to else ref

    known = {fam: full for r in refs.values() for fam, full in people(work(r))}
    problems: list[Problem] = []
    for support in support_index(doc).entries:  # each marked sentence, with its note's references
        if not support.references:
            continue
        start, end = support.sentence
        cited = [refs[i] for i in support.references if i in refs]
        note_text = " ".join(doc.text[r.start:r.end] for r in cited)
        if EXPLAINED.search(note_text) or any(r.prefix and EXPLAINED.search(r.prefix) for r in cited):
            continue
        works = [work(r) for r in cited if not r.ambiguous]
        cited_fams = {fam: full for w in works for fam, full in people(w)}
        if not cited_fams:
            continue
        titles = " ".join((w.csl.get("title") or "") + " " + (w.csl.get("container-title") or "") for w in works).lower()
        sentence = doc.text[start:end]
        for s, e, name in named_sources(sentence):
            fam = surname(name)
            if fam in cited_fams or fam in titles:
                continue
            close = next((full for f, full in cited_fams.items() if similar(fam, f) or similar(f, fam)), None)
            if close or fam in known:
                cited_names = ", ".join(sorted(set(cited_fams.values())))
                why = "a similar name: a misspelling or the wrong author" if close else "a different author"
                problems.append(_problem(
                    "integrity.author_mismatch",
                    f"the text names {name} but the note cites {cited_names} ({why})",
                    [(start + s, start + e)]))
    problems.extend(name_variants(doc, known))
    return {"problems": problems}


def name_variants(doc: Document, known: dict[str, str]) -> list[Problem]:
    """A person named as a source in one form and elsewhere in another (Whitewood / White)."""
    secs = [s for s in doc.layer("sections") if isinstance(s, Section) and s.parent is None
            and s.kind in ("body", "post")]
    seen: dict[str, tuple[str, int, int]] = {}
    for sec in secs:
        for s, e, name in named_sources(doc.text[sec.start:sec.end]):
            if len(name.split()) >= 2:  # a full name is the reference form, keep the longest
                seen[surname(name)] = (name, sec.start + s, sec.start + e)
            else:
                seen.setdefault(surname(name), (name, sec.start + s, sec.start + e))
    known = dict(known)  # cited authors, plus people named in full as sources
    for name, _, _ in seen.values():
        if len(name.split()) >= 2:
            known.setdefault(surname(name), name)
    problems = []
    for fam, (name, s, e) in seen.items():
        if fam in known or len(name.split()) > 1:
            continue
        other = next((full for f, full in known.items() if len(fam) >= 3 and (f.startswith(fam) or similar(fam, f))), None)
        if other:
            problems.append(_problem(
                "integrity.name_variant",
                f"“{name}” is named as a source here and “{other}” elsewhere: one name spelled two ways?",
                [(s, e)]))
    return problems
