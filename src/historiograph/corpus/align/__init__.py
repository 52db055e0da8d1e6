"""Cross-document alignment: which sentences of other documents make the same point,
and do they agree? Pure functions over arrays (no store, no Document); the corpus step
calls ``embed`` then ``align`` (or ``align_new`` for an incremental run)."""

from .ann import AnnIndex
from .batch import Aligned, align, align_new, exact_candidates, relate_pairs
from .embed import EmbeddingModelMissing, embed
from .relation import PairRelation, RelationHead, default_head, relate

__all__ = ["AnnIndex", "Aligned", "align", "align_new", "exact_candidates", "relate_pairs", "embed", "EmbeddingModelMissing",
           "PairRelation", "RelationHead", "default_head", "relate"]
