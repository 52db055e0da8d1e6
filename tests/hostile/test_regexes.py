"""Every regular expression in the package, fed adversarial strings of 100,000 characters
in a subprocess (tests/hostile/regex_harness.py): none may backtrack catastrophically.
The bound (10 s per pattern and string) is generous: a linear pattern takes milliseconds,
one that backtracks quadratically minutes. The default run tries fewer strings; the full
harness is marked slow and heavy (pytest --heavy)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

HARNESS = Path(__file__).with_name("regex_harness.py")
# Patterns that backtrack and live in files owned elsewhere (found when this test met
# them; their owners are told in the hardening report): each is reported as skipped, not
# tried, until its owner makes it linear (then delete the entry). Matched by prefix.
KNOWN: dict[str, str] = {}  # pattern prefix → where it is and whose file it is (none left)


def run_harness(*args: str, timeout: float) -> list[dict]:
    proc = subprocess.run([sys.executable, str(HARNESS), *args, *(f"--skip={p}" for p in KNOWN)],
                          capture_output=True, text=True, timeout=timeout)
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert lines and "patterns" in lines[-1], proc.stderr[-2000:]
    return lines


def check(lines: list[dict]) -> None:
    slow = [line for line in lines if "slow" in line]
    bad = [line for line in lines if "bad_pattern" in line]
    assert not bad, bad
    assert not slow, "\n".join(json.dumps(s, ensure_ascii=False) for s in slow)
    assert lines[-1]["patterns"] > 100  # the harness found the package's patterns


def test_no_regex_backtracks_catastrophically_quick():
    check(run_harness("--quick", timeout=900))


@pytest.mark.slow
@pytest.mark.heavy
def test_no_regex_backtracks_catastrophically_full():
    check(run_harness(timeout=3600))
