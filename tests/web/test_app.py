"""The web reader over plain HTTP (Starlette's TestClient): every page and its JSON twin,
escaping of hostile documents, the reader's offsets, review, and the guards."""

from __future__ import annotations

import json

import lxml.html
import pytest
from starlette.testclient import TestClient

import historiograph as hg
from historiograph import views
from historiograph.web import create_app
from historiograph.web.templates import external


@pytest.fixture(scope="module")
def client(sample_db):
    with TestClient(create_app(sample_db)) as c:
        yield c


@pytest.fixture(scope="module")
def ids(sample_db):
    with hg.open_store(sample_db, read_only=True) as store:
        rows = store.documents()
        person = views.people_view(store).entries[0]
    essay = next(r.id for r in rows if "essay" in r.source)
    hostile = [r.id for r in rows if "hostile" in r.source]
    return {"essay": essay, "hostile": hostile, "person": person.id, "person_name": person.name,
            "all": [r.id for r in rows]}


def pages(ids) -> list[str]:
    e = ids["essay"]
    return ["/", f"/documents/{e}", f"/documents/{e}/notes", f"/documents/{e}/quotes", "/search?q=fire",
            "/people", "/people?kind=work", f"/people/{ids['person']}", "/sources", "/disputes", "/problems",
            "/search?q=", "/problems?doc=" + e]


def json_twin(path: str) -> str:
    base, _, query = path.partition("?")
    return ("/.json" if base == "/" else base + ".json") + ("?" + query if query else "")


def test_every_page_and_its_json_twin(client, ids):
    for path in pages(ids):
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-type"].startswith("text/html")
        assert "content-security-policy" in page.headers and page.headers["x-content-type-options"] == "nosniff"
        assert f'href="{json_twin(path).replace("&", "&amp;")}"' in page.text, path  # each page links its twin
        twin = client.get(json_twin(path))
        assert twin.status_code == 200, path
        assert twin.headers["content-type"] == "application/json"
        assert "view" in twin.json(), path


def test_json_twins_are_the_views(client, ids, sample_db):
    """The handlers add nothing: a twin is the view's to_dict()."""
    e = ids["essay"]
    with hg.open_store(sample_db, read_only=True) as store:
        expected = {
            "/.json": views.overview(store, limit=50).to_dict(),
            f"/documents/{e}.json": views.reader(store, e).to_dict(),
            f"/documents/{e}/notes.json": views.notes_view(store, e).to_dict(),
            "/search.json?q=fire": views.search_view(store, "fire", limit=20).to_dict(),
            "/people.json": views.people_view(store, limit=100).to_dict(),
            "/sources.json": views.works_view(store, limit=100, max_citations=20).to_dict(),
            "/problems.json": views.problems_view(store, limit=100).to_dict(),
            f"/people/{ids['person']}.json": views.person_view(store, ids["person"]).to_dict(),
        }
    for path, data in expected.items():
        assert client.get(path).json() == json.loads(json.dumps(data)), path


def test_the_reader_marks_every_finding_at_its_offsets(client, ids):
    e = ids["essay"]
    data = client.get(f"/documents/{e}.json").json()
    text = data["text"]
    assert {a["layer"] for a in data["annotations"]} >= {"attributions", "note_markers", "notes", "references",
                                                         "mentions"}
    tree = lxml.html.fromstring(client.get(f"/documents/{e}").text)
    article = tree.get_element_by_id("text")
    assert article.text_content() == text  # the whole text, nothing added or lost
    marks = article.xpath(".//span[@data-id]")
    assert len(marks) >= len(data["annotations"])
    for m in marks:
        start, end = int(m.get("data-start")), int(m.get("data-end"))
        assert m.text_content() == text[start:end]
        assert m.get("data-layer") and m.get("data-id")
    shown = {m.get("data-id") for m in marks}
    assert shown >= {a["id"] for a in data["annotations"] if a["end"] > a["start"]}
    # an attribution shows its source, cue and content as parts; its detail names the source
    att = next(a for a in data["annotations"] if a["layer"] == "attributions" and a["detail"]["source"] != "—")
    roles = {m.get("data-role") for m in marks if m.get("data-id") == att["id"]}
    assert {"source", "content"} <= roles
    # a note marker links to its note, and the note's references are in its detail
    marker = next(a for a in data["annotations"] if a["layer"] == "note_markers" and a["detail"]["note"])
    assert marker["detail"]["note"] in shown and marker["detail"]["references"]
    # sections are listed but switched off when the page opens
    assert all("off" in m.get("class") for m in marks if m.get("data-layer") == "sections")
    assert not any("off" in m.get("class") for m in marks if m.get("data-layer") == "attributions")
    chosen = lxml.html.fromstring(client.get(f"/documents/{e}?layers=mentions").text)
    assert all(("off" in m.get("class")) == (m.get("data-layer") != "mentions")
               for m in chosen.get_element_by_id("text").xpath(".//span[@data-id]"))


def _no_active_content(html: str, path: str) -> None:
    tree = lxml.html.fromstring(html)
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (path, el.tag, name)
            assert not value.strip().lower().startswith("javascript:"), (path, el.tag, name, value)
        assert el.tag not in ("iframe", "img", "svg", "object", "embed", "style", "b", "base", "meta") or \
            el.tag == "meta" and set(el.attrib) <= {"charset", "name", "content"}, (path, el.tag)
    scripts = tree.xpath("//script")
    for s in scripts:
        assert s.get("src") == "/static/reader.js" or (s.get("type") == "application/json" and s.get("id") == "hg-data"
                                                       and not s.get("src")), (path, lxml.html.tostring(s)[:200])


def test_hostile_documents_render_as_inert_text(client, ids):
    assert len(ids["hostile"]) == 2
    for doc_id in ids["hostile"]:
        data = client.get(f"/documents/{doc_id}.json").json()
        assert "<script>" in data["text"]  # the payloads are in the text...
        for path in (f"/documents/{doc_id}", f"/documents/{doc_id}/notes", f"/documents/{doc_id}/quotes", "/",
                     "/search?q=pwned", "/search?q=script", "/people", "/sources", "/problems"):
            page = client.get(path)
            assert page.status_code == 200, path
            _no_active_content(page.text, path)  # ...and nothing of them is markup
        page = client.get(f"/documents/{doc_id}").text
        assert "&lt;script&gt;window.__pwned" in page
        article = lxml.html.fromstring(page).get_element_by_id("text")
        assert article.text_content() == data["text"]
        # the embedded data cannot close its script element
        blob = page.split('<script type="application/json" id="hg-data">', 1)[1].split("</script>", 1)[0]
        assert "<" not in blob and json.loads(blob)["document"] == doc_id
    assert "&lt;script&gt;" in client.get("/search?q=pwned").text


def test_document_urls_are_links_only_when_http():
    assert external("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>", "//evil.example/x",
                "vbscript:x", "http:///nohost", None, 7):
        assert external(bad) is None


def test_errors_are_one_clear_line(client):
    missing = client.get("/documents/no-such-document")
    assert missing.status_code == 404 and "no document matches" in missing.text
    assert client.get("/documents/no-such-document.json").json()["error"].startswith("no document matches")
    bad = client.get("/.json?offset=minus")
    assert bad.status_code == 400 and "offset must be a whole number" in bad.json()["error"]
    assert client.get("/people?kind=alien").status_code == 400
    assert client.get("/people/Nobody%20At%20All.json").status_code == 404
    assert client.get("/search.json?q=AND").status_code == 200  # an operator alone is a word
    assert client.get("/static/reader.js").status_code == 200
    assert client.get("/static/../app.py").status_code == 404


def test_search_pages_through_hits(client):
    first = client.get("/search.json?q=fire&limit=2").json()
    second = client.get("/search.json?q=fire&limit=2&offset=2").json()
    everything = client.get("/search.json?q=fire&limit=500").json()
    assert len(first["hits"]) == 2 and first["truncated"]
    assert first["hits"] + second["hits"] == everything["hits"][:4]
    assert everything["total"] == len(everything["hits"])
    page = client.get("/search?q=fire&limit=2").text
    assert 'rel="next"' in page and "offset=2" in page
    for hit in everything["hits"]:
        assert "section" in hit


def test_disputes_page_says_when_none_are_computed(client):
    data = client.get("/disputes.json").json()
    if not data.get("computed", True):
        assert "No disputes are computed" in client.get("/disputes").text


def test_review_is_refused_unless_the_server_allows_it(client, ids):
    e = ids["essay"]
    data = client.get(f"/documents/{e}.json").json()
    target = next(a["id"] for a in data["annotations"] if a["layer"] == "attributions")
    page = client.get(f"/documents/{e}").text
    assert 'id="review-form"' not in page and "confirm" not in page.lower().split("<footer")[0].split("<main>")[1]
    r = client.post("/review", data={"record": target, "verdict": "confirmed", "author": "me"})
    assert r.status_code == 403 and "review is off" in r.text
    assert client.get("/review").status_code == 405


def _token(page: str) -> str:
    return lxml.html.fromstring(page).xpath('//form[@id="review-form"]//input[@name="token"]/@value')[0]


def test_review_from_the_reader(sample_db_copy, ids):
    e = ids["essay"]
    with TestClient(create_app(sample_db_copy, review=True), base_url="http://127.0.0.1:8000") as c:
        data = c.get(f"/documents/{e}.json").json()
        target = next(a for a in data["annotations"] if a["layer"] == "attributions")
        page = c.get(f"/documents/{e}").text
        assert 'id="review-form"' in page
        token = _token(page)
        form = {"record": target["id"], "verdict": "rejected", "author": "Ada <b>Reviewer</b>",
                "note": "<script>window.__pwned=1</script> source is wrong", "token": token,
                "next": f"/documents/{e}"}
        # the guards: a missing or wrong token, another site's origin, a bad verdict, no author
        assert c.post("/review", data={**form, "token": ""}).status_code == 403
        assert c.post("/review", data={**form, "token": token[:-1] + "x"}).status_code == 403
        assert c.post("/review", data=form, headers={"origin": "https://evil.example"}).status_code == 403
        assert c.post("/review", data=form, headers={"origin": "null"}).status_code == 403
        assert c.post("/review", data=form, headers={"sec-fetch-site": "cross-site"}).status_code == 403
        assert c.post("/review", data={**form, "verdict": "maybe"}).status_code == 400
        assert c.post("/review", data={**form, "author": " "}).status_code == 400
        assert c.post("/review", data={**form, "record": "att-000000000000"}).status_code == 404
        # a good one, from the page's own origin
        done = c.post("/review", data=form, headers={"origin": "http://127.0.0.1:8000",
                                                     "sec-fetch-site": "same-origin"}, follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"] == f"/documents/{e}#a-{target['id']}"
        after = c.get(f"/documents/{e}.json").json()
        assert next(a for a in after["annotations"] if a["id"] == target["id"])["status"] == "rejected"
        [review] = after["reviews"]
        assert review["target"] == target["id"] and review["author"] == "Ada <b>Reviewer</b>"
        shown = c.get(f"/documents/{e}").text
        assert "S-rejected" in shown and "<b>Reviewer</b>" not in shown
        _no_active_content(shown, "reviewed reader")
        quotes = c.get(f"/documents/{e}/quotes.json").json()
        assert target["id"] not in {q["id"] for q in quotes["quotes"]}  # rejected: hidden by default
        # then confirmed: the latest verdict wins; the JSON form of the endpoint answers JSON
        again = c.post("/review.json", data={**form, "verdict": "confirmed"})
        assert again.status_code == 200 and again.json()["review"]["verdict"] == "confirmed"
        after = c.get(f"/documents/{e}.json").json()
        assert next(a for a in after["annotations"] if a["id"] == target["id"])["status"] == "confirmed"
        assert [r["verdict"] for r in after["reviews"]] == ["rejected", "confirmed"]
    with hg.open_store(sample_db_copy, read_only=True) as store:
        assert [r.verdict for r in store.reviews(target["id"])] == ["rejected", "confirmed"]


def test_a_local_server_refuses_other_host_names(sample_db):
    app = create_app(sample_db, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "evil.example"}).status_code == 400


def test_read_only_server_never_writes(sample_db_copy):
    import os

    before = os.stat(sample_db_copy).st_mtime_ns
    with TestClient(create_app(sample_db_copy)) as c:
        for path in ("/", "/people", "/search?q=fire"):
            assert c.get(path).status_code == 200
    assert os.stat(sample_db_copy).st_mtime_ns == before
    assert not os.path.exists(str(sample_db_copy) + "-wal") or os.path.getsize(str(sample_db_copy) + "-wal") == 0
