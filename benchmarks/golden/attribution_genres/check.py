"""Check the attribution gold set for genres (essay, polemic, blog, forum).

    PYTHONPATH=src python benchmarks/golden/attribution_genres/check.py [--seeds ../shared/seeds]

Verifies, for every document: the .txt is NFC with '\\n' line ends and no BOM; every .ann parses with
benchmarks.attribution.read_ann; every T line's text column equals the .txt slice(s) (fragments of a
discontinuous span joined by one space); every E has a Cue and a Content; every Attribution trigger has a
`speaker=…; kind=…` note; nested_in and Negated point at existing events; a nested attribution's cue lies
inside its parent's content; distractor rows lie inside their text and overlap no gold cue; metadata.tsv
lists every document with its word count (150–700). Then prints counts per genre, kind and hard form, and
compares 8-word shingles against the seed corpus and PolNeAR dev (no sentence may be copied).
Exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))
from benchmarks.attribution import read_ann  # noqa: E402

KINDS = {"direct", "indirect", "mixed", "block", "according_to", "thought"}
CATEGORIES = {"note", "bibliography", "caption", "header", "stance_thing", "generic", "question", "other"}
WORD = re.compile(r"\w+")


def tsv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = [w.lower() for w in WORD.findall(text)]
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def check_doc(doc: str, text: str, ann: Path, errors: list[str]) -> dict:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: dict[str, dict[str, str]] = {}
    notes: dict[str, str] = {}
    negated, nested = set(), {}
    for n, line in enumerate(ann.read_text(encoding="utf-8").split("\n"), 1):
        if not line:
            continue
        cols = line.split("\t")
        where = f"{ann.name}:{n}"
        if line.startswith("T"):
            if len(cols) != 3:
                errors.append(f"{where}: T line needs 3 columns")
                continue
            kind, _, off = cols[1].partition(" ")
            parts = [tuple(map(int, p.split())) for p in off.split(";")]
            if any(not (0 <= s < e <= len(text)) for s, e in parts):
                errors.append(f"{where}: offsets out of range {off}")
                continue
            got = " ".join(text[s:e] for s, e in parts)
            if got != cols[2]:
                errors.append(f"{where}: text column {cols[2]!r} != slice {got!r}")
            if any(text[s:e] != text[s:e].strip() for s, e in parts):
                errors.append(f"{where}: span has leading or trailing whitespace")
            spans[cols[0]] = (kind, parts)
        elif line.startswith("E"):
            args = dict(a.split(":", 1) for a in cols[1].split())
            events[cols[0]] = args
        elif line.startswith("A"):
            name, target = cols[1].split()
            if name != "Negated":
                errors.append(f"{where}: unknown attribute {name}")
            negated.add(target)
        elif line.startswith("#"):
            _, target = cols[1].split()
            if cols[2].startswith("nested_in="):
                nested[target] = cols[2].split("=", 1)[1]
            else:
                notes[target] = cols[2]
        else:
            errors.append(f"{where}: unexpected line")
    kinds = Counter()
    for eid, args in events.items():
        for role in ("Attribution", "Cue", "Content"):
            if role not in args or args[role] not in spans:
                errors.append(f"{ann.name}: {eid} lacks a {role}")
        for role, tid in args.items():
            if tid in spans and spans[tid][0] != role:
                errors.append(f"{ann.name}: {eid} {role}:{tid} points at a {spans[tid][0]}")
        trig = args.get("Attribution")
        if trig in spans and args.get("Cue") in spans and spans[trig][1] != spans[args["Cue"]][1]:
            errors.append(f"{ann.name}: {eid} trigger span differs from the cue span")
        note = notes.get(trig, "")
        m = re.fullmatch(r"speaker=([^;]*); kind=(\w+)", note)
        if not m or m.group(2) not in KINDS:
            errors.append(f"{ann.name}: {eid} has no valid speaker/kind note ({note!r})")
        else:
            kinds[m.group(2)] += 1
    for child, parent in nested.items():
        if child not in events or parent not in events:
            errors.append(f"{ann.name}: nested_in {child} -> {parent} names a missing event")
            continue
        cue = spans[events[child]["Cue"]][1][0][0]
        content = spans[events[parent]["Content"]][1]
        if not any(s <= cue < e for s, e in content):
            errors.append(f"{ann.name}: {child}'s cue is not inside {parent}'s content")
    for target in negated:
        if target not in events:
            errors.append(f"{ann.name}: Negated names a missing event {target}")
    parsed = read_ann(ann)
    if len(parsed) != len(events) or any(not g["cue"] or not g["content"] for g in parsed):
        errors.append(f"{ann.name}: read_ann gives {len(parsed)} records for {len(events)} events")
    cues = [p for args in events.values() for p in spans[args["Cue"]][1]]
    return {"events": len(events), "nested": len(nested), "negated": len(negated), "kinds": kinds, "cues": cues}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    args = parser.parse_args()
    errors: list[str] = []
    meta = {r["doc"]: r for r in tsv(HERE / "metadata.tsv")}
    texts = {p.stem: p for p in sorted((HERE / "text").glob("*.txt"))}
    anns = {p.stem.rsplit("_", 1)[0]: p for p in sorted((HERE / "attributions").glob("*_gold.ann"))}
    if set(texts) != set(anns) or set(texts) != set(meta):
        errors.append(f"text/ann/metadata mismatch: {set(texts) ^ set(anns) | set(texts) ^ set(meta)}")
    per_genre: dict[str, Counter] = defaultdict(Counter)
    kinds: Counter = Counter()
    cues: dict[str, list] = {}
    bodies: dict[str, str] = {}
    for doc, path in texts.items():
        raw = path.read_bytes()
        text = path.read_text(encoding="utf-8")
        if raw.startswith(b"\xef\xbb\xbf") or "\r" in text or unicodedata.normalize("NFC", text) != text:
            errors.append(f"{path.name}: not NFC / has BOM or CR")
        bodies[doc] = text
        words = len(text.split())
        row = meta.get(doc, {})
        if row and int(row["words"]) != words:
            errors.append(f"{doc}: metadata says {row['words']} words, text has {words}")
        if not 150 <= words <= 700:
            errors.append(f"{doc}: {words} words, outside 150-700")
        if doc not in anns:
            continue
        res = check_doc(doc, text, anns[doc], errors)
        genre = row.get("genre", "?")
        per_genre[genre].update(docs=1, words=words, attributions=res["events"], nested=res["nested"],
                                negated=res["negated"])
        kinds.update(res["kinds"])
        cues[doc] = res["cues"]
    for r in tsv(HERE / "distractors.tsv"):
        doc, s, e = r["doc"], int(r["start"]), int(r["end"])
        if doc not in bodies or not 0 <= s < e <= len(bodies[doc]):
            errors.append(f"distractor out of range: {r}")
            continue
        if r["category"] not in CATEGORIES:
            errors.append(f"distractor category {r['category']!r}")
        if any(cs < e and s < ce for cs, ce in cues.get(doc, [])):
            errors.append(f"distractor {doc} {s}-{e} overlaps a gold cue")
        per_genre[meta[doc]["genre"]]["distractors"] += 1
    forms = Counter(r["form"] for r in tsv(HERE / "forms.tsv"))
    # no copied sentences: 8-word shingles against the seeds and PolNeAR dev
    outside: set = set()
    for folder in (args.seeds, args.polnear / "dev" / "text"):
        for p in sorted(folder.glob("*.txt")) if folder.exists() else []:
            outside |= shingles(p.read_text(encoding="utf-8", errors="replace"))
    for doc, text in bodies.items():
        shared = shingles(text) & outside
        if shared:
            errors.append(f"{doc}: {len(shared)} 8-word shingles shared with seeds/PolNeAR, e.g. {' '.join(next(iter(shared)))}")
    total = sum(per_genre.values(), Counter())
    print(f"{'genre':10} docs words attributions nested negated distractors")
    for g, c in sorted(per_genre.items()) + [("total", total)]:
        print(f"{g:10} {c['docs']:4} {c['words']:5} {c['attributions']:12} {c['nested']:6} {c['negated']:7} {c['distractors']:11}")
    print("kinds:", ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    print("forms:", ", ".join(f"{k} {v}" for k, v in forms.most_common()))
    print(f"seed/PolNeAR shingle check: {len(outside)} outside shingles compared")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
