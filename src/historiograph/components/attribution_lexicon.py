"""The word lists attribution reads (all data files in `historiograph/data`, each entry with
its source): cue lemmas and their type, the word forms a cue can take (for the lexical pass
that picks the sentences worth parsing), nouns for people, groups, institutions and texts,
titles left out of a speaker's name, and words that never open a "Name: …" speaker line."""

from __future__ import annotations

import re
from functools import lru_cache

from ..data import load_tsv

PHRASE_TRIGGERS = frozenset({"according", "words", "quoting", "quote", "quotes", "put", "view", "opinion", "says"})
WORD = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=None)
def cues() -> dict[str, str]:
    """Verb cue lemmas and their type (speech, claim, thought, evidential, stance)."""
    return {r["lemma"]: r["type"] for r in load_tsv("attribution_cues.tsv") if r["type"] != "adjective"}


@lru_cache(maxsize=None)
def adjective_cues() -> frozenset[str]:
    return frozenset(r["lemma"] for r in load_tsv("attribution_cues.tsv") if r["type"] == "adjective")


@lru_cache(maxsize=None)
def verb_forms() -> frozenset[str]:
    """Third-person and past forms written in essays ("writes", "points out"), from reporting_verbs.tsv."""
    return frozenset(r["cue"] for r in load_tsv("reporting_verbs.tsv") if r["kind"] == "verb")


def inflections(lemma: str) -> set[str]:
    """Regular English forms of a verb lemma, generously (a form too many only costs a parse)."""
    out = {lemma}
    stems = {lemma} | ({lemma[:-3] + "ise"} if lemma.endswith("ize") else set())
    for w in stems:
        out.add(w)
        if w.endswith(("s", "sh", "ch", "x", "z", "o")):
            out.add(w + "es")
        elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
            out.add(w[:-1] + "ies")
        else:
            out.add(w + "s")
        if w.endswith("e"):
            out.update({w + "d", w[:-1] + "ing" if not w.endswith("ee") else w + "ing"})
        elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
            out.update({w[:-1] + "ied", w + "ing"})
        else:
            out.update({w + "ed", w + "ing", w + w[-1] + "ed", w + w[-1] + "ing"})
        if w.endswith("ie"):
            out.add(w[:-2] + "ying")
    return out


@lru_cache(maxsize=None)
def trigger_words() -> frozenset[str]:
    """Every lower-case word whose presence makes a sentence worth parsing: the forms of the cue
    verbs (irregular ones from spaCy's own lemma exceptions), cue adjectives and the words of
    phrasal cues ("according to", "in the words of")."""
    from .nlp import load

    lemmas = set(cues())
    words: set[str] = set()
    for lemma in lemmas:
        words |= inflections(lemma)
    exc = load().get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    for form, lems in exc["verb"].items():
        if any(lem in lemmas for lem in lems):
            words.add(form)
    return frozenset(words | adjective_cues() | PHRASE_TRIGGERS | {w.split()[0] for w in verb_forms()})


def has_trigger(text: str) -> bool:
    words = trigger_words()
    return any(m.group().lower() in words for m in WORD.finditer(text))


@lru_cache(maxsize=None)
def noun_classes() -> dict[str, str]:
    """Common nouns for sources and their class: person, group, institution, document."""
    return {r["word"].lower(): r["class"] for r in load_tsv("people_nouns.tsv")}


@lru_cache(maxsize=None)
def people_nouns() -> frozenset[str]:
    return frozenset(noun_classes())


@lru_cache(maxsize=None)
def titles() -> frozenset[str]:
    return frozenset(r["word"] for r in load_tsv("speaker_titles.tsv"))


@lru_cache(maxsize=None)
def not_speakers() -> frozenset[str]:
    """Words that open a "Word: …" line without naming a speaker (labels, captions)."""
    return frozenset(r["word"].lower() for r in load_tsv("speaker_labels.tsv"))
