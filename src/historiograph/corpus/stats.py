"""Corpus statistics: records per layer, register entries per kind and problems per code,
counted once after each run so the overview never recounts them."""

from __future__ import annotations

from collections import Counter

from ..model import CorpusProblem, CorpusStats, Entity
from .steps import StepContext, StepOutput, corpus_step

NAME, VERSION = "statistics", "1"


@corpus_step(NAME, VERSION, produces=(CorpusStats,), after=("register", "alignments"))
def statistics(ctx: StepContext) -> StepOutput:
    store = ctx.store
    layers = store.layer_counts().get("", {})
    kinds = Counter(e.kind for e in store.corpus_records(Entity))
    codes = Counter(p.code for p in store.problems())
    codes.update(p.code for p in store.corpus_records(CorpusProblem))
    stats = CorpusStats(documents=len(ctx.current), layers=dict(sorted(layers.items())), entities=dict(kinds),
                        problems=dict(codes), component=NAME, version=VERSION)
    return StepOutput([stats], complete=True)
