"""Disputes on ../shared/seeds (read at run time): the forum thread and an essay disagree
about Stalin and the Jews; no pair is ever two claims of one document."""

import re

import pytest

import historiograph as hg
from historiograph.model import Alignment
from historiograph.views import disputes_view

pytestmark = [pytest.mark.seeds, pytest.mark.slow]

JEWS = re.compile(r"\bjew|antisemit|anti-semit|zionis", re.I)


@pytest.fixture(scope="module")
def db(seeds, tmp_path_factory):
    location = tmp_path_factory.mktemp("seed-disputes") / "seeds.sqlite"
    hg.analyze([seeds], location, jobs=2)
    return location


def test_forum_thread_and_an_essay_disagree_about_stalin_and_the_jews(db):
    with hg.open_store(db, read_only=True) as store:
        view = disputes_view(store, document="001", relation="disagree", limit=None)
        found = []
        for r in view.rows:
            other = r.b if r.a.document.startswith("001") else r.a
            both = r.a.text + " " + r.b.text
            if other.document[:3] in ("000", "002") and "stalin" in both.lower() and JEWS.search(both):
                found.append(r)
        assert found, [(r.a.text[:80], r.b.text[:80]) for r in view.rows]
        assert all(a.a.document != a.b.document for a in store.corpus_records(Alignment))
