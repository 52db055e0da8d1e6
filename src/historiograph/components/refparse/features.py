"""Tokens and CRF features for reference strings.

Tokens are whitespace-separated with character offsets, so every parsed field
points back into the text it came from."""

from __future__ import annotations

import re
from functools import lru_cache

from ...data import load_tsv
from ...text.patterns import URL_START, YEAR_TOKEN

TOKEN = re.compile(r"\S+")
NUMBER = re.compile(r"^\W*\d+\W*$")
RANGE = re.compile(r"^\W*\d+\s*[-–—]\s*\d+\W*$")
ROMAN = re.compile(r"^\W*[ivxlcdm]+\W*$", re.I)
INITIAL = re.compile(r"^(?:[A-Z]\.)+(?:-[A-Z]\.)?,?$|^[A-Z]{1,3},?$")
DOI = re.compile(r"10\.\d{4,9}/")
OPEN_Q = "\"“‘«'"
CLOSE_Q = "\"”’»'"


def tokenize(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


@lru_cache(maxsize=None)
def lexicon() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for row in load_tsv("reference_lexicon.tsv"):
        kinds.setdefault(row["kind"], set()).add(row["word"])
    return {k: frozenset(v) for k, v in kinds.items()}


def shape(tok: str) -> str:
    s = re.sub(r"[A-Z]", "X", tok)
    s = re.sub(r"[a-z]", "x", s)
    s = re.sub(r"\d", "d", s)
    s = re.sub(r"[^\W\d_]", "a", s)  # other letters
    return re.sub(r"(.)\1+", r"\1\1", s)


@lru_cache(maxsize=200_000)
def token_features(tok: str) -> tuple[str, ...]:
    core = tok.strip(".,;:()[]{}\"“”‘’'«»")
    low = core.lower()
    lex = lexicon()
    feats = [f"w={low}", f"sh={shape(tok)}", f"p2={low[:2]}", f"s3={low[-3:]}",
             f"last={tok[-1]}", f"first={tok[0]}", f"len={min(len(core), 8)}", f"raw={tok.lower()}"]
    if YEAR_TOKEN.match(tok):
        feats.append("year")
    elif RANGE.match(tok):
        feats.append("range")
    elif NUMBER.match(tok):
        feats.append("num")
    if ROMAN.match(tok) and len(core) <= 6:
        feats.append("roman")
    if INITIAL.match(tok):
        feats.append("initial")
    if core[:1].isupper():
        feats.append("cap")
    if core.isupper() and len(core) > 1:
        feats.append("allcaps")
    if URL_START.search(tok):
        feats.append("url")
    if DOI.search(tok):
        feats.append("doi")
    if tok[0] in OPEN_Q:
        feats.append("qopen")
    if tok[-1] in CLOSE_Q or tok.rstrip(".,;:")[-1:] in CLOSE_Q:
        feats.append("qclose")
    if tok.startswith("("):
        feats.append("popen")
    if tok.rstrip(".,;:").endswith(")"):
        feats.append("pclose")
    if "&" == core or low in ("and", "et", "und", "e"):
        feats.append("conj")
    for kind, words in lex.items():
        if low in words:
            feats.append(f"lex={kind}")
    return tuple(feats)


def sequence_features(tokens: list[str]) -> list[list[str]]:
    """Per-token feature lists with context (±2 tokens) and position and state cues."""
    base = [token_features(t) for t in tokens]
    n = len(tokens)
    out = []
    in_quote = in_paren = False
    seen_year = False
    periods = commas = 0
    closed_quote = False
    for i, tok in enumerate(tokens):
        f = list(base[i])
        f.append(f"pos={10 * i // max(n, 1)}")
        f.append(f"chunk={min(periods, 6)}")
        f.append(f"comma={min(commas, 8)}")
        f.append(f"chunk={min(periods, 6)}|sh={shape(tok)[:3]}")
        if i and tokens[i - 1][-1] in ".:" and "initial" not in base[i - 1]:
            f.append("after_stop")
            if tok[:1].isupper():
                f.append("after_stop_cap")
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        if tok[0] in OPEN_Q:
            in_quote = True
        if tok.startswith("("):
            in_paren = True
        if in_quote:
            f.append("inq")
        if in_paren:
            f.append("inp")
        if seen_year:
            f.append("after_year")
        if closed_quote:
            f.append("after_title_quote")
        if i:
            f.append(f"bi={base[i - 1][0][2:]}|{base[i][0][2:]}")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                f.extend(f"{off}:{x}" for x in base[j][:2])
                f.append(f"{off}:last={tokens[j][-1]}")
                for x in base[j][8:]:
                    f.append(f"{off}:{x}")
            else:
                f.append(f"{off}:none")
        out.append(f)
        if tok[-1] in CLOSE_Q or tok.rstrip(".,;:")[-1:] in CLOSE_Q:
            closed_quote = closed_quote or in_quote
            in_quote = False
        if tok.rstrip(".,;:").endswith(")"):
            in_paren = False
        if "year" in base[i]:
            seen_year = True
        if tok[-1] in ".:?!" and "initial" not in base[i]:
            periods += 1
        elif tok[-1] == ",":
            commas += 1
    return out
