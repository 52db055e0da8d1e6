"""Register benchmark: how well mentions are linked into entries across documents.

Reads a gold set (benchmarks/golden/register by default: docs/*.txt, mentions.jsonl with
the gold entity of each mention, pairs.jsonl with hard pairs that must or must not be
linked), analyses the documents into a temporary corpus, maps each gold mention to the
system mention that overlaps it most, and prints, for historiograph's register and for a
plain "same surname" linker as the peer:

- hard pairs: precision, recall and F1 of "linked" over the labelled pairs, and the
  accuracy per kind of pair (short name, transliteration, homonym …);
- all pairs: pairwise precision/recall/F1 over every pair of gold mentions of the same kind
  (the clustering as a whole);
- entries: gold entities, and the entries the system made for the gold mentions.

A gold mention the system did not find counts as linked to nothing.

    python benchmarks/register.py [--gold DIR] [--speed N]

With --speed N it also builds an N-document corpus (the seeds copied with edits, in a
temporary folder), times the per-document analysis and the corpus steps, then adds 10
documents and times the incremental run.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._common import ROOT, SHARED, machine  # noqa: E402

import historiograph as hg  # noqa: E402
from historiograph.model import EntityLink, Mention  # noqa: E402
from historiograph.store import open_store  # noqa: E402

GOLD = ROOT / "benchmarks" / "golden" / "register"


def load_gold(gold: Path) -> tuple[list[dict], list[dict]]:
    mentions = [json.loads(line) for line in (gold / "mentions.jsonl").read_text().splitlines() if line.strip()]
    pairs = [json.loads(line) for line in (gold / "pairs.jsonl").read_text().splitlines() if line.strip()]
    return mentions, pairs


def system_links(db: Path) -> tuple[dict[str, list[tuple[int, int, str]]], dict[str, str]]:
    """Per document file name: (start, end, mention id) of every system mention; and
    mention id -> the entry it is linked to."""
    with open_store(db, read_only=True) as store:
        names = {row.id: Path(row.source).name for row in store.documents()}
        spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for doc, m in store.records(Mention):
            if isinstance(m, Mention):
                spans[names[doc]].append((m.start, m.end, m.id))
        entity = {lk.mention.record: lk.entity for lk in store.corpus_records(EntityLink)
                  if lk.status in ("machine", "confirmed")}
    return spans, entity


def map_mentions(gold: list[dict], spans: dict[str, list[tuple[int, int, str]]]) -> dict[str, str | None]:
    """Gold mention id -> the system mention overlapping it most (None when none does)."""
    out: dict[str, str | None] = {}
    for g in gold:
        best, overlap = None, 0
        for s, e, mid in spans.get(g["doc"], ()):
            o = min(e, g["end"]) - max(s, g["start"])
            if o > overlap:
                best, overlap = mid, o
        out[g["id"]] = best
    return out


def surname(text: str) -> str:
    words = re.findall(r"[\w’'-]+", text.split(",")[0] if "," in text else text)
    return re.sub(r"[’']s?$", "", words[-1]).lower() if words else ""


def predictors(gold: list[dict], mapped: dict[str, str | None], entity: dict[str, str]):
    by_id = {g["id"]: g for g in gold}

    def ours(a: str, b: str) -> bool:
        ea, eb = entity.get(mapped.get(a) or ""), entity.get(mapped.get(b) or "")
        return ea is not None and ea == eb

    def peer(a: str, b: str) -> bool:
        return surname(by_id[a]["text"]) == surname(by_id[b]["text"]) != ""

    return {"historiograph": ours, "same surname": peer}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def score_pairs(pairs: list[tuple[str, str, bool]], linked) -> tuple[float, float, float]:
    tp = sum(1 for a, b, same in pairs if same and linked(a, b))
    fp = sum(1 for a, b, same in pairs if not same and linked(a, b))
    fn = sum(1 for a, b, same in pairs if same and not linked(a, b))
    return prf(tp, fp, fn)


def report(gold_dir: Path) -> dict:
    gold, hard = load_gold(gold_dir)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "register.sqlite"
        t0 = time.perf_counter()
        hg.analyze([gold_dir / "docs"], db, jobs=2)
        seconds = time.perf_counter() - t0
        spans, entity = system_links(db)
    mapped = map_mentions(gold, spans)
    found = sum(1 for v in mapped.values() if v)
    print(f"register benchmark on {gold_dir} ({machine()})")
    print(f"  {len(gold)} gold mentions of {len({g['entity'] for g in gold})} entities in "
          f"{len({g['doc'] for g in gold})} documents; {found} found by the mentions layer "
          f"({found / len(gold):.3f}); analysis {seconds:.1f} s")
    hard_pairs = [(p["a"], p["b"], p["same"]) for p in hard]
    by_kind: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
    for p in hard:
        by_kind[p["why"]].append((p["a"], p["b"], p["same"]))
    all_pairs = [(a["id"], b["id"], a["entity"] == b["entity"]) for a, b in combinations(gold, 2)
                 if a["kind"] == b["kind"]]
    results = {}
    print(f"  {'linker':<16} {'hard P':>7} {'hard R':>7} {'hard F1':>7}   {'all P':>6} {'all R':>6} {'all F1':>6}")
    for name, linked in predictors(gold, mapped, entity).items():
        hp, hr, hf = score_pairs(hard_pairs, linked)
        ap, ar, af = score_pairs(all_pairs, linked)
        results[name] = {"hard": (hp, hr, hf), "all": (ap, ar, af),
                         "kinds": {k: sum(linked(a, b) == s for a, b, s in v) / len(v) for k, v in by_kind.items()}}
        print(f"  {name:<16} {hp:7.3f} {hr:7.3f} {hf:7.3f}   {ap:6.3f} {ar:6.3f} {af:6.3f}")
    print("  accuracy per kind of hard pair (historiograph / same surname):")
    for k in sorted(by_kind):
        print(f"    {k:<24} {len(by_kind[k]):3d} pairs  {results['historiograph']['kinds'][k]:.2f} / "
              f"{results['same surname']['kinds'][k]:.2f}")
    entries = Counter(entity.get(mapped[g["id"]] or "") for g in gold if mapped[g["id"]])
    print(f"  entries: {len({g['entity'] for g in gold})} gold; historiograph made {len(entries)} for the gold "
          f"mentions it found")
    return results


def seeded_copies(n: int, folder: Path, start: int = 0) -> list[Path]:
    """n documents made from the seeds with edits (a paragraph dropped, names shuffled in),
    so that no two are the same text."""
    seeds = sorted(p for p in (SHARED / "seeds").glob("*.txt"))
    rng = random.Random(start)
    out = []
    for k in range(start, start + n):
        paras = seeds[k % len(seeds)].read_text(encoding="utf-8").split("\n\n")
        if len(paras) > 3:
            paras.pop(rng.randrange(1, len(paras)))
        paras.insert(1, f"Copy {k} of this text, edited for the benchmark by Editor{k % 97} Smith.")
        path = folder / f"doc{k:05d}.txt"
        path.write_text("\n\n".join(paras), encoding="utf-8")
        out.append(path)
    return out


def speed(n: int) -> None:
    from historiograph.corpus import run_steps
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        seeded_copies(n, folder)
        db = Path(tmp) / "c.sqlite"
        t0 = time.perf_counter()
        summary = hg.analyze([folder], db, jobs=2)
        total = time.perf_counter() - t0
        steps = sum(r.seconds for r in summary.corpus)
        print(f"  {n} documents: analysis + corpus steps {total:.1f} s, of which corpus steps {steps:.1f} s "
              f"({steps / (total - steps):.1%} of the per-document analysis)")
        extra = Path(tmp) / "more"
        extra.mkdir()
        seeded_copies(10, extra, start=n)
        t0 = time.perf_counter()
        summary = hg.analyze([folder, extra], db, jobs=2)
        print(f"  adding 10 documents: {time.perf_counter() - t0:.1f} s in all; corpus steps "
              + ", ".join(f"{r.name} {r.seconds:.2f} s" for r in summary.corpus if r.ran))
        with open_store(db) as store:
            t0 = time.perf_counter()
            run_steps(store, force=True)
            print(f"  corpus steps from scratch on {n + 10} documents: {time.perf_counter() - t0:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--speed", type=int, default=0, help="also time the corpus steps on N documents")
    args = parser.parse_args()
    report(args.gold)
    if args.speed:
        speed(args.speed)


if __name__ == "__main__":
    main()
