"""Reference parsing benchmark: per-field precision/recall/F1 (CSL field names),
micro-F1 and whole-reference accuracy, with refextract as a peer in the same run.

Field values are compared with white space collapsed and punctuation trimmed at the
ends only; each reference is a multiset of (field, value) pairs. The model is never
trained on the file it scores: an AnyStyle file that is also the training file is
scored by k-fold cross-validation; a Linked Books file is scored by a model trained
on the Linked Books training file.

    python benchmarks/references.py --anystyle ../shared/data/anystyle/core.xml
    python benchmarks/references.py --linkedbooks ../shared/data/linkedbooks/clean_valid.txt
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._common import SHARED, machine  # noqa: E402

from historiograph.components.refparse.datasets import read_anystyle, read_linkedbooks  # noqa: E402
from historiograph.components.refparse.model import Parser, segments_to_tokens, train  # noqa: E402

ANYSTYLE = SHARED / "data" / "anystyle" / "core.xml"
LB_TRAIN = SHARED / "data" / "linkedbooks" / "clean_train.txt"
ENDS = " \t.,;:()[]{}\"“”‘’'«»"
REFEXTRACT_FIELDS = {"author": "author", "title": "title", "journal_title": "container-title",
                     "journal_volume": "volume", "journal_page": "page", "year": "issued", "url": "URL",
                     "doi": "DOI", "publisher": "publisher", "isbn": "ISBN", "linemarker": "citation-number",
                     "collaboration": "author"}


def norm(text: str) -> str:
    return " ".join(text.split()).strip(ENDS)


def pairs(segments) -> Counter:
    return Counter((label, norm(text)) for text, label in segments if norm(text) and label != "other")


class Score:
    def __init__(self):
        self.tp, self.pred, self.gold = Counter(), Counter(), Counter()
        self.exact = self.n = 0

    def add(self, gold: Counter, pred: Counter) -> None:
        for (label, _), c in (gold & pred).items():
            self.tp[label] += c
        for (label, _), c in pred.items():
            self.pred[label] += c
        for (label, _), c in gold.items():
            self.gold[label] += c
        self.exact += gold == pred
        self.n += 1

    def micro(self) -> tuple[float, float, float]:
        tp, p, g = sum(self.tp.values()), sum(self.pred.values()), sum(self.gold.values())
        prec, rec = tp / p if p else 0.0, tp / g if g else 0.0
        return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0

    def report(self, name: str, per_field: bool = True) -> None:
        p, r, f = self.micro()
        print(f"{name}: micro P {p:.3f} R {r:.3f} F1 {f:.3f} · whole-reference accuracy "
              f"{self.exact / max(self.n, 1):.3f} ({self.exact}/{self.n})")
        if per_field:
            for label in sorted(self.gold, key=lambda k: -self.gold[k]):
                tp, pp, gg = self.tp[label], self.pred[label], self.gold[label]
                fp, fr = tp / pp if pp else 0.0, tp / gg if gg else 0.0
                f1 = 2 * fp * fr / (fp + fr) if fp + fr else 0.0
                print(f"    {label:18} n={gg:5}  P {fp:.3f}  R {fr:.3f}  F1 {f1:.3f}")


def score_model(parser: Parser, refs, score: Score, tokens: Score | None = None) -> float:
    """Score a model; return references per second (tagging only, one core, after one
    warm-up reference so that loading word lists is not counted against a small file)."""
    if refs:
        parser.segments(" ".join(t for t, _ in refs[0]))
    t0 = time.perf_counter()
    for segs in refs:
        text = " ".join(t for t, _ in segs)
        pred = parser.segments(text)
        score.add(pairs(segs), pairs(pred))
        if tokens is not None:
            gold_tokens = segments_to_tokens(segs)[1]
            pred_tokens = segments_to_tokens(pred)[1]
            tokens.add(Counter(enumerate(gold_tokens)), Counter(enumerate(pred_tokens)))
    return len(refs) / (time.perf_counter() - t0)


def refextract_peer(refs, limit: int) -> tuple[Score, float]:
    from refextract import extract_references_from_string

    score = Score()
    sample = refs[:limit]
    extract_references_from_string("A. Writer, A Book (London: Press, 2001), 3.")  # warm up its knowledge bases
    t0 = time.perf_counter()
    for segs in sample:
        text = " ".join(t for t, _ in segs)
        try:
            found = extract_references_from_string(text)
        except Exception:  # the peer failing on a string counts as predicting nothing
            found = []
        pred = [(v, REFEXTRACT_FIELDS[k]) for ref in found for k, vs in ref.items()
                if k in REFEXTRACT_FIELDS for v in vs]
        score.add(pairs(segs), pairs(pred))
    return score, len(sample) / (time.perf_counter() - t0)


def report_peer(refs, limit: int) -> None:
    if limit:
        peer, speed = refextract_peer(refs, limit)
        peer.report(f"refextract 1.1.7 (first {peer.n} references)", per_field=False)
        print(f"    speed: {speed:.1f} references/s")


def text_key(segs) -> str:
    return " ".join(" ".join(t for t, _ in segs).split()).lower()


def bench_anystyle(path: Path, folds: int, peer_limit: int, tmp: Path) -> None:
    refs = read_anystyle(path)
    score, speeds = Score(), []
    if path.resolve() == ANYSTYLE.resolve():
        order = list(range(len(refs)))
        random.Random(13).shuffle(order)
        print(f"AnyStyle {path.name}: {len(refs)} references, {folds}-fold cross-validation "
              "(no reference is scored by a model that saw it)")
        for k in range(folds):
            test = [refs[i] for i in order[k::folds]]
            held = set(order[k::folds])
            model = train([r for i, r in enumerate(refs) if i not in held], tmp / f"fold{k}.crfsuite")
            speeds.append(score_model(Parser(model), test, score))
    else:
        scored = {text_key(r) for r in refs}
        training = [r for r in read_anystyle(ANYSTYLE) if text_key(r) not in scored]
        dropped = sum(1 for r in read_anystyle(ANYSTYLE) if text_key(r) in scored)
        print(f"AnyStyle {path.name}: {len(refs)} references, model trained on {len(training)} references of "
              f"{ANYSTYLE.name}" + (f" ({dropped} left out: the same text is in the scored file)" if dropped else ""))
        model = train(training, tmp / "anystyle.crfsuite")
        speeds.append(score_model(Parser(model), refs, score))
    score.report("historiograph CRF")
    print(f"    speed: {sum(speeds) / len(speeds):.0f} references/s (one core, tagging + features)")
    report_peer(refs, peer_limit)


def bench_linkedbooks(path: Path, train_path: Path, limit: int, peer_limit: int, tmp: Path) -> None:
    if path.resolve() == train_path.resolve():
        raise SystemExit(f"{path}: the scored file is the training file; pass --lb-train another file")
    test = read_linkedbooks(path)
    train_refs = read_linkedbooks(train_path)
    if limit:
        train_refs = random.Random(13).sample(train_refs, min(limit, len(train_refs)))
    print(f"Linked Books {path.name}: {len(test)} references; model trained on {len(train_refs)} "
          f"references of {train_path.name}")
    t0 = time.perf_counter()
    model = train(train_refs, tmp / "linkedbooks.crfsuite", {"max_iterations": 100})
    print(f"    training: {time.perf_counter() - t0:.0f}s")
    score, tokens = Score(), Score()
    speed = score_model(Parser(model), test, score, tokens)
    score.report("historiograph CRF")
    print(f"    token accuracy {tokens.micro()[2]:.3f} · speed {speed:.0f} references/s")
    report_peer(test, peer_limit)


def token_macro_f1(gold_refs, pred_refs) -> tuple[float, float, float, dict[str, float]]:
    """Token-level macro-F1, accuracy and support-weighted F1 over labels, besides the
    field-level scores above. The weighted F1 is what the Linked Books authors' code
    reports (scikit-learn's average='weighted', and the 'avg / total' row of
    sklearn-crfsuite's flat_classification_report), so a published figure from it can
    be set beside ours."""
    tp, pp, gg = Counter(), Counter(), Counter()
    for gold, pred in zip(gold_refs, pred_refs):
        for g, p in zip(gold, pred):
            gg[g] += 1
            pp[p] += 1
            tp[g] += g == p
    f1 = {}
    for label in gg:
        prec, rec = tp[label] / pp[label] if pp[label] else 0.0, tp[label] / gg[label]
        f1[label] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    weighted = sum(f1[label] * gg[label] for label in gg) / sum(gg.values())
    return sum(f1.values()) / len(f1), sum(tp.values()) / sum(gg.values()), weighted, f1


def bench_linkedbooks_raw(path: Path, train_path: Path, limit: int, tmp: Path) -> None:
    """Train and score on Linked Books' own task-1 component labels (not mapped to CSL)."""
    test = read_linkedbooks(path, keep_raw_labels=True)
    train_refs = read_linkedbooks(train_path, keep_raw_labels=True)
    if limit:
        train_refs = random.Random(13).sample(train_refs, min(limit, len(train_refs)))
    model = Parser(train(train_refs, tmp / "linkedbooks-raw.crfsuite", {"max_iterations": 100}))
    gold = [segments_to_tokens(segs)[1] for segs in test]
    pred = [parser_labels(model, segs) for segs in test]
    macro, micro, weighted, per_label = token_macro_f1(gold, pred)
    print(f"Linked Books raw component labels ({len(per_label)}), token level: macro-F1 {macro:.3f} · "
          f"support-weighted F1 {weighted:.3f} · micro-F1 (accuracy) {micro:.3f}")
    print("    " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(per_label.items(), key=lambda kv: -kv[1])))


def parser_labels(parser: Parser, segs) -> list[str]:
    return parser.tag_tokens(segments_to_tokens(segs)[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anystyle", type=Path, help="an AnyStyle XML file to score")
    parser.add_argument("--linkedbooks", type=Path, help="a Linked Books CoNLL file to score")
    parser.add_argument("--lb-train", type=Path, default=LB_TRAIN)
    parser.add_argument("--lb-train-limit", type=int, default=0, help="train on a sample (0 = all)")
    parser.add_argument("--lb-raw", action=argparse.BooleanOptionalAction, default=True,
                        help="also train and score on Linked Books' own component labels (token-level macro- and "
                             "support-weighted F1, the form Linked Books results are published in; on by default)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--peer-limit", type=int, default=300, help="references given to refextract (0 = none)")
    args = parser.parse_args()
    if not args.anystyle and not args.linkedbooks:
        args.anystyle = ANYSTYLE
    print(f"reference benchmark · {machine()}")
    with tempfile.TemporaryDirectory(prefix="historiograph-bench-") as tmp:  # models trained here are dropped
        if args.anystyle:
            bench_anystyle(args.anystyle, args.folds, args.peer_limit, Path(tmp))
        if args.linkedbooks:
            bench_linkedbooks(args.linkedbooks, args.lb_train, args.lb_train_limit, args.peer_limit, Path(tmp))
            if args.lb_raw:
                bench_linkedbooks_raw(args.linkedbooks, args.lb_train, args.lb_train_limit, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
