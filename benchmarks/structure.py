"""Structure benchmark: golden must-find / must-not-find items over the seeds and
the bundled samples, scored for historiograph and, on boilerplate, for jusText
(the boilerplate classifier trafilatura falls back on) as a peer.

    python benchmarks/structure.py [--golden benchmarks/golden/structure.json]
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._common import ROOT, SHARED, baseline, machine  # noqa: E402

import historiograph as hg  # noqa: E402
from historiograph.components.structure import split_lines  # noqa: E402

GOLDEN = ROOT / "benchmarks" / "golden" / "structure.json"


def resolve(ref: str) -> Path:
    where, prefix = ref.split(":", 1)
    folder = SHARED / "seeds" if where == "seed" else hg.sample_corpus()[0].parent
    return next(p for p in sorted(folder.iterdir()) if p.name.startswith(prefix))


def ours(path: Path) -> dict[str, list[str]]:
    doc = hg.read(path, pipeline=("structure",))
    found: dict[str, list[str]] = {}
    for sec in doc.layer("sections"):
        found.setdefault(sec.kind, []).append(doc.text[sec.start:sec.end])
    return found


def justext_peer(path: Path) -> dict[str, list[str]]:
    """jusText classifies each paragraph good/bad; bad paragraphs count as boilerplate."""
    import justext

    doc = hg.read(path, pipeline=("structure",)) if path.suffix != ".html" else None
    if doc is not None:
        blocks: dict[int, list[str]] = {}
        for line in split_lines(doc.text):
            blocks.setdefault(line.block, []).append(line.text)
        page = "<html><body>" + "".join(f"<p>{html.escape(' '.join(b))}</p>" for b in blocks.values()) + "</body></html>"
    else:
        page = path.read_text(encoding="utf-8")
    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist("English"))
    found: dict[str, list[str]] = {"boilerplate": [], "body": []}
    for p in paragraphs:
        found["boilerplate" if p.is_boilerplate else "body"].append(p.text)
    return found


def has(found: dict[str, list[str]], kind: str, text: str) -> bool:
    flat = " ".join(text.split())
    return any(flat in " ".join(s.split()) for s in found.get(kind, []))


def evaluate(system, items) -> dict:
    cache: dict[str, dict] = {}
    passed, failures = 0, []
    tp = fp = fn = 0
    for item in items:
        found = cache.setdefault(item["file"], system(resolve(item["file"])))
        ok = has(found, item["kind"], item["text"]) == item["expect"]
        passed += ok
        if not ok:
            failures.append(item)
        if item["kind"] not in ("boilerplate", "body"):
            continue
        # positive: the text is boilerplate ("is boilerplate" or "is not body")
        positive = item["expect"] == (item["kind"] == "boilerplate")
        marked = has(found, "boilerplate", item["text"])
        tp, fp, fn = tp + (positive and marked), fp + (not positive and marked), fn + (positive and not marked)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {"pass_rate": passed / len(items), "passed": passed, "items": len(items),
            "boilerplate_f1": f1, "tp": tp, "fp": fp, "fn": fn, "failures": failures}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--golden", type=Path, default=GOLDEN)
    args = parser.parse_args()
    items = json.loads(args.golden.read_text())["items"]
    print(f"structure benchmark · {machine()} · {len(items)} golden items")
    t0 = time.perf_counter()
    mine = evaluate(ours, items)
    t1 = time.perf_counter()
    peer_items = [i for i in items if i["kind"] in ("boilerplate", "body")]
    peer = evaluate(justext_peer, peer_items)
    mine_bp = evaluate(ours, peer_items)
    print(f"historiograph: all items {mine['passed']}/{mine['items']} = {mine['pass_rate']:.3f} "
          f"({t1 - t0:.2f}s)")
    print(f"boilerplate/body items ({len(peer_items)}): historiograph pass {mine_bp['pass_rate']:.3f} "
          f"F1 {mine_bp['boilerplate_f1']:.3f} | jusText pass {peer['pass_rate']:.3f} "
          f"F1 {peer['boilerplate_f1']:.3f} (tp {peer['tp']} fp {peer['fp']} fn {peer['fn']})")
    for item in mine["failures"]:
        print(f"  FAIL {item}")
    floor = baseline()["structure"]
    if mine["pass_rate"] < floor["golden_pass_rate"] or mine_bp["boilerplate_f1"] < floor["boilerplate_f1"]:
        print(f"below the floor in benchmarks/baseline.json: {floor}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
