"""Alignment speed: embedding, index build, candidate search and relation head for N
sentences on this machine, extrapolated to 1 M.

    python benchmarks/align_speed.py --n 10000 100000 [--embed-limit 20000] [--threads 2]

Sentences are synthesised from the claims data (../shared/data/claims): each joins the
opening of one claim-data sentence to the end of another (at a word boundary) and adds a
clause of a third, giving distinct sentences of essay length (~25 words) on the same
topics, so neighbours are as dense as in a corpus about one question. Items are grouped
into documents of 200 sentences. ``--embed-limit``: embed only that many sentences and
give the rest the vector of an embedded one plus small noise (the embedding rate is
per sentence, so its time is extrapolated linearly; index and search are still run on
all N vectors). The relation head runs on every candidate pair.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import time
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]  # benchmarks/numbers.py would shadow the stdlib

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._common import SHARED, machine  # noqa: E402

DOC_SIZE = 200


def synthesise(n: int, seed: int = 0) -> list[str]:
    from historiograph.corpus.align.datasets import read_pairs

    base = sorted({t.strip() for f in ("perspectrum_train.jsonl", "argkp_train.jsonl")
                   for r in read_pairs(SHARED / "data" / "claims" / f) for t in (r["a"], r["b"])})
    words = [t.rstrip(".").split() for t in base if len(t.split()) >= 6]
    rng = random.Random(seed)
    out, seen = [], set()
    while len(out) < n:
        a, b, c = rng.choice(words), rng.choice(words), rng.choice(words)
        s = " ".join(a[: rng.randint(3, len(a) - 2)] + b[rng.randint(1, len(b) - 3):])
        s += ", " + " ".join(c[: rng.randint(3, min(len(c), 10))]) + "."
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


def run(n: int, embed_limit: int, threads: int, k: int) -> dict:
    from historiograph.corpus.align.ann import AnnIndex
    from historiograph.corpus.align.batch import MIN_SIMILARITY, candidates
    from historiograph.corpus.align.embed import embed, load
    from historiograph.corpus.align.relation import default_head

    texts = synthesise(n)
    words = sum(len(t.split()) for t in texts)
    groups = [i // DOC_SIZE for i in range(n)]
    ids = np.arange(n, dtype=np.int64)
    load()
    m = min(n, embed_limit)
    t = time.perf_counter()
    vec = embed(texts[:m])
    t_embed = (time.perf_counter() - t) * n / m
    if m < n:  # the rest: perturbed copies (embedding time is linear, extrapolated above)
        rng = np.random.default_rng(0)
        extra = vec[rng.integers(0, m, n - m)] + 0.03 * rng.standard_normal((n - m, vec.shape[1])).astype(np.float32)
        vec = np.vstack([vec, extra / np.linalg.norm(extra, axis=1, keepdims=True)])
    t = time.perf_counter()
    index = AnnIndex.build(vec, ids)
    t_build = time.perf_counter() - t
    t = time.perf_counter()
    pairs = candidates(index, ids, vec, groups, lambda x: groups[x], k=k, min_similarity=MIN_SIMILARITY)
    t_search = time.perf_counter() - t
    head = default_head()
    t = time.perf_counter()
    a = np.array([p[0] for p in pairs], dtype=np.int64)
    b = np.array([p[1] for p in pairs], dtype=np.int64)
    step = 50000
    rel = [r for s in range(0, len(a), step)
           for r in head.predict([texts[i] for i in a[s:s + step]], [texts[j] for j in b[s:s + step]],
                                 vec[a[s:s + step]], vec[b[s:s + step]])]
    t_head = time.perf_counter() - t
    kept = sum(1 for r in rel if r.relation != "unrelated")
    return {"n": n, "words": words, "embedded": m, "embed": t_embed, "build": t_build, "search": t_search,
            "pairs": len(pairs), "head": t_head, "kept": kept}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--embed-limit", type=int, default=10**9)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--k", type=int, default=10)
    args = ap.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    os.environ["HISTORIOGRAPH_ANN_THREADS"] = str(args.threads)
    print(f"alignment speed · {machine()} · torch threads {args.threads} · int8 "
          f"{os.environ.get('HISTORIOGRAPH_ALIGN_INT8', '0')} · k {args.k}")
    for n in args.n:
        r = run(n, args.embed_limit, args.threads, args.k)
        stages = {"embedding": r["embed"], "index build": r["build"], "candidate search": r["search"],
                  "relation head": r["head"]}
        total = sum(stages.values())
        print(f"N={n:,} ({r['words'] / n:.1f} words/sentence; embedded {r['embedded']:,}"
              f"{', rest extrapolated' if r['embedded'] < n else ''}):")
        for name, s in stages.items():
            print(f"  {name:<17} {s:8.1f}s  ({n / s if s else float('inf'):,.0f} sentences/s)")
        print(f"  embedding: {r['words'] / r['embed']:,.0f} words/s, {r['words'] / r['embed'] / args.threads:,.0f} per core")
        print(f"  candidates {r['pairs']:,} pairs ({r['pairs'] / n:.2f}/sentence), {r['kept']:,} not unrelated")
        print(f"  total {total:.1f}s = {n / total:,.0f} sentences/s")
        scale = 1_000_000 / n
        grow = scale * math.log(1_000_000) / math.log(n)
        est = {"embedding": r["embed"] * scale, "index build": r["build"] * grow,
               "candidate search": r["search"] * grow, "relation head": r["head"] * scale}
        tot = sum(est.values())
        top = max(est, key=est.get)
        print(f"  → 1 M sentences (linear; n log n for the index): {tot / 60:.1f} min "
              f"({', '.join(f'{k2} {v / 60:.1f}' for k2, v in est.items())}); {top} dominates "
              f"({est[top] / tot:.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
