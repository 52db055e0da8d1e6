"""The arguments of an attribution cue in spaCy's dependency parse: who speaks (the source)
and what is said, thought or stood for (the content), as character spans into the text.

Conventions follow the PARC 3.0 / PolNeAR notion of attribution: a source is a person, group,
organisation or their text; a content is the clause, object or quotation the cue governs,
without the writer's asides."""

from __future__ import annotations

from .attribution_draft import trim
from .attribution_lexicon import noun_classes, titles
from .nlp import original

SUBJECTS = ("nsubj", "nsubjpass")
PERSONAL = {"i", "we", "you", "he", "she", "they", "one", "me", "us", "him", "her", "them"}
THINGLIKE = {"it", "this", "that", "these", "those", "which", "what", "something", "everything", "nothing"}
NEGATIONS = {"not", "n't", "n’t", "never", "nt"}
NEG_SUBJECTS = {"nobody", "none", "neither", "noone"}


def span(offset: int, first, last) -> tuple[int, int]:
    s, e = offset + first.idx, offset + last.idx + len(last.text)
    return s, e


def subtree_span(offset: int, tok) -> tuple[int, int]:
    return span(offset, tok.doc[tok.left_edge.i], tok.doc[tok.right_edge.i])


def source_token(verb, depth: int = 0):
    for child in verb.children:  # a passive's agent is the source ("This view is echoed by Read")
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if len(subjects) > 1:  # "The cause, argues Marsh, was …": the parser gives the cue both; someone speaks
        inverted = verb.i > 0 and verb.doc[verb.i - 1].text == ","  # ", says Michael Parenti in …,"
        subjects.sort(key=lambda c: (not animate(c), not (inverted and c.i > verb.i), abs(c.i - verb.i)))
    if subjects:
        return subjects[0]  # "Read, who notes …": "who", as written; the speaker is the antecedent
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
            found = source_token(head, depth + 1)
            if found is not None and not animate(found) and head.head is not head and head.dep_ in ("ccomp", "conj"):
                higher = source_token(head.head, depth + 1)  # "Martin observes that support remained strong, writing …"
                if higher is not None and animate(higher):
                    return higher
            return found
    return None


def animate(tok) -> bool:
    """Someone who can hold a view: a person, group, organisation or place named, a personal
    or relative pronoun, or a common noun for people, groups, institutions or their texts."""
    return source_class(tok) not in ("thing", "it", "none")


def source_class(tok) -> str:
    """What kind of source a token heads: name, person, group, institution, document (common
    nouns from people_nouns.tsv), pronoun (he, she, they, I, we…), relative ("who"), it (it,
    this, which: a thing unless its antecedent says otherwise), thing, or none."""
    if tok is None:
        return "none"
    low = tok.lower_
    if tok.tag_ in ("WP", "WDT") or (low == "that" and tok.dep_ in SUBJECTS and tok.head.dep_ == "relcl"):
        head = tok.head.head if tok.head.dep_ in ("relcl", "acl") else None  # "the report, which says"
        cls = source_class(head) if head is not None and head is not tok and head.tag_ not in ("WP", "WDT") else "it"
        if low in ("who", "whom"):
            return cls if cls not in ("thing", "it", "none") else "relative"
        return cls
    if low in PERSONAL:
        return "pronoun"
    if low in THINGLIKE or tok.pos_ == "PRON" and low not in ("everyone", "everybody", "someone", "somebody",
                                                                 "anyone", "anybody", "nobody"):
        return "it"
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return "name"
    cls = noun_classes().get(tok.lemma_.lower()) or noun_classes().get(low)
    if cls:
        return cls
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
        return "name"  # "the Kremlin spokesman", "the Pravda editorial"
    if any(c.dep_ == "prep" and c.lower_ == "of" and any(
            g.dep_ == "pobj" and source_class(g) in ("person", "group", "name") for g in c.children)
           for c in tok.children):
        return "group"  # "a lot of critics", "a number of historians"
    return "thing"


def negation(cue) -> tuple[bool, int | None]:
    """Whether a cue is negated ("have not yet found", "never said", "nobody claimed", "refused
    to acknowledge") and the first token of the negated cue (or None)."""
    neg = [c for c in cue.children if c.dep_ == "neg" or c.lower_ in NEGATIONS and c.dep_ == "advmod"]
    subj = next((c for c in cue.children if c.dep_ in SUBJECTS), None)
    if not neg and cue.dep_ == "xcomp" and cue.head.pos_ in ("VERB", "AUX"):
        head = cue.head
        if head.lemma_.lower() in ("refuse", "decline", "fail") or any(c.dep_ == "neg" for c in head.children):
            return True, min([head.i] + [c.i for c in head.children if c.dep_ in ("neg", "aux") and c.i < head.i])
    if neg:
        return True, min([n.i for n in neg] + [c.i for c in cue.children if c.dep_ in ("aux", "auxpass") and c.i < cue.i])
    if subj is not None and (subj.lower_ in NEG_SUBJECTS or any(c.dep_ == "det" and c.lower_ == "no"
                                                                for c in subj.children)):
        return True, None
    return False, None


def modality(cue) -> tuple[str | None, int | None]:
    """A modal verb on the cue ("could argue", "may have noted", "would say") and its token index."""
    modal = next((c for c in cue.children if c.tag_ == "MD" and c.i < cue.i), None)
    if modal is None and cue.dep_ == "xcomp" and cue.head.pos_ in ("VERB", "AUX"):
        modal = next((c for c in cue.head.children if c.tag_ == "MD" and c.i < cue.head.i), None)
    if modal is None:
        return None, None
    word = modal.lower_
    return {"'d": "would", "ca": "can", "wo": "will", "sha": "shall"}.get(word, word), modal.i


def source_span(offset: int, tok) -> tuple[int, int]:
    doc = tok.doc
    addressee = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "to"), None)
    if addressee is not None:  # "So says Engels to Marx": the addressee is no part of the source
        s, e = span(offset, doc[tok.left_edge.i], doc[addressee.i - 1])
    elif any(c.dep_ in ("relcl", "acl") for c in tok.children):  # the noun phrase without its clause
        s, e = span(offset, doc[tok.left_edge.i], tok)
    else:
        s, e = subtree_span(offset, tok)
    text = doc.text
    while s < e and (text[s - offset] in "[(,“\"'" or text[s - offset].isspace()):
        s += 1
    while e > s and (text[e - 1 - offset] in "]),”“\"'(" or text[e - 1 - offset].isspace()):
        e -= 1
    return s, e


def speaker_name(tok) -> str | None:
    """The proper name a source token stands for: 'historian Zhores Medvedev' → 'Zhores Medvedev',
    'The scholars Yu Xiao and Ji Zeng' → 'Yu Xiao and Ji Zeng', 'Comrade Stalin' → 'Stalin'."""
    def name(t):
        parts = [c for c in t.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"] + [t]
        return strip_titles(" ".join(original(p) for p in parts).strip("’'[]"))

    if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":  # "who" stands for its antecedent
        tok = tok.head.head
        if tok.pos_ != "PROPN" and tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
            tok = tok.head  # "Lunacharsky—a Bolshevik commissar who believed …"
    heads = [tok] if tok.pos_ == "PROPN" else [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if not heads:
        comp = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        return strip_titles(" ".join(original(c) for c in comp)) or None
    names = [name(heads[0])] + [name(c) for c in heads[0].children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    return " and ".join(n for n in names if n) or None


def strip_titles(name: str) -> str:
    """"Comrade Stalin" → "Stalin", "General Pavel Sudoplatov" → "Pavel Sudoplatov", "Scottish
    Marxist Harry Whyte" → "Harry Whyte" (titles, and English words before a name of two words
    or more; a title alone, "the General", is kept)."""
    from .attribution_speakers import common_word

    words = name.split()
    while len(words) > 1 and words[0] in titles():
        words = words[1:]
    while len(words) > 2 and common_word(words[0]) and words[1][:1].isupper():
        words = words[1:]
    return " ".join(words)


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


def cut_tail(text: str, offset: int, sent, content: list[tuple[int, int]], quoted=lambda pos: False
             ) -> list[tuple[int, int]]:
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
        if quoted(left):
            continue  # inside a quotation it is the source's own words
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
