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

Genres (`--genre-report DIR`, the hand-annotated essays, polemics, blogs and forum threads of
benchmarks/golden/attribution_genres): every record, nested ones included (the gold annotates
attributions inside quotations), scored at the attribution level per genre and overall, for all
records and for those at or above the default confidence threshold (what `quotes` shows); a
prediction matching a negated gold counts only if it is marked negated; false positives on the
distractor sentences; speaker accuracy on the matched pairs whose gold names a speaker.

    python benchmarks/attribution.py --genre-report benchmarks/golden/attribution_genres \
        --data ../shared/data/polnear/dev --out benchmarks/out/polnear-dev.jsonl

Dev (`--dev DIR`, benchmarks/golden/attribution_dev, inline-marked texts written for tuning) is
scored the same way; `--fit-confidence` refits the confidence weights on it (a logistic model,
L2-pulled towards the hand-set starting weights) and writes src/historiograph/data/
attribution_confidence.tsv. The genre set is never used for fitting.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]  # benchmarks/numbers.py
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # would shadow the standard library's numbers
from benchmarks._common import machine  # noqa: E402

from historiograph.model import Document, canonical_with_map, strip_span  # noqa: E402
from historiograph.runner import plan, run_document  # noqa: E402

TOKEN = re.compile(r"\w+|[^\w\s]")
PIPELINE = ("structure", "attribution")
GENRE_PIPELINE = ("structure", "notes", "references", "attribution")


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

    out = [{"source": back(a.source), "cue": back(a.cue), "content": back(a.content), "nested": a.nested_in is not None,
            "confidence": a.confidence or 0.0} for a in doc.layer("attributions")]
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


def read_ann_full(path: Path) -> list[dict]:
    """Every attribution of a brat file with its id, negation, speaker and nesting."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events, negated, notes, nested = [], set(), {}, {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("T") and "\t" in line:
            tid, info = line.split("\t")[:2]
            kind, _, offsets = info.partition(" ")
            spans[tid] = [tuple(map(int, part.split())) for part in offsets.split(";")]
        elif line.startswith("E") and "\t" in line:
            eid, args = line.split("\t")[:2]
            events.append((eid, args.split()))
        elif line.startswith("A") and "\t" in line and line.split("\t")[1].startswith("Negated"):
            negated.add(line.split("\t")[1].split()[1])
        elif line.startswith("#") and "\t" in line:
            parts = line.split("\t")
            target = parts[1].split()[-1]
            if "nested_in=" in parts[2]:
                nested[target] = parts[2].split("nested_in=")[1].strip()
            else:
                notes[target] = dict(kv.strip().split("=", 1) for kv in parts[2].split(";") if "=" in kv)
    gold = []
    for eid, args in events:
        att = {"source": [], "cue": [], "content": [], "id": eid, "negated": eid in negated, "nested": eid in nested}
        for arg in args:
            role, _, tid = arg.partition(":")
            role = re.sub(r"\d+$", "", role).lower()
            if role in ("source", "cue", "content"):
                att[role].extend(spans.get(tid, []))
            elif role == "attribution":
                att["speaker"] = notes.get(tid, {}).get("speaker", "")
                att["kind"] = notes.get(tid, {}).get("kind", "")
        gold.append(att)
    return gold


MARK = re.compile(r"\{(\d+)([sct])(!)?(?:=([^:{}]*))?:|\}")


def read_marked(path: Path) -> tuple[str, str, list[dict]]:
    """A dev text with inline marks ({1s:…} {1c:…} {1c!:…} {1t:…} {1s=Name:he}): (genre, text, gold)."""
    raw = path.read_text(encoding="utf-8")
    first, _, body = raw.partition("\n")
    genre = first.split(":", 1)[1].strip() if first.startswith("genre:") else ""
    out, stack, atts, pos = [], [], {}, 0
    length = 0
    for m in MARK.finditer(body):
        out.append(body[pos:m.start()])
        length += m.start() - pos
        pos = m.end()
        if m.group() == "}":
            n, role, start = stack.pop()
            atts.setdefault(n, {"source": [], "cue": [], "content": [], "negated": False, "speaker": "",
                                "nested": False})[{"s": "source", "c": "cue", "t": "content"}[role]].append((start, length))
        else:
            n, role = m.group(1), m.group(2)
            stack.append((n, role, length))
            att = atts.setdefault(n, {"source": [], "cue": [], "content": [], "negated": False, "speaker": "",
                                      "nested": False})
            att["negated"] = att["negated"] or bool(m.group(3))
            if m.group(4):
                att["speaker"] = m.group(4)
    out.append(body[pos:])
    text = "".join(out)
    for a in atts.values():  # a proper name as written is its own speaker; a description names none
        if not a["speaker"] and a["source"]:
            s, e = a["source"][0]
            words = text[s:e].split()
            if words and len(words) <= 4 and all(w[:1].isupper() for w in words) and words[0] not in (
                    "The", "A", "An", "Its", "His", "Her", "My", "Our", "Their", "Most", "Some", "Nobody", "Critics"):
                a["speaker"] = text[s:e]
    return genre, text, list(atts.values())


def match(text: str, gold: list[dict], pred: list[dict], negation: bool = True) -> list[tuple[int, int]]:
    """One-to-one greedy pairs (prediction, gold) at the attribution level (the PolNeAR criterion);
    with negation=True a negated gold is matched only by a prediction marked negated."""
    pairs = []
    gtok = [(tokens(text, g["content"]), tokens(text, g["source"])) for g in gold]
    for i, p in enumerate(pred):
        pc, ps = tokens(text, p["content"]), tokens(text, p["source"])
        for j, (gc, gsrc) in enumerate(gtok):
            if negation and gold[j].get("negated") and not p.get("negated"):
                continue
            overlap = len(pc & gc)
            if overlap and overlap >= 0.5 * max(len(pc), len(gc)) and ((ps & gsrc) or (not ps and not gsrc)):
                pairs.append((overlap / max(len(pc), len(gc)), i, j))
    used_p, used_g, out = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def same_speaker(pred: str | None, gold: str) -> bool:
    a, b = (pred or "").lower().strip(), gold.lower().strip()
    return bool(a) and (a == b or a.split()[-1] == b.split()[-1])


def predict_full(text: str, pipeline, features: dict | None = None) -> list[dict]:
    """Every record (nested ones too) with its confidence, negation and speaker; with `features`
    given, the confidence features of each record are collected in it (for the fit)."""
    from historiograph.components import attribution_confidence as conf

    canon, raw_at = canonical_with_map(text)
    seen: dict = {}
    original = conf.confidence
    conf_mod = sys.modules["historiograph.components.attribution"]

    def spy(d, w=None):
        seen[(tuple(d.cue), tuple(d.content))] = conf.features(d)
        return original(d, w)
    conf_mod.confidence = spy
    try:
        doc = run_document(Document(text=canon), pipeline)
    finally:
        conf_mod.confidence = original

    def back(spans):
        return [[raw_at[s], raw_at[e]] for s, e in spans]

    out = []
    for a in doc.layer("attributions"):
        out.append({"source": back(a.source), "cue": back(a.cue), "content": back(a.content),
                    "confidence": a.confidence or 0.0, "negated": a.negated, "speaker": a.speaker, "kind": a.kind,
                    "nested": a.nested_in is not None})
        if features is not None:
            out[-1]["features"] = seen.get((a.cue, a.content), {})
    return out


class Tally:
    def __init__(self):
        self.tp = self.pred = self.gold = 0
        self.speaker_ok = self.speaker_n = 0
        self.neg_ok = self.neg_n = 0
        self.distractor_fp = 0

    def prf(self):
        return prf(self.tp, self.pred, self.gold)


def score_docs(docs: list[tuple[str, str, str, list[dict], list[tuple[int, int]]]], preds: dict, threshold: float | None):
    """docs: (doc_id, genre, text, gold, distractor spans). Returns {genre: Tally} with "all"."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for doc_id, genre, text, gold, distractors in docs:
        pred = [p for p in preds[doc_id] if threshold is None or p["confidence"] >= threshold]
        pairs = match(text, gold, pred)
        for key in (genre, "all"):
            t = tallies[key]
            t.tp, t.pred, t.gold = t.tp + len(pairs), t.pred + len(pred), t.gold + len(gold)
            for i, j in pairs:
                if gold[j].get("speaker"):
                    t.speaker_n += 1
                    t.speaker_ok += same_speaker(pred[i].get("speaker"), gold[j]["speaker"])
            negs = [j for j, g in enumerate(gold) if g.get("negated")]
            t.neg_n += len(negs)
            t.neg_ok += sum(1 for _, j in pairs if gold[j].get("negated"))
            for p in pred:
                anchor = (p["cue"] or p["content"])[0][0]
                t.distractor_fp += any(a <= anchor < b for a, b in distractors)
    return tallies


def load_genres(folder: Path) -> list[tuple[str, str, str, list[dict], list[tuple[int, int]]]]:
    import csv

    meta = {r["doc"]: r["genre"] for r in csv.DictReader((folder / "metadata.tsv").open(encoding="utf-8"),
                                                          delimiter="\t", quoting=csv.QUOTE_NONE)}
    distract: dict[str, list[tuple[int, int]]] = defaultdict(list)
    path = folder / "distractors.tsv"
    if path.exists():
        for r in csv.DictReader(path.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE):
            distract[r["doc"]].append((int(r["start"]), int(r["end"])))
    docs = []
    for txt in sorted((folder / "text").glob("*.txt")):
        ann = folder / "attributions" / f"{txt.stem}_gold.ann"
        if ann.exists():
            docs.append((txt.stem, meta.get(txt.stem, "?"), txt.read_text(encoding="utf-8"), read_ann_full(ann),
                         distract[txt.stem]))
    return docs


def load_dev(folder: Path) -> list[tuple[str, str, str, list[dict], list[tuple[int, int]]]]:
    docs = []
    for path in sorted(folder.glob("*.txt")):
        genre, text, gold = read_marked(path)
        docs.append((path.stem, genre, text, gold, []))
    return docs


def report(name: str, docs, preds: dict, threshold: float) -> dict:
    words = sum(len(text.split()) for _, _, text, _, _ in docs)
    print(f"{name}: {len(docs)} documents, {words} words, {sum(len(g) for *_, g, _ in docs)} gold attributions "
          "(nested included), every record scored")
    every, shown = score_docs(docs, preds, None), score_docs(docs, preds, threshold)
    for genre in sorted(every, key=lambda g: (g == "all", g)):
        a, b = every[genre], shown[genre]
        p, r, f = a.prf()
        ps, rs, fs = b.prf()
        spk = f"{b.speaker_ok}/{b.speaker_n}" if b.speaker_n else "-"
        print(f"  {genre:8} all records P {p:.3f} R {r:.3f} F1 {f:.3f} ({a.tp}/{a.pred}/{a.gold}) | "
              f"at confidence >= {threshold}: P {ps:.3f} R {rs:.3f} F1 {fs:.3f} ({b.tp}/{b.pred}) | "
              f"negated found {b.neg_ok}/{b.neg_n} | speaker right {spk} | distractor FP {b.distractor_fp}"
              f" (all records {a.distractor_fp})")
    return {"all": every["all"].prf(), "shown": shown["all"].prf()}


def fit_confidence(docs, pipeline, out: Path) -> None:
    """Refit the confidence weights on the dev set (logistic regression, L2 towards the
    hand-set weights) and write them as data."""
    import numpy as np

    from historiograph.components.attribution_confidence import weights
    rows = []
    for doc_id, genre, text, gold, _ in docs:
        pred = predict_full(text, pipeline, features={})
        matched = {i for i, _ in match(text, gold, pred)}
        rows.extend((p["features"], i in matched) for i, p in enumerate(pred))
    prior = weights()
    names = sorted(set(prior) | {k for f, _ in rows for k in f})
    X = np.array([[f.get(k, 0.0) for k in names] for f, _ in rows])
    y = np.array([1.0 if ok else 0.0 for _, ok in rows])
    w0 = np.array([prior.get(k, 0.0) for k in names])
    w, lam = w0.copy(), 1.0
    for _ in range(3000):
        p = 1 / (1 + np.exp(-X @ w))
        grad = X.T @ (p - y) + lam * (w - w0)
        w -= 0.02 * grad
    lines = ["# Weights of the attribution confidence: a logistic model over the record's features",
             "# (components/attribution_confidence.py). Fit with `python benchmarks/attribution.py --dev",
             f"# benchmarks/golden/attribution_dev --fit-confidence` on the {len(docs)} dev texts written for this",
             f"# project ({len(rows)} predictions, {int(y.sum())} right), L2-pulled (lambda {lam}) towards hand-set",
             "# starting weights; never fit on the genre gold set or on PolNeAR.",
             "feature\tweight\tsource"]
    for k, v in zip(names, w):
        lines.append(f"{k}\t{v:.3f}\tfit on attribution_dev")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(names)} weights from {len(rows)} predictions)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a PolNeAR-format directory (text/, attributions/)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/polnear-dev.jsonl"))
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--genre-report", type=Path, help="the genre gold set (brat, metadata.tsv, distractors.tsv)")
    parser.add_argument("--dev", type=Path, help="the inline-marked dev texts")
    parser.add_argument("--fit-confidence", action="store_true", help="refit the confidence weights on --dev")
    args = parser.parse_args()
    from historiograph.components.attribution_confidence import DEFAULT_THRESHOLD

    full = plan(GENRE_PIPELINE)
    if args.dev and args.fit_confidence:
        from historiograph.data import path as data_path

        fit_confidence(load_dev(args.dev), full, data_path("attribution_confidence.tsv"))
        return 0
    print(f"attribution benchmark · {machine()}")
    for name, folder, loader in (("dev", args.dev, load_dev), ("genres", args.genre_report, load_genres)):
        if folder:
            docs = loader(folder)
            preds = {doc_id: predict_full(text, full) for doc_id, _, text, _, _ in docs}
            report(f"{name} ({folder})", docs, preds, DEFAULT_THRESHOLD)
    if not args.data:
        return 0
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
    print(f"PolNeAR · {args.data} · {len(docs)} articles, {words} words")
    for r, d in result["roles"].items():
        e, t = d["exact"], d["token"]
        print(f"  {r:8} exact P {e[0]:.3f} R {e[1]:.3f} F1 {e[2]:.3f} | token P {t[0]:.3f} R {t[1]:.3f} F1 {t[2]:.3f}")
    p, r, f = result["attribution"]
    tp, np_, ng = result["counts"]
    print(f"  attribution-level P {p:.3f} R {r:.3f} F1 {f:.3f} ({tp} correct of {np_} predicted, {ng} gold)"
          " · top-level records, PolNeAR's scope")
    shown = {k: [p for p in v if p["confidence"] >= DEFAULT_THRESHOLD] for k, v in preds.items()}
    p, r, f = score(docs, shown)["attribution"]
    print(f"  at confidence >= {DEFAULT_THRESHOLD} (what quotes shows): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    p, r, f = score(docs, every)["attribution"]
    print(f"  with the records nested in quoted speech as well: P {p:.3f} R {r:.3f} F1 {f:.3f} "
          f"(gold attributions nested in another: {nested_share(docs):.1%})")
    print(f"  speed: {words / dt:.0f} words/s, parse included, one process ({dt:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
