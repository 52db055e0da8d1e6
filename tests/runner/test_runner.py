import pytest

from historiograph import components, runner
from historiograph.components.base import component
from historiograph.model import Document, Section



def test_plan_orders_by_layers(registry):
    component("t.b", "1", requires=("a",), produces=("b",))(lambda d: {})
    component("t.a", "1", produces=("a",))(lambda d: {})
    assert [c.name for c in runner.plan(["t.b", "t.a"])] == ["t.a", "t.b"]


def test_plan_rejects_missing_layer_and_unknown_component(registry):
    component("t.c", "1", requires=("nowhere",), produces=("c",))(lambda d: {})
    with pytest.raises(ValueError, match="needs layer 'nowhere'"):
        runner.plan(["t.c"])
    with pytest.raises(KeyError, match="no component named"):
        runner.plan(["t.missing"])


def test_crash_becomes_problem_and_dependents_are_skipped(registry):
    def boom(doc):
        raise RuntimeError("bad day")

    component("t.crash", "2", produces=("x",))(boom)
    component("t.after", "1", requires=("x",), produces=("y",))(lambda d: {"y": []})
    component("t.ok", "1", produces=("sections",))(
        lambda d: {"sections": [Section(spans=((0, 1),), kind="body", component="t.ok", version="1")]})
    doc = runner.run_document(Document(text="hello"), runner.plan(["t.crash", "t.after", "t.ok"]))
    codes = [p.code for p in doc.layer("problems")]
    assert codes == ["component.crash", "component.skipped"]
    assert "t.crash 2 crashed: RuntimeError: bad day" in doc.layer("problems")[0].message
    assert len(doc.layer("sections")) == 1


def test_run_in_parallel_yields_every_file(tmp_path):
    paths = []
    for i in range(6):
        p = tmp_path / f"d{i}.txt"
        p.write_text(f"Document number {i}.\n\nSome body text.")
        paths.append(str(p))
    (tmp_path / "empty.txt").write_text("")
    paths.append(str(tmp_path / "empty.txt"))
    outcomes = list(runner.run(paths, components.DEFAULT_PIPELINE, jobs=2))
    assert len(outcomes) == 7
    assert sum(o.doc is not None for o in outcomes) == 6
    [bad] = [o for o in outcomes if o.error]
    assert bad.error.code == "input.empty"


def test_collect_paths_walks_folders(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("b")
    (tmp_path / ".hidden.txt").write_text("c")
    (tmp_path / "x.docx").write_bytes(b"PK")
    paths, errors = runner.collect_paths([tmp_path, tmp_path / "nope.txt"])
    assert [p.rsplit("/", 1)[-1] for p in paths] == ["a.txt", "b.md"]
    assert sorted(e.code for e in errors) == ["input.missing", "input.unsupported"]


def test_each_file_is_read_once_and_stored_content_is_not_parsed_again(db, tmp_path, monkeypatch):
    import historiograph as hg
    from historiograph.runner import process

    for i in range(3):
        (tmp_path / f"d{i}.txt").write_text(f"Essay {i}\n\nBody text number {i} about the archive.\n")
    reads: list[str] = []
    parsed: list[str] = []
    real_read, real_parse = process.read_file, process.read_bytes

    def counting(path, *args):
        reads.append(path.rsplit("/", 1)[-1])
        return real_read(path, *args)

    def parsing(data, path):
        parsed.append(path.rsplit("/", 1)[-1])
        return real_parse(data, path)

    monkeypatch.setattr(process, "read_file", counting)
    monkeypatch.setattr(process, "read_bytes", parsing)
    first = hg.analyze([tmp_path], db, pipeline=["structure"], engine="inline")
    assert len(first.added) == 3 and sorted(reads) == ["d0.txt", "d1.txt", "d2.txt"]
    reads.clear()
    parsed.clear()
    (tmp_path / "d1.txt").write_text("Essay 1\n\nThe body changed.\n")
    again = hg.analyze([tmp_path], db, pipeline=["structure"], engine="inline")
    assert sorted(reads) == ["d0.txt", "d1.txt", "d2.txt"]  # once each, not hashed and then parsed
    assert parsed == ["d1.txt"]  # stored content is not parsed again
    assert len(again.added) == 1 and again.unchanged == 2
