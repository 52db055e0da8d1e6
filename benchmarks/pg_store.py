"""Store benchmark: the same analysed documents written to SQLite and to PostgreSQL, the
same queries read back, side by side, so the cost of each store is visible apart from the
analysis (which is the same for both).

    python benchmarks/pg_store.py [--docs 1000] [--writers 2] [--pg postgresql://…]

The documents are the seeds and the bundled samples, analysed once with the default
pipeline, then copied with an edit (a line appended, a new path) into ``--docs`` distinct
documents. Writes: one transaction per document, by one process and by ``--writers``
processes at once (each a share of the documents); then the same documents again (nothing
new: the idempotent path); then the corpus steps. Reads: the median of several runs of each
query. Without --pg (or $HISTORIOGRAPH_TEST_PG) a throw-away server is started with
scripts/pg.sh and stopped at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._common import SHARED, machine  # noqa: E402

import historiograph as hg  # noqa: E402
from historiograph.corpus import run_steps  # noqa: E402
from historiograph.model import Attribution, Document, Entity  # noqa: E402
from historiograph.store import open_store  # noqa: E402

DOCS: list[Document] = []  # filled before the writer processes fork


def base_documents() -> list[Document]:
    sources = sorted((SHARED / "seeds").glob("0*.txt")) + hg.sample_corpus()
    return [hg.read(p) for p in sources]


def copies(base: list[Document], n: int) -> list[Document]:
    out = []
    for k in range(n):
        doc = base[k % len(base)]
        meta = dataclasses.replace(doc.meta, source_path=f"/bench/{k:05}_{Path(doc.meta.source_path).name}")
        out.append(Document(text=doc.text + f"\n\ncopy {k}\n", meta=meta, layers=doc.layers))
    return out


def write_share(location: str, share: int, shares: int) -> None:
    with open_store(location) as store:
        for doc in DOCS[share::shares]:
            store.write_document(doc, file_hash=doc.content_hash, pipeline=["bench@1"])


def timed_writes(location: str, writers: int) -> float:
    t0 = time.perf_counter()
    if writers == 1:
        write_share(location, 0, 1)
    else:
        ctx = multiprocessing.get_context("fork")
        procs = [ctx.Process(target=write_share, args=(location, k, writers)) for k in range(writers)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
            if p.exitcode:
                raise SystemExit(f"a writer failed ({location})")
    return time.perf_counter() - t0


def median_ms(fn, repeat: int = 7) -> float:
    fn()  # warm
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


QUERIES = {
    "documents() list": lambda s: s.documents(),
    "document(id) with layers": lambda s: s.document(s.documents(limit=1)[0].id),
    "search fire": lambda s: s.search("fire"),
    'search "the archive"': lambda s: s.search('"the archive"'),
    "search Stalin OR Nero": lambda s: s.search("Stalin OR Nero", limit=50),
    "search antisem*": lambda s: s.search("antisem*"),
    "records(Attribution) all": lambda s: s.records(Attribution),
    "layer_counts()": lambda s: s.layer_counts(),
    "register: people": lambda s: s.corpus_records(Entity, where={"kind": "person"}),
}


def start_server(folder: Path) -> str:
    import subprocess

    script = Path(__file__).resolve().parents[1] / "scripts" / "pg.sh"
    run = subprocess.run(["bash", str(script), "start", str(folder)], capture_output=True, text=True, check=True)
    return run.stdout.strip().splitlines()[-1]


def new_database(admin: str, name: str) -> str:
    import psycopg
    from urllib.parse import urlsplit, urlunsplit

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return urlunsplit(urlsplit(admin)._replace(path="/" + name))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--pg", default=os.environ.get("HISTORIOGRAPH_TEST_PG", ""),
                        help="a PostgreSQL URL whose user may create databases")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="hg-store-"))
    server = None
    try:
        admin = args.pg
        if not admin:
            server = Path(tempfile.mkdtemp(prefix="hg-store-pg-"))  # the server's user must reach it
            admin = start_server(server)
        t0 = time.perf_counter()
        base = base_documents()
        DOCS.extend(copies(base, args.docs))
        chars = sum(len(d.text) for d in DOCS)
        records = sum(len(v) for d in DOCS for v in d.layers.values())
        print(f"store benchmark · {machine()} · {len(DOCS)} documents ({chars / 1e6:.1f} M characters, "
              f"{records:,} records) from {len(base)} analysed in {time.perf_counter() - t0:.0f} s")
        rows: dict[str, dict[str, str]] = {}
        for kind in ("sqlite", "postgres"):
            for writers in sorted({1, args.writers}):
                loc = str(tmp / f"w{writers}.sqlite") if kind == "sqlite" else new_database(admin, f"hg_bench_w{writers}")
                dt = timed_writes(loc, writers)
                rows.setdefault(f"write, {writers} process{'es' if writers > 1 else ''} (docs/s)", {})[kind] = \
                    f"{len(DOCS) / dt:,.0f}"
            dt = timed_writes(loc, 1)
            rows.setdefault("write again, unchanged (docs/s)", {})[kind] = f"{len(DOCS) / dt:,.0f}"
            with open_store(loc) as store:
                assert store.count_documents() == len(DOCS)
                t0 = time.perf_counter()
                run_steps(store)
                rows.setdefault("corpus steps, full (s)", {})[kind] = f"{time.perf_counter() - t0:.1f}"
            with open_store(loc, read_only=True) as store:
                for name, fn in QUERIES.items():
                    rows.setdefault(f"{name} (ms)", {})[kind] = f"{median_ms(lambda: fn(store)):,.1f}"
        width = max(map(len, rows))
        print(f"| {'operation':{width}} | SQLite | PostgreSQL |")
        print(f"| {'-' * width} | ---: | ---: |")
        for name, values in rows.items():
            print(f"| {name:{width}} | {values.get('sqlite', '')} | {values.get('postgres', '')} |")
    finally:
        if server is not None:
            import subprocess

            subprocess.run(["bash", str(Path(__file__).resolve().parents[1] / "scripts" / "pg.sh"), "stop",
                            str(server)], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
