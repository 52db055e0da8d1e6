"""Every command: fits 80 columns, has a JSON twin, says one clear line when something is wrong."""

import json

import pytest
from typer.testing import CliRunner

import historiograph as hg
from historiograph.cli import app
from tests.conftest import STORES, is_pg, new_location

runner = CliRunner()


def run(*args, **env):
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "80", **env})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture(scope="module", params=STORES)
def db(request, tmp_path_factory):
    location = new_location(request, tmp_path_factory.mktemp("cli"), "demo")
    hg.analyze(hg.sample_corpus(), location, jobs=1)
    return location


@pytest.mark.parametrize("args", [
    ["documents"], ["show", "essay"], ["notes", "essay"], ["quotes", "essay"], ["works"], ["sources"],
    ["people"], ["person", "Marsh"], ["who", "Marsh"], ["problems"], ["search", "Nero"], ["summary", "essay"],
    ["text", "essay", "0", "16"], ["claims", "essay"], ["numbers"], ["disputes"], ["terms"], ["terms", "forum"],
])
def test_every_command_fits_80_columns_and_has_a_json_twin(db, args):
    result = run(*args, "--db", db)
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80, result.output
    twin = run(*args, "--db", db, "--json")
    data = json.loads(twin.output)
    assert data["view"]


def test_long_output_is_summarised_with_a_way_to_see_all(db):
    shown = run("quotes", "essay", "--db", db, "--limit", "2").output
    assert "more attributions" in shown and "--all" in shown
    assert "more attributions" not in run("quotes", "essay", "--db", db, "--all").output


@pytest.mark.parametrize("query", ["AND", "OR Stalin", "NOT", '"', "Nero AND", "a OR OR b"])
def test_any_search_is_one_clear_line_or_hits(db, query):
    result = run("search", query, "--db", db)
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) >= 1


def test_search_limit_and_all(db):
    one = run("search", "the", "--db", db, "--limit", "1").output
    assert "1 of" in one and "--all" in one
    every = run("search", "the", "--db", db, "--all", "--json")
    data = json.loads(every.output)
    assert len(data["hits"]) == data["total"] and data["total"] > 5


def test_text_at_offsets(db):
    data = json.loads(run("text", "essay", "0", "16", "--db", db, "--json").output)
    assert data["text"] == "Who Burned Rome?" and data["section"] == "title"
    assert run("text", "essay", "10", "99999999", "--db", db).exit_code == 1


def test_summary_gives_the_document_in_one_screen(db):
    out = run("summary", "essay", "--db", db).output
    assert "notes: 12 notes" in out and "attributions" in out and "Marta Okonkwo-Reyes" in out


def test_a_missing_path_is_an_error(tmp_path):
    result = run("analyze", tmp_path / "nonexistent.txt", "--db", tmp_path / "c.sqlite")
    assert result.exit_code != 0 and "no such file" in result.output


def test_notes_on_a_document_without_notes_says_so(db):
    assert "has no notes" in run("notes", "post", "--db", db).output


def test_author_and_date_come_from_the_byline(db):
    data = json.loads(run("documents", "--db", db, "--json").output)
    essay = next(d for d in data["documents"] if d["id"].startswith("essay"))
    assert essay["author"] == "Marta Okonkwo-Reyes" and essay["date"] == "Mar 3, 2024"


def test_terminal_escapes_in_a_document_are_shown_inert(fresh_db, tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text("Title\n\nA text with \x1b[31mred\x1b[0m and a bell \x07 inside it.\n")
    db = fresh_db
    run("analyze", path, "--db", db)
    for args in (["show", "evil"], ["search", "bell"], ["text", "evil", "0", "40"]):
        out = run(*args, "--db", db).output
        assert "\x1b" not in out and "\x07" not in out and "\\x1b" in out


def test_review_confirm_and_reject(db, copy_corpus, tmp_path):
    copy = copy_corpus(db)
    data = json.loads(run("quotes", "essay", "--db", copy, "--json").output)
    att = data["quotes"][0]["id"]
    result = run("review", "reject", att, "--db", copy, "--note", "not what she said", "--author", "me")
    assert result.exit_code == 0 and "rejected" in result.output
    after = json.loads(run("quotes", "essay", "--db", copy, "--json").output)
    assert att not in {q["id"] for q in after["quotes"]} and after["hidden"] >= 1
    assert run("review", "confirm", "att-000000000000", "--db", copy).exit_code == 1
    exported = tmp_path / "x.json"
    run("export", "--db", copy, "--out", exported)
    reviews = json.loads(exported.read_text())["reviews"]
    assert reviews[0]["target"] == att and reviews[0]["author"] == "me"


def test_export_refuses_the_database_itself(db, copy_corpus, tmp_path):
    if is_pg(db):
        pytest.skip("a PostgreSQL corpus is no file an export could write over")
    copy = copy_corpus(db)
    result = run("export", "--db", copy, "--out", copy)
    assert result.exit_code == 1 and "corpus database itself" in result.output
    assert json.loads(run("documents", "--db", copy, "--json").output)["total_documents"] == 4


def test_export_json_has_entities_and_summaries(db, tmp_path):
    out = tmp_path / "x.json"
    run("export", "--db", db, "--out", out)
    data = json.loads(out.read_text())
    assert data["entities"] and all({"id", "kind", "name", "variants", "mentions"} <= set(e) for e in data["entities"])
    marsh = next(e for e in data["entities"] if e["name"] == "Helena Marsh")
    assert {m["document"] for m in marsh["mentions"]} and all(m["spans"] for m in marsh["mentions"])
    assert "entity_links" in data and "corpus_stats" in data
