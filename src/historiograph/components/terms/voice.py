"""Use or mention: whose words a term occurrence is, decided from the structure the other
layers found (sections, quotations, attributions, references) and from frames kept as
data (data/terms_frames.tsv).

Order of the tests (the first that holds decides):
1. in the bibliography or inside a parsed reference: a cited work's words (quotation);
2. in a `>` quote or a block quote: someone else's text (quotation or reported);
3. in the content of someone else's attribution: quotation or reported, unless the author
   endorses it ("as X rightly says"), which makes it a use;
4. a work's title ("whose works include …"): quotation;
5. inside quotation marks: a quotation, or scare quotes when the quotation is a few words;
6. metalinguistic frames ("the word X", "called them X", "X is a slur"): discussion;
7. a reported view ("regarded them as X", "were considered X"): reported;
8. negated ("they are not X", "don't call them X"): condemnation;
9. a period term set in its period (a year before 1990, Soviet, Nazi…): historical;
10. self-description by the group ("we yids", "Yid Army"): reclaimed;
otherwise the author's own use. A mention becomes a condemnation when the sentence (or, for a
quotation, the paragraph around it) condemns the language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import Attribution, Document, Reference, Section
from ...text.sentences import sentences
from ..quotes import Quote, pair_quotes
from .lexicon import Entry, Hit, role_pattern

FIRST_PERSON_SUBJECT = re.compile(r"(?:^|[^\w’'])(?:I|[Ww]e)\s+(?:[\w’'-]+\s+){0,2}$")
SHORT_DOCUMENT = 1000  # characters: a post or a tweet, where condemnation may sit in the next sentence
OPEN_SINGLE = "‘'‚"
QUOTE_MARK = re.compile(r"[“”«»„\"]|''")
CLOSE_SINGLE = "’'"
AUTHOR_KINDS = ("first_person",)
CHARACTERISED = ("thought",)
SIGNS = ("coded", "number_code", "echo")
NOT_SOURCES = {"that", "which", "who", "it", "this", "these", "those", "what"}
SPEECH_CUE = re.compile(r"(?:say|said|says|saying|tell|told|tells|telling|write|wrote|writes|written|writing|claim(?:s|ed|ing)?|"
                        r"argu(?:e|es|ed|ing)|stat(?:e|es|ed|ing)|declar(?:e|es|ed|ing)|insist(?:s|ed|ing)?|assert(?:s|ed|ing)?|"
                        r"not(?:e|es|ed|ing)|explain(?:s|ed|ing)?|add(?:s|ed|ing)?|announc(?:e|es|ed|ing)|report(?:s|ed|ing)?|"
                        r"tweet(?:s|ed|ing)?|post(?:s|ed|ing)?|call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|alleg(?:e|es|ed|ing)|"
                        r"suggest(?:s|ed|ing)?|shout(?:s|ed|ing)?|yell(?:s|ed|ing)?|chant(?:s|ed|ing)?|scream(?:s|ed|ing)?|"
                        r"remark(?:s|ed|ing)?|recall(?:s|ed|ing)?|testif(?:y|ies|ied|ying)|observ(?:e|es|ed|ing)|"
                        r"point(?:s|ed)? out|repl(?:y|ies|ied)|answer(?:s|ed)?|respond(?:s|ed)?|warn(?:s|ed)?|accus(?:e|es|ed)|"
                        r"quot(?:e|es|ed|ing)|mention(?:s|ed)?|declare|proclaim(?:s|ed)?|blam(?:e|es|ed)|denounc(?:e|es|ed))")  # a thought or stance the author ascribes, in the author's own words
WHAT = {
    "slur": "slur", "coded": "coded antisemitic sign", "echo": "coded sign: the triple-parenthesis echo",
    "number_code": "hate number code", "propaganda": "propaganda term", "euphemism": "euphemism",
    "dehumanising": "dehumanising word", "denial": "Holocaust denial term", "conspiracy": "conspiracy term",
    "dated": "dated ethnonym, offensive today",
}
FORMS = {"compound": "compound", "obfuscated": "obfuscated", "spaced": "spaced-out", "cyrillic": "Cyrillic"}


@dataclass
class Verdict:
    use: str
    mention_kind: str | None
    where: str
    speaker: str | None = None
    attribution: str | None = None
    confidence: float = 0.8


@dataclass
class Context:
    """What the use/mention tests read, gathered once per document."""

    doc: Document
    author: str | None
    sections: list[Section] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    references: list[tuple[int, int, int | None]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    _sentences: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Document, author: str | None) -> "Context":
        secs = [s for s in doc.layer("sections") if isinstance(s, Section)]
        atts = [a for a in doc.layer("attributions") if isinstance(a, Attribution) and a.content]
        refs = [(r.start, r.end, r.note_number) for r in doc.layer("references") if isinstance(r, Reference)]
        regions = [(s.start, s.end) for s in secs if s.parent is None and s.kind not in ("boilerplate",)]
        if not secs:
            regions = [(0, len(doc.text))]
        quotes = [q for a, b in regions if QUOTE_MARK.search(doc.text, a, b) for q in pair_quotes(doc.text, a, b)]
        return cls(doc, author, secs, atts, refs, quotes)

    def section_at(self, pos: int, kinds: tuple[str, ...] | None = None) -> Section | None:
        """The innermost section holding pos (of the kinds given)."""
        best = None
        for s in self.sections:
            if s.start <= pos < s.end and (kinds is None or s.kind in kinds):
                if best is None or s.end - s.start < best.end - best.start:
                    best = s
        return best

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        text = self.doc.text
        a = text.rfind("\n", 0, start) + 1
        b = text.find("\n", end)
        b = len(text) if b == -1 else b
        spans = self._sentences.get(a)
        if spans is None:
            spans = self._sentences[a] = sentences(text, a, b) or [(a, b)]
        for s, e in spans:
            if s <= start < e or s < end <= e:
                return s, max(e, end)
        return a, b

    def paragraph(self, pos: int) -> tuple[int, int]:
        text = self.doc.text
        a = text.rfind("\n", 0, pos) + 1
        b = text.find("\n", pos)
        return a, len(text) if b == -1 else b


def where_words(ctx: Context, pos: int) -> str:
    sec = ctx.section_at(pos)
    kind = sec.kind if sec else "body"
    post = ctx.section_at(pos, ("post",))
    if post is not None:
        return "in a forum post"
    return {"title": "in the title", "subtitle": "in the subtitle", "heading": "in a heading",
            "notes": "in a note", "footnotes": "in a footnote"}.get(kind, "")


def judge(ctx: Context, hit: Hit) -> Verdict:
    """Use or mention, with the words that decided it; an endorsement in the sentence ("… and he
    was right") turns a reported, historical or naming mention into the author's use."""
    v = _judge(ctx, hit)
    if v.use != "mention" or v.mention_kind in ("condemnation",) or v.where.startswith("inside a `>`"):
        return v
    text = ctx.doc.text
    sent = ctx.sentence(hit.start, hit.end)
    quote = _in_quotes(ctx, hit.start, hit.end)
    outside = text[sent[0]:sent[1]]
    if quote is not None:
        outside = text[sent[0]:quote[0]] + " " + text[quote[1]:sent[1]]
    endorse = role_pattern("endorse").search(outside)
    if endorse and v.mention_kind in ("reported", "historical", "discussion", "quotation"):
        return Verdict("use", None, f"{v.where}, but endorsed by the author ('{endorse.group()}')", v.speaker,
                       v.attribution, 0.6)
    return v


def _judge(ctx: Context, hit: Hit) -> Verdict:
    text = ctx.doc.text
    s, e = hit.start, hit.end
    entry = hit.entry
    sent = ctx.sentence(s, e)
    sentence = text[sent[0]:s] + " " * (e - s) + text[e:sent[1]]  # the term itself blanked
    before = text[max(sent[0], s - 60):s]
    after = text[e:min(sent[1], e + 60)]

    # 1. a cited work
    if ctx.section_at(s, ("bibliography",)) is not None:
        return Verdict("mention", "quotation", "in the bibliography: part of a cited work's title")
    for a, b, number in ctx.references:
        if a <= s and e <= b:
            return Verdict("mention", "quotation", f"in a cited reference{f' (note {number})' if number else ''}: "
                                                   "part of a work's title")
    # 2. a quote block
    block = ctx.section_at(s, ("quote",))
    att = _holding_attribution(ctx, s, e)
    line_start = text.rfind("\n", 0, s) + 1
    if block is None and text[line_start:s].lstrip().startswith(">"):
        block = True  # a `>` quote line where no post structure was found (a short post or reply)
    if block is not None:
        speaker = att.speaker if att is not None else None
        return Verdict("mention", "quotation", f"inside a `>` quote of {speaker or 'another text'}, not the "
                       "author's own words", speaker, att.id if att is not None else None)
    # 3. someone else's words
    if att is not None:
        cue = _cue_text(ctx, att)
        endorse = role_pattern("endorse").search(cue)
        who = att.speaker or (" ".join(text[a:b] for a, b in att.source) or "someone else")
        if endorse:
            return Verdict("use", None, f"in {who}'s words, which the author endorses ('{endorse.group()}')",
                           att.speaker, att.id, 0.6)
        quoted = _in_quotes(ctx, s, e) is not None or att.kind in ("direct", "block")
        kind = "quotation" if quoted else "reported"
        if _condemns(ctx, sent, *att.content):
            return Verdict("mention", "condemnation", f"{'quoted' if quoted else 'reported'} from {who} in order "
                           "to condemn it", att.speaker, att.id)
        return Verdict("mention", kind, f"{'quoted' if quoted else 'reported'} as {who}'s words, not the author's",
                       att.speaker, att.id)
    # 4. a work's title
    if hit.form == "phrase" and text[s:s + 1].isupper() and role_pattern("work_before").search(before):
        return Verdict("mention", "quotation", "part of a work's title", confidence=0.6)
    # 5. quotation marks
    quote = _in_quotes(ctx, s, e)
    meta = _meta(before, after)
    regime = role_pattern("reported_sentence").search(sentence)
    rep = role_pattern("reported_before").search(before)
    if rep and FIRST_PERSON_SUBJECT.search(text[max(sent[0], s - 60 - 40):s - len(before) + rep.start()]):
        rep = None  # "I consider them …": the author's own view
    if quote is not None:
        qs, qe = quote
        short = len(text[qs:qe].split()) <= 4
        if meta and meta.startswith("'…"):
            return Verdict("mention", "discussion", f"the word itself, talked about ({meta})")
        if _condemns(ctx, sent, (qs, qe)):
            return Verdict("mention", "condemnation", "quoted in order to condemn it")
        if meta:
            return Verdict("mention", "discussion", f"{'the word itself, in quotation marks' if short else 'quoted'}"
                           f" and talked about ({meta})")
        if rep:
            return Verdict("mention", "reported", f"in quotation marks, a label others gave ('{rep.group().strip()}')")
        if regime:
            return Verdict("mention", "reported", f"in quotation marks, the language of others "
                           f"('{regime.group().strip()}')")
        if entry.period and role_pattern("historical").search(sentence):
            return Verdict("mention", "historical", f"in quotation marks, set in its period ({entry.period})")
        if short:
            return Verdict("mention", "quotation", "in scare quotes: the author holds the word at a distance",
                           confidence=0.7)
        return Verdict("mention", "quotation", "inside a quotation (no speaker found)", confidence=0.7)
    # 6. talk about the word
    negated = role_pattern("negation_before").search(before)
    condemned = role_pattern("condemn").search(sentence.replace(text[s:e], " "))
    if meta:
        if negated or role_pattern("condemn_strong").search(sentence):
            return Verdict("mention", "condemnation", f"the word is talked about ({meta}) and condemned")
        return Verdict("mention", "discussion", f"the word is talked about ({meta}), not applied to anyone")
    # 7. a reported view
    if rep:
        if negated or condemned:
            return Verdict("mention", "condemnation", "a view the author reports and condemns")
        return Verdict("mention", "reported", f"a view the author reports ('{rep.group().strip()}'), not their own")
    if regime and entry.period:
        return Verdict("mention", "reported", f"reported as the language of others ('{regime.group().strip()}'), "
                       f"{entry.period}")
    # 8. negation
    nobody = role_pattern("negation_subject").search(text[sent[0]:s])
    if nobody:
        return Verdict("mention", "condemnation", f"denied ('{nobody.group()} …'): the author rejects it",
                       confidence=0.6)
    if entry.category in SIGNS:
        if entry.id == "echo" and role_pattern("reclaim_sentence").search(sentence):
            return Verdict("reclaimed", None, "a self-echo in solidarity (the counter-use ADL describes)",
                           confidence=0.6)
        talk = role_pattern("sign_talk").search(sentence)
        if talk:
            kind = "condemnation" if condemned else "discussion"
            return Verdict("mention", kind, f"the sign is talked about as a sign ('{talk.group().strip()}')",
                           confidence=0.6)
    if negated:
        return Verdict("mention", "condemnation", f"negated ('{negated.group().strip()}'): the author denies it",
                       confidence=0.6)
    # 9. a period term in its period
    if entry.period and role_pattern("historical").search(sentence):
        return Verdict("mention", "historical", f"a term of its period ({entry.period}), used to describe that period")
    # 10. reclaimed
    if entry.has("reclaimable") and (role_pattern("reclaim_before").search(before)
                                     or role_pattern("reclaim_after").match(after)):
        return Verdict("reclaimed", None, "used by the group of itself (reclaimed)", confidence=0.6)
    return Verdict("use", None, "the author's own words")


def _meta(before: str, after: str) -> str | None:
    m = role_pattern("meta_before").search(before)
    if m:
        return f"'{m.group().strip()} …'"
    m = role_pattern("meta_after").match(after)
    if m:
        return f"'… {m.group().strip()}'"
    return None


def _holding_attribution(ctx: Context, s: int, e: int) -> Attribution | None:
    """The innermost attribution whose content holds the span and is not the author's own."""
    best = None
    for a in ctx.attributions:
        if a.kind in AUTHOR_KINDS or (ctx.author and a.speaker == ctx.author):
            continue
        if _in_quotes(ctx, s, e) is None and not _speech(ctx.doc.text, a):
            continue  # "X is concerned with his … sugar daddy", "brands that support …": the author's words
        if any(cs <= s and e <= ce for cs, ce in a.content):
            size = sum(ce - cs for cs, ce in a.content)
            if best is None or size < best[0]:
                best = (size, a)
    return best[1] if best else None


def _speech(text: str, att: Attribution) -> bool:
    """Whether an attribution reports someone's words (said, wrote, a block or a quotation) rather
    than a thought or stance the author ascribes in the author's own words."""
    if att.kind in ("direct", "block", "mixed", "according_to"):
        return True
    if att.kind in CHARACTERISED:
        return False
    source = " ".join(text[a:b] for a, b in att.source).strip().lower()
    if source in NOT_SOURCES:
        return False
    cue = " ".join(text[a:b] for a, b in att.cue).strip().lower()
    return bool(SPEECH_CUE.fullmatch(cue))


def _cue_text(ctx: Context, att: Attribution) -> str:
    """The words around the source and cue, outside the content (where endorsement is said)."""
    text = ctx.doc.text
    spans = list(att.source) + list(att.cue)
    if not spans:
        return ""
    a, b = min(s for s, _ in spans), max(e for _, e in spans)
    lo, hi = ctx.sentence(a, b)
    parts = [text[max(lo, a - 40):a], text[a:b], text[b:min(hi, b + 30)]]
    chunk = " ".join(parts)
    for cs, ce in att.content:  # never read endorsement inside the quoted words
        if a - 40 <= cs and ce <= b + 30:
            chunk = chunk.replace(text[cs:ce], " ")
    return chunk


def _in_quotes(ctx: Context, s: int, e: int) -> tuple[int, int] | None:
    """The inner span of the quotation that holds the span: paired double quotes, guillemets,
    or single quotes right around it (‘X’, 'X')."""
    best = None
    for q in ctx.quotes:
        a, b = q.inner
        if a <= s and e <= b and (best is None or b - a < best[1] - best[0]):
            best = (a, b)
    if best is not None:
        return best
    text = ctx.doc.text
    left = text[max(0, s - 2):s].rstrip()
    right = text[e:e + 3].lstrip(",.!?;:")
    if left[-1:] in OPEN_SINGLE and right[:1] in CLOSE_SINGLE:
        if left[-1:] == "'" and s >= 2 and text[s - 2].isalnum():
            return None  # an apostrophe ("don't kikes"), not a quote mark
        return s, e
    return None


def _condemns(ctx: Context, sent: tuple[int, int], *quoted: tuple[int, int]) -> bool:
    """Whether the words around a quotation condemn it: its sentence outside the quoted words
    (in a short text, a post or a tweet, its whole paragraph: 'X is a Nazi. Listen: “…”')."""
    text = ctx.doc.text
    a, b = ctx.paragraph(sent[0]) if len(text) <= SHORT_DOCUMENT else sent
    chars = list(text[a:b])
    for cs, ce in quoted:
        for i in range(max(cs, a), min(ce, b)):
            chars[i - a] = " "
    return bool(role_pattern("condemn").search("".join(chars)))


def describe(entry: Entry, hit: Hit) -> str:
    """'slur compound, IHRA example 2'."""
    what = WHAT.get(entry.category, entry.category)
    form = FORMS.get(hit.form)
    if form == "compound":
        what = f"{what} compound"
    elif form:
        what = f"{form} {what}"
    return f"{what}, {short_reference(entry.reference)}"


def short_reference(reference: str) -> str:
    """The reference a reader looks up first: an IHRA example, else the first source named."""
    m = re.search(r"IHRA example \d+", reference)
    if m:
        return m.group()
    return reference.split(";")[0].split(" (")[0].strip()
