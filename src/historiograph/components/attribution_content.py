"""What a cue governs: its clause, the quotation it introduces or closes (across sentences and
paragraphs), or its object, clipped where the source's words end (a parenthesis closing, a
new clause after the quotation)."""

from __future__ import annotations

import re

from .attribution_draft import Ctx, blank, quote_words, trim
from .attribution_lexicon import cues
from .cue_args import cut_tail, right_content, stance_object, subtree_span, that_clause
from .quotes import Quote, QuoteIndex


def verb_content(ctx: Ctx, offset: int, sent, tok, ctype: str, subj, cue, src_span, sq) -> tuple[list, str]:
    """What a cue verb governs: its clause, the quotation it introduces, or its object."""
    text = ctx.text
    s0, s1 = offset + sent.start_char, offset + sent.end_char
    content, cform = clause_content(ctx, offset, tok, ctype, subj, cue, s0)
    if not content and subj is not None and ctype in ("speech", "claim", "evidential"):
        content = around_content(ctx, offset, tok, cue, src_span, s0, s1)
    if not content and ctype in ("speech", "claim") and subj is not None and subj.i > tok.i and \
            re.match(r"(?:So|Thus|Such)\b", text[s0:cue[0][0]].strip()):  # "So says Engels to Marx in 1870."
        lead = quote_ending_before(ctx, s0, allow_paragraph=True)
        if lead is not None:
            return [trim(text, *lead.inner)], "quote"
        before = previous_sentence(text, s0)  # an unquoted sentence: what was said, without its full stop
        if before is not None:
            return [before], "clause"
    if not content and ctype == "thought":
        return [], cform  # "could feel safe": a thought cue needs a clause ("feel that …")
    if not content and ctype == "stance":  # "urged supporters to …", "called X a liar"
        content, cform = stance_object(text, offset, tok), "object"
    quoted = lambda pos: bool(ctx.quotes.holding(pos))  # noqa: E731
    if content:
        content = cut_tail(text, offset, sent, content, quoted)
    q_in = [q for q in sq if not (q.start <= cue[0][0] < q.end)]
    objs = [c for c in tok.rights if c.dep_ == "dobj" and (c.pos_ != "PRON" or c.lower_ in (
        "anything", "something", "nothing", "everything"))]  # "does not say anything about bribes"
    thing = subj is not None and ctype in ("speech", "evidential") and bool(objs)
    if not content and thing and q_in:  # "decried the GOP for “turning its back” on …": the object holds the quote
        obj = stance_object(text, offset, tok)
        if obj and all(obj[0][0] <= q.start and blank(text[obj[-1][1]:q.inner[1]], ".,;:!?") for q in q_in):
            content, cform = cut_tail(text, offset, sent, obj), "object"
    if not content and q_in:
        content, cform = [trim(text, *q.inner) for q in q_in if q.depth == min(x.depth for x in q_in)], "quote"
    if not content and thing and not all(o.pos_ == "PROPN" and all(c.dep_ == "compound" for c in o.children)
                                         for o in objs):  # "told Smith": the one told is not what was said
        content, cform = cut_tail(text, offset, sent, stance_object(text, offset, tok)), "object"
    content = clip_after_quote(text, clip_parenthesis(text, s0, cue[0][0], content), ctx.quotes)
    has_object = any(c.dep_ == "dobj" for c in tok.children)
    whole = whole_quote(ctx, content, cue[0][0], src_span[0], s0, not has_object)
    if whole:
        pos = max(cue[-1][1], src_span[1])
        if not any(pos <= q.start < s1 for q in ctx.quotes.starting_in(pos, s1)):  # "“A,” he said of Cruz. “B.”"
            pos = max(pos, s1)
        content, cform = [whole] + continued(ctx, pos, whole), "quote"
    return content, cform


def clause_content(ctx: Ctx, offset: int, tok, ctype: str, subj, cue, s0: int) -> tuple[list, str]:
    text = ctx.text
    comps = [c for c in tok.children if c.dep_ == "ccomp" or (c.pos_ in ("VERB", "AUX") and c.dep_ == "advcl" and any(
        m.lower_ in ("if", "whether") for m in c.children if m.dep_ == "mark"))]
    after = [c for c in comps if c.i > tok.i]
    comp = after[0] if after else (comps[-1] if comps else None)
    evidence = next((c for c in tok.rights if c.dep_ == "dobj" and any(
        g.dep_ in ("acl", "ccomp", "relcl") and any(m.lower_ == "that" and m.dep_ == "mark" for m in g.children)
        for g in c.children)), None) if ctype == "evidential" and comp is None else None
    if evidence is not None:  # "have not yet found evidence that X": the evidence and what it would show
        return [trim(text, *subtree_span(offset, evidence))], "clause"
    if comp is None and ctype in ("speech", "claim", "evidential"):
        comp = that_clause(tok)  # "said in one of a series of messages that the truck …"
    if comp is not None:
        cs, ce = subtree_span(offset, comp)
        src_start = subtree_span(offset, subj)[0] if subj is not None else cue[0][0]
        left = False
        if ce <= cue[0][0] and blank(text[ce:min(src_start, cue[0][0])], ",”\"’'—–-"):
            cs, ce, left = s0, min(src_start, cue[0][0]), True  # "…, another source said": all before the source
        elif cs > cue[0][0]:  # a quotation the clause runs into goes on to its end
            ce = max([ce] + [q.inner[1] for q in ctx.quotes.starting_in(cue[0][1], ce) if ce < q.end])
        return ([trim(text, cs, ce)] if ce > cue[0][0] or left or cs == s0 and subj is not None and subj.i > tok.i
                else []), "clause"
    if tok.dep_ == "advcl" and any(c.lower_ == "as" and c.i < tok.i for c in tok.children):
        main = tok.head
        cs, ce = subtree_span(offset, main)
        ts, te = subtree_span(offset, tok)
        return ([trim(text, te, ce)] if te < ce else [trim(text, cs, ts)]), "as_clause"
    return [], "clause"


def around_content(ctx: Ctx, offset: int, tok, cue, src_span, s0: int, s1: int) -> list:
    """A cue set off inside its clause: "In three years, Barden says, far too many lives …" and
    ", argues Van Ree," (both sides are what was said), or "said legalizing it could …"."""
    text = ctx.text
    after_cue, before_src = text[cue[-1][1]:s1], text[s0:src_span[0]]
    if after_cue.lstrip().startswith(",") and before_src.rstrip().endswith(","):
        left, right = trim(text, s0, src_span[0]), trim(text, cue[-1][1], s1)
        return [sp for sp in (left, right) if sp[1] - sp[0] > 2]
    if src_span[0] > cue[0][1] and text[s0:cue[0][0]].rstrip().endswith(",") and \
            text[src_span[1]:s1].lstrip().startswith(","):  # ", argues Van Ree,"
        left, right = trim(text, s0, cue[0][0]), trim(text, src_span[1], s1)
        return [sp for sp in (left, right) if sp[1] - sp[0] > 2]
    if cues().get(tok.lemma_.lower()) != "claim" and any(
            c.dep_ in ("xcomp", "advcl", "parataxis") and c.i > tok.i for c in tok.children):
        return right_content(text, offset, tok)  # "said legalizing it could …"
    return []


def whole_quote(ctx: Ctx, content, cue_start: int, src_start: int, sent_start: int = 0,
                before_sentence: bool = True) -> tuple[int, int] | None:
    """A quotation the content lies in, or that ends just before "…,” X said": the whole
    quotation (across sentences) is what was said. When the cue has a clause of its own
    after it, a quotation before the source leads only if it opens the sentence ("To a
    question on “privatization,” Sanders said contractors cost more": the clause is said)."""
    text = ctx.text
    first = min(cue_start, src_start)
    after = bool(content) and content[0][0] > cue_start
    for q in ctx.quotes.before(first):  # "“A,” X said": the quotation just before the source leads
        if q.end > first:
            continue
        if quote_words(ctx, q) < 3:
            continue
        if not before_sentence and q.end <= sent_start:
            break  # "“… eat cake.” She never said it": the cue has its own object
        if not blank(text[q.end:first], ",—–-") or "\n" in text[q.end:first]:
            break  # a quotation in the paragraph before is not this cue's
        if after and text[q.inner[0]:q.inner[1]].rstrip()[-1:] in ".?!":
            break  # "“… soft.” He says referees …": the quotation closed a sentence; a new one starts
        if after and not blank(text[sent_start:q.start], "—–-([“\"'"):
            break
        return trim(text, *q.inner)
    if content:
        cs, ce = content[0][0], content[-1][1]
        holding = [q for q in ctx.quotes.holding(cs) + ctx.quotes.holding(cs + 1) if q.inner[0] - 1 <= cs and
                   ce <= q.inner[1] + 1 and (q.end - q.start) > (ce - cs) and not q.start <= cue_start < q.end
                   and quote_words(ctx, q) >= 3]
        if holding:  # the innermost quotation that holds the content
            return trim(text, *min(holding, key=lambda q: q.end - q.start).inner)
    return None


def quote_ending_before(ctx: Ctx, pos: int, allow_paragraph: bool = False) -> Quote | None:
    """The outermost quotation that ends just before pos (only spaces and , — between)."""
    text = ctx.text
    p = pos
    while p > 0 and (text[p - 1] in " \t\u00a0,—–-" or allow_paragraph and text[p - 1] == "\n"):
        p -= 1
    held = [q for q in ctx.quotes.holding(p - 1) if q.end == p] if p > 0 else []
    return held[0] if held and quote_words(ctx, held[0]) >= 3 else None


def previous_sentence(text: str, pos: int) -> tuple[int, int] | None:
    """The sentence before pos (in this paragraph or the one before)."""
    from ..text.sentences import sentences

    start = max(0, pos - 2000)
    spans = [sp for sp in sentences(text, start, pos) if sp[1] <= pos and sp[0] > start]
    return trim(text, *spans[-1]) if spans else None


def clip_parenthesis(text: str, s0: int, cue_start: int, content: list) -> list:
    """A cue inside a parenthesis ("(for which some historians believe Stalin was also
    responsible)") says nothing past the closing parenthesis."""
    before = text[s0:cue_start]
    if before.count("(") <= before.count(")") or not content:
        return content
    out = []
    for cs, ce in content:
        close = text.find(")", cs, ce)
        if close != -1 and text[cs:close].count("(") == 0:
            out.append(trim(text, cs, close))
            break
        out.append((cs, ce))
    return [sp for sp in out if sp[1] > sp[0]]


def clip_after_quote(text: str, content: list, quotes: QuoteIndex) -> list:
    """A mixed content ends with its quotation when the sentence goes on with another clause:
    "said that “this is worse …,” and at the Nuremberg Trials, …"."""
    if not content:
        return content
    cs, ce = content[-1]
    for q in quotes.starting_in(cs, ce):
        if q.closed and q.end < ce and re.match(r"(?<!\s)[,;]?\s++(?:and|but)\s", text[q.end:ce]) and q.depth == 0:
            return content[:-1] + [trim(text, cs, q.inner[1]) if text[q.end - 2:q.end - 1] in ",." else (cs, q.end)]
    return content


def continued(ctx: Ctx, pos: int, first: tuple[int, int]) -> list[tuple[int, int]]:
    """The quotation goes on after the cue: "“A,” X said. “B. C.”" — B and C are X's too."""
    out = []
    text = ctx.text
    for q in ctx.quotes.after(pos):
        if q.depth != 0:
            continue
        gap = text[pos:q.start]
        tail = not out and re.fullmatch(r"[^“”\"\n.;]{0,60},\s*", gap)  # "“A,” wrote X in 1861, “but B.”"
        if "\n" in gap or not (blank(gap, ",.;:—–-") or tail):
            break
        if q.inner[0] > first[1]:
            out.append(trim(text, *q.inner))
        pos = q.end
    return out
