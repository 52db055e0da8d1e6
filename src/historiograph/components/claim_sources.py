"""What a claim rests on: note markers (the support index), links and inline references in
it, and the attribution or quotation that holds it. Lookups are by sorted offsets, so a
long document costs little more than its claims."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..data import load_tsv
from ..model import Attribution, Document, Reference, Section
from ..text.patterns import URL
from .quotes import pair_quotes
from .support import SupportIndex

HELD = 0.5  # an attribution's content holds a claim when it covers this share of it
QUOTED = 0.8  # quotation marks alone make a claim quoted when they cover this share
QUOTE_KINDS = ("direct", "block")
OWN_KINDS = ("first_person",)


@dataclass(frozen=True)
class Found:
    footing: str
    own: bool = True  # the author's own voice (no attribution holds the claim)
    speaker: str | None = None
    attribution: str | None = None
    references: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()
    links: tuple[tuple[int, int], ...] = ()


class Spans:
    """Sorted spans with a payload; ``overlapping(a, b)`` in O(log n + hits)."""

    def __init__(self, items: list[tuple[int, int, object]]):
        self.items = sorted(items, key=lambda t: (t[0], t[1]))
        self.starts = [t[0] for t in self.items]
        self.longest = max((e - s for s, e, _ in self.items), default=0)

    def overlapping(self, a: int, b: int) -> list[tuple[int, int, object]]:
        lo = bisect_right(self.starts, a - self.longest - 1)
        hi = bisect_right(self.starts, b - 1)
        return [t for t in self.items[lo:hi] if t[0] < b and a < t[1]]

    def covered(self, a: int, b: int, payload: object | None = None) -> int:
        """Characters of a..b inside the spans (of one payload, when given)."""
        cuts = sorted((max(a, s), min(b, e)) for s, e, p in self.overlapping(a, b) if payload is None or p is payload)
        total, pos = 0, a
        for s, e in cuts:
            s = max(s, pos)
            if e > s:
                total += e - s
                pos = e
        return total


class Sources:
    def __init__(self, text: str, support: SupportIndex, attributions: list[Attribution],
                 inline: list[Reference]):
        self.text = text
        self.support = support
        self.contents = Spans([(s, e, a) for a in attributions for s, e in a.content])
        self.quotes = Spans([(q.start, q.end, None) for q in pair_quotes(text)
                             if len(text[q.start:q.end].split()) >= 3])
        self.inline = Spans([(r.start, r.end, r.id) for r in inline])
        self.urls = Spans([(m.start(), _url_end(m), None) for m in URL.finditer(text)])

    def holder(self, a: int, b: int) -> tuple[Attribution | None, float]:
        """The attribution that holds a..b, and the share it covers: its content covers most
        of it, or it is the claim's reporting clause ("X writes that …": the source near the
        front, the cue inside, the content after it). Of several, the outermost."""
        size = max(1, len(self.text[a:b].strip()))
        best, share = None, 0.0
        for att in {id(p): p for _, _, p in self.contents.overlapping(a, b)}.values():
            if stance(self.text, att) or not named(self.text, att):
                continue
            got = self.contents.covered(a, b, att) / size
            if not (got >= HELD or reporting_clause(self.text, att, a, b)):
                continue
            if got > share + 1e-9 or (abs(got - share) < 1e-9 and best is not None
                                      and att.end - att.start > best.end - best.start):
                best, share = att, got
        return best, share

    def held(self, a: int, b: int) -> list[tuple[int, int]]:
        """The outermost contents of named, non-stance attributions inside a..b."""
        inside = [(s, e) for s, e, att in self.contents.overlapping(a, b)
                  if a <= s and e <= b and len(self.text[s:e].split()) >= 3
                  and not stance(self.text, att) and named(self.text, att)]
        return [(s, e) for s, e in inside if not any(o != (s, e) and o[0] <= s and e <= o[1] for o in inside)]

    def footing(self, a: int, b: int) -> Found:
        refs = list(self.support(a, b)) + [p for _, _, p in self.inline.overlapping(a, b)]
        links = tuple((s, e) for s, e, _ in self.urls.overlapping(a, b))
        att, _ = self.holder(a, b)
        quoted = self.quotes.covered(a, b) >= QUOTED * max(1, b - a)
        if att is not None:
            refs += list(att.supported_by)
        refs_t = tuple(dict.fromkeys(refs))
        cited = bool(refs_t or links)
        if att is not None and att.kind not in OWN_KINDS:
            kind = "quoted" if att.kind in QUOTE_KINDS or (att.kind == "mixed" and quoted) else "attributed"
            return Found("cited" if cited else kind, False, speaker_of(self.text, att), att.id, refs_t,
                         self.support.markers(a, b), links)
        if cited:
            return Found("cited", True, None, att.id if att else None, refs_t, self.support.markers(a, b), links)
        if quoted:
            return Found("quoted", False, None, None)
        return Found("unsupported", True, None, att.id if att else None)


@lru_cache(maxsize=None)
def stance_lemmas() -> frozenset[str]:
    return frozenset(r["lemma"] for r in load_tsv("attribution_cues.tsv") if r["type"] in ("stance", "adjective"))


def stance(text: str, att: Attribution) -> bool:
    """A stance cue ("condemned X", "decided to …", "called for …") reports an act, and an
    adjective of state ("Stalin was aware of …") a state of mind the author vouches for: not a
    statement the source made, so the claim stays the author's (cue types:
    data/attribution_cues.tsv)."""
    if not att.cue:
        return False
    word = text[att.cue[0][0]:att.cue[0][1]].split()[0].lower() if text[att.cue[0][0]:att.cue[0][1]].split() else ""
    forms = {word, word[:-1], word[:-2], word[:-3], word[:-2] + "e", word[:-3] + "e", word[:-3] + "y", word[:-4]}
    return bool(forms & stance_lemmas())


RELATIVE = {"who", "which", "that", "whom", "whose"}
UNNAMED = {"he", "she", "they", "it", "one", "that", "this", "these", "those", "you", "who", "which", "someone",
           "some", "many", "others", "people"}


def named(text: str, att: Attribution) -> bool:
    """The attribution names its source: a resolved speaker, or a source that is not a bare
    pronoun or demonstrative ("that would mean …", "this view", "one could argue")."""
    if att.speaker or att.kind in OWN_KINDS or not att.source:
        return True
    words = text[att.source[0][0]:att.source[0][1]].lower().split()
    return bool(words) and not (words[0] in UNNAMED and len(words) <= 3)



def reporting_clause(text: str, att: Attribution, a: int, b: int) -> bool:
    """"Benjamin Pinkus, a historian, writes that …" heads the claim a..b: its source starts in
    the claim's first quarter and names someone (a relative pronoun, "… who wrote that", does not count), its cue
    lies inside and its content follows the cue."""
    if not att.speaker or not att.source or not att.cue or not att.content:
        return False
    (s0, s1), (c0, c1) = att.source[0], att.cue[0]
    if text[s0:s1].strip().lower() in RELATIVE:
        return False
    return a <= s0 <= a + (b - a) // 4 and a <= c0 and c1 <= b and att.content[0][0] >= c1 - 1 \
        and att.content[0][0] < b


def speaker_of(text: str, att: Attribution) -> str | None:
    if att.speaker:
        return att.speaker
    if att.source:
        s, e = att.source[0]
        return text[s:e].strip() or None
    return None


def _url_end(m: re.Match) -> int:
    """A URL ends before trailing punctuation ("see https://x.org/a.")."""
    end = m.end()
    while end > m.start() and m.string[end - 1] in ".,;:!?)]”\"’'":
        end -= 1
    return end


def author_of(doc: Document, section: Section, post_number: int) -> str:
    """Who speaks in a section: the document's author (metadata, then the byline); in a forum
    thread, the poster of that post."""
    if section.kind == "post":
        return f"poster {post_number}"
    if doc.meta.author:
        return doc.meta.author
    for sec in doc.layer("sections"):
        if isinstance(sec, Section) and sec.kind == "byline":
            name = re.sub(r"^[Bb]y\s+", "", doc.text[sec.start:sec.end]).strip()
            if name:
                return name
    return "the author"
