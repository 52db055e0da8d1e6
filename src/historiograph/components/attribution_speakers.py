"""Who a source is: a pronoun's antecedent, a short name's full name, the quoted speaker behind
an "I" inside a quotation, the author behind the text's own "I". Where the evidence is not
clear the speaker stays empty (and the record's confidence says so).

- "I"/"we" outside any quotation: the document's author; inside a quotation or a block: the
  speaker of the attribution that holds it.
- "he"/"she": a person named before it in the same sentence as the subject of a clause ("When
  Bazhanov, Stalin's secretary, published a memoir, he alleged …"), else the subject of the
  nearest sentence before whose subject is a person ("So says Engels to Marx. He was talking
  about …"), else the one person named in the sentences before; names inside a quotation never
  count for a pronoun outside it.
- "Roberts" → "Geoffrey Roberts" when exactly one full name ending so was written before."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..data import load_tsv
from .attribution_draft import Draft
from .cue_args import SUBJECTS, strip_titles
from .nlp import Analysis, Entity
from .quotes import QuoteIndex

THIRD = {"he", "she", "him", "her"}
PLURAL = {"they", "them"}
FIRST = {"i", "we", "me", "us"}
WINDOW = 4  # sentences looked back for an antecedent
AMBIGUOUS = ""  # two people could be meant: the speaker stays empty
FULL_NAME = re.compile(r"\b(?:(?:[A-Z]\.|[A-Z][\w’'-]+)[ \u00a0]){1,3}[A-Z][\w’'-]+")


@lru_cache(maxsize=None)
def openers() -> frozenset[str]:
    return frozenset(r["word"] for r in load_tsv("name_openers.tsv"))


@lru_cache(maxsize=None)
def _lemma_index() -> frozenset[str]:
    from .nlp import load

    table = load().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(w for pos in ("adv", "adj", "verb", "noun") for w in table[pos])


def unpossessive(name: str) -> str:
    """"Matthews’" → "Matthews", "Stalin’s" → "Stalin"."""
    return re.sub(r"(?:[’']s?)$", "", name.strip())


def common_word(word: str) -> bool:
    """An English word ("Later", "Indeed", "Was": spaCy's lemma index and stop words): not the
    first word of a name."""
    from spacy.lang.en.stop_words import STOP_WORDS

    low = word.lower()
    return low in _lemma_index() or low in STOP_WORDS


class Resolver:
    def __init__(self, an: Analysis, quotes: QuoteIndex, author: str | None, regions: list[tuple[int, int]]):
        self.an, self.quotes, self.author = an, quotes, author
        self.text = an.text
        self._names: dict[str, list[tuple[int, str]]] | None = None
        self.regions = regions
        self.named_sources: list[tuple[tuple[int, int], str]] = []

    def full_names(self) -> dict[str, list[tuple[int, str]]]:
        """Capitalised runs of two to four words (names as written) by their last word, once per
        document; a run whose first word is an English word ("Later Roberts") is not a name."""
        if self._names is None:
            out: dict[str, list[tuple[int, str]]] = {}
            for m in FULL_NAME.finditer(self.text):
                words = strip_titles(m.group()).split()
                while words and (words[0] in openers() or common_word(words[0])):
                    words = words[1:]
                if len(words) >= 2:
                    out.setdefault(unpossessive(words[-1]), []).append((m.start(), " ".join(words)))
            self._names = out
        return self._names

    def expand(self, short: str, pos: int, known: dict[str, list[tuple[int, str]]] | None = None) -> str:
        """The one full name ending in `short` written before pos (speakers found so far first)."""
        for table in (known or {}, self.full_names()):
            names = table.get(short, [])
            full = {n for p, n in names[:bisect_left(names, (pos,))] if len(n.split()) > 1}
            if full:
                return full.pop() if len(full) == 1 else short
        return short

    def outside_quotes(self, pos: int, own: int) -> bool:
        """A name at pos counts for a pronoun at own unless a quotation holds it and not the pronoun."""
        held = {id(q) for q in self.quotes.holding(pos)}
        return not held or held <= {id(q) for q in self.quotes.holding(own)}

    def persons_in(self, span: tuple[int, int], before: int) -> list:
        """People named in the sentence before `before`: the `ner` pipe's persons, and the named
        sources found there (the small model sometimes calls "Helena Marsh" an organisation)."""
        found = {(e.start, e.end): e for e in self.an.entities([span], {"PERSON"})}
        for (s, e), name in self.named_sources:
            if span[0] <= s < span[1] and not any(a <= s < b for a, b in found):
                found[(s, e)] = Entity(s, e, "PERSON", name)
        return [e for e in found.values() if e.end <= before and self.outside_quotes(e.start, before)]

    def subject_person(self, sent_span: tuple[int, int], before: int, persons) -> str | None:
        """The person named as a clause's subject in the sentence (nearest the pronoun first)."""
        parsed = self.an.parse([sent_span])
        subjects, conj = [], []
        for p in parsed:
            for tok in p.doc:
                if tok.dep_ in SUBJECTS and p.start + tok.idx < before:
                    subjects.append(p.start + tok.idx)
                    conj.extend(p.start + c.idx for c in tok.conjuncts)
        for e in sorted(persons, key=lambda e: -e.start):
            if any(e.start <= s < e.end for s in subjects):
                if any(o is not e and any(o.start <= s < o.end for s in conj) for o in persons):
                    return AMBIGUOUS  # "Anna Berg and Clara Voss met …. She said": either of them
                return strip_titles(unpossessive(e.text))
        return None

    def pronoun(self, d: Draft) -> str | None:
        s = d.source[0][0]
        sents = [u for u in self.an.sentences(*self._paragraphs_around(s)) if u[0] <= s]
        if not sents:
            return None
        here, before = sents[-1], sents[-WINDOW - 1:-1]
        persons = self.persons_in(here, s)
        found = self.subject_person(here, s, persons) if persons else None
        if found is not None or persons:  # "…, when he speculated …": a person named earlier in the sentence
            found = found if found is not None else strip_titles(max(persons, key=lambda e: e.start).text.strip("’'s "))
            return found or None
        for sent in reversed(before):
            persons = self.persons_in(sent, s)
            if persons:
                found = self.subject_person(sent, sent[1], persons)
                if found is not None:
                    return found or None
        names = {strip_titles(unpossessive(e.text)) for sent in before + [here] for e in self.persons_in(sent, s)}
        names = {self.expand(n, s) if len(n.split()) == 1 else n for n in names}
        return names.pop() if len(names) == 1 else None

    def _paragraphs_around(self, pos: int) -> tuple[int, int]:
        """This paragraph and the one before it."""
        a = self.text.rfind("\n", 0, pos) + 1
        prev = self.text.rfind("\n", 0, max(a - 1, 0))
        while prev > 0 and not self.text[prev + 1:a].strip():
            prev = self.text.rfind("\n", 0, prev)
        b = self.text.find("\n", pos)
        return max(prev + 1, 0), len(self.text) if b == -1 else b


def resolve_speakers(drafts: list[Draft], resolver: Resolver) -> None:
    """Fill in `speaker` where the evidence is clear; nesting must be known (first person inside
    a quotation belongs to the attribution that holds it)."""
    text = resolver.text
    known: dict[str, list[tuple[int, str]]] = {}
    resolver.named_sources = [(d.source[0], d.speaker) for d in drafts if d.source and d.speaker
                              and d.source_class == "name"]
    for d in sorted(drafts, key=lambda d: d.anchor):
        if d.speaker and len(d.speaker.split()) > 1 and d.source:
            known.setdefault(d.speaker.split()[-1], []).append((d.source[0][0], d.speaker))
        if not d.source:
            continue
        s, e = d.source[0]
        low = text[s:e].lower()
        if low in FIRST:
            if d.nested_in is not None:
                d.speaker = drafts[d.nested_in].speaker
                d.extra["voice"] = "quoted"
                if d.kind == "first_person":
                    d.kind = "indirect"  # the quoted speaker's "I", not the author's
            elif resolver.quotes.holding(s):
                d.speaker = None
                d.extra["voice"] = "quoted"
            else:
                d.speaker = resolver.author
                d.extra["voice"] = "author"
        elif low in THIRD:
            d.speaker = resolver.pronoun(d)
            d.extra["resolved"] = d.speaker is not None
        elif low in PLURAL or low in ("it", "this", "which", "that"):
            d.speaker = None
        elif d.speaker and len(d.speaker.split()) == 1 and not d.speaker.isupper():  # "Roberts" → "Geoffrey Roberts"
            d.speaker = resolver.expand(d.speaker, s, known)
