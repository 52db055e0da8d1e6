"""Validate the register gold set (benchmarks/golden/register).

Checks, each failure printed with the file and record it concerns:

- every mention: its span is the surface (``text[start:end] == text``), its
  ``occurrence`` is the 1-based index of that span among all occurrences of the
  surface string in the document (``re.finditer(re.escape(surface), text)``,
  case-sensitive, inside longer words too), ids are unique, kind and role are
  known, the kind agrees with the entity key's prefix, and mentions do not
  overlap;
- every entity a mention names is in entities.jsonl with the same kind, and its
  variants list every surface its mentions have;
- every pair names two existing, different mentions, is not repeated, has a
  known ``why``, and ``same`` agrees with the entity keys (same entity <=>
  same=true); a "positive" why must be same=true and a "negative" why
  same=false; ``scope`` says whether the two mentions share a document;
- coverage: a variant of an entity found elsewhere in the documents (on word
  boundaries) must lie inside some annotated mention, unless it is listed with
  a reason in ALLOWED_UNANNOTATED below;
- counts: at least 150 mentions, 40 entities, 100 pairs, 5 pairs per why,
  10-14 documents of 200-900 words; printed per why, kind, role and scope;
- no 8-word shingle of the seed corpus (../shared/seeds, or --seeds DIR, or
  $HISTORIOGRAPH_SEEDS) appears in any file of the gold set. Words are
  ``\\w+`` runs, lower-cased, after NFKC normalisation.

Run: python benchmarks/golden/register/check.py [--seeds DIR]. Exit status 1
when anything fails.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

KINDS = {"person", "organisation", "work", "place", "group", "period"}
ROLES = {
    "scholar", "author", "editor", "historical_actor", "modern_figure",
    "speaker", "translator", "other", "work", "organisation", "place", "group", "period",
}
POSITIVE = ["short name", "inverted", "initials", "transliteration",
            "misspelling", "cross-document", "short title"]
NEGATIVE = ["homonym", "work vs period", "work vs person",
            "organisation vs person", "different works", "volumes"]
MIN_PER_WHY = 5
SHINGLE = 8

# (document, surface, 1-based occurrence) of variant strings that are
# deliberately not annotated, with the reason. Keep this list short.
ALLOWED_UNANNOTATED: dict[tuple[str, str, int], str] = {
    ("09_civil_war_essay.txt", "Black", 1):
        "'Black Banners' in the title: the anarchists' black flags, no name",
    ("05_blog_reading_list.txt", "Stalin and the Jews", 1):
        "'On Stalin and the Jews specifically': the topic, not Lustiger's book; "
        "its 'Stalin' is annotated as the person",
    ("11_polemic_thaw.txt", "The Thaw", 1):
        "'The Thaw That Wasn't' (title): 'Thaw' is annotated as the period; "
        "the article belongs to the headline, not to Ehrenburg's novel",
}


def load_jsonl(path: Path) -> list[dict]:
    out = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise SystemExit(f"{path.name}:{n}: bad JSON: {e}")
    return out


def words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def find_seeds(arg: str | None) -> Path | None:
    cands = [arg, os.environ.get("HISTORIOGRAPH_SEEDS")]
    if len(HERE.parents) > 3:  # beside the repository (benchmarks/golden/register)
        root = HERE.parents[2]
        cands += [str(root.parent / "shared" / "seeds"),
                  str(root.parent.parent / "shared" / "seeds")]
    for c in cands:
        if c and Path(c).is_dir():
            return Path(c)
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", help="folder of the seed corpus")
    args = ap.parse_args()
    errors: list[str] = []
    warnings: list[str] = []
    err = errors.append

    docs = {p.name: p.read_text(encoding="utf-8") for p in sorted((HERE / "docs").glob("*.txt"))}
    mentions = load_jsonl(HERE / "mentions.jsonl")
    pairs = load_jsonl(HERE / "pairs.jsonl")
    entities = load_jsonl(HERE / "entities.jsonl")

    # documents
    for name, text in docs.items():
        if unicodedata.normalize("NFC", text) != text:
            err(f"docs/{name}: text is not NFC")
        n = len(text.split())
        if not 200 <= n <= 900:
            err(f"docs/{name}: {n} words, expected 200-900")
    if not 10 <= len(docs) <= 14:
        err(f"{len(docs)} documents, expected 10-14")

    # entities
    ents: dict[str, dict] = {}
    for e in entities:
        key = e.get("entity")
        if key in ents:
            err(f"entities.jsonl: {key} twice")
        ents[key] = e
        if e.get("kind") not in KINDS:
            err(f"entities.jsonl: {key}: unknown kind {e.get('kind')!r}")
        elif not key.startswith(e["kind"] + ":"):
            err(f"entities.jsonl: {key}: key prefix does not match kind {e['kind']}")
        if not e.get("name"):
            err(f"entities.jsonl: {key}: no name")

    # mentions
    by_id: dict[str, dict] = {}
    spans_by_doc: dict[str, list[tuple[int, int, str]]] = collections.defaultdict(list)
    surfaces: dict[str, set[str]] = collections.defaultdict(set)
    for m in mentions:
        mid = m.get("id")
        where = f"mentions.jsonl: {mid}"
        if mid in by_id:
            err(f"{where}: duplicate id")
        by_id[mid] = m
        missing = {"id", "doc", "text", "occurrence", "start", "end", "entity", "kind", "role"} - set(m)
        if missing:
            err(f"{where}: missing {sorted(missing)}")
            continue
        text = docs.get(m["doc"])
        if text is None:
            err(f"{where}: no document {m['doc']}")
            continue
        s, t, surface = m["start"], m["end"], m["text"]
        if text[s:t] != surface:
            err(f"{where}: text[{s}:{t}] is {text[s:t]!r}, not {surface!r}")
        else:
            starts = [x.start() for x in re.finditer(re.escape(surface), text)]
            occ = starts.index(s) + 1
            if occ != m["occurrence"]:
                err(f"{where}: {surface!r} at {s} is occurrence {occ}, not {m['occurrence']}")
        if surface != surface.strip() or not surface:
            err(f"{where}: surface has outer whitespace or is empty")
        if m["kind"] not in KINDS:
            err(f"{where}: unknown kind {m['kind']!r}")
        if m["role"] not in ROLES:
            err(f"{where}: unknown role {m['role']!r}")
        e = ents.get(m["entity"])
        if e is None:
            err(f"{where}: entity {m['entity']} not in entities.jsonl")
        elif e["kind"] != m["kind"]:
            err(f"{where}: kind {m['kind']} but entity {m['entity']} is {e['kind']}")
        spans_by_doc[m["doc"]].append((s, t, mid))
        surfaces[m["entity"]].add(surface)
    ids = [m.get("id") for m in mentions]
    if ids != [f"m{i:03d}" for i in range(1, len(ids) + 1)]:
        err("mentions.jsonl: ids are not m001, m002, ... in file order")
    for doc, spans in spans_by_doc.items():
        spans.sort()
        for (s1, t1, a), (s2, t2, b) in zip(spans, spans[1:]):
            if s2 < t1:
                err(f"mentions.jsonl: {a} and {b} overlap in {doc}")
    for key, e in ents.items():
        if key not in surfaces:
            err(f"entities.jsonl: {key} has no mention")
        missing_v = surfaces[key] - set(e.get("variants", [])) - {e.get("name")}
        if missing_v:
            err(f"entities.jsonl: {key}: variants lack {sorted(missing_v)}")

    # coverage of variants
    for key, vs in surfaces.items():
        for v in vs:
            if len(v) < 3 or not re.search(r"\w", v):
                continue
            pat = re.compile(r"(?<!\w)" + re.escape(v) + r"(?!\w)")
            for doc, text in docs.items():
                starts = [x.start() for x in re.finditer(re.escape(v), text)]
                for hit in pat.finditer(text):
                    s, t = hit.span()
                    if any(a <= s and t <= b for a, b, _ in spans_by_doc[doc]):
                        continue
                    occ = starts.index(s) + 1
                    if (doc, v, occ) in ALLOWED_UNANNOTATED:
                        continue
                    err(f"docs/{doc}: {v!r} (occurrence {occ}, at {s}) is a variant of {key} "
                        f"but lies in no annotated mention")

    # pairs
    seen = set()
    why_counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for n, p in enumerate(pairs, 1):
        where = f"pairs.jsonl:{n}"
        a, b = by_id.get(p.get("a")), by_id.get(p.get("b"))
        if a is None or b is None:
            err(f"{where}: unknown mention {p.get('a') if a is None else p.get('b')}")
            continue
        if a is b:
            err(f"{where}: a pair of one mention")
        key = tuple(sorted((p["a"], p["b"])))
        if key in seen:
            err(f"{where}: pair repeated")
        seen.add(key)
        same = a["entity"] == b["entity"]
        if p.get("same") is not same:
            err(f"{where}: same={p.get('same')} but entities are {a['entity']} / {b['entity']}")
        why = p.get("why")
        if why in POSITIVE and not same:
            err(f"{where}: why {why!r} needs same=true")
        elif why in NEGATIVE and same:
            err(f"{where}: why {why!r} needs same=false")
        elif why not in POSITIVE and why not in NEGATIVE:
            err(f"{where}: unknown why {why!r}")
        scope = "within" if a["doc"] == b["doc"] else "across"
        if p.get("scope", scope) != scope:
            err(f"{where}: scope {p.get('scope')} but the mentions are {scope} a document")
        why_counts[why][scope] += 1

    # seeds
    seeds = find_seeds(args.seeds)
    if seeds is None:
        warnings.append("seed corpus not found (give --seeds DIR): shingle check skipped")
    else:
        seed_sh: set[tuple[str, ...]] = set()
        for f in sorted(seeds.iterdir()):
            if f.is_file() and f.suffix in {".txt", ".md"}:
                seed_sh |= shingles(f.read_text(encoding="utf-8", errors="replace"))
        ours = [HERE / "docs" / d for d in docs] + [
            HERE / x for x in ("mentions.jsonl", "pairs.jsonl", "entities.jsonl", "README.md")]
        for f in ours:
            if not f.exists():
                continue
            hits = shingles(f.read_text(encoding="utf-8")) & seed_sh
            for h in sorted(hits)[:5]:
                err(f"{f.relative_to(HERE)}: 8-word shingle from the seeds: {' '.join(h)!r}")

    # counts
    n_pos = sum(sum(why_counts[w].values()) for w in POSITIVE)
    n_neg = sum(sum(why_counts[w].values()) for w in NEGATIVE)
    print(f"documents {len(docs)}  words {sum(len(t.split()) for t in docs.values())}")
    print(f"mentions {len(mentions)}  entities {len(ents)}  pairs {len(pairs)} "
          f"(same {n_pos}, not same {n_neg})")
    print("mentions per kind: " + ", ".join(
        f"{k} {v}" for k, v in collections.Counter(m["kind"] for m in mentions).most_common()))
    print("entities per kind: " + ", ".join(
        f"{k} {v}" for k, v in collections.Counter(e["kind"] for e in ents.values()).most_common()))
    print("mentions per role: " + ", ".join(
        f"{k} {v}" for k, v in collections.Counter(m["role"] for m in mentions).most_common()))
    multi = sum(1 for k in ents if len({by_id[i]["doc"] for i in by_id if by_id[i]["entity"] == k}) > 1)
    print(f"entities in more than one document: {multi}")
    print(f"{'why':24} {'same':>5} {'within':>7} {'across':>7} {'total':>6}")
    for w in POSITIVE + NEGATIVE:
        c = why_counts[w]
        print(f"{w:24} {str(w in POSITIVE):>5} {c['within']:>7} {c['across']:>7} {sum(c.values()):>6}")
        if sum(c.values()) < MIN_PER_WHY:
            err(f"why {w!r}: {sum(c.values())} pairs, expected at least {MIN_PER_WHY}")
    if len(mentions) < 150:
        err(f"{len(mentions)} mentions, expected at least 150")
    if len(ents) < 40:
        err(f"{len(ents)} entities, expected at least 40")
    if len(pairs) < 100:
        err(f"{len(pairs)} pairs, expected at least 100")
    if pairs and not 0.4 <= n_pos / len(pairs) <= 0.6:
        err(f"{n_pos} of {len(pairs)} pairs are same=true; expected about half")

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
