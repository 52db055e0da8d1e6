"""Notes benchmark: note markers found and linked, Ibid./short forms/op. cit. resolved,
and the notes problems a careful reader would flag, on hand-written documents
(benchmarks/golden/notes.json). The peer is a plain pattern finder (a run of one to
three digits glued to a word or punctuation, bracketed, or superscript, up to the number
of notes), which is what marker detection without the global alignment amounts to.

    python benchmarks/notes.py [--golden benchmarks/golden/notes.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._common import ROOT, machine  # noqa: E402

from historiograph.model import Document, Note, NoteMarker, Reference, canonical_text  # noqa: E402
from historiograph.runner import plan, run_document  # noqa: E402

GOLDEN = ROOT / "benchmarks" / "golden" / "notes.json"
PIPELINE = ("structure", "notes", "references", "integrity")
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
NAIVE = re.compile(rf"(?<=[^\W\d_]|[.,;:)”’\"])\d{{1,3}}(?=[\s.,;:)]|$)|\[(\d{{1,3}})\]|[{SUPERSCRIPTS}]+")


def load(item: dict) -> tuple[str, dict[int, tuple[int, int]]]:
    """The document text and, per marker number, the span the marker must fall in."""
    raw = "\n".join(item["text"])
    text, expected, pos = "", {}, 0
    for m in re.finditer(r"\{\{(\d+)\}\}", raw):
        text += raw[pos:m.start()]
        expected[int(m.group(1))] = (len(text), len(text) + len(m.group(1)))
        text += m.group(1)
        pos = m.end()
    text += raw[pos:]
    for number, context in item.get("marker_text", {}).items():
        s = text.index(context)
        expected[int(number)] = (s, s + len(context))
    return canonical_text(text), expected


def superscript_value(text: str) -> int:
    return int(text.translate(str.maketrans(SUPERSCRIPTS, "0123456789")))


def naive_markers(text: str, n_notes: int) -> list[tuple[int, int, int]]:
    body = text[: text.rfind("\nNotes")] if "\nNotes" in text else text
    out = []
    for m in NAIVE.finditer(body):
        token = m.group(1) or m.group()
        number = superscript_value(token) if token[0] in SUPERSCRIPTS else int(token)
        if 1 <= number <= n_notes:
            out.append((number, m.start(), m.end()))
    return out


class Counts:
    def __init__(self):
        self.tp = self.pred = self.gold = 0

    def add(self, predicted: list[tuple[int, int, int]], expected: dict[int, tuple[int, int]]) -> list[str]:
        misses = []
        found = set()
        for number, s, e in predicted:
            span = expected.get(number)
            if span and span[0] <= s and e <= span[1] and number not in found:
                found.add(number)
            else:
                misses.append(f"false marker {number} at {s}")
        misses += [f"missed marker {n}" for n in expected if n not in found]
        self.tp += len(found)
        self.pred += len(predicted)
        self.gold += len(expected)
        return misses

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


def check_resolutions(doc: Document, expected: dict) -> tuple[int, list[str]]:
    refs = sorted((r for r in doc.layer("references") if isinstance(r, Reference) and r.note_number),
                  key=lambda r: r.start)
    by_note: dict[int, list[Reference]] = {}
    for r in refs:
        by_note.setdefault(r.note_number, []).append(r)
    right, wrong = 0, []
    for note, want in expected.items():
        ref = by_note.get(int(note), [None])[0]
        if ref is None:
            wrong.append(f"note {note}: no reference")
            continue
        if want == "ambiguous":
            ok = ref.ambiguous and not ref.resolves_to
        else:
            target = by_note.get(want["to"][0], [])[want["to"][1]:][:1]
            cited = (ref.cited_range or "").replace("–", "-")
            ok = bool(target) and ref.resolves_to == target[0].id and cited == want["cited"]
        right += ok
        if not ok:
            wrong.append(f"note {note}: resolves to {ref.resolves_to} (ambiguous {ref.ambiguous}), "
                         f"cited {ref.cited_range!r}; expected {want}")
    return right, wrong


def evaluate(golden: Path = GOLDEN, verbose: bool = False) -> dict:
    items = json.loads(golden.read_text(encoding="utf-8"))["documents"]
    steps = plan(PIPELINE)
    ours, peer, linked = Counts(), Counts(), [0, 0]
    resolved = [0, 0]
    problems = [0, 0, 0]  # right, predicted, expected
    t0 = time.perf_counter()
    for item in items:
        text, expected = load(item)
        doc = run_document(Document(text=text), steps)
        markers = [m for m in doc.layer("note_markers") if isinstance(m, NoteMarker)]
        notes = {n.id: n.number for n in doc.layer("notes") if isinstance(n, Note)}
        misses = ours.add([(m.number, m.start, m.end) for m in markers], expected)
        linked[0] += sum(1 for m in markers if notes.get(m.note) == m.number and m.number in expected)
        linked[1] += len(expected)
        peer.add(naive_markers(text, max(notes.values(), default=0)), expected)
        right, wrong = check_resolutions(doc, item["resolutions"])
        resolved[0] += right
        resolved[1] += len(item["resolutions"])
        codes = {p.code for p in doc.layer("problems") if p.code.startswith("notes.")}
        want = set(item["problems"])
        problems[0] += len(codes & want)
        problems[1] += len(codes)
        problems[2] += len(want)
        if verbose or misses or wrong or codes != want:
            found = misses + wrong + ([f"problems {sorted(codes)} expected {sorted(want)}"] if codes != want else [])
            print(f"  {item['name']}: " + ("; ".join(found) or "all right"))
    elapsed = time.perf_counter() - t0
    p, r, f = ours.prf()
    pp, pr, pf = peer.prf()
    return {"documents": len(items), "marker_p": p, "marker_r": r, "marker_f1": f,
            "peer_p": pp, "peer_r": pr, "peer_f1": pf,
            "linked": linked[0] / linked[1] if linked[1] else 0.0,
            "resolution_accuracy": resolved[0] / resolved[1] if resolved[1] else 0.0, "resolutions": resolved[1],
            "problem_p": problems[0] / problems[1] if problems[1] else 1.0,
            "problem_r": problems[0] / problems[2] if problems[2] else 1.0, "seconds": elapsed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--golden", type=Path, default=GOLDEN)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    print(f"notes benchmark · {machine()}")
    res = evaluate(args.golden, args.verbose)
    print(f"{res['documents']} documents · markers: historiograph P {res['marker_p']:.3f} R {res['marker_r']:.3f} "
          f"F1 {res['marker_f1']:.3f} · plain pattern peer P {res['peer_p']:.3f} R {res['peer_r']:.3f} "
          f"F1 {res['peer_f1']:.3f}")
    print(f"markers linked to their note {res['linked']:.3f} · Ibid./short forms/op. cit. resolved "
          f"{res['resolution_accuracy']:.3f} of {res['resolutions']} · notes problems P {res['problem_p']:.3f} "
          f"R {res['problem_r']:.3f} · {res['seconds']:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
