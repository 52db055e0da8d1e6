"""Check the numbers gold set (benchmarks/golden/numbers.jsonl).

    python benchmarks/golden/check_numbers_gold.py [--gold FILE] [--seeds DIR | --no-seeds] [--stats] [--words]

Errors (exit status 1): invalid JSON or fields, ids not num-001.. in order,
spans out of range / empty / padded with spaces / overlapping, low > high,
normalisation that contradicts the qualifier, a magnitude that does not match
the bounds, vocabularies, the required totals, an 8-word shingle shared with
the seed corpus, and any digit in a text that lies in neither list.

--words also lists number words (one, dozen, million, half, most...) that lie
in no span, for a human to confirm they are not quantities. --stats prints
the counts tables used in numbers.README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

GENRES = {"essay", "polemic", "blog", "forum"}
QUALIFIERS = {"exact", "about", "more than", "less than", "up to", "at least", "almost", "range", "vague"}
WHYS = {"year", "date", "marker", "page", "identifier", "vote", "enumeration", "ordinal", "time", "address", "other"}
# unit -> family; a scorer may accept any unit of the right family
UNITS = {
    "deaths": "persons", "victims": "persons", "executions": "persons", "people": "persons",
    "prisoners": "persons", "deportees": "persons", "refugees": "persons", "soldiers": "persons",
    "deputies": "persons", "delegates": "persons", "bodies": "persons",
    "families": "households", "households": "households",
    "percent": "share",
    "years": "duration", "months": "duration", "weeks": "duration", "days": "duration",
    "hours": "duration",
    "tons": "mass", "kilotons": "energy",
    "dollars": "money", "roubles": "money",
    "km": "length", "metres": "length",
    "votes": "votes",
    "villages": "places", "blocks": "places",
    "trains": "things", "pages": "things", "graves": "things", "killings": "events",
}
VALUE_RULES = {  # qualifier -> (low must be set, high must be set, low == high)
    "exact": (True, True, True), "about": (True, True, True), "almost": (True, True, True),
    "range": (True, True, False),
    "more than": (True, False, None), "at least": (True, False, None),
    "less than": (False, True, None), "up to": (False, True, None),
    "vague": (False, False, None),
}
MIN_PASSAGES, MAX_PASSAGES, MIN_Q, MIN_N = 40, 60, 110, 110

DIGIT = re.compile(r"(?:\d|[\u00b2\u00b3\u00b9\u2070-\u2079])+")  # runs of digits, superscripts included
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
NUMBER_WORDS = set(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions billion billions dozen dozens score scores "
    "half third thirds quarter quarters fifth fifths tenth tenths zero handful "
    "most majority minority many few several couple tons".split()
)


def shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    toks = re.findall(r"\w+", unicodedata.normalize("NFC", text).lower().replace("’", "'"))
    return {tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)}


def expected_magnitude(low, high):
    vals = [abs(v) for v in (low, high) if v is not None]
    return math.floor(math.log10(max(vals))) if vals and max(vals) > 0 else None


def check(rows: list[dict], seeds: Path | None, words: bool) -> list[str]:
    errors: list[str] = []
    if not MIN_PASSAGES <= len(rows) <= MAX_PASSAGES:
        errors.append(f"{len(rows)} passages, want {MIN_PASSAGES}-{MAX_PASSAGES}")
    seed_shingles: set = set()
    if seeds is not None:
        for f in sorted(seeds.glob("*.txt")):
            seed_shingles |= shingles(f.read_text(encoding="utf-8", errors="replace"))
    nq = nn = 0
    for i, r in enumerate(rows, 1):
        rid = r.get("id")
        where = rid or f"line {i}"
        if set(r) != {"id", "genre", "text", "quantities", "non_quantities"}:
            errors.append(f"{where}: keys {sorted(r)}")
            continue
        if rid != f"num-{i:03d}":
            errors.append(f"{where}: id should be num-{i:03d}")
        if r["genre"] not in GENRES:
            errors.append(f"{where}: genre {r['genre']!r}")
        text = r["text"]
        if unicodedata.normalize("NFC", text) != text:
            errors.append(f"{where}: text is not NFC")
        spans = []
        for q in r["quantities"]:
            nq += 1
            if set(q) != {"start", "end", "low", "high", "unit", "qualifier", "magnitude", "what"}:
                errors.append(f"{where}: quantity keys {sorted(q)}")
                continue
            spans.append((q["start"], q["end"], "q"))
            lo, hi, qual = q["low"], q["high"], q["qualifier"]
            label = f"{where} q {text[q['start']:q['end']]!r}"
            for v in (lo, hi):
                if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
                    errors.append(f"{label}: bound {v!r} is not a number")
            if qual not in QUALIFIERS:
                errors.append(f"{label}: qualifier {qual!r}")
                continue
            if q["unit"] not in UNITS:
                errors.append(f"{label}: unit {q['unit']!r} not in the vocabulary")
            if not isinstance(q["what"], str) or not q["what"].strip():
                errors.append(f"{label}: empty 'what'")
            if lo is not None and hi is not None and lo > hi:
                errors.append(f"{label}: low {lo} > high {hi}")
            need_lo, need_hi, equal = VALUE_RULES[qual]
            if (lo is not None) != need_lo or (hi is not None) != need_hi:
                errors.append(f"{label}: {qual!r} wants low {'set' if need_lo else 'null'}, high {'set' if need_hi else 'null'}")
            elif equal is True and lo != hi:
                errors.append(f"{label}: {qual!r} is a point value, low != high")
            elif equal is False and not lo < hi:
                errors.append(f"{label}: a range needs low < high")
            mag = q["magnitude"]
            if mag is not None and (isinstance(mag, bool) or not isinstance(mag, int)):
                errors.append(f"{label}: magnitude {mag!r} is not an int")
            elif qual != "vague" and mag != expected_magnitude(lo, hi):
                errors.append(f"{label}: magnitude {mag} != {expected_magnitude(lo, hi)}")
        for n in r["non_quantities"]:
            nn += 1
            if set(n) != {"start", "end", "why"}:
                errors.append(f"{where}: non-quantity keys {sorted(n)}")
                continue
            spans.append((n["start"], n["end"], "n"))
            if n["why"] not in WHYS:
                errors.append(f"{where}: why {n['why']!r}")
        for s, e, k in spans:
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                errors.append(f"{where}: bad span {s}-{e} ({k})")
                continue
            piece = text[s:e]
            if piece != piece.strip():
                errors.append(f"{where}: span {piece!r} has outer whitespace")
        ok = sorted((s, e) for s, e, _ in spans if isinstance(s, int) and isinstance(e, int))
        for (s1, e1), (s2, e2) in zip(ok, ok[1:]):
            if s2 < e1:
                errors.append(f"{where}: overlapping spans {text[s1:e1]!r} and {text[s2:e2]!r}")
        covered = [False] * len(text)
        for s, e in ok:
            for j in range(max(s, 0), min(e, len(text))):
                covered[j] = True
        for m in DIGIT.finditer(text):
            if not all(covered[m.start():m.end()]):
                ctx = text[max(0, m.start() - 25):m.end() + 25].replace("\n", " ")
                errors.append(f"{where}: digit run {m.group()!r} not (wholly) in a span: …{ctx}…")
        if words:
            for m in WORD.finditer(text):
                parts = re.split(r"[-'’]", m.group().lower())
                if any(p in NUMBER_WORDS for p in parts) and not any(covered[m.start():m.end()]):
                    ctx = text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
                    print(f"word  {where}: {m.group()!r} in no span: …{ctx}…")
        common = shingles(text) & seed_shingles
        if common:
            errors.append(f"{where}: shares 8-word shingles with the seeds: {[' '.join(c) for c in sorted(common)[:3]]}")
    if nq < MIN_Q:
        errors.append(f"{nq} quantities, want at least {MIN_Q}")
    if nn < MIN_N:
        errors.append(f"{nn} non-quantities, want at least {MIN_N}")
    return errors


def stats(rows: list[dict]) -> str:
    def table(title: str, counter: Counter) -> str:
        lines = [f"| {title} | n |", "| --- | ---: |"]
        lines += [f"| {k} | {v} |" for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]
        return "\n".join(lines)

    genre_rows = ["| genre | passages | quantities | non-quantities |", "| --- | ---: | ---: | ---: |"]
    for g in sorted(GENRES):
        rs = [r for r in rows if r["genre"] == g]
        genre_rows.append(f"| {g} | {len(rs)} | {sum(len(r['quantities']) for r in rs)} | {sum(len(r['non_quantities']) for r in rs)} |")
    genre_rows.append(f"| all | {len(rows)} | {sum(len(r['quantities']) for r in rows)} | {sum(len(r['non_quantities']) for r in rows)} |")
    qs = [q for r in rows for q in r["quantities"]]
    ns = [n for r in rows for n in r["non_quantities"]]
    return "\n\n".join([
        "\n".join(genre_rows),
        table("qualifier", Counter(q["qualifier"] for q in qs)),
        table("unit", Counter(q["unit"] for q in qs)),
        table("why (non-quantities)", Counter(n["why"] for n in ns)),
    ])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=HERE / "numbers.jsonl")
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--stats", action="store_true", help="print the counts tables (Markdown)")
    ap.add_argument("--words", action="store_true", help="list number words that lie in no span")
    ap.add_argument("--no-seeds", action="store_true", help="skip the shingle check (it is an error when the seeds are missing)")
    args = ap.parse_args(argv)
    rows, errors = [], []
    for n, line in enumerate(args.gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            errors.append(f"line {n}: invalid JSON: {exc}")
    seeds = None if args.no_seeds else args.seeds
    if seeds is not None and not sorted(seeds.glob("*.txt")):
        errors.append(f"no seed texts in {seeds} for the shingle check (pass --seeds DIR, or --no-seeds to skip it)")
        seeds = None
    errors += check(rows, seeds, args.words)
    if args.stats:
        print(stats(rows))
    for e in errors:
        print("error", e)
    nq = sum(len(r.get("quantities", [])) for r in rows)
    nn = sum(len(r.get("non_quantities", [])) for r in rows)
    print(f"{len(rows)} passages, {nq} quantities, {nn} non-quantities: "
          + ("OK" if not errors else f"{len(errors)} error(s)"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
