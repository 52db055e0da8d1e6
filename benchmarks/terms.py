"""Hateful and coded language: is the author's own hateful use flagged, and a mention not?

    python benchmarks/terms.py --jsonl IN --out OUT [--heldout-isca PATH] [--json]

IN: one {"id", "text"} per line (other keys ignored). When a line has `label` (use | hateful →
the author's own hateful use; mention | not → not), the run prints precision, recall, F1 and the
false-flag rate on the non-hateful lines (and on `mention` lines alone), for the terms layer and
for the lexicon-only baseline beside it (flagged whenever any lexicon term occurs, use or not).
OUT: one {"id", "flagged", "occurrences": [...], "statements": [...]} per line.

--heldout-isca PATH writes the held-out test part of ../shared/data/hate/isca_train.jsonl (the
fixed split in historiograph.components.terms.classifier.split_of; the shipped model never saw
it) to PATH, for use as IN. It is written outside the repository: the tweets contain slurs.
The terms component is timed alone (its inputs made beforehand), in CPU seconds: words/s."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from benchmarks._common import SHARED, machine  # noqa: E402
from historiograph.components import DEFAULT_PIPELINE, get  # noqa: E402
from historiograph.components.terms.classifier import split_of  # noqa: E402
from historiograph.components.terms.lexicon import lexicon  # noqa: E402
from historiograph.model import Document, Metadata, TermStatement, TermUse, TermVerdict, canonical_text  # noqa: E402
from historiograph.pipeline import plan, run_document  # noqa: E402

POSITIVE = {"use", "hateful"}
NEGATIVE = {"mention", "not"}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_heldout(path: Path) -> int:
    rows = [r for r in read_jsonl(SHARED / "data" / "hate" / "isca_train.jsonl") if split_of(r["text"]) == "test"]
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({"id": r["id"], "text": r["text"], "label": r["label"], "keyword": r.get("keyword")},
                                ensure_ascii=False) + "\n")
    return len(rows)


def analyse(text: str, upstream, terms) -> tuple[Document, float]:
    """The document through the pipeline before `terms`, then `terms` alone, timed."""
    doc = run_document(Document(text=canonical_text(text), meta=Metadata(media_type="text/plain")), upstream)
    t0 = time.process_time()  # CPU time: the layer's own cost, whatever else the machine runs
    doc = run_document(doc, [terms])
    return doc, time.process_time() - t0


def result(row_id: str, doc: Document) -> dict:
    verdict = next((r for r in doc.layer("terms") if isinstance(r, TermVerdict)), None)
    occ = [{"start": u.start, "end": u.end, "term": u.term, "category": u.category, "use": u.use,
            "mention_kind": u.mention_kind, "reference": u.reference, "reason": u.reason}
           for u in doc.layer("terms") if isinstance(u, TermUse)]
    stm = [{"start": s.start, "end": s.end, "score": s.score, "frames": list(s.frames)}
           for s in doc.layer("terms") if isinstance(s, TermStatement)]
    return {"id": row_id, "flagged": bool(verdict and verdict.flagged), "occurrences": occ, "statements": stm}


def scores(pred: list[bool], rows: list[dict]) -> dict:
    gold = [r["label"] in POSITIVE for r in rows]
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    neg = [p for p, g in zip(pred, gold) if not g]
    men = [p for p, r in zip(pred, rows) if r["label"] == "mention"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "false_flag_rate": sum(neg) / len(neg) if neg else 0.0,
            "false_flag_rate_mentions": sum(men) / len(men) if men else None,
            "n": len(rows), "positives": sum(gold)}


def evaluate(rows: list[dict], out: Path | None = None) -> dict:
    names = list(DEFAULT_PIPELINE)
    upstream = plan([n for n in names if n != "terms"])
    terms = get("terms")
    ours, lex, seconds, words = [], [], 0.0, 0
    lines = []
    for row in rows:
        doc, took = analyse(row["text"], upstream, terms)
        seconds += took
        words += len(doc.text.split())
        res = result(str(row.get("id")), doc)
        lines.append(res)
        ours.append(res["flagged"])
        lex.append(bool(lexicon().find(doc.text)))
    if out is not None:
        with out.open("w", encoding="utf-8") as fh:
            for res in lines:
                fh.write(json.dumps(res, ensure_ascii=False) + "\n")
    report = {"n": len(rows), "words": words, "terms_seconds": seconds,
              "words_per_second": words / seconds if seconds else None}
    labelled = [(r, o, b) for r, o, b in zip(rows, ours, lex) if r.get("label") in POSITIVE | NEGATIVE]
    if labelled:
        lrows = [r for r, _, _ in labelled]
        report["terms"] = scores([o for _, o, _ in labelled], lrows)
        report["lexicon"] = scores([b for _, _, b in labelled], lrows)
        kinds = sorted({r.get("kind") for r in lrows if r.get("kind")})
        report["by_kind"] = {k: {"n": sum(r.get("kind") == k for r in lrows),
                                 "flagged": sum(o for r, o, _ in labelled if r.get("kind") == k)} for k in kinds}
    return report


def print_report(report: dict) -> None:
    print(f"{report['n']} lines, {report['words']} words; terms layer alone "
          f"{report['words_per_second'] or 0:,.0f} words per CPU second ({machine()})")
    if "terms" not in report:
        return
    print(f"{'':16} {'P':>6} {'R':>6} {'F1':>6} {'false-flag':>11} {'on mentions':>12}")
    for name in ("terms", "lexicon"):
        s = report[name]
        men = "" if s["false_flag_rate_mentions"] is None else f"{s['false_flag_rate_mentions']:.3f}"
        print(f"{name + (' layer' if name == 'terms' else ' only'):16} {s['precision']:6.3f} {s['recall']:6.3f} "
              f"{s['f1']:6.3f} {s['false_flag_rate']:11.3f} {men:>12}")
    if report.get("by_kind"):
        print("flagged by kind: " + ", ".join(f"{k} {v['flagged']}/{v['n']}" for k, v in report["by_kind"].items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jsonl", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--heldout-isca", type=Path, help="write the held-out ISCA part here and stop")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    if args.heldout_isca:
        print(f"wrote {write_heldout(args.heldout_isca)} held-out ISCA lines to {args.heldout_isca}")
        return
    if not args.jsonl:
        parser.error("--jsonl is required")
    report = evaluate(read_jsonl(args.jsonl), args.out)
    print(json.dumps(report, indent=1) if args.json else "", end="")
    print_report(report)


if __name__ == "__main__":
    main()
