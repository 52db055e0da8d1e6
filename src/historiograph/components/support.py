"""Which references support a stretch of text: each note marker supports the sentence that
carries it (``NoteMarker.sentence``) with the references of its note (``Reference.note``);
an Ibid. or short form also stands for the full reference it repeats (``resolves_to``).

One index per document, built from the ``note_markers`` and ``references`` layers, read by
integrity, attribution and claims (Chicago Manual of Style 17th ed. 14.19-14.26: a note
number is placed at the end of the sentence or clause the note documents)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..model import Document, NoteMarker, Reference


@dataclass(frozen=True)
class Support:
    """One note marker: the sentence it supports, the marker id and its note's references."""

    sentence: tuple[int, int]
    marker: str
    references: tuple[str, ...]


class SupportIndex:
    """``index(a, b)``: the reference ids supporting text that overlaps offsets a..b (a marker's
    sentence s..e counts when s <= b and a <= e, so a point a == b inside or at the end of a
    sentence finds it). ``index.markers(a, b)``: the marker ids. ``index.entries``: every
    marker with its sentence, in text order."""

    def __init__(self, entries: list[Support], resolves_to: dict[str, str] | None = None):
        self.entries = sorted(entries, key=lambda s: s.sentence)
        self._starts = [s.sentence[0] for s in self.entries]
        self._longest = max((e - s for s, e in (x.sentence for x in self.entries)), default=0)
        self._resolves_to = resolves_to or {}

    def _overlapping(self, a: int, b: int) -> list[Support]:
        hi = bisect_right(self._starts, b)
        lo = bisect_right(self._starts, a - self._longest - 1)
        return [s for s in self.entries[lo:hi] if s.sentence[0] <= b and a <= s.sentence[1]]

    def __call__(self, a: int, b: int) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r for s in self._overlapping(a, b) for r in s.references))

    def markers(self, a: int, b: int) -> tuple[str, ...]:
        return tuple(s.marker for s in self._overlapping(a, b))

    def works(self, a: int, b: int) -> tuple[str, ...]:
        """Like ``index(a, b)``, with each Ibid. or short form replaced by the full reference
        it repeats (where it was resolved)."""
        return tuple(dict.fromkeys(self._resolves_to.get(r, r) for r in self(a, b)))


def support_index(doc: Document) -> SupportIndex:
    """The index of a document's note markers and the references of their notes."""
    by_note: dict[str, list[str]] = {}
    resolves_to: dict[str, str] = {}
    for ref in doc.layer("references"):
        if isinstance(ref, Reference) and ref.note:
            by_note.setdefault(ref.note, []).append(ref.id)
        if isinstance(ref, Reference) and ref.resolves_to:
            resolves_to[ref.id] = ref.resolves_to
    entries = [Support(tuple(m.sentence), m.id, tuple(by_note.get(m.note, ())))
               for m in doc.layer("note_markers")
               if isinstance(m, NoteMarker) and m.sentence and m.note]
    return SupportIndex(entries, resolves_to)
