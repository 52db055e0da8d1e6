"""Scale benchmark: documents per second for `analyze` on corpora of 1,000 and 10,000
documents made at run time from the seeds and the bundled samples (each copy edited, so
every document is new; nothing is committed), with the local engine at --jobs 1 and
--jobs 2 and with Ray on 2 workers; prints documents/s and the speed-up per worker, so the
cost of each engine shows.

    python benchmarks/scale.py [--docs 1000 10000] [--runs local1 local2 ray2]
                               [--db corpus.sqlite | --db postgresql://…] [--pipeline structure,notes]

--db names the store to write: a SQLite path (a fresh file per run, the name given a
suffix) or, once a PostgreSQL store exists, its URL (emptied by the caller between runs).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)  # benchmarks/numbers.py would shadow the standard library's numbers module
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._common import SHARED, machine  # noqa: E402

import historiograph as hg  # noqa: E402

WORDS = ["archive", "fire", "record", "letter", "report", "witness", "decree", "census"]


def make_corpus(folder: Path, n: int) -> tuple[int, int]:
    sources = sorted((SHARED / "seeds").glob("0*.txt")) + hg.sample_corpus()
    texts = [(s.suffix, s.read_text(encoding="utf-8")) for s in sources]
    size = 0
    for k in range(n):
        suffix, text = texts[k % len(texts)]
        word = WORDS[k % len(WORDS)]
        edited = text.replace(" the ", f" the {word} ", 1 + k % 4) + f"\n\nCopy {k}: the {word} was read again.\n"
        sub = folder / f"{k // 1000:03}"
        sub.mkdir(exist_ok=True)
        data = edited.encode("utf-8")
        (sub / f"{k:05}{suffix}").write_bytes(data)
        size += len(data)
    return n, size


def db_for(template: str | None, tmp: Path, label: str) -> str:
    if template and "://" in template:
        return template
    base = Path(template) if template else tmp / "corpus.sqlite"
    return str(base.with_name(f"{base.stem}-{label}{base.suffix or '.sqlite'}"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", nargs="+", default=["local1", "local2", "ray2"],
                        help="local<N> (--jobs N) or ray<N> (Ray with N workers)")
    parser.add_argument("--db", help="SQLite path (a fresh file per run) or a store URL")
    parser.add_argument("--pipeline", help="components to run (default: the whole pipeline)")
    parser.add_argument("--steps", choices=("each", "first", "none"), default="first",
                        help="corpus steps: after each run (timed apart from the documents), once on the last "
                             "run's store (default), or not at all")
    args = parser.parse_args()
    pipeline = args.pipeline.split(",") if args.pipeline else list(hg.DEFAULT_PIPELINE)
    tmp = Path(tempfile.mkdtemp(prefix="hg-scale-"))
    print(f"scale benchmark · {machine()} · pipeline {','.join(pipeline)}")
    try:
        for n in args.docs:
            corpus = tmp / f"corpus{n}"
            corpus.mkdir()
            _, size = make_corpus(corpus, n)
            print(f"{n} documents, {size / 1e6:.1f} MB")
            base = None
            for run in args.runs:
                engine = "ray" if run.startswith("ray") else "local"
                jobs = int(run[len(engine):] or 1)
                db = db_for(args.db, tmp, f"{n}-{run}")
                started = time.perf_counter()
                summary = hg.analyze([corpus], db, jobs=jobs, pipeline=pipeline, engine=engine,
                                     corpus=args.steps == "each")
                seconds = time.perf_counter() - started
                if args.steps == "each":
                    seconds -= sum(r.seconds for r in summary.corpus)  # documents/s is the runner's
                rate = len(summary.added) / seconds
                base = base or rate / jobs
                print(f"  {run:8} {len(summary.added):6} documents in {seconds:8.1f} s · {rate:6.2f} documents/s · "
                      f"{rate / jobs:6.2f} per worker ({rate / jobs / base:4.2f} of local1's) · errors "
                      f"{len(summary.errors)} · peak worker memory {summary.peak_rss / 2**20:.0f} MiB", flush=True)
                if args.steps == "each":
                    print("           corpus steps: " + ", ".join(f"{r.name} {r.seconds:.1f} s" for r in summary.corpus
                                                              if r.ran), flush=True)
            if args.steps == "first":
                with hg.open_store(db_for(args.db, tmp, f"{n}-{args.runs[-1]}")) as store:
                    started = time.perf_counter()
                    reports = hg.run_steps(store)
                print(f"  corpus steps on the last run's store: {time.perf_counter() - started:.1f} s (" +
                      ", ".join(f"{r.name} {r.seconds:.1f} s" for r in reports if r.ran) + ")", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
