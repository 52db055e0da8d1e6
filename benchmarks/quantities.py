"""Numbers benchmark: numeric claims found with the right value, unit and qualifier, and the
numbers taken for claims that are none (years, dates, note markers, pages, identifiers, vote
tallies …), on the hand-annotated gold set benchmarks/golden/numbers.jsonl (its README gives
the conventions). quantulum3 (PyPI) runs on the same passages as the peer. Also the speed
of the claims and quantities components in words per CPU-second.

    python benchmarks/numbers.py (or quantities.py) [--gold benchmarks/golden/numbers.jsonl] [--no-peer] [--json OUT]

Scoring (the gold README's conventions): a prediction matches a gold quantity when their spans
overlap (one-to-one, largest overlap first); the value is right when low and high both equal
gold within 0.5 % (None only matches None; a vague gold amount wants no bounds and, where gold
gives one, the same magnitude); a prediction overlapping no gold quantity is spurious, and is
reported by the `why` of the non-quantity it overlaps."""

from __future__ import annotations

import os
import sys

# Run as a script, this file's folder comes first on sys.path and its name would hide the
# standard library's `numbers` (which `decimal`, and so dateutil and trafilatura, import).
if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    sys.path.pop(0)

import argparse
import json
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._common import ROOT, SHARED, machine  # noqa: E402

from historiograph.model import Document, Quantity, canonical_text  # noqa: E402
from historiograph.runner import plan, run_document  # noqa: E402

GOLD = ROOT / "benchmarks" / "golden" / "numbers.jsonl"
PIPELINE = ("structure", "notes", "references", "claims", "quantities")
FAMILY = {  # the gold README's unit families
    **{u: "persons" for u in ("deaths", "victims", "executions", "people", "prisoners", "deportees", "refugees",
                              "soldiers", "deputies", "delegates", "bodies", "casualties")},
    "families": "households", "households": "households", "percent": "share",
    **{u: "duration" for u in ("years", "months", "weeks", "days", "hours", "minutes")},
    "dollars": "money", "roubles": "money", "pounds": "money", "euros": "money", "marks": "money",
    "tons": "mass", "kilotons": "energy", "km": "length", "metres": "length", "miles": "length", "votes": "votes",
    "villages": "places", "blocks": "places", "towns": "places", "camps": "places",
    "trains": "things", "pages": "things", "graves": "things", "books": "things", "documents": "things",
    "killings": "events",
}
QUANTULUM_UNITS = {"percentage": "percent", "year": "years", "month": "months", "week": "weeks", "day": "days",
                   "hour": "hours", "dollar": "dollars", "united states dollar": "dollars", "rouble": "roubles",
                   "russian rouble": "roubles", "tonne": "tons", "ton": "tons", "kilometre": "km", "metre": "metres",
                   "pound sterling": "pounds", "euro": "euros", "kiloton": "kilotons"}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ours(text: str, pipeline) -> list[dict]:
    doc = run_document(Document(text=canonical_text(text)), pipeline)
    return [{"start": q.start, "end": q.end, "low": q.low, "high": q.high, "unit": q.unit, "family": q.family,
             "qualifier": q.qualifier, "magnitude": q.magnitude}
            for q in doc.layer("quantities") if isinstance(q, Quantity)]


def quantulum(text: str) -> list[dict]:
    from quantulum3 import parser

    out = []
    for q in parser.parse(text):
        unit = QUANTULUM_UNITS.get(q.unit.name) if q.unit and q.unit.name != "dimensionless" else None
        out.append({"start": q.span[0], "end": q.span[1], "low": q.value, "high": q.value, "unit": unit,
                    "family": FAMILY.get(unit or ""), "qualifier": "exact", "magnitude": None})
    return out


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1e-9)


def value_right(pred: dict, gold: dict) -> bool:
    if gold["qualifier"] == "vague":
        return pred["low"] is None and pred["high"] is None and (
            gold["magnitude"] is None or pred["magnitude"] == gold["magnitude"])
    return close(pred["low"], gold["low"]) and close(pred["high"], gold["high"])


def number_right(pred: dict, gold: dict) -> bool:
    """Looser: the set of non-null bounds is the same ("almost 20" as high = 20 passes)."""
    if gold["qualifier"] == "vague":
        return value_right(pred, gold)
    want = {round(v, 2) for v in (gold["low"], gold["high"]) if v is not None}
    got = {round(v, 2) for v in (pred["low"], pred["high"]) if v is not None}
    return bool(want) and want == got


def overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def match(preds: list[dict], golds: list[dict]) -> list[tuple[int, int]]:
    pairs = sorted(((overlap(p, g), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)
                    if overlap(p, g) > 0), reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def score(items: list[dict], predict) -> dict:
    n_gold = found = right = loose = unit_ok = qual_ok = exact_span = spurious = 0
    traps: Counter = Counter()
    misses: list[str] = []
    for item in items:
        golds, preds = item["quantities"], predict(item["text"])
        pairs = match(preds, golds)
        n_gold += len(golds)
        found += len(pairs)
        for i, j in pairs:
            p, g = preds[i], golds[j]
            ok = value_right(p, g)
            right += ok
            loose += number_right(p, g)
            unit_ok += (p.get("family") or FAMILY.get(p["unit"] or "")) == FAMILY.get(g["unit"]) \
                and FAMILY.get(g["unit"]) is not None
            qual_ok += p["qualifier"] == g["qualifier"]
            exact_span += (p["start"], p["end"]) == (g["start"], g["end"])
            if not ok:
                misses.append(f"{item['id']}: {item['text'][g['start']:g['end']]!r} gold {g['low']}-{g['high']} "
                              f"{g['qualifier']} got {p['low']}-{p['high']} {p['qualifier']}")
        matched = {i for i, _ in pairs}
        for i, p in enumerate(preds):
            if i in matched:
                continue
            spurious += 1
            why = next((n["why"] for n in item["non_quantities"] if overlap(p, n)), "unlabelled")
            traps[why] += 1
        for j, g in enumerate(golds):
            if j not in {jj for _, jj in pairs}:
                misses.append(f"{item['id']}: missed {item['text'][g['start']:g['end']]!r}")
    return {"gold": n_gold, "found": found, "recall": found / n_gold, "value_recall": right / n_gold,
            "number_recall": loose / n_gold, "unit_accuracy": unit_ok / max(1, found),
            "qualifier_accuracy": qual_ok / max(1, found), "exact_span": exact_span / max(1, found),
            "spurious": spurious, "spurious_per_real": spurious / n_gold, "traps": dict(traps.most_common()),
            "misses": misses}


def words(text: str) -> int:
    return len(text.split())


def speed(texts: list[str], repeat: int = 3) -> dict:
    """Words per CPU-second of the claims and quantities components alone (the layers they
    need, attribution included, are made first and not timed)."""
    base = plan(("structure", "notes", "references", "integrity", "attribution"))
    docs = [run_document(Document(text=canonical_text(t)), base) for t in texts]
    mine = [c for c in plan(PIPELINE[:-2] + ("attribution", "claims", "quantities")) if c.name in ("claims", "quantities")]
    n = sum(words(t) for t in texts) * repeat
    t0 = time.process_time()
    for _ in range(repeat):
        for doc in docs:
            run_document(doc, mine)
    cpu = time.process_time() - t0
    return {"words": n, "cpu_seconds": round(cpu, 3), "words_per_cpu_second": round(n / cpu) if cpu else None}


def evaluate(path: Path = GOLD, peer: bool = False) -> dict:
    items = load(path)
    pipeline = plan(PIPELINE)
    result = {"ours": score(items, lambda t: ours(t, pipeline))}
    if peer:
        result["quantulum3"] = score(items, quantulum)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--misses", action="store_true", help="list every gold quantity missed or valued wrong")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    result = evaluate(args.gold, peer=not args.no_peer)
    print(f"numbers benchmark, {args.gold.name}: {len(load(args.gold))} passages, {result['ours']['gold']} quantities"
          f" — {machine()}")
    rows = [("recall (span found)", "recall"), ("recall, value right", "value_recall"),
            ("recall, number right", "number_recall"), ("unit accuracy (family)", "unit_accuracy"),
            ("qualifier accuracy", "qualifier_accuracy"), ("exact span", "exact_span"),
            ("spurious per real", "spurious_per_real")]
    names = [n for n in ("ours", "quantulum3") if n in result]
    print(f"{'':28}" + "".join(f"{n:>12}" for n in names))
    for label, key in rows:
        print(f"{label:28}" + "".join(f"{result[n][key]:>12.3f}" for n in names))
    for n in names:
        print(f"spurious ({n}): {result[n]['spurious']} by trap {result[n]['traps']}")
    if args.misses:
        print("\n".join(result["ours"]["misses"]))
    if not args.no_speed:
        seeds = sorted((SHARED / "seeds").glob("*.txt"))
        texts = [p.read_text(encoding="utf-8") for p in seeds] + [i["text"] for i in load(args.gold)]
        result["speed"] = speed(texts)
        s = result["speed"]
        print(f"speed, claims + quantities: {s['words']} words in {s['cpu_seconds']} CPU s = "
              f"{s['words_per_cpu_second']} words per CPU-second (seeds and gold passages, x3)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
