"""Attributions inside one parsed sentence: a cue verb with its source and content, "according
to X", "in the words of X", "as X notes, …", an adjective of stance ("X was critical of …"),
an inverted cue (", argues X," / "So says X to Y"), with negation and modality kept."""

from __future__ import annotations

import re

from .attribution_content import verb_content
from .attribution_draft import Ctx, Draft, blank, quote_words, trim
from .attribution_lexicon import adjective_cues, cues, noun_classes, trigger_words
from .cue_args import (SUBJECTS, modality, negation, source_class, source_span, source_token, speaker_name, strip_titles,
                       subtree_span)
from .nlp import Parsed
from .quotes import Quote

AS_X_NOTES = re.compile(r"^[Aa]s (?P<src>(?:[A-Z][\w’'.-]*\s?){1,4}?) (?:has |had )?(?P<cue>[a-z]+(?: out)?)(?:,| in )")
IN_WORDS = re.compile(r"\b[Ii]n the (?:words|phrase) of (?P<src>[^,;:“\"]{2,80}?)\s*[,:]\s*|"
                      r"\b[Ii]n (?P<src2>[A-Z][\w.’'\- ]{1,60}?)[’']s?(?: own)? words\s*[,:]\s*")
AUTHORSHIP = {"write", "publish", "pen", "author", "compose", "draft", "edit"}
TEXT_PARTS = {"passage", "phrase", "line", "word", "text", "chapter", "page", "volume", "novel", "poem", "piece",
              "history", "account", "work", "story", "biography", "memoir"}
GENERIC = {"people", "everyone", "everybody", "one", "anyone", "anybody", "someone", "somebody"}
COGNITION = {"believe", "think", "doubt", "suspect", "suppose", "assume", "expect", "fear", "feel", "worry"}
PERSONS = ("name", "person", "group", "pronoun", "relative")


def sentence_drafts(ctx: Ctx, parsed: Parsed) -> list[Draft]:
    drafts: list[Draft] = []
    offset, doc = parsed.start, parsed.doc
    for sent in doc.sents:
        s0, s1 = offset + sent.start_char, offset + sent.end_char
        sq = [q for q in ctx.quotes.overlapping(s0, s1) if quote_words(ctx, q) >= 3]
        found = phrase_drafts(ctx, s0, s1)
        used = any(d.form == "as_notes" for d in found)
        drafts.extend(found)
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                d = according_to(ctx, offset, tok, (s0, s1))
            elif used or any(d.form == "in_words" for d in found):
                continue
            elif tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lemma_.lower() in adjective_cues():
                d = adjective_draft(ctx, offset, tok, (s0, s1))
            elif tok.pos_ in ("VERB", "AUX") or tok.tag_ in ("VBZ", "VBD", "VBP", "VBN", "VBG"):
                d = verb_draft(ctx, offset, sent, tok, sq)
            else:
                continue
            if d is not None:
                drafts.append(d)
        if not any(d.sentence == (s0, s1) for d in drafts) and sent.text.rstrip().endswith(":"):
            d = colon_fallback(ctx, offset, sent)
            if d is not None:
                drafts.append(d)
    return drafts


def phrase_drafts(ctx: Ctx, s0: int, s1: int) -> list[Draft]:
    """"As X notes, …" and "in the words of X, …", read from the words (the parser often
    takes the name for an apposition or the verb for a noun)."""
    text, line = ctx.text, ctx.prepared[s0:s1]
    out = []
    m = AS_X_NOTES.match(line)
    if m and m.group("cue") in trigger_words() and m.group("cue") not in ("words", "put", "view", "opinion"):
        src = (s0 + m.start("src"), s0 + m.end("src"))
        after = line.find(",", m.end("cue"))
        if after != -1:
            out.append(Draft("indirect", [src], [(s0 + m.start("cue"), s0 + m.end("cue"))],
                             [trim(text, s0 + after + 1, s1)], speaker=strip_titles(m.group("src").strip()),
                             sentence=(s0, s1), form="as_notes", source_class="name"))
    m = IN_WORDS.search(line)
    if m:
        g = "src" if m.group("src") else "src2"
        src = trim(text, s0 + m.start(g), s0 + m.end(g))
        rest = trim(text, s0 + m.end(), s1)
        content = _to_quote_end(ctx, rest) if rest[1] - rest[0] > 3 else None
        if content:
            name = text[src[0]:src[1]]
            out.append(Draft("indirect", [src], [trim(text, s0 + m.start(), src[0])], [content],
                             speaker=strip_titles(name) if name[:1].isupper() else None, sentence=(s0, s1),
                             form="in_words", cue_type="speech", source_class="name" if name[:1].isupper() else "person"))
    return out


def _to_quote_end(ctx: Ctx, span: tuple[int, int]) -> tuple[int, int]:
    """A content that holds a quotation ends where the quotation ends ("…, Stalin “was not…,” what explains …")."""
    for q in ctx.quotes.starting_in(*span):
        if q.closed:
            return trim(ctx.text, span[0], q.inner[1])
    return span


def according_to(ctx: Ctx, offset: int, tok, sentence) -> Draft | None:
    text = ctx.text
    s0, s1 = sentence
    to = tok.doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    if pobj.tag_ in ("WDT", "WP"):
        return None  # "a proposal according to which …": no one is named
    src = subtree_span(offset, pobj)
    phrase = (offset + tok.idx, src[1])
    before, after = trim(text, s0, phrase[0]), trim(text, phrase[1], s1)
    content = [after if after[1] - after[0] >= before[1] - before[0] else before]
    cue = [(offset + tok.idx, offset + to.idx + 2)]
    cls = source_class(pobj)
    if content[-1][1] - content[0][0] > 3:
        return Draft("according_to", [src], cue, content, speaker=speaker_name(pobj), sentence=sentence,
                     form="according_to", cue_type="phrase", source_class=cls)
    if text[phrase[1]:s1].strip().startswith(":"):
        return Draft("block", [src], cue, [], speaker=speaker_name(pobj), sentence=sentence, extra={"colon": True},
                     form="according_to", cue_type="phrase", source_class=cls, content_form="block")
    return None


def adjective_draft(ctx: Ctx, offset: int, adj, sentence) -> Draft | None:
    """"Rubio was critical of the deal", "Aides are confident that …": an adjective of stance
    or belief after a copula; the copula's subject is the source, the adjective's complement
    (a that-clause, an infinitive or its prepositional object) the content."""
    subj = next((c for c in adj.head.children if c.dep_ in SUBJECTS), None)
    cls = source_class(subj)
    if cls not in PERSONS + ("institution", "it"):
        return None
    comp = next((c for c in adj.rights if c.dep_ in ("ccomp", "xcomp", "prep")), None)
    if comp is None:
        return None
    if comp.dep_ == "prep":
        comp = next((g for g in comp.children if g.dep_ in ("pobj", "pcomp")), None)
        if comp is None:
            return None
    content = trim(ctx.text, *subtree_span(offset, comp))
    if content[1] - content[0] < 3:
        return None
    negated, first = negation(adj.head)
    first = min(first, adj.head.i) if first is not None else None  # "were n't worried"
    cue = (offset + (adj.doc[first].idx if first is not None else adj.idx), offset + adj.idx + len(adj.text))
    return Draft("thought", [source_span(offset, subj)], [cue], [content], speaker=speaker_name(subj),
                 sentence=sentence, form="adjective", cue_type="adjective", source_class=cls, negated=negated,
                 content_form="clause" if comp.pos_ in ("VERB", "AUX") else "object")


def cue_type_of(ctx: Ctx, offset: int, tok) -> str | None:
    lemma = tok.lemma_.lower()
    return cues().get(lemma) or ("speech" if quote_led(ctx, offset, tok) else None)


def quote_led(ctx: Ctx, offset: int, tok) -> bool:
    """"“It was very nice,” the tycoon beamed": any verb whose subject follows a quotation
    ending in a comma, question or exclamation mark is a speech cue."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or tok.dep_ not in ("ROOT", "parataxis"):
        return False
    first = offset + min(tok.idx, subj.left_edge.idx)
    for q in ctx.quotes.before(first):
        if q.end > first:
            continue
        inner = ctx.text[q.inner[0]:q.inner[1]].rstrip()
        gap = ctx.text[q.end:first]
        if blank(gap, ",—–-") and (inner[-1:] in ",?!" or gap.strip() == ","):
            return len(inner.split()) >= 2
        return False
    return False


def cue_span(offset: int, tok) -> tuple[list[tuple[int, int]], bool, str | None]:
    """The cue as written, with its particle ("points out"), its negation ("have not yet
    found") and its modal ("could argue")."""
    doc = tok.doc
    start, end = tok.idx, tok.idx + len(tok.text)
    prt = next((c for c in tok.children if c.dep_ == "prt"), None)
    if prt is not None:
        end = max(end, prt.idx + len(prt.text))
    negated, first_neg = negation(tok)
    modal, first_modal = modality(tok)
    if first_neg is not None and any(t.is_punct for t in doc[first_neg:tok.i]):
        negated, first_neg = False, None  # "Probably not,” Ms. Moore said": the quotation's "not", not the cue's
    if first_modal is not None and any(t.is_punct for t in doc[first_modal:tok.i]):
        modal, first_modal = None, None
    firsts = [i for i in (first_neg, first_modal) if i is not None]
    if firsts:
        start = min(start, doc[min(firsts)].idx)
    return [(offset + start, offset + end)], negated, modal


def verb_draft(ctx: Ctx, offset: int, sent, tok, sq: list[Quote]) -> Draft | None:
    ctype = cue_type_of(ctx, offset, tok)
    if ctype is None or not licensed(tok):
        return None
    text = ctx.text
    s0, s1 = offset + sent.start_char, offset + sent.end_char
    cue, negated, modal = cue_span(offset, tok)
    subj = source_token(tok)
    if subj is None and tok.i == sent.start + 1 and tok.nbor(-1).is_title and tok.nbor(-1).pos_ in ("VERB", "AUX"):
        subj = tok.nbor(-1)  # "Read notes that …": the tagger took the name for a verb
    cls = "name" if subj is not None and subj.pos_ in ("VERB", "AUX") else source_class(subj)
    if subj is not None and subj.lower_ == "you":
        return None  # "everything that you have said", "Don't you know …": the addressee is no source
    check_ner = cls == "thing" and subj.text[:1].isupper() and ctype in ("stance", "thought")  # "Trump/NN says"
    if not source_fits(ctype, tok, subj, cls) and not check_ner:
        return None
    src_span = source_span(offset, subj) if subj is not None else cue[0]
    content, cform = verb_content(ctx, offset, sent, tok, ctype, subj, cue, src_span, sq)
    colon = text[cue[0][1]:s1].strip().startswith(":") or sent.text.rstrip().endswith(":")
    if not content and not colon or subj is None and not content:
        return None
    inverted = subj is not None and subj.i > tok.i and tok.dep_ in ("parataxis", "ROOT")
    if inverted and not content:
        return None
    kind = "thought" if ctype == "thought" else "indirect"
    if subj is not None and subj.lower_ in ("i", "we") and not ctx.quotes.holding(cue[0][0]):
        kind = "first_person"
    if content:
        inside = all(any(q.inner[0] <= cs + 1 and ce <= q.end for q in ctx.quotes.holding(cs)) for cs, ce in content)
        partly = ctx.quotes.starting_in(content[0][0], content[-1][1])
        if inside and kind != "first_person":
            kind, cform = "direct", "quote"
        elif partly and kind == "indirect":
            kind = "mixed"
    return Draft(kind if content else "block", [source_span(offset, subj)] if subj is not None else [], cue, content,
                 sentence=(s0, s1), speaker=speaker_name(subj) if subj is not None else None,
                 negated=negated, modality=modal, form="verb", cue_type=ctype, source_class=cls,
                 content_form=cform if content else "block",
                 extra={"colon": colon and not content, "participle": tok.tag_ == "VBG", "inverted": inverted,
                        "lemma": tok.lemma_.lower(), "quoted_first_person": subj is not None and subj.lower_ in (
                            "i", "we") and bool(ctx.quotes.holding(cue[0][0])),
                        "check_ner": (offset + subj.idx, offset + subj.idx + len(subj.text)) if check_ner else None,
                        "as_clause": any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children),
                        "generic": subj is not None and subj.lower_ in GENERIC and not any(
                            c.dep_ in ("det", "amod", "prep", "relcl") for c in subj.children)})


def licensed(tok) -> bool:
    """A verb form that can carry a source: not an imperative or bare infinitive without a
    subject ("want to tell you"), not an agentless passive ("were accused of"), not a bare
    participle ("when asked if …", "a class named for Ali")."""
    controlled = tok.dep_ == "xcomp" and tok.head.pos_ in ("VERB", "AUX")  # "choose to not believe"
    if tok.tag_ == "VB" and not any(c.dep_ in SUBJECTS for c in tok.children) and not controlled:
        return False
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    if passive and not any(c.dep_ == "agent" for c in tok.children):
        return False
    if tok.tag_ == "VBN" and source_token(tok) is None and not any(c.dep_ == "aux" for c in tok.children):
        return False
    if tok.tag_ == "VBN" and tok.dep_ == "acl":
        return False  # "a letter written by Soviet Jews": who wrote a thing, not what they said
    if tok.lemma_.lower() in AUTHORSHIP and any(c.dep_ == "dobj" and (noun_classes().get(c.lemma_.lower()) == "document"
                                                                    or c.lemma_.lower() in TEXT_PARTS) for c in tok.children):
        return False  # "Rousseau wrote that passage", "has written a dozen books": authorship, not a report
    return True


def source_fits(ctype: str, tok, subj, cls: str) -> bool:
    """Only someone, or their text, says, thinks or takes a stance: a thing ("an assumption
    supporting evidence", "the fact explains") is no source; a belief verb's subject is
    someone whatever noun names them ("a lot of critiques … believe")."""
    if subj is None:
        return True
    if cls == "thing":  # "the commission says", "the slide shows": kept for speech, at a lower confidence
        return ctype in ("speech", "claim", "evidential") or ctype == "thought" and tok.lemma_.lower() in COGNITION \
            and subj.pos_ in ("NOUN", "PROPN")
    if cls == "it":
        return True  # "it says", "the book, which argues", "it wants": kept at a low confidence
    return True


def colon_fallback(ctx: Ctx, offset: int, sent) -> Draft | None:
    """A sentence that introduces a block with a colon, where the parser missed the cue
    ("…, though qualifies it, writing:", "As Fitzpatrick details:"): the last speech word
    before the colon is the cue, the main clause's subject the source."""
    kinds = cues()
    for tok in reversed(list(sent)):
        lemma = tok.lemma_.lower()
        form = tok.lower_
        lem = lemma if lemma in kinds else next((k for k in kinds if form in (k + "s", k + "es", k + "ing", k + "d",
                                                                               k + "ed", k[:-1] + "ing")), None)
        if lem is None or kinds.get(lem) not in ("speech", "claim"):
            continue
        if tok.pos_ not in ("VERB", "AUX") and not (form.endswith("ing") and tok.dep_ not in (
                "pobj", "dobj", "nsubj", "compound", "amod")):
            continue  # "in the harshest of terms:" is no cue; "…, writing:" (tagged a noun) is
        root = sent.root
        subj = source_token(tok) if tok.pos_ in ("VERB", "AUX") else None
        subj = subj or next((c for c in root.children if c.dep_ in SUBJECTS), None)
        cls = source_class(subj)
        if subj is None or cls in ("thing", "it"):
            return None
        s0, s1 = offset + sent.start_char, offset + sent.end_char
        return Draft("block", [source_span(offset, subj)], [(offset + tok.idx, offset + tok.idx + len(tok.text))], [],
                     speaker=speaker_name(subj), sentence=(s0, s1), form="colon", cue_type=kinds[lem],
                     source_class=cls, content_form="block", extra={"colon": True, "lemma": lem})
    return None
