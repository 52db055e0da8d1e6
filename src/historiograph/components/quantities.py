"""Quantities: every numeric claim in the running text, normalised (low, high, unit,
qualifier, order of magnitude), with the claim it belongs to and, where the text names
them beside the figure, who gives it ("20 million victims (Robert Conquest, The Great
Terror)").

Not quantities: calendar dates and years, decades, note markers, page numbers, identifiers
("Order No. 00447", "Article 58"), vote tallies, list numbers, ordinals, clock times.
Rules: components/quantity_rules.py; vocabulary: data/number_words.tsv,
quantity_qualifiers.tsv, quantity_units.tsv, quantity_labels.tsv."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Claim, Document, NoteMarker, Problem, Quantity, Reference, Section, make_problem
from ..text.sentences import sentences
from .base import component
from .numerals import tokenize
from .quantity_scan import Draft, scan
from .quantity_units import Unit, lexicon

NAME, VERSION = "quantities", "1"
REGION_KINDS = ("title", "subtitle", "body", "post")
DEATH_WORDS = re.compile(r"\b(?:deaths?|died|dead|killed|killings?|murder(?:ed|s)?|victims?|executions?|executed|"
                         r"perished|death toll|toll|massacred?|starved|famine deaths)\b", re.I)
LIST_GAP = re.compile(r"^[^.!?;\n]{0,40}(?:,|\bor|\band)\s*$")
WORD = re.compile(r"[^\W\d_]+")
CONTEXT = 400  # characters looked back for what a bare figure counts
PAREN_NAME = re.compile(r"\(\s*((?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'-]+)\s*(?:,|\d{4}|\))")


def regions(doc: Document) -> list[tuple[int, int]]:
    """Top-level titles, bodies and posts, without the boilerplate inside them; notes and
    bibliographies are left out (their numbers are pages, years and note numbers)."""
    secs = [s for s in doc.layer("sections") if isinstance(s, Section)]
    out = []
    for sec in secs:
        if sec.parent is None and sec.kind in REGION_KINDS:
            holes = sorted((c.start, c.end) for c in secs if c.parent == sec.id and c.kind == "boilerplate")
            pos = sec.start
            for s, e in holes + [(sec.end, sec.end)]:
                if s > pos:
                    out.append((pos, s))
                pos = max(pos, e)
    return sorted(out) if secs else [(0, len(doc.text))]


def masked_markers(doc: Document) -> list[tuple[int, int]]:
    return sorted(m.spans[0] for m in doc.layer("note_markers") if isinstance(m, NoteMarker) and m.spans)


def drafts_in(doc: Document, a: int, b: int, markers: list[tuple[int, int]]) -> list[Draft]:
    found = [d for d in scan(doc.text, tokenize(doc.text, a, b)) if not _on_marker(d, markers)]
    sents = sentences(doc.text, a, b)
    starts = [s for s, _ in sents]
    for k, d in enumerate(found):
        if d.unit is not None:
            continue
        at = bisect_right(starts, d.start) - 1
        here = sents[at] if at >= 0 else (a, b)
        prev = found[k - 1] if k else None
        if prev and prev.unit and prev.end >= here[0] and LIST_GAP.match(_between(doc.text, prev.end, d.start)):
            d.unit, d.inherited = prev.unit, True  # "799,455 executions, 1.7 million deaths …, 390,000 during …"
        elif (d.magnitude or 0) >= 2:
            before = sents[at - 1][0] if at >= 1 else here[0]
            d.unit = context_unit(doc.text, before, d.start, d.end, here[1])
            d.inherited = d.unit is not None
    return found


def context_unit(text: str, before: int, start: int, end: int, stop: int) -> Unit | None:
    """A figure with no unit of its own counts what its sentence (or the one before) talks of:
    deaths when death words are about ("a toll of 680,000", "… 680,000, most of whom died"),
    else the nearest word for people counted before it ("Of those deported, 300,000 …")."""
    before = max(before, start - CONTEXT)  # bounded, so a run-on "sentence" costs no more
    sentence_start = text.rfind("\n", before, start) + 1 or before
    if DEATH_WORDS.search(text, max(sentence_start, before), min(stop, end + 200)):
        return Unit("deaths", "persons")
    words = WORD.findall(text, before, start)
    for w in reversed(words[-40:]):
        found = lexicon()["noun"].get((w.lower(),)) or lexicon()["verb"].get((w.lower(),))
        if found and found[1] == "persons":
            return Unit(found[0], found[1])
    return None


def _between(text: str, a: int, b: int) -> str:
    """The words between two figures, a parenthesis ("(Robert Conquest, The Great Terror)") left out."""
    return re.sub(r"\([^()]{0,160}\)", "", text[a:b])


def _on_marker(d: Draft, markers: list[tuple[int, int]]) -> bool:
    k = bisect_right(markers, (d.end, d.end))
    return any(s < d.end and d.start < e for s, e in markers[max(0, k - 3):k])


def given_by(doc: Document, d: Draft, inline: list[Reference]) -> tuple[tuple[str, ...], str | None]:
    """A parenthesis right after the figure that names its source: the inline references in it
    and the name it opens with."""
    m = re.compile(r"[^()\n.;]{0,30}?\(([^()\n]{3,160})\)").match(doc.text, d.end)
    if not m:
        return (), None
    s, e = m.span(1)
    refs = tuple(r.id for r in inline if s <= r.start and r.end <= e)
    name = PAREN_NAME.match(doc.text, m.start(1) - 1)
    who = name.group(1) if name else None
    if refs and not who:
        ref = next(r for r in inline if r.id == refs[0])
        who = " ".join(filter(None, (ref.csl.get("author", [{}])[0].get("given"),
                                     ref.csl.get("author", [{}])[0].get("family")))) or None
    return refs, who


def claim_index(doc: Document) -> tuple[list[int], list[Claim]]:
    claims = sorted((c for c in doc.layer("claims") if isinstance(c, Claim)), key=lambda c: c.start)
    return [c.start for c in claims], claims


def claim_of(index: tuple[list[int], list[Claim]], start: int, end: int) -> Claim | None:
    starts, claims = index
    k = bisect_right(starts, start) - 1
    return claims[k] if k >= 0 and claims[k].start <= start and end <= claims[k].end else None


def record(d: Draft, claim: Claim | None, refs: tuple[str, ...], who: str | None) -> Quantity:
    u = d.unit
    return Quantity(spans=((d.start, d.end),), low=d.low, high=d.high, unit=u.unit if u else None,
                    family=u.family if u else None, qualifier=d.qualifier, magnitude=d.magnitude,
                    counted=u.counted if u else None, claim=claim.id if claim else None, supported_by=refs,
                    given_by=who, confidence=0.6 if d.inherited else None, component=NAME, version=VERSION)


def unsourced(doc: Document, q: Quantity, claim: Claim | None) -> Problem | None:
    """A death toll or head count put forward with nothing to check it against."""
    if q.family != "persons" or (q.magnitude or 0) < 3 or q.supported_by or q.given_by:
        return None
    if claim is None or claim.footing != "unsupported":
        return None
    return make_problem("quantities.unsourced", f"“{doc.text[q.start:q.end]}” ({q.unit}) is given with no source: "
                        "no note, link, reference or named source", component=NAME, version=VERSION,
                        spans=q.spans, severity="info")


@component(NAME, VERSION, requires=("sections",), produces=("quantities",),
           optional=("note_markers", "references", "claims"))
def quantities(doc: Document) -> dict:
    markers = masked_markers(doc)
    inline = [r for r in doc.layer("references") if isinstance(r, Reference) and r.role == "inline"]
    index = claim_index(doc)
    out, problems = [], []
    for a, b in regions(doc):
        for d in drafts_in(doc, a, b, markers):
            claim = claim_of(index, d.start, d.end)
            refs, who = given_by(doc, d, inline)
            q = record(d, claim, refs, who)
            out.append(q)
            if (p := unsourced(doc, q, claim)) is not None:
                problems.append(p)
    return {"quantities": out, "problems": problems}
