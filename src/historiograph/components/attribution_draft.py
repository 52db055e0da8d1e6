"""The working record of one attribution while the component builds it, and the small
text helpers every attribution module shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from .quotes import Quote, QuoteIndex

Span = tuple[int, int]


@dataclass
class Draft:
    kind: str
    source: list[Span]
    cue: list[Span]
    content: list[Span]
    speaker: str | None = None
    nested_in: int | None = None
    supported_by: tuple[str, ...] = ()
    confidence: float = 0.7
    sentence: Span = (0, 0)
    negated: bool = False
    modality: str | None = None
    form: str = "verb"  # verb | according_to | in_words | as_notes | label | forum | colon | quote_led | adjective
    cue_type: str = "speech"  # speech | claim | thought | evidential | stance | adjective | phrase | label | forum
    source_class: str = "none"  # name | person | group | institution | document | pronoun | relative | it | thing | none
    content_form: str = "clause"  # clause | quote | object | block | mixed
    extra: dict = field(default_factory=dict)

    @property
    def anchor(self) -> int:
        return (self.cue or self.content or self.source or [(self.sentence[0], 0)])[0][0]

    @property
    def content_range(self) -> Span:
        return min(s for s, _ in self.content), max(e for _, e in self.content)


def blank(gap: str, marks: str = "") -> bool:
    """Only white space (any kind: web copies carry no-break spaces) and the given marks."""
    return all(ch.isspace() or ch in marks for ch in gap)


def trim(text: str, s: int, e: int) -> Span:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:!?—–-"):
        e -= 1
    return s, e


@dataclass
class Ctx:
    """What every sentence reader needs: the document's text (as written and as parsed) and its quotes."""
    text: str
    prepared: str
    quotes: QuoteIndex


def quote_words(ctx: Ctx, q: Quote) -> int:
    return len(ctx.text[q.start:q.end].split())
