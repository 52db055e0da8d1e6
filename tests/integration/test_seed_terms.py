"""What issue 13 promises on ../shared/seeds (read at run time, never copied)."""

import pytest

import historiograph as hg
from historiograph.model import TermUse, TermVerdict
from tests.conftest import seed

pytestmark = pytest.mark.seeds


def layer(doc):
    occ = [r for r in doc.layer("terms") if isinstance(r, TermUse)]
    [verdict] = [r for r in doc.layer("terms") if isinstance(r, TermVerdict)]
    return occ, verdict


def at(doc, occ, surface):
    found = [u for u in occ if doc.text[u.start:u.end] == surface]
    assert found, [(doc.text[u.start:u.end], u.use) for u in occ]
    return found


def test_001_forum_slurs_are_flagged_with_term_and_reference(seeds):
    doc = hg.read(seed(seeds, "001"))
    occ, verdict = layer(doc)
    [slur] = at(doc, occ, "kikepedia")
    assert (slur.term, slur.form, slur.use) == ("kike", "compound", "use")
    assert "IHRA example 2" in slur.reference and "forum post" in slur.reason
    [echo] = [u for u in occ if u.term == "(((echo)))"]
    assert echo.use == "use" and "ADL Hate Symbols" in echo.reference
    assert verdict.flagged and verdict.uses == 2
    quoted = [u for u in occ if u.use != "use"]  # the Wikipedia `>` quotes are Wikipedia's words
    assert quoted and all(u.mention_kind == "quotation" and u.speaker == "Wikipedia" for u in quoted)


def test_002_soviet_propaganda_phrase_in_russian_is_a_mention(seeds):
    doc = hg.read(seed(seeds, "002"))
    occ, verdict = layer(doc)
    [ru] = [u for u in occ if u.entry == "lynching_negroes" and any("\u0400" <= c <= "\u04ff"
                                                                      for c in doc.text[u.start:u.end])]
    assert ru.use == "mention" and ru.category == "propaganda"
    assert all(u.use != "use" for u in occ) and not verdict.flagged
    [degenerate] = [u for u in occ if u.entry == "degenerate_art"]  # the Nazis' word, reported
    assert degenerate.use == "mention" and degenerate.mention_kind == "reported"


def test_000_historical_euphemism_and_reported_nazi_belief_are_mentions(seeds):
    doc = hg.read(seed(seeds, "000"))
    occ, verdict = layer(doc)
    rootless = [u for u in occ if u.entry == "rootless_cosmopolitan"]
    assert rootless and all(u.use == "mention" for u in rootless)
    assert any(u.mention_kind in ("discussion", "historical") for u in rootless)
    [inferior] = [u for u in occ if u.entry == "racially_inferior"]
    assert inferior.use == "mention" and inferior.mention_kind == "reported"
    assert [u for u in occ if u.entry == "cosmopolitanism" and u.mention_kind == "historical"]
    assert not verdict.flagged


def test_004_reported_nazi_view_is_a_mention(seeds):
    doc = hg.read(seed(seeds, "004"))
    occ, verdict = layer(doc)
    [sub] = [u for u in occ if u.entry == "untermensch"]
    assert sub.use == "mention" and sub.mention_kind == "reported" and not verdict.flagged
