"""The local engine: capped workers, only a dead worker's own file blamed, no orphans,
budgets that stop a runaway component and let the rest of the document and corpus go on."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import historiograph as hg
from historiograph import runner
from historiograph.components.base import component
from historiograph.runner import local

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker tests use /proc and fork")



def files(folder: Path, n: int, special: dict[int, str] | None = None) -> list[str]:
    folder.mkdir(exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"d{i}.txt"
        p.write_text((special or {}).get(i, f"Document {i}.\n\nPlain body text number {i}.\n"))
        out.append(str(p.resolve()))
    return out


def test_jobs_are_capped_by_cores_and_files(tmp_path, monkeypatch):
    cores = local.available_cores()
    assert local.worker_count(1000, 30) == min(cores, 30)
    assert local.worker_count(40, 5) == min(cores, 5)
    assert local.worker_count(None, 1) == 1
    started = []
    real = local.Worker.__init__

    def counting(self, *args):
        started.append(1)
        real(self, *args)

    monkeypatch.setattr(local.Worker, "__init__", counting)
    summary = hg.analyze([tmp_path / "in"] if files(tmp_path / "in", 3) else [], tmp_path / "c.sqlite",
                         jobs=1000, pipeline=["structure"])
    assert len(summary.added) == 3 and len(started) == summary.workers == min(cores, 3)


def test_a_dying_worker_blames_only_its_own_file(tmp_path, registry):
    def killer(doc):
        if "KILLME" in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return {"x": []}

    component("t.killer", "1", produces=("x",))(killer)
    paths = files(tmp_path, 6, {2: "KILLME now.\n"})
    outcomes = list(runner.run(paths, ["t.killer"], jobs=2))
    assert len(outcomes) == 6
    [dead] = [o for o in outcomes if o.error]
    assert dead.path.endswith("d2.txt") and dead.error.code == "input.worker_died"
    assert "killed by SIGKILL" in dead.error.reason
    assert sum(o.doc is not None for o in outcomes) == 5


def test_a_file_past_the_wall_clock_limit_is_stopped_alone(tmp_path, registry, monkeypatch):
    def sleeper(doc):
        if "SLEEP" in doc.text:
            time.sleep(600)  # no CPU used: only the wall-clock limit ends this
        return {"x": []}

    component("t.sleeper", "1", produces=("x",))(sleeper)
    monkeypatch.setenv("HISTORIOGRAPH_FILE_TIMEOUT", "3")
    paths = files(tmp_path, 4, {1: "SLEEP please.\n"})
    started = time.monotonic()
    outcomes = list(runner.run(paths, ["t.sleeper"], jobs=2))
    assert time.monotonic() - started < 60
    [late] = [o for o in outcomes if o.error]
    assert late.path.endswith("d1.txt") and late.error.code == "input.timeout"
    assert sum(o.doc is not None for o in outcomes) == 3


def test_a_runaway_component_is_stopped_by_its_budget_and_the_rest_runs(tmp_path, registry, monkeypatch):
    def spin(doc):
        while True:
            pass

    component("t.spin", "1", produces=("x",))(spin)
    monkeypatch.setenv("HISTORIOGRAPH_TIME_BUDGET", "1.5")
    paths = files(tmp_path, 2)
    outcomes = list(runner.run(paths, ["t.spin", "structure"], jobs=2))
    for o in outcomes:
        problems = o.doc.layer("problems")
        [budget] = [p for p in problems if p.code == "component.budget"]
        assert budget.message.startswith("t.spin stopped after") and "x layer is missing" in budget.message
        # structure ran before or after it: with time left, or skipped with its own line
        assert o.doc.layer("sections") or any(p.message.startswith("structure did not run") for p in problems)


def test_a_component_over_the_memory_limit_is_stopped(tmp_path, registry, monkeypatch):
    def hog(doc):
        blocks = []
        while True:
            blocks.append(bytearray(64 * 2**20))

    component("t.hog", "1", produces=("x",))(hog)
    component("t.after", "1", produces=("y",))(lambda d: {"y": []})
    monkeypatch.setenv("HISTORIOGRAPH_WORKER_MEMORY", str(1024 * 2**20))
    [outcome] = list(runner.run(files(tmp_path, 1), ["t.hog", "t.after"], jobs=1))
    [budget] = [p for p in outcome.doc.layer("problems") if p.code == "component.budget"]
    assert "ran out of memory" in budget.message and "1.0 GiB more" in budget.message
    assert "y" in outcome.doc.layers


def test_a_non_utf8_file_name_does_not_stop_the_run(tmp_path):
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    for name, data in ((b"good\xff.txt", b"A readable text.\n"), (b"empty\xfe.txt", b""),
                       (b"plain.txt", b"Another text.\n")):
        with open(folder + b"/" + name, "wb") as fh:
            fh.write(data)
    db = tmp_path / "c.sqlite"
    errors = []
    summary = hg.analyze([tmp_path / "in"], db, jobs=2, pipeline=["structure"], on_error=errors.append)
    assert len(summary.added) == 2
    [error] = errors
    assert str(error) == f"{tmp_path}/in/empty\\xfe.txt: empty file"
    again = hg.analyze([tmp_path / "in"], db, jobs=2, pipeline=["structure"])
    assert again.unchanged == 2 and not again.added
    with hg.open_store(db) as store:
        sources = sorted(r.source for r in store.documents())
        assert sources[0].endswith("good\\xff.txt")
        assert store.document("good\\xff").text == "A readable text.\n"


def test_one_broken_file_by_another_spelling_is_reported_once(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n....")
    db = tmp_path / "c.sqlite"
    hg.analyze([tmp_path / "in" / "bad.txt"], db, engine="inline")
    hg.analyze([f"{tmp_path}/in/../in/./bad.txt"], db, engine="inline")
    os.chdir(tmp_path)
    hg.analyze(["in/bad.txt"], db, engine="inline")
    with hg.open_store(db) as store:
        assert len(store.corpus_problems()) == 1


CHILD = textwrap.dedent("""
    import sys, historiograph as hg
    from historiograph.components.base import component
    import time

    @component("t.slow", "1", produces=("x",))
    def slow(doc):
        time.sleep(600)
        return {"x": []}

    hg.analyze([sys.argv[1]], sys.argv[2], jobs=2, pipeline=["t.slow"])
""")


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_die_with_their_parent(tmp_path):
    files(tmp_path / "in", 4)
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    proc = subprocess.Popen([sys.executable, str(script), str(tmp_path / "in"), str(tmp_path / "c.sqlite")])
    try:
        deadline = time.monotonic() + 60
        while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        workers = _children(proc.pid)
        assert len(workers) == 2, "the workers did not start"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(map(_alive, workers)), "workers outlived their parent"
    finally:
        if proc.poll() is None:
            proc.kill()
