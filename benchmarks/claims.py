"""Claims alignment benchmark: same point and agree/disagree on sentence pairs.

    python benchmarks/claims.py --pairs ../shared/data/claims/perspectrum_dev.jsonl --out pred.jsonl

FILE has one {"id", "a", "b"} per line (other keys allowed); OUT gets one
{"id", "same_point": bool, "relation": "agree"|"disagree"|"unrelated", "score": float}
per line (plus "unclear" and "same_point_prob"; an unclear pair is written as its likelier
label). When FILE carries gold (``same_point``, ``relation``) it prints same-point F1 and
agree/disagree macro-F1 (pairs whose gold is agree or disagree; claim–perspective pairs and
all), for the shipped relation head and, beside it, the peer: MiniLM cosine with a
negation heuristic, its cosine threshold tuned on the training pairs (never on FILE).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]  # benchmarks/numbers.py would shadow the stdlib
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._common import SHARED, machine  # noqa: E402

from historiograph.corpus.align.datasets import read_pairs  # noqa: E402
from historiograph.corpus.align.evaluate import NegationPeer, judge, score  # noqa: E402

TRAIN = [SHARED / "data" / "claims" / f for f in ("perspectrum_train.jsonl", "argkp_train.jsonl")]


def show(name: str, s: dict) -> None:
    parts = [f"same-point F1 {s['same_point_f1']:.3f}" if "same_point_f1" in s else None]
    for kind in ("claim_persp", "all"):
        if f"stance_macro_f1_{kind}" in s:
            text = f"agree/disagree macro-F1 [{kind}, {s[f'stance_pairs_{kind}']} pairs] {s[f'stance_macro_f1_{kind}']:.3f}"
            if s.get(f"unclear_share_{kind}"):
                text += (f" (unclear {s[f'unclear_share_{kind}']:.0%}; on decided "
                         f"{s.get(f'stance_macro_f1_{kind}_decided', 0):.3f})")
            parts.append(text)
    print(f"  {name:<26} " + " · ".join(p for p in parts if p))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--no-peer", action="store_true", help="skip the peer (it embeds the training pairs)")
    args = ap.parse_args()

    from historiograph.corpus.align.embed import embed

    rows = read_pairs(args.pairs)
    texts = sorted({t for r in rows for t in (r["a"], r["b"])})
    t0 = time.time()
    vectors = dict(zip(texts, embed(texts)))
    t_embed = time.time() - t0
    judged = judge(rows, vectors=vectors)
    t_all = time.time() - t0
    with args.out.open("w", encoding="utf-8") as fh:
        for r, j in zip(rows, judged):
            fh.write(json.dumps({"id": r["id"], **j}) + "\n")
    words = sum(len(t.split()) for t in texts)
    print(f"claims benchmark · {machine()} · {args.pairs.name}: {len(rows)} pairs, {len(texts)} sentences")
    print(f"  time: embedding {t_embed:.1f}s ({words / t_embed:.0f} words/s), relation head "
          f"{t_all - t_embed:.1f}s ({len(rows) / max(t_all - t_embed, 1e-9):.0f} pairs/s)")
    if "same_point" not in rows[0] and "relation" not in rows[0]:
        return 0
    show("historiograph", score(rows, judged))
    if not args.no_peer and all(p.exists() for p in TRAIN):
        train = [r for p in TRAIN for r in read_pairs(p)]
        new = sorted({t for r in train for t in (r["a"], r["b"])} - vectors.keys())
        vectors.update(zip(new, embed(new)))
        peer = NegationPeer().fit(train, vectors)
        show(f"peer (cos ≥ {peer.threshold:.2f} + neg.)", score(rows, peer.judge(rows, vectors)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
