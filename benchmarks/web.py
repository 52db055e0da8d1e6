"""Web reader benchmark: latency of the overview, a document page and a search on a store
of 10,000 documents, and 100 concurrent requests.

The store is built at run time and never committed: the five seeds and the four bundled
samples are analysed once, then written again through the store API as copies with edits
(a new source and title, and a closing line that differs from copy to copy, so the texts,
ids and search index are all distinct), until there are --docs documents; then the corpus
steps (register, statistics) run over all of them. `historiograph serve` answers over HTTP
in a subprocess, as a user would run it.

    python benchmarks/web.py [--docs 10000] [--keep STORE.sqlite] [--requests 200]
                             [--datasette PATH/TO/datasette]

--keep reuses (or leaves) the built store; --datasette measures Datasette's table, row and
full-text search pages on the same SQLite file as a peer.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this folder would come first on the path and its numbers.py would hide the
# standard library's `numbers` (which `statistics` imports): the repository root goes first instead.
sys.path[:1] = [str(Path(__file__).resolve().parents[1])]

import argparse
import dataclasses
import http.client
import random
import statistics
import subprocess
import tempfile
import threading
import time
from urllib.parse import quote

from benchmarks._common import SHARED, machine  # noqa: E402

import historiograph as hg  # noqa: E402
from historiograph.adapters import VERSIONS as ADAPTER_VERSIONS  # noqa: E402
from historiograph.components import DEFAULT_PIPELINE  # noqa: E402
from historiograph.model import Document  # noqa: E402
from historiograph.runner import plan  # noqa: E402

WORDS = ("archive", "census", "famine", "tribunal", "ledger", "memoir", "pamphlet", "telegram", "decree", "harvest",
         "garrison", "chronicle", "petition", "ministry", "manifesto", "dossier")
SEARCHES = ("Stalin", "archive", "fire", '"doctors plot"', "Zionism", "Nero", "famine OR tribunal", "chron*",
            "ministry", "Tacitus")
TARGET_P95_MS = 100.0


def build(db: Path, n_docs: int) -> None:
    base_db = db.with_name(db.stem + "-base.sqlite")
    sources = sorted((SHARED / "seeds").glob("0*.txt")) + hg.sample_corpus()
    t0 = time.perf_counter()
    if not base_db.exists():
        hg.analyze(sources, base_db, jobs=2)
    with hg.open_store(base_db, read_only=True) as store:
        base = [store.document(r.id) for r in store.documents()]
    print(f"analysed {len(base)} documents in {time.perf_counter() - t0:.1f} s")
    names = list(ADAPTER_VERSIONS) + [f"{c.name}@{c.version}" for c in plan(DEFAULT_PIPELINE)]
    t0 = time.perf_counter()
    with hg.open_store(db) as store:
        have = store.count_documents()
        for k in range(have, n_docs):
            doc = base[k % len(base)]
            name = Path(doc.meta.source_path or doc.id).name
            tail = (f"\n\nCopy {k} of {name}, filed under {WORDS[k % len(WORDS)]} and "
                    f"{WORDS[(k * 7 + k // len(WORDS)) % len(WORDS)]}.\n")
            meta = dataclasses.replace(doc.meta, source_path=f"/bench/{k // 1000:02d}/{k:05d}-{name}",
                                       title=f"{doc.meta.title or name} (copy {k})")
            copy = Document(text=doc.text + tail, meta=meta, layers=doc.layers)
            store.write_document(copy, pipeline=names)
            if k % 1000 == 999:
                print(f"  {k + 1} documents written ({time.perf_counter() - t0:.0f} s)", flush=True)
        t1 = time.perf_counter()
        reports = hg.run_steps(store)
        print(f"wrote {n_docs - have} copies in {t1 - t0:.1f} s; corpus steps in {time.perf_counter() - t1:.1f} s "
              f"({', '.join(f'{r.name} {r.seconds:.1f} s' for r in reports if r.ran)})")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class Client:
    """One keep-alive HTTP connection per thread."""

    def __init__(self, port: int):
        self.port = port
        self.local = threading.local()

    def get(self, path: str) -> tuple[int, float, int]:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        t0 = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
        except (http.client.HTTPException, OSError):
            self.local.conn = None
            conn.close()
            raise
        return response.status, (time.perf_counter() - t0) * 1000, len(body)


def serve(cmd: list[str], port: int, ready: str) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    client = Client(port)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if client.get(ready)[0] == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"{cmd[0]} did not start: {proc.stderr.read().decode()[:500] if proc.stderr else ''}")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentiles(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95, ordered[-1]


def measure(client: Client, paths: list[str]) -> tuple[float, float, float, int]:
    client.get(paths[0])  # warm the connection
    times, sizes = [], []
    for path in paths:
        status, ms, size = client.get(path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        times.append(ms)
        sizes.append(size)
    p50, p95, worst = percentiles(times)
    return p50, p95, worst, int(statistics.median(sizes))


def concurrent(port: int, paths: list[str]) -> tuple[int, int, float, float]:
    """Fire all requests at once (one thread and connection each): (ok, failed, wall s, slowest ms)."""
    results: list[tuple[int, float]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(paths))

    def one(path: str) -> None:
        client = Client(port)
        barrier.wait()
        try:
            status, ms, _ = client.get(path)
        except OSError:
            status, ms = 0, 0.0
        with lock:
            results.append((status, ms))

    threads = [threading.Thread(target=one, args=(p,)) for p in paths]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    ok = sum(1 for s, _ in results if s == 200)
    return ok, len(results) - ok, wall, max(ms for _, ms in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="Build the store here (or reuse it) and leave it.")
    parser.add_argument("--requests", type=int, default=200, help="Requests per page kind.")
    parser.add_argument("--datasette", help="A datasette executable, to measure it on the same file.")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="hg-web-"))
    db = args.keep or tmp / "bench.sqlite"
    t0 = time.perf_counter()
    build(db, args.docs)
    build_s = time.perf_counter() - t0
    with hg.open_store(db, read_only=True) as store:
        ids = [r.id for r in store.documents()]
        n_records = sum(store.layer_counts()[""].values())
        n_docs = len(ids)
    size_mb = db.stat().st_size / 1e6
    print(f"web benchmark · {machine()} · {n_docs:,} documents, {n_records:,} records, {size_mb:,.0f} MB "
          f"(built in {build_s:.0f} s)")
    rng = random.Random(15)
    n = args.requests
    docs = [rng.choice(ids) for _ in range(n)]
    searches = [SEARCHES[k % len(SEARCHES)] for k in range(n)]
    pages = {
        "overview /": ["/"] * n,
        "overview, a deep page": [f"/?offset={rng.randrange(0, max(1, n_docs - 50))}" for _ in range(n)],
        "document page /documents/{id}": [f"/documents/{quote(d)}" for d in docs],
        "document JSON /documents/{id}.json": [f"/documents/{quote(d)}.json" for d in docs],
        "search /search?q=": [f"/search?q={quote(q)}" for q in searches],
        "search, page 3": [f"/search?q={quote(q)}&offset=40" for q in searches],
        "people /people": ["/people"] * max(20, n // 10),
        "sources /sources": ["/sources"] * max(20, n // 10),
        "problems /problems": ["/problems"] * max(20, n // 10),
    }
    port = free_port()
    cmd = [sys.executable, "-c", "from historiograph.cli import main; main()", "serve", "--db", str(db),
           "--port", str(port)]
    proc = serve(cmd, port, "/.json")
    failed = False
    try:
        client = Client(port)
        print(f"\n{'historiograph serve':<38} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'size':>9}")
        for name, paths in pages.items():
            p50, p95, worst, size = measure(client, paths)
            key = name in ("overview /", "document page /documents/{id}", "search /search?q=")
            mark = ("  ok" if p95 < TARGET_P95_MS else "  MISSES the 100 ms target") if key else ""
            failed |= key and p95 >= TARGET_P95_MS
            print(f"{name:<38} {p50:8.1f} {p95:8.1f} {worst:8.1f} {size / 1000:7.0f} kB{mark}")
        mixed = ["/"] * 34 + [f"/documents/{quote(d)}" for d in docs[:33]] + \
                [f"/search?q={quote(q)}" for q in searches[:33]]
        ok, bad, wall, slowest = concurrent(port, mixed)
        failed |= bad > 0
        print(f"\n100 concurrent requests (34 overview, 33 documents, 33 searches): {ok} answered 200, {bad} failed, "
              f"all done in {wall:.2f} s (slowest {slowest:.0f} ms)")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    if args.datasette:
        peer(args.datasette, db, ids, rng, n, searches)
    if not args.keep:
        for p in tmp.iterdir():
            p.unlink()
        tmp.rmdir()
    return 1 if failed else 0


def peer(datasette: str, db: Path, ids: list[str], rng: random.Random, n: int, searches: list[str]) -> None:
    """Datasette on the same file (immutable, as `datasette -i`): its table, row and search pages."""
    port = free_port()
    name = db.stem
    proc = serve([datasette, "serve", "-i", str(db), "--port", str(port), "--setting", "sql_time_limit_ms", "60000",
                  "--setting", "facet_time_limit_ms", "100"], port, f"/{name}.json")
    try:
        client = Client(port)
        docs = [rng.choice(ids) for _ in range(n)]
        pages = {
            "table /db/documents (50 rows)": [f"/{name}/documents?_size=50&_nofacet=1"] * n,
            "row /db/documents/{id}": [f"/{name}/documents/{quote(d)}" for d in docs],
            "row JSON /db/documents/{id}.json": [f"/{name}/documents/{quote(d)}.json" for d in docs],
            "search /db/documents?_search=": [f"/{name}/documents?_search={quote(q)}&_size=20&_nofacet=1"
                                              for q in searches],
        }
        print(f"\n{'peer: Datasette, same file':<38} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'size':>9}")
        for label, paths in pages.items():
            p50, p95, worst, size = measure(client, paths)
            print(f"{label:<38} {p50:8.1f} {p95:8.1f} {worst:8.1f} {size / 1000:7.0f} kB")
        mixed = [f"/{name}/documents?_size=50&_nofacet=1"] * 34 + [f"/{name}/documents/{quote(d)}" for d in docs[:33]] + \
                [f"/{name}/documents?_search={quote(q)}&_size=20&_nofacet=1" for q in searches[:33]]
        ok, bad, wall, slowest = concurrent(port, mixed)
        print(f"100 concurrent requests: {ok} answered 200, {bad} failed, all done in {wall:.2f} s "
              f"(slowest {slowest:.0f} ms)")
    finally:
        proc.terminate()
        proc.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())
