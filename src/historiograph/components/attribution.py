"""Attribution: who says what. Sources, cues and contents from spaCy's dependency parse plus
cue lemmas kept as data (PARC 3.0 / PolNeAR notion of attribution: statements, thoughts and
beliefs of people or groups).

Forms: "X writes that …", "as X notes, …", "according to X, …", "in the words of X, …",
"'…,' X said", ", argues X,", a block quotation of one or more paragraphs after "X writes:",
transcript lines ("PROSECUTOR: …"), forum `>` quotes, quotes inside quotes (nested chains)
and the author's own first-person voice. Negation ("have not yet found") and modality
("could argue") are kept in the record and in its cue.

Only running prose is read (body text, posts and what they quote: see `nlp.reading_regions`):
never notes, bibliographies, titles, headings or captions. A cheap lexical pass picks the
sentences that can hold an attribution (a cue's word form, a quotation led into a cue, a
phrasal cue); only those are parsed, through the shared per-document analysis (`nlp.analysis`).
Each record has a calibrated confidence (`attribution_confidence`)."""

from __future__ import annotations

import heapq
import os
import re

from ..model import Attribution, Document, NoteMarker, Problem, Section
from .attribution_blocks import bare_quotes, block_contents, forum_quotes, label_lines, quotes_across_paragraphs
from .attribution_confidence import DEFAULT_THRESHOLD, confidence, filter_attributions  # noqa: F401 (API)
from .attribution_draft import Draft, trim
from .attribution_lexicon import has_trigger
from .attribution_sentences import Ctx, sentence_drafts
from .attribution_speakers import Resolver, resolve_speakers
from .base import component
from .nlp import Analysis, analysis, reading_regions
from .quotes import QuoteIndex, pair_quotes
from .support import support_index

NAME, VERSION = "attribution", "3"
__all__ = ["attribution", "DEFAULT_THRESHOLD", "filter_attributions", "document_author"]
MAX_CHARS = int(os.environ.get("HISTORIOGRAPH_MAX_PARSE_CHARS", 2_000_000))
QUOTE_LED = re.compile(r"[,?!—–-][ \t]*[”\"»]")


def candidate_sentences(an: Analysis, regions: list[tuple[int, int]], quotes: QuoteIndex) -> list[tuple[int, int]]:
    """The sentences worth parsing: a cue's word form, a phrasal cue, or a quotation that ends
    in a comma, question or exclamation mark and leads into the sentence or lies in it."""
    out = []
    text = an.prepared
    for a, b in regions:
        for s, e in an.sentences(a, b):
            chunk = text[s:e]
            if has_trigger(chunk) or QUOTE_LED.search(chunk) or QUOTE_LED.search(text, max(a, s - 3), s + 1):
                out.append((s, e))
    return out


def nest(drafts: list[Draft]) -> None:
    """Each attribution sits in the smallest other attribution whose content holds its anchor
    (a sweep over the anchors in order, keeping the open contents in a heap)."""
    holders = sorted((d.content_range + (i,) for i, d in enumerate(drafts) if d.content), key=lambda t: t[0])
    order = sorted(range(len(drafts)), key=lambda i: drafts[i].anchor)
    live: list[tuple[int, int, int]] = []  # (end, start, index)
    k = 0
    for i in order:
        d = drafts[i]
        anchor = d.anchor
        while k < len(holders) and holders[k][0] <= anchor:
            heapq.heappush(live, (holders[k][1], holders[k][0], holders[k][2]))
            k += 1
        while live and live[0][0] <= anchor:
            heapq.heappop(live)
        own = d.content_range[1] - d.content_range[0] if d.content else 0
        best = None
        for end, start, j in live:
            if j != i and end - start > own and (best is None or end - start < best[0]):
                best = (end - start, j)
        d.nested_in = best[1] if best else None


def _words(text: str, spans) -> set[int]:
    return {s + m.start() for s, e in spans for m in re.finditer(r"\w+", text[s:e])}


def merge_duplicates(text: str, drafts: list[Draft]) -> list[Draft]:
    """One speaker, one passage, one record: "Carson tells …, responding to …" or "“…,” Trump
    told the crowd, saying …" give two cues for the same words. The finite cue stays over a
    participle ("…, saying"); otherwise the record that holds more of the words."""
    groups: dict[tuple[int, int], list[int]] = {}
    for k, d in enumerate(drafts):
        groups.setdefault(d.sentence, []).append(k)
    drop: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        content = {k: _words(text, drafts[k].content) for k in members}
        source = {k: _words(text, drafts[k].source) for k in members}
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if i in drop or j in drop:
                    continue
                wi, wj = content[i], content[j]
                if wi and wj and len(wi & wj) >= 0.5 * max(len(wi), len(wj)) and _same_source(drafts, source, i, j):
                    drop.add(_weaker(drafts, content, i, j))
    return [d for k, d in enumerate(drafts) if k not in drop]


def _same_source(drafts: list[Draft], source: dict, i: int, j: int) -> bool:
    a, b = drafts[i], drafts[j]
    if a.speaker and b.speaker:
        return a.speaker == b.speaker
    return bool(source[i] & source[j]) or not a.source or not b.source


def _weaker(drafts: list[Draft], content: dict, i: int, j: int) -> int:
    pi, pj = drafts[i].extra.get("participle", False), drafts[j].extra.get("participle", False)
    if pi != pj:
        return i if pi else j
    return i if len(content[i]) < len(content[j]) else j


def cut_at_next_cue(text: str, drafts: list[Draft], quotes: QuoteIndex) -> None:
    """"Martin observes that X, writing that “Y”": where a participle cue of the same source
    starts inside a content (outside any quotation), the first content ends before it."""
    by_sentence: dict[tuple[int, int], list[Draft]] = {}
    for d in drafts:
        by_sentence.setdefault(d.sentence, []).append(d)
    for ds in by_sentence.values():
        for d in ds:
            if not d.content or d.content_form not in ("clause", "object"):
                continue
            cs, ce = d.content[-1]
            for other in ds:
                if other is d or not other.extra.get("participle") or not other.cue or \
                        other.cue_type not in ("speech", "claim"):  # "…, encouraging X" is described, not said
                    continue
                at = other.cue[0][0]
                if cs < at < ce and text[:at].rstrip().endswith(",") and not quotes.holding(at):
                    d.content = d.content[:-1] + [trim(text, cs, text.rfind(",", cs, at))]
                    break


def document_author(doc: Document) -> str | None:
    if doc.meta.author:
        return doc.meta.author
    for sec in doc.layer("sections"):
        if isinstance(sec, Section) and sec.kind == "byline":
            return re.sub(r"^[Bb]y\s+", "", doc.text[sec.start:sec.end]).strip() or None
    return "the author"


def named_by_ner(an: Analysis, d: Draft) -> bool:
    """A source the tagger read as a common noun but written with a capital ("Trump/NN says")
    stays if the `ner` pipe names it (a person, organisation, nationality or place)."""
    head = d.extra.get("check_ner")
    if not head:
        return True
    for e in an.entities([d.sentence], {"PERSON", "ORG", "NORP", "GPE"}):
        if e.start <= head[0] < e.end:
            d.source_class = "name"
            d.speaker = d.speaker or (e.text if e.label == "PERSON" else None)
            return True
    return False


def keep(text: str, d: Draft) -> bool:
    """Records that say nothing a reader can use are dropped: an "I" inside a quotation no
    attribution holds (whose words are they?), an "it" or "which" that names a thing."""
    if d.extra.get("quoted_first_person") and d.nested_in is None:
        return False
    d.content = [sp for sp in d.content if re.search(r"[^\W\d_]", text[sp[0]:sp[1]])]  # not a stray note number
    return bool(d.content)


def drafts_of(doc: Document, an: Analysis, regions: list[tuple[int, int]], secs: list[Section]) -> list[Draft]:
    text = doc.text
    quotes = QuoteIndex([q for a, b in regions for q in pair_quotes(an.prepared, a, b)])
    ctx = Ctx(text, an.prepared, quotes)
    drafts: list[Draft] = []
    for parsed in an.parse(candidate_sentences(an, regions, quotes)):
        drafts.extend(sentence_drafts(ctx, parsed))
    drafts = [d for d in drafts if named_by_ner(an, d)]
    markers = sorted(m.spans[0] for m in doc.layer("note_markers") if isinstance(m, NoteMarker) and m.spans)
    quote_secs = {}
    for s in secs:
        if s.kind == "quote":
            body = text[s.start:s.end]
            quote_secs[s.start + len(body) - len(body.lstrip(">").lstrip())] = (s.start, s.end)
            quote_secs[s.start] = (s.start, s.end)
    cut_at_next_cue(text, drafts, quotes)
    block_contents(text, drafts, quotes, markers, quote_secs, regions)
    quotes_across_paragraphs(text, drafts, quotes)
    drafts = [d for d in drafts if d.content]
    drafts.extend(label_lines(text, regions))  # a "Name: …" line is the outer attribution; what is said inside it nests
    if any(s.kind == "post" for s in secs):
        drafts.extend(forum_quotes(doc, secs))
    used = {s for s, e in quote_secs.values() if any(d.content and d.content[-1][1] <= e and
                                                        d.content[-1][1] > s for d in drafts)}
    drafts.extend(bare_quotes(doc, secs, used))
    nest(drafts)
    resolve_speakers(drafts, Resolver(an, quotes, document_author(doc), regions))
    drafts = merge_duplicates(text, [d for d in drafts if keep(text, d)])
    nest(drafts)
    return drafts


@component(NAME, VERSION, requires=("sections",), produces=("attributions",), optional=("note_markers", "references"))
def attribution(doc: Document) -> dict:
    if len(doc.text) > MAX_CHARS:  # at ~3,000 words/s a parse of this would take many minutes
        return {"attributions": [], "problems": [Problem(
            spans=(), code="attribution.too_long", severity="warning", component=NAME, version=VERSION,
            message=f"attribution skipped: {len(doc.text):,} characters is over the parse limit of {MAX_CHARS:,} "
                    "(set HISTORIOGRAPH_MAX_PARSE_CHARS to raise it)")]}
    secs = [s for s in doc.layer("sections") if isinstance(s, Section)]
    regions = reading_regions(doc)
    drafts = drafts_of(doc, analysis(doc), regions, secs)
    support = support_index(doc)
    for d in drafts:  # a note marker in the cue's sentence, or closing a block quotation, is its evidence
        found = support.supporting(d.anchor)
        if d.kind == "block" or d.extra.get("block"):
            found = found + support.supporting(d.content[-1][1] - 1, d.content[-1][1])
        d.supported_by = tuple(dict.fromkeys(found))
        d.confidence = confidence(d)
    return {"attributions": records(drafts)}


def records(drafts: list[Draft]) -> list[Attribution]:
    order = sorted(range(len(drafts)), key=lambda i: -(drafts[i].content_range[1] - drafts[i].content_range[0]))
    made: dict[int, Attribution] = {}
    for i in order:  # containers first, so a nested record can name its container's id
        d = drafts[i]
        spans = tuple(sorted(set(d.source + d.cue + d.content)))
        made[i] = Attribution(
            spans=spans, kind=d.kind, source=tuple(d.source), cue=tuple(d.cue), content=tuple(d.content),
            speaker=d.speaker, nested_in=made[d.nested_in].id if d.nested_in is not None and d.nested_in in made else None,
            supported_by=d.supported_by, confidence=d.confidence, negated=d.negated, modality=d.modality,
            component=NAME, version=VERSION)
    return sorted(made.values(), key=lambda a: a.start)
