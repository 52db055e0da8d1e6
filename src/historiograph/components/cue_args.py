"""The arguments of an attribution cue in spaCy's dependency parse: who speaks (the source)
and what is said, thought or stood for (the content), as character spans into the text.

Conventions follow the PARC 3.0 / PolNeAR notion of attribution: a source is a person, group,
organisation or their text; a content is the clause, object or quotation the cue governs,
without the writer's asides."""

from __future__ import annotations

from functools import lru_cache

from ..data import load_tsv
from .nlp import original

SUBJECTS = ("nsubj", "nsubjpass")


def span(offset: int, first, last) -> tuple[int, int]:
    s, e = offset + first.idx, offset + last.idx + len(last.text)
    return s, e


def blank(gap: str, marks: str = "") -> bool:
    """Only white space (any kind: web copies carry no-break spaces) and the given marks."""
    return all(ch.isspace() or ch in marks for ch in gap)


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:!?—–-"):
        e -= 1
    return s, e


def subtree_span(offset: int, tok) -> tuple[int, int]:
    return span(offset, tok.doc[tok.left_edge.i], tok.doc[tok.right_edge.i])


def source_token(verb, depth: int = 0):
    for child in verb.children:  # a passive's agent is the source ("This view is echoed by Read")
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child  # "Read, who notes …": "who", as written; the speaker is the antecedent
    if verb.dep_ == "conj" and verb.head is not verb:  # "… and she points to …"
        return source_token(verb.head)
    if verb.dep_ == "xcomp" and verb.tag_ == "VB" and verb.head.pos_ in ("VERB", "AUX") and depth < 3:
        return source_token(verb.head, depth + 1)  # "Republicans choose to not believe …": the one who chooses
    if verb.dep_ == "relcl" or verb.dep_ == "acl" and verb.tag_ == "VBG":  # "historians who argue", "Democrats considering"
        return verb.head
    if verb.tag_ == "VBG" and depth < 3:  # "…, saying that …", "began by saying …"
        head = verb.head
        while head is not verb and head.dep_ in ("prep", "pcomp", "pobj") and head.head is not head:
            head = head.head
        if head is not verb and head.pos_ in ("VERB", "AUX"):
            return source_token(head, depth + 1)
    return None


def animate(tok) -> bool:
    """Someone who can hold a view: a person, group, organisation or place named, a pronoun
    or relative pronoun, or a common noun for people or their texts ("historians", "the ad")."""
    if tok is None:
        return False
    if tok.pos_ in ("PRON", "PROPN") or tok.tag_ in ("WP", "WDT") or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return tok.lemma_.lower() in people_nouns() or tok.lower_ in people_nouns() or any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)


@lru_cache(maxsize=None)
def people_nouns() -> frozenset[str]:
    return frozenset(r["word"].lower() for r in load_tsv("people_nouns.tsv"))


def source_span(offset: int, tok) -> tuple[int, int]:
    doc = tok.doc
    if any(c.dep_ in ("relcl", "acl") for c in tok.children):  # the noun phrase without its clause
        s, e = span(offset, doc[tok.left_edge.i], tok)
    else:
        s, e = subtree_span(offset, tok)
    text = doc.text
    while s < e and (text[s - offset] in "[(,“\"'" or text[s - offset].isspace()):
        s += 1
    while e > s and (text[e - 1 - offset] in "]),”\"'" or text[e - 1 - offset].isspace()):
        e -= 1
    return s, e


def speaker_name(tok) -> str | None:
    """The proper name a source token stands for: 'historian Zhores Medvedev' → 'Zhores Medvedev',
    'The scholars Yu Xiao and Ji Zeng' → 'Yu Xiao and Ji Zeng'."""
    def name(t):
        parts = [c for c in t.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"] + [t]
        return " ".join(original(p) for p in parts).strip("’'[]")

    if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":  # "who" stands for its antecedent
        tok = tok.head.head
    heads = [tok] if tok.pos_ == "PROPN" else [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if not heads:
        comp = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        return " ".join(original(c) for c in comp) or None
    names = [name(heads[0])] + [name(c) for c in heads[0].children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    return " and ".join(names)


def that_clause(cue):
    """A "that"-clause the parser hung below a phrase of the cue's instead of on the cue:
    the clause head nearest to the right with the complementizer "that" as its mark."""
    for tok in cue.doc[cue.i + 1:cue.right_edge.i + 1]:
        if tok.pos_ in ("VERB", "AUX") and any(m.dep_ == "mark" and m.lower_ == "that" and m.i > cue.i for m in tok.children):
            return tok if not any(a.i < tok.i and a.pos_ in ("VERB", "AUX") and a.i > cue.i for a in tok.ancestors) else None
    return None


def children_span(text: str, offset: int, children: list) -> list[tuple[int, int]]:
    """The content a run of a cue's children covers, from the first one's subtree to the last one's."""
    if not children:
        return []
    return [trim(text, subtree_span(offset, children[0])[0], subtree_span(offset, children[-1])[1])]


OBJECTS = ("dobj", "xcomp", "prep", "oprd", "dative", "ccomp", "acomp")
BEYOND = ("advcl", "conj", "cc", "parataxis")
ADJUNCT_PREPS = {"at", "during", "after", "before", "since", "until", "throughout", "amid", "despite", "near"}  # when and where, not what


def stance_object(text: str, offset: int, tok) -> list[tuple[int, int]]:
    """What a stance cue is about: its objects to the right, up to an adverbial clause or a
    coordinated verb ("defended himself for X, arguing that …" ends before "arguing"),
    leaving out when and where ("thanked supporters at a rally")."""
    objs = []
    for child in tok.rights:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in child.children):
            objs.append(child)  # "calling for the United States to take a stronger role"
            continue
        if child.dep_ in BEYOND:
            break
        if child.dep_ == "prep" and child.lower_ in ADJUNCT_PREPS:
            continue
        if child.dep_ in OBJECTS:
            objs.append(child)
    spans = children_span(text, offset, objs)
    if spans and text.startswith("for ", spans[0][0]) and objs[0].dep_ == "advcl":
        spans[0] = trim(text, spans[0][0] + 4, spans[0][1])  # "calling for" is the cue, the rest its content
    return spans


def cut_tail(text: str, offset: int, sent, content: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The writer's aside on the content's last noun is not the source's words: "… the
    emails were exchanges between Carter and Eric Fanning, who was his chief of staff"
    ends before ", who"; "vowed to repeal the Hyde Amendment, a federal provision that …"
    before the apposition. (Cutting a trailing participle, side clause or coordinated
    clause as well was measured on PolNeAR train and lost more than it gained.)"""
    cs, ce = content[-1]
    for tok in sent:
        left = offset + tok.left_edge.idx
        if left <= cs or not cs < offset + tok.idx < ce:
            continue
        if offset + tok.right_edge.idx + len(tok.right_edge.text) < ce - 1:
            continue  # the clause does not run to the content's end
        if not text[max(0, left - 4):left].rstrip().rstrip("”\"’'").rstrip().endswith(","):
            continue  # an aside is set off by a comma
        aside = tok.dep_ == "appos" and tok.head.i < tok.i or tok.dep_ == "relcl" and any(
            c.lower_ in ("who", "which") and c.dep_ in SUBJECTS for c in tok.children)
        if aside:
            s, e = trim(text, cs, left)
            return content[:-1] + ([(s, e)] if e - s > 2 else [])
    return content


SIDE_CLAUSE = {"while", "as", "after", "before", "because", "although", "though", "when", "since", "whereas"}


def right_content(text: str, offset: int, tok) -> list[tuple[int, int]]:
    """Everything the cue governs to its right, up to a coordinated verb or a side clause
    ("…, while Clinton has slammed …")."""
    kids = [c for c in tok.rights if c.dep_ != "punct"]
    keep = []
    for c in kids:
        if keep and (c.dep_ in ("conj", "cc") or c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in SIDE_CLAUSE for m in c.children)):
            break
        keep.append(c)
    return children_span(text, offset, keep)
