"""The hostile corpus (benchmarks/hostile_corpus.py, built at run time): no crash, no hang
(a wall-clock bound per file, held by the runner and asserted here), a clear problem for
each broken file, every readable file stored, memory under 1 GB per worker. A small slice
runs by default; the whole corpus (over 300 files, over 30 % broken or adversarial: a
30 MB file, a 5 MB line, PDF bombs, HTML 100,000 levels deep…) with --heavy."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from benchmarks.hostile_corpus import build, check, share_broken, unlock

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="FIFOs, links and /proc: Linux")
FILE_BOUND = 600  # wall-clock seconds one file may take before the runner stops its worker (generous: a
# shared machine under load stretches the 25 CPU seconds of a file budget several times over)
GIB = 2**30

DRIVER = textwrap.dedent("""
    import json, sys
    import historiograph as hg
    s = hg.analyze([sys.argv[1]], sys.argv[2], jobs=2)
    print(json.dumps({"added": len(s.added), "errors": len(s.errors), "peak_rss": s.peak_rss,
                      "slowest": s.slowest, "workers": s.workers}))
""")


def analyse(folder: Path, db: Path, budget: str, overall: float) -> dict:
    env = dict(os.environ, HISTORIOGRAPH_FILE_TIMEOUT=str(FILE_BOUND), HISTORIOGRAPH_TIME_BUDGET=budget)
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(folder), str(db)], capture_output=True, text=True,
                          timeout=overall, env=env, cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def assert_clean(report, summary) -> None:
    assert not report.crashed, report.crashed
    assert not report.hung, report.hung
    assert not report.unexplained, f"broken files without a problem naming them: {report.unexplained}"
    assert not report.wrong_code, report.wrong_code
    assert not report.missing, f"readable files not stored: {report.missing}"
    assert summary["slowest"][0] < FILE_BOUND
    assert summary["peak_rss"] < GIB, f"a worker used {summary['peak_rss'] / 2**20:.0f} MiB"


def test_hostile_slice(tmp_path):
    folder = tmp_path / "corpus"
    entries = build(folder, full=False)
    try:
        summary = analyse(folder, tmp_path / "c.sqlite", budget="6", overall=600)
    finally:
        unlock(folder)
    report = check(tmp_path / "c.sqlite", folder, entries)
    assert report.broken >= 15 and report.adversarial >= 5
    assert_clean(report, summary)


@pytest.mark.slow
@pytest.mark.heavy
def test_whole_hostile_corpus(tmp_path):
    folder = tmp_path / "corpus"
    entries = build(folder, full=True)
    assert len(entries) >= 300 and share_broken(entries) >= 0.30
    try:
        summary = analyse(folder, tmp_path / "c.sqlite", budget="25", overall=7200)
    finally:
        unlock(folder)
    report = check(tmp_path / "c.sqlite", folder, entries)
    assert report.tried >= 300
    assert_clean(report, summary)
