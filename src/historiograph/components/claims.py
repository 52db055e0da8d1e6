"""Claims: what a text asserts, who asserts it and on what footing.

Assertive sentences (or independent clauses) of the running text (body, forum posts, block
quotations in a body), not questions, imperatives, headings, captions, notes, bibliography,
boilerplate or a forum post's `>` quotation of someone else's text (an attribution holds
that). Each claim's footing, strongest evidence first:

- ``cited``: it carries a note marker (components/support.py), a link or an inline reference;
- ``quoted``: a direct quotation (a direct or block attribution holds it, or quotation marks
  cover it);
- ``attributed``: reported from a named source (an attribution's content holds it);
- ``unsupported``: none of these.

A cited claim that is someone's words keeps who they are (``asserted_by``, ``attribution``).
The layer ends with one ClaimSummary: the counts by footing and the sourced share."""

from __future__ import annotations

import re

from ..model import Attribution, Claim, ClaimSummary, Document, Reference, Section
from ..text.sentences import sentences
from .base import component
from .claim_rules import assertive, clauses, cue_spans, is_question, prose_line, word_count
from .claim_sources import Sources, author_of
from .support import support_index

NAME, VERSION = "claims", "1"
REGION_KINDS = ("body", "post")
CHILD_KINDS_KEPT = ("quote",)  # a block quotation inside a body (not inside a forum post)


def regions(doc: Document) -> list[tuple[int, int, Section]]:
    """(start, end, section) of the running text: top-level bodies and posts without their
    headings, boilerplate and forum quotes; a body's block quotations are kept."""
    secs = [s for s in doc.layer("sections") if isinstance(s, Section)]
    by_id = {s.id: s for s in secs}
    out = []
    for sec in secs:
        if sec.parent is None and sec.kind in REGION_KINDS:
            holes = sorted((c.start, c.end) for c in secs if c.parent == sec.id
                           and not (c.kind in CHILD_KINDS_KEPT and sec.kind == "body"))
            pos = sec.start
            for s, e in holes + [(sec.end, sec.end)]:
                if s > pos:
                    out.append((pos, s, sec))
                pos = max(pos, e)
        elif sec.kind in CHILD_KINDS_KEPT and sec.parent in by_id and by_id[sec.parent].kind == "body":
            out.append((sec.start, sec.end, sec))
    return sorted(out, key=lambda r: r[0])


def claim_spans(text: str, a: int, b: int, held=None) -> list[tuple[int, int]]:
    """Assertive sentences and clauses of text[a:b], line by line (headings and captions,
    lines that do not end like prose, are left out). ``held(s, e)``: the contents of the
    attributions inside a sentence that asserts nothing itself ("Consider Ben Shapiro, who
    insisted that …"): those contents are claims of their own."""
    out = []
    for line in re.finditer(r"[^\n]+", text[a:b]):
        if not prose_line(line.group()):
            continue
        for s, e in sentences(text, a + line.start(), a + line.end()):
            if text[s] == ">" or lead_in(text[s:e]):
                continue
            if not assertive(text[s:e]):
                if held is not None and not is_question(text[s:e]):
                    out.extend(held(s, e))
                continue
            out.extend((cs, ce) for cs, ce in clauses(text, s, e) if assertive(text[cs:ce]))
    return out


def lead_in(sentence: str) -> bool:
    """"According to Stalin:", "He wrote:" — a short line that only opens a quotation."""
    return sentence.rstrip().endswith(":") and word_count(sentence) < 6


def make_claim(doc: Document, span: tuple[int, int], section: Section, sources: Sources,
               author: str | None) -> Claim:
    s, e = span
    found = sources.footing(s, e)
    hedges = cue_spans(doc.text, s, e, "hedge")
    return Claim(spans=(span,), supported_by=found.references, markers=found.markers, footing=found.footing,
                 asserted_by=author if found.own else found.speaker,
                 attribution=found.attribution, links=found.links, hedged=bool(hedges), hedges=hedges,
                 negated=bool(cue_spans(doc.text, s, e, "negation")), section=section.id,
                 component=NAME, version=VERSION)


def summary(claims: list[Claim]) -> ClaimSummary:
    counts = {f: sum(c.footing == f for c in claims) for f in ("cited", "attributed", "quoted", "unsupported")}
    n = len(claims)
    sourced = n - counts["unsupported"]
    return ClaimSummary(spans=(), assertions=n, hedged=sum(c.hedged for c in claims),
                        sourced_share=round(sourced / n, 3) if n else 0.0, component=NAME, version=VERSION,
                        **counts)


@component(NAME, VERSION, requires=("sections",), produces=("claims",),
           optional=("note_markers", "references", "attributions"))
def claims(doc: Document) -> dict:
    sources = Sources(
        doc.text, support_index(doc),
        [a for a in doc.layer("attributions") if isinstance(a, Attribution)],
        [r for r in doc.layer("references") if isinstance(r, Reference) and r.role == "inline"])
    made: list[Claim] = []
    posts = {s.id: k for k, s in enumerate(sorted((s for s in doc.layer("sections") if isinstance(s, Section)
                                                  and s.kind == "post"), key=lambda s: s.start), 1)}
    for a, b, sec in regions(doc):
        author = author_of(doc, sec, posts.get(sec.id, 0))
        made.extend(make_claim(doc, span, sec, sources, author) for span in claim_spans(doc.text, a, b, sources.held))
    return {"claims": [*made, summary(made)]}

