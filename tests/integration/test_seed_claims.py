"""The claims and quantities layers on ../shared/seeds (read at run time): the polemic's
death-toll figures with who gives them, the unsourced post with nothing sourced, the essay's
cited claims with their references."""

import pytest

import historiograph as hg
from historiograph.corpus.figures import comparable_figures, items_from_document
from historiograph.model import Claim, ClaimSummary, Quantity
from tests.conftest import seed

pytestmark = pytest.mark.seeds


def summary(doc) -> ClaimSummary:
    [s] = [c for c in doc.layer("claims") if isinstance(c, ClaimSummary)]
    return s


def test_003_unsourced_post_shows_nothing_sourced(seeds):
    s = summary(hg.read(seed(seeds, "003")))
    assert s.assertions >= 10
    assert s.cited == s.attributed == s.quoted == 0 and s.sourced_share == 0.0 and s.unsupported == s.assertions


def test_000_essay_cited_claims_carry_their_references(seeds):
    doc = hg.read(seed(seeds, "000"))
    refs = {r.id for r in doc.layer("references")}
    cited = [c for c in doc.layer("claims") if isinstance(c, Claim) and c.footing == "cited"]
    assert len(cited) >= 60 and all(c.supported_by and set(c.supported_by) <= refs for c in cited)
    markers = {m.id for m in doc.layer("note_markers")}
    assert len({m for c in cited for m in c.markers} & markers) >= 60  # nearly every marked sentence is a cited claim
    roberts = next(c for c in cited if doc.text[c.start:c.end].startswith("For instance, Geoffrey Roberts"))
    assert roberts.asserted_by == "Geoffrey Roberts" and roberts.attribution
    assert 0.3 < summary(doc).sourced_share < 0.8


def test_002_death_tolls_come_out_with_who_gives_them(seeds):
    doc = hg.read(seed(seeds, "002"))
    figures = {doc.text[q.start:q.end]: q for q in doc.layer("quantities") if isinstance(q, Quantity)}
    conquest, antonov = figures["20 million victims"], figures["30-40 million"]
    assert (conquest.low, conquest.unit, conquest.given_by) == (20e6, "victims", "Robert Conquest")
    assert (antonov.low, antonov.high, antonov.qualifier, antonov.given_by) == (30e6, 40e6, "range",
                                                                              "Anton Antonov-Ovseyenko")
    assert figures["more than three million"].low == 3e6 and figures["more than three million"].high is None
    groups = comparable_figures(items_from_document(doc))
    deaths = next(g for g in groups if g.measure == "deaths" and any(f.text == "20 million victims" for f in g.figures))
    given = {f.text: (f.given_by, f.footing) for f in deaths.figures}
    assert given["20 million victims"] == ("Robert Conquest", "cited")
    assert given["30-40 million"] == ("Anton Antonov-Ovseyenko", "cited")
    assert given["tens of millions"] == ("Ben Shapiro", "quoted")
    assert given["more than three million"][1] == "unsupported"
    for not_a_figure in ("1953", "1937-8", "20th"):
        assert not any(t == not_a_figure or t.endswith(not_a_figure) for t in figures), not_a_figure
