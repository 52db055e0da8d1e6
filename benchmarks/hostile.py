"""Hostile-corpus benchmark: builds the hostile corpus (benchmarks/hostile_corpus.py) at
run time, runs `analyze` over it, and prints files tried, broken, crashed (must be 0), hung
(must be 0), the worst wall time per MB, the peak memory of a worker, and the records lost
or duplicated after kill -9 at several moments and a resume (must be 0).

    python benchmarks/hostile.py [--slice] [--jobs 2] [--kills 4] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)  # benchmarks/numbers.py would shadow the standard library's numbers module
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._common import machine  # noqa: E402
from benchmarks.hostile_corpus import build, check, share_broken, unlock  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DRIVER = """
import json, sys, time
import historiograph as hg
t = time.perf_counter()
s = hg.analyze([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]))
print(json.dumps({"seconds": time.perf_counter() - t, "peak_rss": s.peak_rss, "slowest": s.slowest,
                  "per_mb": s.worst_per_mb,
                  "added": len(s.added), "errors": len(s.errors)}))
"""


def run(folder: Path, db: Path, jobs: int, timeout: float | None = None) -> dict | None:
    cmd = [sys.executable, "-c", DRIVER, str(folder), str(db), str(jobs)]
    if timeout is None:
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slice", action="store_true", help="the small slice of the default test run")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--kills", type=int, default=4, help="kill -9 moments to try")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="hg-hostile-"))
    folder = args.keep or tmp / "corpus"
    try:
        entries = build(folder, full=not args.slice)
        sizes = {e.name: e.size for e in entries}
        print(f"hostile benchmark · {machine()} · {len(entries)} files, {share_broken(entries):.0%} broken or "
              f"adversarial, {sum(sizes.values()) / 1e6:,.0f} MB (sparse files counted at their size)")
        clean = tmp / "clean.sqlite"
        result = run(folder, clean, args.jobs)
        report = check(clean, folder, entries)
        slow_s, slow_path = result["slowest"]
        slow_size = next((os.path.getsize(p) for p in [slow_path] if os.path.exists(p)), 0)
        print(f"files tried {report.tried} · broken {report.broken} · adversarial {report.adversarial} · stored as "
              f"documents {report.documents} · skipped here {len(report.skipped)}")
        print(f"crashed {len(report.crashed)} · hung {len(report.hung)} · broken without a problem "
              f"{len(report.unexplained)} · readable but not stored {len(report.missing)}")
        print(f"run {result['seconds']:.0f} s with --jobs {args.jobs} · slowest file {slow_s:.1f} s "
              f"({Path(slow_path).name}, {slow_size / 1e6:.2f} MB: {slow_s / max(slow_size / 1e6, 1e-6):.1f} s/MB"
              f"{'' if slow_size >= 1e6 else ' of a file under 1 MB'}) · worst wall time per MB "
              f"{result['per_mb'][0]:.1f} s ({Path(result['per_mb'][1]).name}; files under 1 MB count as 1 MB) · "
              f"peak worker memory {result['peak_rss'] / 2**20:.0f} MiB")
        for name, why in report.skipped:
            print(f"  skipped {name}: {why}")
        for label, items in (("crashed", report.crashed), ("hung", report.hung),
                             ("unexplained", report.unexplained), ("missing", report.missing)):
            for item in items:
                print(f"  {label}: {item}")
        sys.path.insert(0, str(ROOT / "tests"))
        from tests.hostile.test_crash_safety import snapshot

        want = snapshot(clean)
        rng = random.Random(16)
        lost = duplicated = 0
        for k in range(args.kills):
            db = tmp / f"killed{k}.sqlite"
            after = rng.uniform(1.0, result["seconds"])
            run(folder, db, args.jobs, timeout=after)
            run(folder, db, args.jobs)
            got = snapshot(db)
            for table in want:
                lost += sum(1 for r in want[table] if r not in got.get(table, []))
                duplicated += sum(1 for r in got.get(table, []) if r not in want[table])
            print(f"  kill -9 after {after:.0f} s, then the same command: "
                  f"{'same records' if got == want else 'DIFFERENT records'}")
        print(f"records lost after kill -9 and resume {lost} · duplicated {duplicated}")
        bad = report.crashed or report.hung or report.unexplained or report.missing or lost or duplicated
        return 1 if bad else 0
    finally:
        unlock(folder)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
