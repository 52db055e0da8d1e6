"""Attribution: who says what. Sources, cues and contents from spaCy's dependency
parse plus cue lemmas kept as data (PARC 3.0 / PolNeAR notion of attribution:
statements, thoughts and beliefs of people or groups).

Forms: "X writes that …", "as X notes, …", "according to X, …", "'…,' X said",
a block quote introduced by "X writes:" on the line before, forum `>` quotes,
quotes inside quotes (nested chains) and the author's own first-person voice."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlparse

from ..data import load_tsv
from ..model import Attribution, Document, NoteMarker, Problem, Section
from ..text.patterns import URL
from .base import component
from .cue_args import (SUBJECTS, animate, blank, cut_tail, right_content, source_span, source_token, speaker_name,
                       stance_object, subtree_span, that_clause, trim)
from .nlp import masked, parse_paragraphs
from .quotes import Quote, pair_quotes
from .structure import patterns as structure_patterns
from .support import support_index

NAME, VERSION = "attribution", "2"
PRONOUNS = {"he", "she", "they", "him", "her", "them"}
FIRST_PERSON = {"i", "we"}
AS_X_NOTES = re.compile(r"^[Aa]s (?P<src>(?:[A-Z][\w’'.-]*\s?){1,4}?) (?P<cue>[a-z]+(?: out)?),\s")


@lru_cache(maxsize=None)
def cues() -> dict[str, str]:
    """Verb cue lemmas and their type (adjectives are listed apart)."""
    return {r["lemma"]: r["type"] for r in load_tsv("attribution_cues.tsv") if r["type"] != "adjective"}


@lru_cache(maxsize=None)
def cue_forms() -> frozenset[str]:
    return frozenset(r["cue"] for r in load_tsv("reporting_verbs.tsv") if r["kind"] == "verb")


@dataclass
class Draft:
    kind: str
    source: list[tuple[int, int]]
    cue: list[tuple[int, int]]
    content: list[tuple[int, int]]
    speaker: str | None = None
    nested_in: int | None = None
    supported_by: tuple[str, ...] = ()
    confidence: float = 0.7
    sentence: tuple[int, int] = (0, 0)
    extra: dict = field(default_factory=dict)

    @property
    def content_range(self) -> tuple[int, int]:
        return min(s for s, _ in self.content), max(e for _, e in self.content)


def sentence_drafts(text: str, offset: int, doc, quotes: list[Quote], kinds: dict[str, str]) -> list[Draft]:
    drafts: list[Draft] = []
    for sent in doc.sents:
        s0, s1 = offset + sent.start_char, offset + sent.end_char
        sent_quotes = [q for q in quotes if q.start < s1 and q.end > s0 and len(text[q.start:q.end].split()) >= 3]
        used = False
        m = AS_X_NOTES.match(sent.text)
        if m and m.group("cue") in cue_forms():
            src = (s0 + m.start("src"), s0 + m.end("src"))
            drafts.append(Draft("indirect", [src], [(s0 + m.start("cue"), s0 + m.end("cue"))],
                                [trim(text, s0 + m.end(), s1)], speaker=m.group("src").strip(), sentence=(s0, s1)))
            used = True
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.text.lower() == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].text.lower() == "to":
                to = doc[tok.i + 1]
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                src = subtree_span(offset, pobj)
                phrase = (offset + tok.idx, src[1])
                before, after = trim(text, s0, phrase[0]), trim(text, phrase[1], s1)
                content = after if after[1] - after[0] >= before[1] - before[0] else before
                who = speaker_name(pobj)
                if content[1] - content[0] > 3:
                    drafts.append(Draft("according_to", [src], [(offset + tok.idx, offset + to.idx + 2)],
                                        [content], speaker=who, sentence=(s0, s1)))
                elif text[phrase[1]:s1].strip().startswith(":"):
                    drafts.append(Draft("block", [src], [(offset + tok.idx, offset + to.idx + 2)], [],
                                        speaker=who, sentence=(s0, s1), extra={"colon": True}))
                continue
            if not used and tok.pos_ == "ADJ" and tok.dep_ == "acomp" and lemma in adjective_cues():
                draft = adjective_draft(text, offset, tok, (s0, s1))
                if draft is not None:
                    drafts.append(draft)
                continue
            if used or tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBZ", "VBD", "VBP", "VBN", "VBG"):
                continue
            ctype = kinds.get(lemma) or ("speech" if _quote_led(text, offset, tok, quotes) else None)
            if ctype is None:
                continue
            controlled = tok.dep_ == "xcomp" and tok.head.pos_ in ("VERB", "AUX")  # "choose to not believe"
            if tok.tag_ == "VB" and not any(c.dep_ in SUBJECTS for c in tok.children) and not controlled:
                continue  # "want to tell you", imperatives: no source
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
            if passive and not any(c.dep_ == "agent" for c in tok.children):
                continue  # "were accused of …": no source says it
            subj = source_token(tok)
            if tok.tag_ == "VBN" and subj is None and not any(c.dep_ == "aux" for c in tok.children):
                continue  # "when asked if …", "a class named for Ali": a participle with no one behind it
            cue_span = [(offset + tok.idx, offset + tok.idx + len(tok.text))]
            prt = next((c for c in tok.children if c.dep_ == "prt"), None)
            if prt is not None:
                cue_span = [(cue_span[0][0], offset + prt.idx + len(prt.text))]
            if subj is not None and subj.lower_ in ("i", "you", "we") and any(
                    q.start < cue_span[0][0] < q.end for q in quotes):
                continue  # "everything that you have said", inside someone's quotation: their words, not a new source
            content: list[tuple[int, int]] = []
            src_span = subtree_span(offset, subj) if subj is not None else cue_span[0]
            comps = [c for c in tok.children if c.dep_ == "ccomp" or (c.pos_ in ("VERB", "AUX") and
                     c.dep_ == "advcl" and any(m.lower_ in ("if", "whether") for m in c.children if m.dep_ == "mark"))]
            after = [c for c in comps if c.i > tok.i]
            comp = after[0] if after else (comps[-1] if comps else None)
            if comp is None and ctype in ("speech", "claim", "evidential"):
                comp = that_clause(tok)  # "said in one of a series of messages that the truck …"
            if comp is not None:
                cs, ce = subtree_span(offset, comp)
                src_start = subtree_span(offset, subj)[0] if subj is not None else cue_span[0][0]
                if ce <= cue_span[0][0] and blank(text[ce:min(src_start, cue_span[0][0])], ",”\"’'—–-"):
                    cs, ce = s0, min(src_start, cue_span[0][0])  # "…, another source said": all before the source
                elif cs > cue_span[0][0]:  # a quotation the clause runs into goes on to its end
                    ce = max([ce] + [q.inner[1] for q in quotes if cue_span[0][1] <= q.start < ce < q.end])
                content = [trim(text, cs, ce)] if ce > cue_span[0][0] or cs == s0 else []
            elif tok.dep_ == "advcl" and any(c.lower_ == "as" and c.i < tok.i for c in tok.children):
                main = tok.head
                cs, ce = subtree_span(offset, main)
                ts, te = subtree_span(offset, tok)
                content = [trim(text, te, ce)] if te < ce else [trim(text, cs, ts)]
            if not content and subj is not None and ctype in ("speech", "claim", "evidential"):
                after_cue = text[cue_span[-1][1]:s1]
                before_src = text[s0:src_span[0]]
                if after_cue.lstrip().startswith(",") and before_src.rstrip().endswith(","):
                    # "In three years, Barden says, far too many lives …": both sides are what was said
                    left, right = trim(text, s0, src_span[0]), trim(text, cue_span[-1][1], s1)
                    content = [sp for sp in (left, right) if sp[1] - sp[0] > 2]
                elif ctype != "claim" and any(c.dep_ in ("xcomp", "advcl", "parataxis") and c.i > tok.i for c in tok.children):
                    content = right_content(text, offset, tok)  # "said legalizing it could …"
            if not content and ctype == "thought":
                continue  # "could feel safe": a thought cue needs a clause ("feel that …")
            if ctype in ("stance", "thought") and not animate(subj):
                continue  # "an assumption supporting evidence": only someone (or their text) holds a view
            if not content and ctype == "stance":  # "urged supporters to …", "called X a liar"
                content = stance_object(text, offset, tok)
            if content:
                content = cut_tail(text, offset, sent, content)
            q_in = [q for q in sent_quotes if not (q.start <= cue_span[0][0] < q.end)]
            thing = subj is not None and ctype in ("speech", "evidential") and any(
                c.dep_ == "dobj" and c.pos_ != "PRON" and c.ent_type_ != "PERSON" for c in tok.rights)
            if not content and thing and q_in:  # "decried the GOP for “turning its back” on …": the object holds the quote
                obj = stance_object(text, offset, tok)
                if obj and all(obj[0][0] <= q.start and blank(text[obj[-1][1]:q.inner[1]], ".,;:!?") for q in q_in):
                    content = cut_tail(text, offset, sent, obj)
            if not content and q_in:
                content = [trim(text, *q.inner) for q in q_in if q.depth == min(x.depth for x in q_in)]
            if not content and thing:
                content = cut_tail(text, offset, sent, stance_object(text, offset, tok))  # "mentioned the violence"
            whole = _whole_quote(text, quotes, content, cue_span[0][0], src_span[0], s0)
            if whole:
                pos = max(cue_span[-1][1], src_span[1])
                if not any(pos <= q.start < s1 for q in quotes):  # "“A,” he said of Cruz. “B.”"
                    pos = max(pos, s1)
                content = [whole] + _continued(text, quotes, pos, whole)
            colon = text[cue_span[0][1]:s1].strip().startswith(":") or sent.text.rstrip().endswith(":")
            if not content and not colon:
                continue
            if subj is None and not content:
                continue
            source = [source_span(offset, subj)] if subj is not None else []
            kind = "thought" if ctype == "thought" else "indirect"
            if subj is not None and subj.lower_ in FIRST_PERSON:
                kind = "first_person"
            if content:
                inside = all(any(q.inner[0] <= cs + 1 and ce <= q.end for q in quotes) for cs, ce in content)
                partly = [q for q in quotes if content[0][0] <= q.start < content[-1][1]]
                if inside and kind != "first_person":
                    kind = "direct"
                elif partly and kind == "indirect":
                    kind = "mixed"
            drafts.append(Draft(kind if content else "block", source, cue_span, content, sentence=(s0, s1),
                                speaker=speaker_name(subj) if subj is not None else None,
                                confidence=0.8 if subj is not None else 0.5,
                                extra={"colon": colon and not content, "participle": tok.tag_ == "VBG"}))
    return drafts


@lru_cache(maxsize=None)
def adjective_cues() -> frozenset[str]:
    return frozenset(r["lemma"] for r in load_tsv("attribution_cues.tsv") if r["type"] == "adjective")


def adjective_draft(text: str, offset: int, adj, sentence: tuple[int, int]) -> Draft | None:
    """"Rubio was critical of the deal", "Aides are confident that …": an adjective of stance
    or belief after a copula; the copula's subject is the source, the adjective's complement
    (a that-clause, an infinitive or its prepositional object) the content."""
    subj = next((c for c in adj.head.children if c.dep_ in SUBJECTS), None)
    if subj is None or not animate(subj):
        return None
    comp = next((c for c in adj.rights if c.dep_ in ("ccomp", "xcomp", "prep")), None)
    if comp is None:
        return None
    if comp.dep_ == "prep":
        obj = next((g for g in comp.children if g.dep_ in ("pobj", "pcomp")), None)
        if obj is None:
            return None
        comp = obj
    content = trim(text, *subtree_span(offset, comp))
    if content[1] - content[0] < 3:
        return None
    cue = (offset + adj.idx, offset + adj.idx + len(adj.text))
    return Draft("thought", [source_span(offset, subj)], [cue], [content], speaker=speaker_name(subj),
                 sentence=sentence, confidence=0.6)


LABEL_LINE = re.compile(r"^(?P<src>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s+(?P<con>\S.*\S)\s*$")


@lru_cache(maxsize=None)
def not_speakers() -> frozenset[str]:
    return frozenset(r["word"].lower() for r in load_tsv("speaker_labels.tsv"))


def label_lines(text: str, regions: list[tuple[int, int]]) -> list[Draft]:
    """"PENCE: Well, look, …" (transcripts) and "Poll: Wealthy voters …" (headlines)."""
    drafts = []
    for a, b in regions:
        for m in re.finditer(r"[^\n]+", text[a:b]):
            line = LABEL_LINE.match(m.group())
            if not line or line.group("src").lower() in not_speakers():
                continue
            base = a + m.start()
            src = (base + line.start("src"), base + line.end("src"))
            colon = (src[1], src[1] + 1)
            con = trim(text, base + line.start("con"), base + line.end("con"))
            drafts.append(Draft("direct", [src], [colon], [con], speaker=line.group("src"),
                                confidence=0.6, sentence=(base, base + len(m.group()))))
    return drafts


def _quote_led(text: str, offset: int, tok, quotes: list[Quote]) -> bool:
    """"“It was very nice,” the tycoon beamed": any verb whose subject follows a quotation
    ending in a comma, question or exclamation mark is a speech cue."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or tok.dep_ not in ("ROOT", "parataxis"):
        return False
    first = offset + min(tok.idx, subj.left_edge.idx)
    for q in quotes:
        inner = text[q.inner[0]:q.inner[1]].rstrip()
        if q.end <= first and blank(text[q.end:first], ",—–-") and (inner[-1:] in ",?!" or text[q.end:first].strip() == ","):
            return len(inner.split()) >= 2
    return False


def _whole_quote(text: str, quotes: list[Quote], content, cue_start: int, src_start: int,
                 sent_start: int = 0) -> tuple[int, int] | None:
    """A quotation the content lies in, or that ends just before "…,” X said": the whole
    quotation (across sentences) is what was said. When the cue has a clause of its own
    after it, a quotation before the source leads only if it opens the sentence ("To a
    question on “privatization,” Sanders said contractors cost more": the clause is said)."""
    top = [q for q in quotes if len(text[q.start:q.end].split()) >= 3]
    first = min(cue_start, src_start)
    after = bool(content) and content[0][0] > cue_start
    for q in top:  # "“A,” X said": the quotation just before the source leads
        if q.end <= first and blank(text[q.end:first], ",—–-"):
            if after and text[q.inner[0]:q.inner[1]].rstrip()[-1:] == ".":
                break  # "“… soft.” He says referees …": the quotation closed a sentence; a new one starts
            if after and not blank(text[sent_start:q.start], "—–-([“\"'"):
                break
            return trim(text, *q.inner)
    if content:
        cs, ce = content[0][0], content[-1][1]
        holding = [q for q in top if q.inner[0] - 1 <= cs and ce <= q.inner[1] + 1 and (q.end - q.start) > (ce - cs)
                   and not q.start <= cue_start < q.end]
        if holding:  # the innermost quotation that holds the content
            return trim(text, *min(holding, key=lambda q: q.end - q.start).inner)
    return None


def _continued(text: str, quotes: list[Quote], pos: int, first: tuple[int, int]) -> list[tuple[int, int]]:
    """The quotation goes on after the cue: "“A,” X said. “B. C.”" — B and C are X's too."""
    out = []
    tops = sorted((q for q in quotes if q.depth == 0 and q.start >= pos), key=lambda q: q.start)
    for q in tops:
        gap = text[pos:q.start]
        if "\n" in gap or not blank(gap, ",.;:—–-"):
            break
        if q.inner[0] > first[1]:
            out.append(trim(text, *q.inner))
        pos = q.end
    return out


def quotes_across_paragraphs(text: str, drafts: list[Draft], quotes: list[Quote]) -> None:
    """News style: "“A,” X said." closing a paragraph, then a paragraph that is one quotation
    with no cue of its own: X goes on speaking."""
    cued = [(d.cue or d.content)[0][0] for d in drafts]
    for d in drafts:
        if d.kind != "direct" or not d.content:
            continue
        end = text.find("\n", d.sentence[1])
        if end == -1 or not blank(text[d.sentence[1]:end]):
            continue
        while (nxt := _next_paragraph(text, end)) is not None:
            q = next((q for q in quotes if q.start == nxt[0] and q.depth == 0), None)
            if q is None or not blank(text[q.end:nxt[1]], ".") or any(
                    nxt[0] <= c < nxt[1] and not q.start < c < q.end for c in cued):  # a cue inside is nested speech
                break
            d.content.append(trim(text, *q.inner))
            end = nxt[1]


def block_contents(text: str, drafts: list[Draft], quotes: list[Quote]) -> None:
    """"X writes:" at the end of a paragraph: the next paragraph (and those that go on
    quoting) is the content; "X continued: “…”" in one paragraph: the quotation is."""
    for d in drafts:
        if d.content or not d.extra.get("colon"):
            continue
        end = d.sentence[1]
        after = next((q for q in quotes if q.start >= end - 1 and blank(text[end:q.start], ":")), None)
        if after is not None:
            d.content, d.kind = [trim(text, *after.inner)], "direct"
            continue
        nxt = _next_paragraph(text, end)
        if nxt is None:
            continue
        s, e = nxt
        content = [trim(text, s, e)]
        while (more := _next_paragraph(text, e)) is not None and text[more[0]] in "“\"":
            content.append(trim(text, *more))
            e = more[1]
        d.content, d.kind = content, "block"


def _next_paragraph(text: str, pos: int) -> tuple[int, int] | None:
    m = re.compile(r"\n\s*\n?\s*(\S[^\n]*)").match(text, pos)
    if not m:
        nl = text.find("\n", pos)
        m = re.compile(r"\n\s*(\S[^\n]*)").match(text, nl) if nl != -1 else None
    return m.span(1) if m else None


def forum_quotes(doc: Document, secs: list[Section]) -> list[Draft]:
    """A `>` quote in a post: its source is the link the poster gave just before it."""
    drafts = []
    for post in (s for s in secs if s.kind == "post"):
        used: set[tuple[int, int]] = set()
        for quote in (s for s in secs if s.kind == "quote" and s.parent == post.id):
            urls = [m for m in URL.finditer(doc.text, post.start, quote.start) if m.span() not in used
                    and not re.search(r"\.(?:png|jpe?g|gif|webp|svg|mp4)$", m.group(), re.I)]  # a page, not a picture
            source, speaker = [], None
            if urls:
                url = urls[-1]
                used.add(url.span())
                source = [url.span()]
                host = urlparse(url.group() if "://" in url.group() else "//" + url.group()).netloc.lower()
                speaker = "Wikipedia" if host.endswith("wikipedia.org") else host
            s = quote.start + len(doc.text[quote.start:quote.end]) - len(doc.text[quote.start:quote.end].lstrip(">"))
            drafts.append(Draft("block", source, [], [(s, quote.end)], speaker=speaker, confidence=0.6,
                                sentence=(quote.start, quote.end)))
    return drafts


def resolve_speakers(doc: Document, drafts: list[Draft], persons: list[tuple[int, str]], author: str | None) -> None:
    """Short names and pronouns → a named person, only where the evidence is clear."""
    drafts.sort(key=lambda d: (d.cue or d.content)[0][0])
    for k, d in enumerate(drafts):
        if not d.source:
            continue
        s, e = d.source[0]
        low = doc.text[s:e].lower()
        if d.kind == "first_person" or low in FIRST_PERSON:
            d.speaker = author
        elif low in PRONOUNS:
            recent = {x.speaker for x in drafts[max(0, k - 3):k] if x.speaker and x.sentence[1] >= d.sentence[0] - 600}
            if not recent:  # no one spoke just before: the one person named just before, if only one
                recent = {name for pos, name in persons if d.sentence[0] - 300 <= pos < s}
            d.speaker = recent.pop() if len(recent) == 1 else None
        elif d.speaker and len(d.speaker.split()) == 1:  # "Roberts" → "Geoffrey Roberts" from earlier on
            full = {name for pos, name in persons if pos < s and len(name.split()) > 1
                    and name.split()[-1].strip("’'s") == d.speaker}
            full |= {x.speaker for x in drafts[:k] if x.speaker and len(x.speaker.split()) > 1
                     and x.speaker.split()[-1] == d.speaker}
            if len(full) == 1:
                d.speaker = full.pop()


def _words(text: str, spans) -> set[int]:
    return {s + m.start() for s, e in spans for m in re.finditer(r"\w+", text[s:e])}


def merge_duplicates(text: str, drafts: list[Draft]) -> list[Draft]:
    """One speaker, one passage, one record: "Carson tells …, responding to …" or "“…,” Trump
    told the crowd, saying …" give two cues for the same words. The finite cue stays over a
    participle ("…, saying"); otherwise the record that holds more of the words."""
    content = [_words(text, d.content) for d in drafts]
    source = [_words(text, d.source) for d in drafts]

    def same_source(i: int, j: int) -> bool:
        a, b = drafts[i], drafts[j]
        if a.speaker and b.speaker:
            return a.speaker == b.speaker
        return bool(source[i] & source[j]) or not a.source or not b.source

    def weaker(i: int, j: int) -> int:
        pi, pj = drafts[i].extra.get("participle", False), drafts[j].extra.get("participle", False)
        if pi != pj:
            return i if pi else j
        return i if len(content[i]) < len(content[j]) else j

    drop: set[int] = set()
    for i in range(len(drafts)):
        for j in range(i + 1, len(drafts)):
            if i in drop or j in drop or drafts[i].sentence != drafts[j].sentence:
                continue
            wi, wj = content[i], content[j]
            if wi and wj and len(wi & wj) >= 0.5 * max(len(wi), len(wj)) and same_source(i, j):
                drop.add(weaker(i, j))
    return [d for k, d in enumerate(drafts) if k not in drop]


def nest(drafts: list[Draft]) -> None:
    """Each attribution sits in the smallest other attribution whose content holds its cue."""
    for i, d in enumerate(drafts):
        anchor = (d.cue or d.content)[0][0]
        best = None
        for j, other in enumerate(drafts):
            if i == j or not other.content:
                continue
            a, b = other.content_range
            if a <= anchor < b and (b - a) > (d.content_range[1] - d.content_range[0]):
                if best is None or (b - a) < (drafts[best].content_range[1] - drafts[best].content_range[0]):
                    best = j
        d.nested_in = best


def datelines(text: str, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"RENO, Nev. (AP) — " opening a paragraph: not part of the sentence (blanked for the parse,
    so it never becomes part of a source)."""
    pattern = structure_patterns().get("dateline_prefix")
    if pattern is None:
        return []
    found = []
    for a, b in regions:
        for m in re.finditer(r"(?:^|\n)[ \t]*", text[a:b]):
            hit = pattern.match(text, a + m.end(), b)
            if hit:
                found.append(hit.span())
    return found


def document_author(doc: Document) -> str | None:
    if doc.meta.author:
        return doc.meta.author
    for sec in doc.layer("sections"):
        if isinstance(sec, Section) and sec.kind == "byline":
            return re.sub(r"^[Bb]y\s+", "", doc.text[sec.start:sec.end]).strip() or None
    return "the author"


MAX_CHARS = int(os.environ.get("HISTORIOGRAPH_MAX_PARSE_CHARS", 2_000_000))


@component(NAME, VERSION, requires=("sections",), produces=("attributions",), optional=("note_markers", "references"))
def attribution(doc: Document) -> dict:
    if len(doc.text) > MAX_CHARS:  # at ~3,000 words/s a parse of this would take many minutes
        return {"attributions": [], "problems": [Problem(
            spans=(), code="attribution.too_long", severity="warning", component=NAME, version=VERSION,
            message=f"attribution skipped: {len(doc.text):,} characters is over the parse limit of {MAX_CHARS:,} "
                    "(set HISTORIOGRAPH_MAX_PARSE_CHARS to raise it)")]}
    secs = [s for s in doc.layer("sections") if isinstance(s, Section)]
    regions = [(s.start, s.end) for s in secs if s.parent is None
               and s.kind in ("body", "post", "title", "subtitle", "notes")]
    markers = [m.spans[0] for m in doc.layer("note_markers") if isinstance(m, NoteMarker)]
    text = masked(doc.text, markers + datelines(doc.text, regions))
    kinds = cues()
    drafts: list[Draft] = []
    persons: list[tuple[int, str]] = []
    quotes = [q for a, b in regions for q in pair_quotes(text, a, b)]
    forum = {(s.start, s.end) for s in secs if s.kind == "quote" and any(p.kind == "post" and p.id == s.parent for p in secs)}
    for offset, parsed in parse_paragraphs(text, regions):
        written = parsed.user_data.get("original", parsed.text)
        persons.extend((offset + ent.start_char, written[ent.start_char:ent.end_char])
                       for ent in parsed.ents if ent.label_ == "PERSON")
        para_quotes = [q for q in quotes if offset <= q.start < offset + len(parsed.text)]
        drafts.extend(sentence_drafts(doc.text, offset, parsed, para_quotes, kinds))
    block_contents(doc.text, drafts, quotes)
    quotes_across_paragraphs(doc.text, drafts, quotes)
    drafts = [d for d in drafts if d.content]
    labelled = label_lines(doc.text, regions)
    drafts.extend(d for d in labelled)  # a "Name: …" line is the outer attribution; what is said inside it nests
    drafts.extend(forum_quotes(doc, secs) if forum else [])
    resolve_speakers(doc, drafts, persons, document_author(doc))
    drafts = merge_duplicates(doc.text, drafts)
    support = support_index(doc)
    for d in drafts:  # a note marker in the cue's sentence, or closing a block quote, is its evidence
        anchors = [(d.cue or d.content)[0][0]] + ([d.content[-1][1]] if d.kind == "block" else [])
        d.supported_by = tuple(dict.fromkeys(r for a in anchors for r in support(a, a)))
    nest(drafts)
    order = sorted(range(len(drafts)), key=lambda i: -(drafts[i].content_range[1] - drafts[i].content_range[0]))
    made: dict[int, Attribution] = {}
    for i in order:  # containers first, so a nested record can name its container's id
        d = drafts[i]
        spans = tuple(sorted(set(d.source + d.cue + d.content)))
        made[i] = Attribution(
            spans=spans, kind=d.kind, source=tuple(d.source), cue=tuple(d.cue), content=tuple(d.content),
            speaker=d.speaker, nested_in=made[d.nested_in].id if d.nested_in is not None and d.nested_in in made else None,
            supported_by=d.supported_by, confidence=d.confidence, component=NAME, version=VERSION)
    return {"attributions": sorted(made.values(), key=lambda a: a.start)}
