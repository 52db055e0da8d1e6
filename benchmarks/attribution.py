"""Attribution benchmark on any PolNeAR-format directory (text/, attributions/).

Writes predictions as JSON lines {"doc_id", "attributions": [{"source", "cue", "content"}]}
with character offsets into each .txt, then scores them against the directory's
annotations (the first .ann of an article in sorted order when several annotators did it):

- per role (source, cue, content): exact-match P/R/F1 (one-to-one) and token-overlap P/R/F1;
- attribution level: a prediction is correct when its content shares at least half of
  the tokens of the larger of the two content token sets and its source shares a token
  with the gold source (or both have none); one-to-one greedy matching.

Tokens are matches of \\w+|[^\\w\\s]. Speed is words per second with the parse included.

PolNeAR annotates the article's own attributions, not those inside quoted speech (0.65 % of
its 19,868 train attributions sit inside another one's content), so the predictions written
and scored are the top-level records (`nested_in` empty). Records nested in a quotation (the
forum poster quoting Wikipedia quoting a dean quoting Stalin) are historiograph's own output
and are tested on the seeds; their score against PolNeAR is printed on a second line.

    python benchmarks/attribution.py --data ../shared/data/polnear/dev --out benchmarks/out/polnear-dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._common import machine  # noqa: E402

from historiograph.model import Document, canonical_with_map, strip_span  # noqa: E402
from historiograph.runner import plan, run_document  # noqa: E402

TOKEN = re.compile(r"\w+|[^\w\s]")
PIPELINE = ("structure", "attribution")


def read_ann(path: Path) -> list[dict]:
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("T") and "\t" in line:
            tid, info = line.split("\t")[:2]
            kind, _, offsets = info.partition(" ")
            spans[tid] = [tuple(map(int, part.split())) for part in offsets.split(";")]
        elif line.startswith("E") and "\t" in line:
            events.append(line.split("\t")[1].split())
    gold = []
    for args in events:
        att = {"source": [], "cue": [], "content": []}
        for arg in args:
            role, _, tid = arg.partition(":")
            role = re.sub(r"\d+$", "", role).lower()
            if role in att:
                att[role].extend(spans.get(tid, []))
        gold.append(att)
    return gold


def load(data: Path) -> list[tuple[str, str, list[dict]]]:
    anns = defaultdict(list)
    for ann in sorted((data / "attributions").glob("*.ann")):
        anns[ann.stem.rsplit("_", 1)[0]].append(ann)
    out = []
    for txt in sorted((data / "text").glob("*.txt")):
        files = anns.get(txt.stem)
        if files:
            out.append((txt.stem, txt.read_text(encoding="utf-8"), read_ann(files[0])))
    return out


def predict(text: str, pipeline, nested: bool = False) -> list[dict]:
    """Top-level attributions (PolNeAR's scope); with nested=True, every record, marked."""
    canon, raw_at = canonical_with_map(text)  # PolNeAR offsets index the raw text
    doc = run_document(Document(text=canon), pipeline)
    for p in doc.layer("problems"):
        if p.code == "component.crash":
            print("   ", p.message, file=sys.stderr)

    def back(spans):
        return [[raw_at[s], raw_at[e]] for s, e in spans]

    out = [{"source": back(a.source), "cue": back(a.cue), "content": back(a.content), "nested": a.nested_in is not None}
           for a in doc.layer("attributions")]
    return out if nested else top_level(out)


def nested_share(docs) -> float:
    """Share of gold attributions whose cue lies inside another gold attribution's content."""
    n = m = 0
    for _, _, gold in docs:
        ranges = [(min(s for s, _ in g["content"]), max(e for _, e in g["content"])) for g in gold if g["content"]]
        for g in gold:
            anchor = (g["cue"] or g["content"] or [None])[0]
            if anchor is None:
                continue
            n += 1
            own = (min(s for s, _ in g["content"]), max(e for _, e in g["content"])) if g["content"] else (0, 0)
            m += any(a <= anchor[0] < b and b - a > own[1] - own[0] for a, b in ranges)
    return m / n if n else 0.0


def top_level(records: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "nested"} for r in records if not r["nested"]]


def tokens(text: str, spans) -> set[int]:
    out = set()
    for s, e in spans:
        out.update(m.start() + s for m in TOKEN.finditer(text[s:e]))
    return out


def prf(tp: float, p: float, g: float) -> tuple[float, float, float]:
    prec, rec = (tp / p if p else 0.0), (tp / g if g else 0.0)
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def norm_spans(text: str, spans) -> tuple:
    return tuple(sorted(strip_span(text, s, e) for s, e in spans))


def score(docs, preds: dict[str, list[dict]]) -> dict:
    role = {r: {"exact": [0, 0, 0], "token": [0, 0, 0]} for r in ("source", "cue", "content")}
    att = [0, 0, 0]
    for doc_id, text, gold in docs:
        pred = preds.get(doc_id, [])
        for r in role:
            gs = [norm_spans(text, g[r]) for g in gold if g[r]]
            ps = [norm_spans(text, p[r]) for p in pred if p[r]]
            unmatched = list(gs)
            tp = 0
            for p in ps:
                if p in unmatched:
                    unmatched.remove(p)
                    tp += 1
            role[r]["exact"] = [role[r]["exact"][0] + tp, role[r]["exact"][1] + len(ps), role[r]["exact"][2] + len(gs)]
            gt = set().union(*[tokens(text, g[r]) for g in gold]) if gold else set()
            pt = set().union(*[tokens(text, p[r]) for p in pred]) if pred else set()
            role[r]["token"] = [role[r]["token"][0] + len(gt & pt), role[r]["token"][1] + len(pt),
                                role[r]["token"][2] + len(gt)]
        pairs = []
        gtok = [(tokens(text, g["content"]), tokens(text, g["source"])) for g in gold]
        for i, p in enumerate(pred):
            pc, ps = tokens(text, p["content"]), tokens(text, p["source"])
            for j, (gc, gsrc) in enumerate(gtok):
                overlap = len(pc & gc)
                if overlap and overlap >= 0.5 * max(len(pc), len(gc)) and ((ps & gsrc) or (not ps and not gsrc)):
                    pairs.append((overlap / max(len(pc), len(gc)), i, j))
        used_p, used_g = set(), set()
        for _, i, j in sorted(pairs, reverse=True):
            if i not in used_p and j not in used_g:
                used_p.add(i)
                used_g.add(j)
        att = [att[0] + len(used_p), att[1] + len(pred), att[2] + len(gold)]
    return {"roles": {r: {k: prf(*v) for k, v in d.items()} for r, d in role.items()}, "attribution": prf(*att),
            "counts": att}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    docs = load(args.data)[: args.limit or None]
    pipeline = plan(PIPELINE)
    run_document(Document(text="Warm up: she said it was so."), pipeline)  # load the model outside the timing
    words = sum(len(text.split()) for _, text, _ in docs)
    preds: dict[str, list[dict]] = {}
    every: dict[str, list[dict]] = {}
    t0 = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for doc_id, text, _ in docs:
            every[doc_id] = predict(text, pipeline, nested=True)
            preds[doc_id] = top_level(every[doc_id])
            fh.write(json.dumps({"doc_id": doc_id, "attributions": preds[doc_id]}) + "\n")
    dt = time.perf_counter() - t0
    result = score(docs, preds)
    print(f"attribution benchmark · {machine()} · {args.data} · {len(docs)} articles, {words} words")
    for r, d in result["roles"].items():
        e, t = d["exact"], d["token"]
        print(f"  {r:8} exact P {e[0]:.3f} R {e[1]:.3f} F1 {e[2]:.3f} | token P {t[0]:.3f} R {t[1]:.3f} F1 {t[2]:.3f}")
    p, r, f = result["attribution"]
    tp, np_, ng = result["counts"]
    print(f"  attribution-level P {p:.3f} R {r:.3f} F1 {f:.3f} ({tp} correct of {np_} predicted, {ng} gold)"
          " · top-level records, PolNeAR's scope")
    p, r, f = score(docs, every)["attribution"]
    print(f"  with the records nested in quoted speech as well: P {p:.3f} R {r:.3f} F1 {f:.3f} "
          f"(gold attributions nested in another: {nested_share(docs):.1%})")
    print(f"  speed: {words / dt:.0f} words/s, parse included, one process ({dt:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
