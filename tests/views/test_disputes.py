"""The disputes view over a small corpus of our own, its CLI command, web page and JSON
export: disagreements first, both claims with documents and who asserts them, filters."""

import json

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

import historiograph as hg
from historiograph.cli import app
from historiograph.views import NotComputed, disputes_view
from historiograph.web import create_app
from tests.corpus.test_alignments import ESSAY, POST, embedder, write  # noqa: F401  (the session's model)


@pytest.fixture(scope="module")
def db(tmp_path_factory, embedder):  # noqa: F811
    folder = tmp_path_factory.mktemp("disputes")
    write(folder / "in", "essay.txt", ESSAY)
    write(folder / "in", "post.txt", POST)
    hg.analyze([folder / "in"], folder / "c.sqlite", jobs=1, engine="inline")
    return folder / "c.sqlite"


def test_disagreements_first_with_both_claims_and_who_asserts_them(db):
    with hg.open_store(db, read_only=True) as store:
        view = disputes_view(store)
    assert view.by_relation.get("disagree") and view.by_relation.get("agree")
    first = view.rows[0]
    assert first.relation == "disagree" and "did not deliberately" in first.a.text + first.b.text
    assert {first.a.asserted_by, first.b.asserted_by} == {"the author", "poster 1"}
    assert first.a.document != first.b.document and first.a.title == "The Kessel Famine Reconsidered"
    relations = [r.relation for r in view.rows]
    assert relations == sorted(relations, key=lambda r: r != "disagree")
    data = view.to_dict()
    assert data["view"] == "disputes" and data["rows"][0]["a"]["text"] == first.a.text


def test_filters(db):
    with hg.open_store(db, read_only=True) as store:
        assert {r.relation for r in disputes_view(store, relation="agree").rows} == {"agree"}
        assert disputes_view(store, min_score=1.01).rows == []
        post = disputes_view(store, document="post")
        assert post.document.startswith("post") and all(post.document in (r.a.document, r.b.document)
                                                         for r in post.rows)
        with pytest.raises(ValueError, match="unknown relation"):
            disputes_view(store, relation="maybe")


def test_not_computed_before_the_step_ran(tmp_path):
    with hg.open_store(tmp_path / "empty.sqlite") as store:
        assert isinstance(disputes_view(store), NotComputed)


def test_cli_fits_80_columns_and_has_a_json_twin(db):
    runner = CliRunner()
    result = runner.invoke(app, ["disputes", "--db", str(db)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
    assert "disagree" in result.output and "poster 1" in result.output
    twin = json.loads(runner.invoke(app, ["disputes", "--db", str(db), "--relation", "disagree", "--json"]).output)
    assert twin["view"] == "disputes" and {r["relation"] for r in twin["rows"]} == {"disagree"}
    bad = runner.invoke(app, ["disputes", "--db", str(db), "--relation", "maybe"])
    assert bad.exit_code == 1 and "unknown relation" in bad.output


def test_web_page_and_its_json_twin(db):
    with TestClient(create_app(db)) as client:
        page = client.get("/disputes")
        assert page.status_code == 200 and "did not deliberately" in page.text and "poster 1" in page.text
        assert 'class="grid disputes"' in page.text and "#a-cla-" in page.text
        data = client.get("/disputes.json?relation=agree").json()
        assert data["view"] == "disputes" and {r["relation"] for r in data["rows"]} == {"agree"}
        assert client.get("/disputes?relation=maybe").status_code == 400


def test_json_export_carries_the_alignments_not_the_vectors(db, tmp_path):
    from historiograph.export import export_json

    with hg.open_store(db, read_only=True) as store:
        export_json(store, tmp_path / "out.json")
    data = json.loads((tmp_path / "out.json").read_text())
    assert data["alignments"] and "claim_vectors" not in data
    a = data["alignments"][0]
    assert a["type"] == "alignment" and a["a"]["document"] != a["b"]["document"] and a["relation"] in ("agree",
                                                                                                      "disagree")
