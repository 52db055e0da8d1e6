"""Every regular expression in the package against adversarial strings of 100 k characters.

Run as a script (the test starts it in a subprocess): ``python regex_harness.py [--quick]
[--bound=SECONDS] [--verbose] [--skip=PATTERN_PREFIX]…``. ``--quick`` (the default test run) tries fewer strings and
only ``finditer`` (which searches from every position a match could start at).
Patterns are gathered four ways, so none is missed: compiled patterns held by modules
(also inside tuples, lists and dicts), patterns built by zero-argument cached functions
(``structure.patterns()``…), the pattern rows of ``data/*.tsv``, and every literal pattern
passed to a ``re`` function in the source (found with ``ast``). Each is searched, matched
and iterated over every adversarial string under a SIGALRM bound; a pattern that takes
longer than the bound (10 s) backtracks catastrophically: a linear pattern takes
milliseconds, one with a bounded repeat such as .{1,60} up to a few seconds, and one that
backtracks quadratically minutes.
Prints one JSON line per offender and a final summary line; exits 1 when any offends."""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import json
import pkgutil
import re
import signal
import sys
import time
from pathlib import Path

LENGTH = 100_000
RE_FUNCS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}
FLAG_NAMES = {"I": re.I, "IGNORECASE": re.I, "M": re.M, "MULTILINE": re.M, "S": re.S, "DOTALL": re.S,
              "X": re.X, "VERBOSE": re.X, "A": re.A, "ASCII": re.A}


class Slow(Exception):
    pass


def _alarm(signum, frame):
    raise Slow()


def _scan(value, found: dict, where: str, depth: int = 0) -> None:
    if isinstance(value, re.Pattern):
        found.setdefault((value.pattern, value.flags), (value, where))
    elif depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _scan(item, found, where, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            _scan(item, found, where, depth + 1)


def _flags(node) -> int:
    """Flags written as re.I | re.M … in a call (0 where they cannot be read statically)."""
    if isinstance(node, ast.Attribute) and node.attr in FLAG_NAMES:
        return FLAG_NAMES[node.attr]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flags(node.left) | _flags(node.right)
    return 0


def gather(quick: bool = False) -> dict:
    import historiograph
    from historiograph.data import load_tsv, path as data_path

    found: dict = {}
    root = Path(historiograph.__file__).parent
    modules = [historiograph]
    for info in pkgutil.walk_packages(historiograph.__path__, "historiograph."):
        try:
            modules.append(importlib.import_module(info.name))
        except Exception as exc:  # an optional dependency missing: say so, go on
            print(json.dumps({"skipped_module": info.name, "why": repr(exc)}), file=sys.stderr)
    for module in modules:
        for name, value in list(vars(module).items()):
            _scan(value, found, f"{module.__name__}.{name}")
            if isinstance(value, functools._lru_cache_wrapper) and getattr(value, "__module__", "") == module.__name__:
                try:
                    if not inspect.signature(value).parameters and "load" not in name:
                        _scan(value(), found, f"{module.__name__}.{name}()")
                except Exception:
                    pass
    # pattern rows of the data files, each on its own (a quick run tries them as the code
    # does: joined per role by structure.patterns(), spliced by references.inline_patterns())
    for tsv in sorted(Path(data_path("")).glob("*.tsv")) if not quick else ():
        rows = load_tsv(tsv.name)
        named: dict[str, str] = {}
        for k, row in enumerate(rows):
            for column in ("pattern", "regex"):
                if row.get(column):
                    source = row[column] % named if "%(" in row[column] else row[column]
                    if row.get("kind") == "part":
                        named[row["name"]] = source
                    flags = re.I if tsv.name == "structure_patterns.tsv" else 0
                    try:
                        found.setdefault((source, flags), (re.compile(source, flags), f"data/{tsv.name}:{k + 1}"))
                    except re.error as exc:
                        print(json.dumps({"bad_pattern": f"data/{tsv.name}:{k + 1}", "error": str(exc)}))
    # literal patterns passed to re functions anywhere in the source
    for file in sorted(root.rglob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in RE_FUNCS and isinstance(node.func.value, ast.Name) \
                    and node.func.value.id == "re" and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                flags = 0
                for kw in node.keywords:
                    if kw.arg == "flags":
                        flags = _flags(kw.value)
                n_flag_arg = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "finditer": 2,
                              "findall": 2, "split": 3, "sub": 4, "subn": 4}[node.func.attr]
                if len(node.args) > n_flag_arg:
                    flags = _flags(node.args[n_flag_arg])
                src = node.args[0].value
                where = f"{file.relative_to(root.parent)}:{node.lineno}"
                try:
                    found.setdefault((src, flags), (re.compile(src, flags), where))
                except re.error:
                    pass
    return found


def adversaries(pattern: re.Pattern, quick: bool) -> list[str]:
    units = ["a", "A", "1", " ", "\n", ".", "[", "(", "“", '"', "'", "-", ",", "é", "#", "/", ":", "\u0301",
             "a ", "A ", "Aa ", "1 ", "1.", "a.", "A.", "Ab, ", "ab1", "John Smith ", "Ibid. ", "“a” ",
             ". A", "p. 1, ", "(1990) ", "http://a", "[1]", "¹", "a\n", "A.\n", "1. A\n", "Aa, Aa. ", "’s "]
    if quick:
        units = ["a", "A", " ", "\n", "1", "[", "“", "A ", "a.", "Aa, Aa. "]
    literal = sorted({c for c in re.sub(r"\\[a-zA-Z]", "", pattern.pattern) if c.isprintable()
                      and c not in "()[]{}?*+|^$\\"})
    if literal:
        units.append("".join(literal))
        units.append(" ".join(literal))
    out = []
    for unit in units:
        s = (unit * (LENGTH // len(unit) + 1))[:LENGTH]
        out.append(s)
        out.append(s[:-1] + "\x00")  # a failing last character forces backtracking
    return out


def check(pattern: re.Pattern, text: str, bound: float, quick: bool) -> float:
    signal.setitimer(signal.ITIMER_REAL, bound)
    t = time.perf_counter()
    try:
        if not quick:  # finditer searches from every position a match could start at: the rest is extra
            pattern.search(text)
            pattern.match(text)
            pattern.fullmatch(text)
        for _ in pattern.finditer(text):
            pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - t


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    bound = float(next((a.split("=", 1)[1] for a in argv if a.startswith("--bound=")), 10.0))
    signal.signal(signal.SIGALRM, _alarm)
    patterns = gather(quick)
    offenders, worst, started = 0, (0.0, ""), time.perf_counter()
    verbose = "--verbose" in argv
    skip = {a.split("=", 1)[1] for a in argv if a.startswith("--skip=")}
    for (src, flags), (pattern, where) in sorted(patterns.items(), key=lambda kv: kv[1][1]):
        if any(src.startswith(prefix) for prefix in skip):
            print(json.dumps({"skipped": where, "pattern": src[:200]}), flush=True)
            continue
        spent_here = 0.0
        for text in adversaries(pattern, quick):
            try:
                spent = check(pattern, text, bound, quick)
                spent_here += spent
                if spent > worst[0]:
                    worst = (spent, where)
            except Slow:
                offenders += 1
                print(json.dumps({"slow": where, "pattern": src[:200], "flags": flags,
                                  "input": repr(text[:24]) + f"… ×{len(text)}", "bound_s": bound}), flush=True)
                break
        if verbose and spent_here > 0.3:
            print(json.dumps({"pattern_seconds": round(spent_here, 2), "where": where, "pattern": src[:80]}), flush=True)
    print(json.dumps({"patterns": len(patterns), "offenders": offenders, "worst_s": round(worst[0], 3),
                      "worst": worst[1], "seconds": round(time.perf_counter() - started, 1)}), flush=True)
    return 1 if offenders else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
