"""Terms: hateful and coded language, every occurrence found and its use told from its mention.

The `terms` layer holds one `TermUse` per occurrence of a lexicon term (data/terms_lexicon.tsv:
slurs, coded signs, number codes, period propaganda and euphemisms, dehumanising words, with the
public source that lists each), a `TermStatement` for each passage in the author's own words that
the statement classifier flags (antisemitic statements with no marked word), and one `TermVerdict`
for the document: flagged when the author uses a term or makes a flagged statement. A quotation, a
report, a historical or dictionary discussion or a condemnation is shown but never flagged; the
classifier reads only the author's own words, so it cannot turn a mention into a use. Findings are
annotations: the text is never changed, and none of this is a `Problem`."""

from __future__ import annotations

import re

from ...model import Document, Section, TermStatement, TermUse, TermVerdict
from ..attribution import document_author
from ..base import component
from .lexicon import lexicon, role_pattern
from .passages import author_passages
from .voice import Context, Verdict, describe, judge, where_words
from . import classifier

NAME, VERSION = "terms", "1"
SKIP_SECTIONS = ("boilerplate",)
NOT_FLAGGING = ("dated",)
GLOSS = re.compile(r"(?<!\s)\s*+(?:[”\"’']\s*+)?[(\[]\s*+[„“\"‘']?")  # linear: spaces, a quote, spaces as one run  # a dated ethnonym ("Negro") is shown, but alone it does not flag a document
SHORT = 1500  # characters: a tweet or a short post, the classifier's own domain
LONG_FORM_THRESHOLD = 0.75  # a passage of long-form prose is flagged only at this probability or above


def occurrences(doc: Document, ctx: Context, guarded: list | None = None) -> list[TermUse]:
    out = []
    hits = [h for h in lexicon().find(doc.text, guarded)
            if (sec := ctx.section_at(h.start)) is None or sec.kind not in SKIP_SECTIONS]
    verdicts = [judge(ctx, h) for h in hits]
    spread(ctx, hits, verdicts)
    for hit, v in zip(hits, verdicts):
        where = v.where
        if v.use == "use":
            place = where_words(ctx, hit.start)
            where = f"{where} {place}".strip() if place and place not in where else where
        confidence = v.confidence - (0.1 if hit.form in ("compound", "obfuscated", "spaced") else 0.0)
        out.append(TermUse(spans=((hit.start, hit.end),), term=hit.entry.term, category=hit.entry.category,
                           target=hit.entry.target, reference=hit.entry.reference, use=v.use,
                           mention_kind=v.mention_kind, reason=f"{describe(hit.entry, hit)}, {where}",
                           form=hit.form, entry=hit.entry.id, speaker=v.speaker, attribution=v.attribution,
                           confidence=round(max(confidence, 0.3), 2), component=NAME, version=VERSION))
    return out


def spread(ctx: Context, hits, verdicts) -> None:
    """A word talked about is talked about wherever it stands in that sentence ("spellings such as
    k*ke, k i k e and k1ke"), and a gloss in brackets right after a term ("“Final Solution”
    (Endlösung)") is read as the term before it."""
    text = ctx.doc.text
    for i, (h, v) in enumerate(zip(hits, verdicts)):
        if v.use != "use":
            continue
        sent = ctx.sentence(h.start, h.end)
        for j, (h2, v2) in enumerate(zip(hits, verdicts)):
            if j == i or v2.use != "mention" or v2.mention_kind not in ("discussion", "condemnation"):
                continue
            same_sentence = ctx.sentence(h2.start, h2.end) == sent
            if same_sentence and (h2.entry.id == h.entry.id or v2.mention_kind == "discussion"):
                verdicts[i] = Verdict("mention", v2.mention_kind, "another occurrence in a sentence that talks about "
                                      "the words themselves", v2.speaker, v2.attribution, 0.6)
                break
        if verdicts[i].use == "use" and i > 0 and verdicts[i - 1].use != "use":
            gap = text[hits[i - 1].end:h.start]
            if GLOSS.fullmatch(gap):
                p = verdicts[i - 1]
                verdicts[i] = Verdict(p.use, p.mention_kind, f"a gloss of the term before it: {p.where}", p.speaker,
                                      p.attribution, p.confidence)


def statements(doc: Document, ctx: Context, uses: list[TermUse],
               guarded: list | None = None) -> tuple[list[TermStatement], float | None]:
    model = classifier.model()
    if model is None:
        return [], None
    mentioned = [(u.start, u.end) for u in uses if u.use != "use"] + [(g.start, g.end) for g in guarded or ()]
    found, best = [], None
    domain = role_pattern("domain")
    for (s, e), words in author_passages(ctx, mentioned):
        if not domain.search(words):
            continue  # outside what the classifier was trained on: texts that name Jews or Israel
        p = model.probability(words)
        best = p if best is None else max(best, p)
        rule = claim(words)
        if rule is not None:
            name, source = rule
            found.append(TermStatement(
                spans=((s, e),), score=round(p, 3), flagged=True, frames=(name,), confidence=round(max(p, 0.7), 3),
                reason=f"an antisemitic {name} claim about Jews as a collective in the author's own words "
                       f"({source}); classifier probability {p:.2f}",
                component=NAME, version=VERSION))
            continue
        in_post = ctx.section_at(s, ("post",)) is not None
        threshold = model.threshold if in_post or len(doc.text) <= SHORT else max(model.threshold, LONG_FORM_THRESHOLD)
        if p < threshold:
            continue
        frames = tuple(name for name, pat in _frames() if pat.search(words))
        said = ", ".join(frames) + (" frame" if len(frames) == 1 else " frames") if frames else "no marked word"
        found.append(TermStatement(
            spans=((s, e),), score=round(p, 3), flagged=True, frames=frames, confidence=round(p, 3),
            reason=f"the classifier reads the author's own words here as an antisemitic statement "
                   f"({said}; probability {p:.2f}, threshold {threshold:.2f})",
            component=NAME, version=VERSION))
    return found, best


CLAIMS = ("control", "loyalty", "denial", "harm")


def claim(words: str) -> tuple[str, str] | None:
    """A statement-frame claim in one sentence of the author's own words: Jews as a collective
    (claim_subject) followed within the sentence by a control, loyalty, denial or harm predicate,
    with no counter-speech or reporting marker (claim_block) in the sentence."""
    from ...text.sentences import sentences
    subj = role_pattern("claim_subject")
    block = role_pattern("claim_block")
    for a, b in sentences(words):
        sent = words[a:b]
        m = subj.search(sent)
        if m is None or block.search(sent):
            continue
        rest = sent[m.end():]
        for name in CLAIMS:
            if role_pattern("claim_" + name).search(rest):
                return name, _source(name)
    return None


def _source(name: str) -> str:
    from ...data import load_tsv
    row = next(r for r in load_tsv("terms_frames.tsv") if r["role"] == "claim_" + name)
    return row["source"].split(";")[0].strip()


def _frames():
    from .lexicon import frames
    return frames().get("frame", ())


def verdict(uses: list[TermUse], found: list[TermStatement], best: float | None) -> TermVerdict:
    counts: dict[str, dict[str, int]] = {}
    for u in uses:
        counts.setdefault(u.category, {}).setdefault(u.use, 0)
        counts[u.category][u.use] += 1
    n_use = sum(u.use == "use" and u.category not in NOT_FLAGGING for u in uses)
    n_mention = sum(u.use == "mention" for u in uses)
    n_reclaimed = sum(u.use == "reclaimed" for u in uses)
    flagged = bool(n_use or found)
    spans = tuple(sorted({(u.start, u.end) for u in uses if u.use == "use" and u.category not in NOT_FLAGGING} | {(f.start, f.end) for f in found}))
    if flagged:
        parts = []
        if n_use:
            terms = sorted({u.term for u in uses if u.use == "use" and u.category not in NOT_FLAGGING})
            parts.append(f"{n_use} use{'s' if n_use > 1 else ''} of hateful terms by the author ({', '.join(terms)})")
        if found:
            parts.append(f"{len(found)} passage{'s' if len(found) > 1 else ''} in the author's own words read as an "
                         f"antisemitic statement (highest probability {max(f.score for f in found):.2f})")
        reason = "flagged: " + "; ".join(parts)
    else:
        said = f"{n_mention} mention{'s' if n_mention != 1 else ''}" + (
            f" and {n_reclaimed} reclaimed use{'s' if n_reclaimed != 1 else ''}" if n_reclaimed else "")
        reason = (f"not flagged: {said} of hateful terms, none in the author's own voice"
                  + (f"; no passage of the author's own reads as an antisemitic statement (highest probability "
                     f"{best:.2f})" if best is not None else ""))
    return TermVerdict(spans=spans, flagged=flagged, uses=n_use, mentions=n_mention, reclaimed=n_reclaimed,
                       statements=len(found), score=round(best, 3) if best is not None else None, counts=counts,
                       reason=reason, confidence=max([f.score for f in found], default=None) if found and not n_use
                       else (0.9 if n_use else None), component=NAME, version=VERSION)


@component(NAME, VERSION, requires=("sections",), produces=("terms",),
           optional=("attributions", "references", "note_markers"))
def terms(doc: Document) -> dict:
    author = document_author(doc) if any(isinstance(s, Section) for s in doc.layer("sections")) else None
    ctx = Context.of(doc, author)
    guarded: list = []
    uses = occurrences(doc, ctx, guarded)
    found, best = statements(doc, ctx, uses, guarded)
    return {"terms": [*uses, *found, verdict(uses, found, best)]}


__all__ = ["terms", "occurrences", "statements", "verdict", "lexicon", "role_pattern"]
