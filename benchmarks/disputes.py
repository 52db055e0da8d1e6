"""The claims map's cost: the claims layer with its sentence embeddings, in words of text per
CPU-second on one core, and the alignments corpus step on the seed corpus.

    python benchmarks/disputes.py [--seeds ../shared/seeds] [--repeat 2] [--no-step]

1. **Claims + embeddings**: the claims component (the layers it needs made first, not timed)
   and then the embedding of its claims as the alignments step embeds them (each distinct
   claim text once, long texts first), one torch thread, CPU time; words are the words of
   the documents. Peer, on the same texts and thread: every sentence of the text embedded
   with sentence-transformers' own ``encode`` (batch 32, no claim selection, no sort), what
   an aligner that does not pick assertions pays.
2. **The alignments step** on the seeds (analysed first, not timed): a full run (embedding
   every claim, ANN, relation head), an incremental run after adding the fifth document
   (only its claims are embedded and aligned), and a new step version (vectors reused,
   every pair judged again); wall-clock seconds, with the records each writes.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]  # benchmarks/numbers.py would shadow the stdlib
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._common import SHARED, machine  # noqa: E402


def claims_speed(texts: list[str], repeat: int) -> dict:
    import torch

    from historiograph.corpus.alignments import MAX_CHARS, MIN_WORDS
    from historiograph.corpus.align.embed import embed, load
    from historiograph.model import Claim, Document, canonical_text
    from historiograph.runner import plan, run_document

    torch.set_num_threads(1)
    model = load()
    base = plan(("structure", "notes", "references", "integrity", "attribution"))
    docs = [run_document(Document(text=canonical_text(t)), base) for t in texts]
    claims_only = [c for c in plan(("structure", "notes", "references", "integrity", "attribution", "claims"))
                   if c.name == "claims"]
    n_words = sum(len(t.split()) for t in texts)
    t0 = time.process_time()
    n_claims = 0
    for _ in range(repeat):
        for doc in docs:
            done = run_document(doc, claims_only)
            items = [" ".join(done.text[c.start:c.end].split())[:MAX_CHARS] for c in done.layer("claims")
                     if isinstance(c, Claim)]
            items = sorted({t for t in items if len(t.split()) >= MIN_WORDS})
            n_claims += len(items)
            embed(items)
    ours = time.process_time() - t0
    all_sentences = [s for doc in docs for s in _sentences(doc.text)]
    t0 = time.process_time()
    for _ in range(repeat):
        model.encode(all_sentences, batch_size=32, show_progress_bar=False)
    peer = time.process_time() - t0
    total = n_words * repeat
    return {"words": total, "claims_embedded": n_claims, "sentences_peer": len(all_sentences) * repeat,
            "cpu": ours, "words_per_cpu_second": total / ours, "peer_cpu": peer, "peer_words_per_cpu_second": total / peer}


def _sentences(text: str) -> list[str]:
    import re

    return [s for s in (" ".join(x.split()) for x in re.split(r"(?<=[.!?])\s+|\n\s*\n", text)) if len(s.split()) >= 3]


def step_times(seeds: Path) -> list[tuple[str, float, int, int]]:
    """(run, seconds, alignments written, claims embedded) from the steps' own reports."""
    import historiograph as hg
    from historiograph.corpus import STEPS, run_steps

    files = sorted(seeds.glob("*.txt"))
    out = []

    def report(reports, name):
        r = next(r for r in reports if r.name == "alignments")
        return (name, r.seconds, r.records, 0)

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "seeds.sqlite"
        out.append(report(hg.analyze(files, db, jobs=2).corpus, "full run, 5 documents"))
        db2 = Path(tmp) / "inc.sqlite"
        hg.analyze(files[:4], db2, jobs=2)
        out.append(report(hg.analyze(files, db2, jobs=2).corpus, "incremental, the 5th document added"))
        step = STEPS["alignments"]
        STEPS["alignments"] = dataclasses.replace(step, version=step.version + "-bench")
        try:
            with hg.open_store(db) as store:
                out.append(report(run_steps(store), "new step version (vectors reused)"))
        finally:
            STEPS["alignments"] = step
        with hg.open_store(db) as store:
            n_claims = _claims(store)
    return [(name, sec, n, n_claims) for name, sec, n, _ in out]


def _claims(store, prefix: str = "") -> int:
    from historiograph.model import ClaimVectors

    return sum(len(v.claims) for v in store.corpus_records(ClaimVectors) if v.document.startswith(prefix))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--no-step", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    import os

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.seeds.glob("*.txt"))]
    print(f"claims map · {machine()} · int8 {os.environ.get('HISTORIOGRAPH_ALIGN_INT8', '0')}")
    if not args.no_speed:
        speed(texts, args.repeat)
    if not args.no_step:  # the step as analyze runs it: torch's default threads (both cores)
        from historiograph.corpus.align.embed import load

        t = time.perf_counter()
        load()
        print(f"loading the embedding model (torch, sentence-transformers; once per process): "
              f"{time.perf_counter() - t:.1f} s wall, not counted below")
        for name, seconds, n, claims in step_times(args.seeds):
            print(f"alignments step, {name}: {seconds:.1f} s wall ({n:,} records written; {claims:,} claims in all)")
    return 0


def speed(texts: list[str], repeat: int) -> None:
    import torch

    threads = torch.get_num_threads()
    s = claims_speed(texts, repeat)
    torch.set_num_threads(threads)
    print(f"claims + embeddings (1 thread): {s['words']:,} words, {s['claims_embedded']:,} claims embedded, "
          f"{s['cpu']:.1f} CPU s = {s['words_per_cpu_second']:,.0f} words per CPU-second")
    print(f"peer, every sentence through sentence-transformers encode (1 thread): {s['sentences_peer']:,} sentences, "
          f"{s['peer_cpu']:.1f} CPU s = {s['peer_words_per_cpu_second']:,.0f} words per CPU-second")


if __name__ == "__main__":
    raise SystemExit(main())
