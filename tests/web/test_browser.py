"""The web reader in a real browser: Playwright (from PyPI) driving Debian's `chromium`
through `executable_path` (nothing is downloaded). Serves the bundled sample corpus and two
hostile documents with `historiograph serve`, opens every page, toggles a layer, clicks a
finding and reads its detail, follows a note marker to its note, confirms a finding with
`--review`, and checks that no payload of a hostile document ever runs. Screenshots are
kept in the test's tmp folder, and copied to $HISTORIOGRAPH_ARTIFACTS when it is set."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import historiograph as hg

from .server import serving

try:
    from playwright.sync_api import expect
except ImportError:  # the fixture below says why the tests are skipped
    expect = None

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
pytestmark = pytest.mark.browser


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must install it (.ci/run does: apt-get install -y chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _missing("Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        _missing("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def shots(tmp_path, request):
    folder = tmp_path / "screenshots"
    folder.mkdir()
    yield folder
    target = os.environ.get("HISTORIOGRAPH_ARTIFACTS")
    if target:
        dest = Path(target) / request.node.name
        shutil.copytree(folder, dest, dirs_exist_ok=True)


class Watch:
    """A page with everything that must never happen recorded: dialogs, script errors,
    requests to anywhere but the server, and console errors."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("request", lambda r: None if r.url.startswith((base, "data:")) else self.foreign.append(r.url))

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def pwned(self):
        return self.page.evaluate("() => [window.__pwned, window.parent && window.parent.__pwned]")

    def clean(self):
        assert self.dialogs == [] and self.foreign == [], (self.dialogs, self.foreign)
        assert self.pwned() == [None, None]


def test_every_page_toggle_click_and_detail(browser, sample_db, shots):
    from historiograph import views

    with hg.open_store(sample_db, read_only=True) as store:
        rows = store.documents()
        person = views.people_view(store).entries[0].id
    essay = next(r.id for r in rows if "essay" in r.source)
    with serving(sample_db) as (base, _):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        watch = Watch(page, base)
        for k, path in enumerate(["/", f"/documents/{essay}", f"/documents/{essay}/notes",
                                  f"/documents/{essay}/quotes", "/search?q=fire", "/people", f"/people/{person}",
                                  "/sources", "/disputes", "/problems"]):
            response = page.goto(base + path)
            assert response.status == 200, path
            assert page.locator("main h1").count() == 1, path
            page.screenshot(path=str(shots / f"{k:02d}-{path.strip('/').replace('/', '_').replace('?', '_') or 'index'}.png"),
                            full_page=True)
        assert watch.errors == []
        # the reader: toggle a layer off and on
        page.goto(base + f"/documents/{essay}")
        mentions = page.locator('#text [data-layer="mentions"]')
        assert mentions.count() > 0
        assert page.locator('#text [data-layer="mentions"].off').count() == 0
        page.locator('#layers input[data-layer="mentions"]').uncheck()
        assert page.locator('#text [data-layer="mentions"]:not(.off)').count() == 0
        assert "layers=" in page.url and "mentions" not in page.url.split("layers=")[1].split("#")[0]
        page.screenshot(path=str(shots / "20-reader-mentions-off.png"))
        page.locator('#layers input[data-layer="mentions"]').check()
        assert page.locator('#text [data-layer="mentions"].off').count() == 0
        # click a finding: its detail is shown, and every piece of it is selected
        source = page.locator('#text [data-layer="attributions"][data-role="source"]').first
        att_id = source.get_attribute("data-id")
        source.click()
        detail = page.locator("#detail-body")
        expect(detail).to_contain_text("found by")  # the detail comes from the JSON twin, read on the click
        assert "attributions" in detail.inner_text() and att_id in detail.inner_text()
        assert page.locator(f'#text [data-id="{att_id}"].sel').count() == page.locator(
            f'#text [data-id="{att_id}"]').count() >= 2
        assert page.url.endswith(f"#a-{att_id}")
        page.screenshot(path=str(shots / "21-reader-detail.png"))
        # a note marker: its detail links to the note, which is then selected and shown
        marker = page.locator('#text [data-layer="note_markers"]').first
        marker.click()
        expect(detail).to_contain_text("go to note")
        assert "cites" in detail.inner_text()
        detail.get_by_text("go to note").click()
        selected = page.locator("#text .sel").first
        assert selected.get_attribute("data-layer") == "notes"
        assert selected.is_visible()
        page.screenshot(path=str(shots / "22-reader-note.png"))
        # a link to a finding opens the reader on it
        page.goto(base + f"/documents/{essay}#a-{att_id}")
        assert page.locator(f'#text [data-id="{att_id}"].sel').count() >= 1
        expect(page.locator("#detail-body")).to_contain_text(att_id)
        assert page.locator("#review-form").count() == 0  # review is off
        assert watch.errors == []
        watch.clean()


def test_hostile_documents_run_no_script(browser, sample_db, shots):
    with hg.open_store(sample_db, read_only=True) as store:
        hostile = [(r.id, store.document(r.id).text) for r in store.documents() if "hostile" in r.source]
    assert len(hostile) == 2
    with serving(sample_db) as (base, _):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        watch = Watch(page, base)
        for k, (doc_id, text) in enumerate(hostile):
            page.goto(base + f"/documents/{doc_id}")
            assert page.locator("#text").text_content() == text  # every character shown, as text
            assert "<script>" in page.locator("#text").inner_text()
            page.screenshot(path=str(shots / f"hostile-{k}.png"), full_page=True)
            for mark in page.locator("#text .hl").all()[:60]:  # hover and click every finding
                mark.hover()
                mark.click()
            expect(page.locator("#detail-body")).to_contain_text("found by")  # details shown, as text
            watch.clean()
            for path in (f"/documents/{doc_id}/notes", f"/documents/{doc_id}/quotes"):
                page.goto(base + path)
                watch.clean()
        for path in ("/", "/search?q=pwned", "/search?q=script", "/people", "/sources", "/problems"):
            page.goto(base + path)
            for link in page.locator("main a").all()[:40]:
                link.hover()
            watch.clean()
        page.goto(base + "/search?q=pwned")
        assert "<script>window.__pwned" in page.locator("main").inner_text()
        page.screenshot(path=str(shots / "hostile-search.png"), full_page=True)
    assert watch.errors == []


def test_confirm_a_finding_with_review_on(browser, sample_db_copy, shots):
    with hg.open_store(sample_db_copy, read_only=True) as store:
        essay = next(r.id for r in store.documents() if "essay" in r.source)
    with serving(sample_db_copy, "--review") as (base, _):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        watch = Watch(page, base)
        page.goto(base + f"/documents/{essay}")
        form = page.locator("#review-form")
        assert form.count() == 1 and form.is_hidden()
        content = page.locator('#text [data-layer="attributions"][data-role="content"]').first
        att_id = content.get_attribute("data-id")
        content.click()
        assert form.is_visible()
        form.locator('input[name="author"]').fill("Ada Reviewer")
        form.locator('textarea[name="note"]').fill("checked: <b>the note</b> supports it")
        page.screenshot(path=str(shots / "review-before.png"))
        with page.expect_navigation():
            form.locator('button[value="confirmed"]').click()
        assert page.url.endswith(f"/documents/{essay}#a-{att_id}")
        marks = page.locator(f'#text [data-id="{att_id}"]')
        assert "S-confirmed" in marks.first.get_attribute("class")
        expect(page.locator("#detail-body")).to_contain_text("confirmed by Ada Reviewer")
        assert "<b>the note</b>" in page.locator("#detail-body").inner_text()
        assert form.locator('input[name="author"]').input_value() == "Ada Reviewer"  # remembered
        page.screenshot(path=str(shots / "review-after.png"))
        watch.clean()
        assert watch.errors == []
    with hg.open_store(sample_db_copy, read_only=True) as store:
        [review] = store.reviews(att_id)
    assert review.verdict == "confirmed" and review.author == "Ada Reviewer" and review.document == essay
