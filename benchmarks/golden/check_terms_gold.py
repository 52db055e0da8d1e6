"""Check benchmarks/golden/terms_use_mention.jsonl, the use/mention gold set.

    python benchmarks/golden/check_terms_gold.py [FILE]

Verifies that every line is JSON with the required keys and allowed values, ids are
unique, every occurrence's offsets give exactly its ``surface`` and that surface is a
form of its canonical ``term`` (inflection, compound, obfuscation, other script or a
listed variant), occurrences and guards do not overlap, and each line's ``label``
agrees with its occurrences:

- ``use``: at least one occurrence with ``use: "use"``, or a note that says
  "unmarked statement" (an antisemitic statement with no marked word);
- ``mention``: no ``use`` occurrence, and at least one ``mention`` occurrence or a
  note that says "unmarked statement" (a reported belief with no marked word);
- ``not``: only ``reclaimed`` occurrences, if any.

Then prints counts per label, kind, genre, category, occurrence use and mention kind.
Exits 1 when any check fails.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

DEFAULT = Path(__file__).with_name("terms_use_mention.jsonl")

LABELS = {"use", "mention", "not"}
GENRES = {"forum", "essay", "polemic", "blog", "tweet"}
CATEGORIES = {"slur", "coded", "euphemism", "propaganda", "dehumanising", "conspiracy"}
USES = {"use", "mention", "reclaimed"}
MENTION_KINDS = {"quotation", "reported", "historical", "discussion", "condemnation"}
KEYS = {"id", "text", "label", "kind", "genre", "occurrences", "note"}
OCC_KEYS = {"start", "end", "surface", "term", "category", "use", "mention_kind"}

# Forms a canonical term may take besides itself: stems matched inside the
# normalised surface (lower case, NFKC, leet digits mapped, spaces and hyphens
# removed; '*' in a surface stands for any one letter).
FORMS: dict[str, list[str]] = {
    "kike": ["kike", "kyke"],
    "heeb": ["heeb", "hebe"],
    "zhid": ["zhid", "жид"],
    "subhuman": ["subhuman", "untermensch"],
    "parasite": ["parasit"],
    "rootless cosmopolitan": ["cosmopolitan", "космополит"],
    "Judeo-Bolshevism": ["judeobolshevi", "jewishbolshevi"],
    "Final Solution": ["finalsolution", "endlösung"],
    "special treatment": ["specialtreatment", "sonderbehandlung"],
    "murderers in white coats": ["whitecoat", "белыххалатах"],
    "ZOG": ["zog", "zionistoccupiedgovernment"],
    "Protocols of the Elders of Zion": ["protocols"],
    "1488": ["1488", "14/88"],
    "14": ["14"],
    "88": ["88"],
    "bourgeois nationalist": ["bourgeoisnationalist"],
}
LEET = str.maketrans({"1": "i", "3": "e", "0": "o", "!": "i", "@": "a", "$": "s", "4": "a"})
ECHO = re.compile(r"^\(\(\(.+\)\)\)$", re.S)


def _norm(s: str, leet: bool) -> str:
    s = unicodedata.normalize("NFKC", s).casefold()
    s = re.sub(r"[\s\-]", "", s)
    return s.translate(LEET) if leet else s


def _contains(surface: str, stem: str) -> bool:
    """True when stem occurs in surface, a '*' in surface matching any one character."""
    n = len(stem)
    for i in range(len(surface) - n + 1):
        if all(a == b or a == "*" for a, b in zip(surface[i:i + n], stem)):
            return True
    return False


def surface_fits(surface: str, term: str) -> bool:
    if term == "(((echo)))":
        return bool(ECHO.match(surface))
    stems = FORMS.get(term, [term])
    digits = term.replace("/", "").isdigit()
    s = _norm(surface, leet=not digits)
    return any(_contains(s, _norm(stem, leet=not digits)) for stem in stems)


def check(path: Path) -> tuple[list[str], list[dict]]:
    errors: list[str] = []
    records: list[dict] = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            errors.append(f"line {n}: blank line")
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: not JSON ({e})")
            continue
        rid = r.get("id", f"line {n}")
        where = f"{rid}"
        missing = KEYS - r.keys()
        if missing:
            errors.append(f"{where}: missing keys {sorted(missing)}")
            continue
        records.append(r)
        if rid in seen:
            errors.append(f"{where}: duplicate id")
        seen.add(rid)
        if not re.fullmatch(r"um-\d{3}", rid):
            errors.append(f"{where}: id not of the form um-NNN")
        text = r["text"]
        if text != unicodedata.normalize("NFC", text):
            errors.append(f"{where}: text is not NFC")
        if r["label"] not in LABELS:
            errors.append(f"{where}: label {r['label']!r}")
        if r["genre"] not in GENRES:
            errors.append(f"{where}: genre {r['genre']!r}")
        if not r["kind"] or not isinstance(r["kind"], str):
            errors.append(f"{where}: empty kind")
        if not r["note"].strip():
            errors.append(f"{where}: empty note")
        spans: list[tuple[int, int, str]] = []
        for o in r["occurrences"]:
            if OCC_KEYS - o.keys():
                errors.append(f"{where}: occurrence missing {sorted(OCC_KEYS - o.keys())}")
                continue
            s, e = o["start"], o["end"]
            got = text[s:e] if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text) else None
            if got != o["surface"]:
                errors.append(f"{where}: offsets {s}:{e} give {got!r}, surface is {o['surface']!r}")
            elif got != got.strip():
                errors.append(f"{where}: occurrence {got!r} has outer whitespace")
            if not surface_fits(o["surface"], o["term"]):
                errors.append(f"{where}: surface {o['surface']!r} is not a form of term {o['term']!r}")
            if o["category"] not in CATEGORIES:
                errors.append(f"{where}: category {o['category']!r}")
            if o["use"] not in USES:
                errors.append(f"{where}: use {o['use']!r}")
            if o["use"] == "mention":
                if o["mention_kind"] not in MENTION_KINDS:
                    errors.append(f"{where}: mention without a valid mention_kind ({o['mention_kind']!r})")
            elif o["mention_kind"] is not None:
                errors.append(f"{where}: {o['use']} occurrence with mention_kind {o['mention_kind']!r}")
            spans.append((s, e, "occurrence"))
        for g in r.get("guards", []):
            s, e = g["start"], g["end"]
            if text[s:e] != g["surface"]:
                errors.append(f"{where}: guard offsets {s}:{e} give {text[s:e]!r}, surface is {g['surface']!r}")
            spans.append((s, e, "guard"))
        spans.sort()
        for (s1, e1, k1), (s2, e2, k2) in zip(spans, spans[1:]):
            if s2 < e1:
                errors.append(f"{where}: {k1} {s1}:{e1} overlaps {k2} {s2}:{e2}")
        uses = {o["use"] for o in r["occurrences"]}
        unmarked = "unmarked statement" in r["note"].lower()
        if r["label"] == "use" and "use" not in uses and not unmarked:
            errors.append(f"{where}: label use without a use occurrence or an 'unmarked statement' note")
        if r["label"] == "mention":
            if "use" in uses:
                errors.append(f"{where}: label mention but an occurrence is a use")
            if "mention" not in uses and not unmarked:
                errors.append(f"{where}: label mention without a mention occurrence or an 'unmarked statement' note")
        if r["label"] == "not" and uses - {"reclaimed"}:
            errors.append(f"{where}: label not but occurrences are {sorted(uses)}")
    return errors, records


def report(records: list[dict]) -> None:
    def show(title: str, c: Counter) -> None:
        print(f"{title}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))))

    occs = [o for r in records for o in r["occurrences"]]
    print(f"lines {len(records)}; with a lexical term {sum(1 for r in records if r['occurrences'])}; "
          f"occurrences {len(occs)}; guards {sum(len(r.get('guards', [])) for r in records)}")
    show("label", Counter(r["label"] for r in records))
    show("kind", Counter(r["kind"] for r in records))
    show("genre", Counter(r["genre"] for r in records))
    show("label x has-term", Counter(f"{r['label']}/{'term' if r['occurrences'] else 'unmarked'}" for r in records))
    show("occurrence category", Counter(o["category"] for o in occs))
    show("occurrence use", Counter(o["use"] for o in occs))
    show("mention kind", Counter(o["mention_kind"] for o in occs if o["use"] == "mention"))
    show("term", Counter(o["term"] for o in occs))


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    errors, records = check(path)
    for e in errors:
        print("ERROR", e)
    report(records)
    print(f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
