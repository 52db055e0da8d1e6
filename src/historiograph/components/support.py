"""What supports a passage: the references of the notes whose markers stand in it.

    idx = support_index(doc)          # from the note_markers and references layers
    idx.supporting(a, b)              # reference ids: markers whose sentence overlaps a..b,
                                      # or that stand inside a..b or glued just after it

A marker (`NoteMarker`, with the `sentence` it closes and the `note` it links to) gives the
references of its note (`Reference.note`); an Ibid. or short form gives the full reference it
repeats (`resolves_to`) when that is known. Attribution asks for the cue's sentence and for
the end of a block quotation; the claims layer asks for its sentences. Queries are bisections,
so asking once per record stays linear overall."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..model import Document, NoteMarker, Reference

GLUE = 4  # characters after a passage in which a marker still closes it ("…race.”38")


@dataclass(frozen=True)
class SupportIndex:
    sentences: tuple[tuple[int, int, tuple[str, ...]], ...]  # (start, end, reference ids), sorted, one per marker
    positions: tuple[tuple[int, tuple[str, ...]], ...]  # (marker start, reference ids), sorted

    def supporting(self, start: int, end: int | None = None) -> tuple[str, ...]:
        """Reference ids supporting the passage start..end (end defaults to start + 1)."""
        end = start + 1 if end is None else max(end, start + 1)
        found: dict[str, None] = {}
        k = bisect_left(self.sentences, (end,)) - 1  # the last sentence starting before the end
        while k >= 0 and self.sentences[k][1] > start:  # marker sentences are disjoint (or the same one)
            found.update(dict.fromkeys(self.sentences[k][2]))
            k -= 1
        lo = bisect_left(self.positions, (start,))
        hi = bisect_right(self.positions, (end + GLUE, ("\uffff",)))
        for _, refs in self.positions[lo:hi]:
            found.update(dict.fromkeys(refs))
        return tuple(found)


def support_index(doc: Document) -> SupportIndex:
    by_note: dict[str, list[str]] = {}
    for ref in doc.layer("references"):
        if isinstance(ref, Reference) and ref.note:
            by_note.setdefault(ref.note, []).append(ref.resolves_to or ref.id)
    sentences, positions = [], []
    for m in doc.layer("note_markers"):
        if not isinstance(m, NoteMarker) or not m.note:
            continue
        refs = tuple(dict.fromkeys(by_note.get(m.note, ())))
        if not refs:
            continue
        if m.sentence:
            sentences.append((m.sentence[0], m.sentence[1], refs))
        positions.append((m.start, refs))
    return SupportIndex(tuple(sorted(sentences)), tuple(sorted(positions)))
