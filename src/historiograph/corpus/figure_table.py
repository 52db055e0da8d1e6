"""The figures step: comparable figures across the corpus (corpus/figures.py groups them),
stored as `FigureGroup` records so `numbers` and the web reader only read them."""

from __future__ import annotations

from collections import defaultdict

from ..model import Attribution, Claim, FigureGroup, Place, Quantity
from .figures import FigureItem, comparable_figures
from .steps import StepContext, StepOutput, corpus_step

NAME, VERSION = "figures", "1"
DETAIL = ("text", "low", "high", "qualifier", "magnitude", "unit", "counted", "given_by", "asserted_by", "footing",
          "supported_by", "claim_text")


def _items(ctx: StepContext) -> list[FigureItem]:
    store = ctx.store
    quantities = [(d, q) for d, q in store.records(Quantity) if isinstance(q, Quantity)]
    claims = {(d, c.id): c for d, c in store.records(Claim, ids=sorted({q.claim for _, q in quantities if q.claim}))}
    loose = {d for d, q in quantities if not q.claim}
    quoted = defaultdict(list)
    for d, a in (x for doc in sorted(loose) for x in store.records(Attribution, document=doc)):
        if isinstance(a, Attribution) and a.content:
            quoted[d].append(a)
    out = []
    for d, q in quantities:
        text = store.text(d, q.start, q.end)
        context = store.text(d, max(0, q.start - 300), q.end + 300)
        c = claims.get((d, q.claim or ""))
        if c is not None:
            out.append(FigureItem(d, q, store.text(d, c.start, c.end), c.footing, c.asserted_by, text, context))
            continue
        att = next((a for a in quoted[d] if any(s <= q.start and q.end <= e for s, e in a.content)), None)
        out.append(FigureItem(d, q, context, "quoted" if att else None, att.speaker if att else None, text, context))
    return out


@corpus_step(NAME, VERSION, reads=("quantities", "claims"), produces=(FigureGroup,))
def figures(ctx: StepContext) -> StepOutput:
    groups = comparable_figures(_items(ctx))
    out = []
    for rank, g in enumerate(groups, 1):
        places = tuple(Place(f.document, f.spans, f.quantity) for f in g.figures)
        details = tuple({k: getattr(f, k) for k in DETAIL} for f in g.figures)
        out.append(FigureGroup(measure=g.measure, label=g.label, family=g.family, topic=g.topic[:12], figures=places,
                               details=details, rank=rank, component=NAME, version=VERSION))
    return StepOutput(out, complete=True)
