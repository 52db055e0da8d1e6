"""The terms lexicon (data/terms_lexicon.tsv) and its homonym guards (data/terms_guards.tsv),
compiled once into dictionaries and a few bounded regular expressions.

Matching is linear in the text: one tokenising pass (a single character class, no nested
quantifiers), dictionary look-ups per token, phrases followed token by token from their first
word, and three small patterns whose every quantifier is bounded or possessive (spaced letters,
the triple-parenthesis echo). Obfuscations found: asterisks (k*ke), leetspeak (k1k3),
spacing (k i k e), Cyrillic look-alike letters in a Latin word, slurs glued into other words
(a prefix or suffix of the token)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...data import load_tsv

TOKEN = re.compile(r"[\w*@$]+")
SPACED = re.compile(r"(?<![\w*])(?:[^\W\d_][ .\-_*]){2,14}[^\W\d_](?![\w*])")
ECHO = re.compile(r"(?<!\()\({3,6}+(?!\()[ \t]*([^()\n]{1,80}?)[ \t]*\){3,6}+(?!\))")
GAP = re.compile(r"[\s\-–/'’.]{0,3}")
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
HOMOGLYPHS = str.maketrans({"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "і": "i", "к": "k", "х": "x",
                            "у": "y", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g"})
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[a-z]")


@dataclass(frozen=True)
class Entry:
    id: str
    term: str
    category: str
    target: str
    reference: str
    match: str
    flags: frozenset[str]
    context: re.Pattern | None = None
    period: str = ""

    def has(self, flag: str) -> bool:
        return flag in self.flags


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    entry: Entry
    form: str  # exact | inflected | compound | obfuscated | spaced | echo | code | phrase | cyrillic
    surface: str  # the normalised form that matched (a lexicon form, not a copy of the text)


@dataclass(frozen=True)
class Guard:
    entry: str  # lexicon id or '*'
    form: str | None  # only this normalised form, when given
    kind: str  # token | before | after | around
    pattern: re.Pattern | None
    reason: str


def normalise(token: str) -> tuple[str, bool]:
    """(lower-case form with leetspeak and look-alike letters undone, whether anything was undone)."""
    low = token.lower()
    if low.isalpha() and low.isascii():
        return low, False  # the common case: a plain word
    out = low
    if LATIN.search(out) and CYRILLIC.search(out):
        out = out.translate(HOMOGLYPHS)
    if any(c.isalpha() for c in out) and any(c in "0134579@$" for c in out):
        out = out.translate(LEET)
    return out, out != low


def inflections(form: str) -> list[str]:
    if " " in form or not form.isalpha() or not form.isascii():
        return []
    if form.endswith(("s", "x", "ch", "sh", "z")):
        return [form + "es"]
    if form.endswith("y") and len(form) > 2 and form[-2] not in "aeiou":
        return [form[:-1] + "ies", form + "s"]
    return [form + "s"]


def tokens_of(form: str) -> tuple[str, ...]:
    return tuple(normalise(m.group())[0] for m in TOKEN.finditer(form))


class Lexicon:
    def __init__(self, rows, guard_rows) -> None:
        self.entries: dict[str, Entry] = {}
        self.single: dict[str, tuple[Entry, str]] = {}
        self.phrases: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        self.wild: dict[tuple[int, str], list[tuple[str, Entry]]] = {}
        self.echo: Entry | None = None
        stems: dict[str, Entry] = {}
        for row in rows:
            flags = frozenset(f for f in row["flags"].split("|") if f)
            entry = Entry(row["id"], row["term"], row["category"], row["target"], row["reference"], row["match"],
                          flags, re.compile(row["context"]) if row["context"] else None, row["period"])
            self.entries[entry.id] = entry
            if entry.match == "echo":
                self.echo = entry
                continue
            base = [entry.term.lower()] + [f for f in row["forms"].split("|") if f]
            forms: list[tuple[str, str]] = [(f, "exact" if k == 0 else "inflected") for k, f in enumerate(base)]
            if not entry.has("noinflect"):
                forms += [(i, "inflected") for f in base for i in inflections(f)]
            for form, kind in forms:
                toks = tokens_of(form)
                if not toks:
                    continue
                if CYRILLIC.search(form):
                    kind = "cyrillic"
                if len(toks) == 1:
                    if entry.has("stem"):  # only glued into another word ("Jewtube"), never alone
                        stems.setdefault(toks[0], entry)
                        continue
                    self.single.setdefault(toks[0], (entry, kind))
                    if entry.has("obfuscate") and len(toks[0]) >= 3:
                        self.wild.setdefault((len(toks[0]), toks[0][0]), []).append((toks[0], entry))
                    if entry.has("compound") and len(toks[0]) >= 3:
                        stems.setdefault(toks[0], entry)
                else:
                    self.phrases.setdefault(toks[0], []).append((toks, entry))
        for first in self.phrases:
            self.phrases[first].sort(key=lambda p: -len(p[0]))
        self.stems = stems
        ordered = sorted(stems, key=len, reverse=True)
        self.prefix = re.compile("|".join(re.escape(s) for s in ordered)) if ordered else None
        self.suffix = re.compile("|".join(re.escape(s[::-1]) for s in ordered)) if ordered else None
        self.guards: list[Guard] = []
        self.innocent: dict[str, set[str]] = {}
        for row in guard_rows:
            entry_id, _, form = row["id"].partition(":")
            if row["kind"] == "token":
                for word in row["pattern"].split("|"):
                    self.innocent.setdefault(word.strip().lower(), set()).add(entry_id)
                continue
            self.guards.append(Guard(entry_id, form or None, row["kind"], re.compile(row["pattern"]), row["reason"]))

    # -- matching ---------------------------------------------------------
    def find(self, text: str, guarded: list[Hit] | None = None) -> list[Hit]:
        """Every lexicon hit in text, longest first where they overlap, guards applied (the hits a
        guard set aside are appended to `guarded` when it is given)."""
        hits: list[Hit] = []
        toks = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
        norm = [normalise(t) for _, _, t in toks]
        for k, (s, e, raw) in enumerate(toks):
            t, changed = norm[k]
            if raw.startswith("@"):
                continue  # a user handle
            lead = len(raw) - len(raw.lstrip("*$"))
            trail = len(raw) - len(raw.rstrip("*$@"))
            if lead or trail:
                s, e = s + lead, e - trail
                t, changed = normalise(text[s:e])
                if not t:
                    continue
            for toks_, entry in self.phrases.get(t, ()):
                end = self._phrase(text, toks, norm, k, toks_)
                if end is not None:
                    hits.append(Hit(s, end, entry, "phrase", " ".join(toks_)))
                    break
            found = self._token(t, changed, text[s:e])
            if found is not None:
                entry, form, surface = found
                hits.append(Hit(s, e, entry, form, surface))
        for m in SPACED.finditer(text):
            joined = re.sub(r"[ .\-_*]", "", m.group()).lower()
            entry_kind = self.single.get(joined)
            if entry_kind and entry_kind[0].has("obfuscate"):
                hits.append(Hit(m.start(), m.end(), entry_kind[0], "spaced", joined))
        if self.echo is not None:
            for m in ECHO.finditer(text):
                hits.append(Hit(m.start(), m.end(), self.echo, "echo", "(((echo)))"))
        kept = []
        for h in hits:
            if self._kept(text, h):
                kept.append(h)
            elif guarded is not None:
                guarded.append(h)
        return _longest(kept)

    def _phrase(self, text, toks, norm, k, want: tuple[str, ...]) -> int | None:
        if k + len(want) > len(toks):
            return None
        for j in range(1, len(want)):
            prev_end, (s, _, _) = toks[k + j - 1][1], toks[k + j]
            if norm[k + j][0] != want[j] or not GAP.fullmatch(text, prev_end, s):
                return None
        return toks[k + len(want) - 1][1]

    def _token(self, t: str, changed: bool, raw: str) -> tuple[Entry, str, str] | None:
        if t in self.innocent:
            return None
        hit = self.single.get(t)
        if hit is not None:
            entry, kind = hit
            return entry, ("obfuscated" if changed else kind), t
        if "*" in t and len(t) >= 3 and t[0] != "*":
            stars = t.count("*")
            if stars * 2 <= len(t) and t[-1] != "*":
                for form, entry in self.wild.get((len(t), t[0]), ()):
                    if all(a == b or a == "*" for a, b in zip(t, form)):
                        return entry, "obfuscated", form
            return None
        if len(t) >= 5 and self.prefix is not None and t.isalpha():
            m = self.prefix.match(t)
            if m and len(t) - m.end() >= 2 and (m.end() >= 4 or raw[m.end():m.end() + 1].isupper()
                                                or self.stems[m.group()].has("stem")):
                return self.stems[m.group()], "compound", t  # "kikepedia"; a short stem only as "ZioMedia"
            m = self.suffix.match(t[::-1])
            if m and len(t) - m.end() >= 2 and m.end() >= 4:
                return self.stems[m.group()[::-1]], "compound", t
        return None

    def _kept(self, text: str, hit: Hit) -> bool:
        entry = hit.entry
        if hit.surface in self.innocent and hit.form != "compound":
            return False
        for g in self.guards:
            if g.entry not in ("*", entry.id) or (g.form and g.form != hit.surface):
                continue
            if g.kind == "before" and g.pattern.search(text, max(0, hit.start - 60), hit.start):
                return False
            if g.kind == "after" and g.pattern.match(text[hit.end:hit.end + 60]):
                return False
            if g.kind == "around" and g.pattern.search(window(text, hit.start, hit.end, 150)):
                return False
        if entry.context is not None and not entry.context.search(window(text, hit.start, hit.end, 150)):
            return False
        if entry.has("group") and not group_pattern().search(window(text, hit.start, hit.end, 100)):
            return False
        return True


def window(text: str, start: int, end: int, size: int) -> str:
    """Up to `size` characters either side of a span, within its paragraph."""
    a = max(0, start - size)
    b = min(len(text), end + size)
    nl = text.rfind("\n", a, start)
    a = nl + 1 if nl != -1 else a
    nl = text.find("\n", end, b)
    b = nl if nl != -1 else b
    return text[a:b]


def _longest(hits: list[Hit]) -> list[Hit]:
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Hit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


@lru_cache(maxsize=None)
def frames() -> dict[str, list[tuple[str, re.Pattern]]]:
    """Frame patterns by role (data/terms_frames.tsv), compiled once."""
    out: dict[str, list[tuple[str, re.Pattern]]] = {}
    for row in load_tsv("terms_frames.tsv"):
        out.setdefault(row["role"], []).append((row["name"], re.compile(row["pattern"], re.IGNORECASE)))
    return out


@lru_cache(maxsize=None)
def role_pattern(role: str) -> re.Pattern:
    """All patterns of one role as one alternation."""
    return re.compile("|".join(f"(?:{p.pattern})" for _, p in frames().get(role, ())) or r"(?!)", re.IGNORECASE)


def group_pattern() -> re.Pattern:
    return role_pattern("group")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(load_tsv("terms_lexicon.tsv"), load_tsv("terms_guards.tsv"))
