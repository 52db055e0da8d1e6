import json
import struct
import zlib

from typer.testing import CliRunner

from historiograph.cli import app

runner = CliRunner()


def invoke(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def tiny_png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


def test_demo_then_every_command(tmp_path):
    db = tmp_path / "demo.sqlite"
    result = invoke("demo", "--db", db)
    assert result.exit_code == 0 and "4 new" in result.output and db.exists()
    assert "essay" in invoke("documents", "--db", db).output
    shown = invoke("show", "essay", "--db", db).output
    assert "Who Burned Rome?" in shown and "notes" in shown and "boilerplate" in shown
    found = invoke("search", "Antium", "--db", db).output
    assert "Antium" in found and "essay-" in found
    assert "no problems" in invoke("problems", "--db", db).output
    out = tmp_path / "x.json"
    assert invoke("export", "--db", db, "--format", "json", "--out", out).exit_code == 0
    assert len(json.loads(out.read_text())["documents"]) == 4


def test_bad_inputs_are_reported_and_the_rest_analysed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(tiny_png())
    (folder / "latin.txt").write_bytes("Un débat très animé sur Néron et l'incendie de Rome, "
                                       "où chacun défend sa thèse préférée.".encode("latin-1"))
    (folder / "big.txt").write_text(("A long paragraph about the fire and the archive. " * 40 + "\n\n") * 10_500)
    (folder / "good.txt").write_text("A fine text.\n\nWith a body.")
    db = tmp_path / "c.sqlite"
    result = invoke("analyze", folder, "--db", db, "--jobs", "2")
    assert result.exit_code == 0
    assert "empty.txt: empty file" in result.output
    assert "image.txt: not text: looks like a PNG image" in result.output
    assert "3 new, 0 unchanged, 2 unreadable" in result.output
    assert "Néron" in invoke("show", "latin", "--db", db).output
    problems = invoke("problems", "--db", db).output
    assert "input.empty" in problems and "input.binary" in problems
    assert invoke("analyze", folder, "--db", db).output.count("0 new, 3 unchanged") == 1


def test_clear_errors_for_missing_db_and_document(tmp_path):
    result = invoke("show", "nothing", "--db", tmp_path / "none.sqlite")
    assert result.exit_code == 1 and "no such corpus database" in result.output
    db = tmp_path / "demo.sqlite"
    invoke("demo", "--db", db)
    result = invoke("show", "no-such-doc", "--db", db)
    assert result.exit_code == 1 and "no document matches 'no-such-doc'" in result.output
    assert invoke("export", "--db", db, "--format", "xml", "--out", tmp_path / "x").exit_code == 1


def test_notes_and_sources_commands(tmp_path):
    db = tmp_path / "demo.sqlite"
    invoke("demo", "--db", db)
    shown = invoke("notes", "essay", "--db", db).output
    assert "ibid" in shown and "Tacitus" in shown and "short" in shown
    cited = invoke("sources", "--db", db).output
    assert "Rome in Flames" in cited and "essay" in cited
    out = tmp_path / "refs.json"
    assert invoke("export", "--db", db, "--format", "csl", "--out", out).exit_code == 0
    assert json.loads(out.read_text())


def test_terms_command_shows_use_and_mention_and_a_corpus_summary(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "post.txt").write_text("Those kikes run the bank.\n")
    (folder / "essay.txt").write_text("The word kike is an ethnic slur, listed in every dictionary.\n")
    db = tmp_path / "t.sqlite"
    invoke("analyze", folder, "--db", db, "--jobs", "1")
    summary = invoke("terms", "--db", db).output
    assert "1 of 2 documents flagged" in summary
    shown = invoke("terms", "post", "--db", db).output
    assert "USE" in shown and "IHRA example 2" in shown
    assert "mention (discussion)" in invoke("terms", "essay", "--db", db).output
    data = json.loads(invoke("terms", "--db", db, "--json").output)
    assert data["summary"]["flagged"] == 1 and {o["use"] for o in data["occurrences"]} == {"use", "mention"}
    assert "no problems" in invoke("problems", "--db", db).output  # terms are findings, not faults
    out = tmp_path / "x.json"
    invoke("export", "--db", db, "--format", "json", "--out", out)
    layers = [d["layers"] for d in json.loads(out.read_text())["documents"]]
    assert all("terms" in ls for ls in layers)
