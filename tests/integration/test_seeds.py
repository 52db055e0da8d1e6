"""The structure the foundation issue promises on ../shared/seeds (read at run time)."""

import json

import pytest

import historiograph as hg
from historiograph.cli import app
from tests.conftest import seed
from typer.testing import CliRunner

pytestmark = pytest.mark.seeds


def texts(doc, kind, top=None):
    return [doc.text[s.start:s.end] for s in doc.layer("sections")
            if s.kind == kind and (top is None or (s.parent is None) == top)]


def test_000_notes_and_boilerplate(seeds):
    doc = hg.read(seed(seeds, "000"))
    [notes] = texts(doc, "notes")
    assert notes.startswith("1\n\nBenjamin Pinkus") and "\n\n71\n\nAfterword" in notes
    numbers = [line for line in notes.split("\n") if line.strip().isdigit()]
    assert numbers == [str(n) for n in range(1, 72)]
    boiler = "\n".join(texts(doc, "boilerplate"))
    for must in ("Share this post", "Subscribe to The Stalin Era", "Already a paid subscriber? Sign in",
                 "© 2025 After History", "Privacy ∙ Terms ∙ Collection notice",
                 "Substack is the home for great culture"):
        assert must in boiler, must
    body = "\n".join(texts(doc, "body"))
    assert "Was Stalin antisemitic?" in body and "Share this post" not in body
    assert not any("Subscribe to" in n for n in texts(doc, "notes"))


def test_001_posts_and_quotes(seeds):
    doc = hg.read(seed(seeds, "001"))
    posts = texts(doc, "post")
    assert len(posts) == 3 == doc.text.count("[–] ")
    assert all(p.startswith("[–] ") for p in posts)
    quotes = [s for s in doc.layer("sections") if s.kind == "quote"]
    quoted = [line for line in doc.text.split("\n") if line.startswith(">")]
    assert len(quotes) == len(quoted) == 4
    post_ids = {s.id for s in doc.layer("sections") if s.kind == "post"}
    assert all(q.parent in post_ids for q in quotes)
    assert all(doc.text[q.start:q.end].startswith(">") for q in quotes)
    assert "(post is archived)" in "\n".join(texts(doc, "boilerplate"))


def test_002_notes_and_tail(seeds):
    doc = hg.read(seed(seeds, "002"))
    [notes] = texts(doc, "notes")
    assert notes.startswith("1. ") and notes.rstrip().endswith("Quoted in Bolton, p. 6")
    assert [int(line.split(".")[0]) for line in notes.split("\n") if line.strip()[:1].isdigit()] == list(range(1, 8))
    tail = doc.text[doc.text.index("More In: Personages"):]
    boiler = texts(doc, "boilerplate")
    assert tail.rstrip() in boiler


def test_004_reading_list_and_comment_form(seeds):
    doc = hg.read(seed(seeds, "004"))
    [biblio] = texts(doc, "bibliography")
    assert biblio.startswith("Whitewood Peter, The Red Army") and "Martens, Ledo" in biblio
    assert biblio.endswith("France Agreed”")
    boiler = "\n".join(texts(doc, "boilerplate"))
    assert "Leave a Reply" in boiler and "Connecting to %s" in boiler
    assert "Fill in your details below" in boiler


def test_analyze_and_export_the_seed_folder(seeds, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["analyze", str(seeds), "--db", "s.sqlite"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", "--db", "s.sqlite", "--format", "json", "--out", "s.json"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "s.json").read_text())
    by_name = {d["source"].rsplit("/", 1)[-1][:3]: d for d in data["documents"]}
    kinds = {k: {r["kind"] for r in d["layers"]["sections"]} for k, d in by_name.items()}
    assert {"notes", "boilerplate", "body"} <= kinds["000"]
    assert {"post", "quote", "boilerplate"} <= kinds["001"]
    assert {"notes", "boilerplate"} <= kinds["002"]
    assert {"bibliography", "boilerplate"} <= kinds["004"]
