"""What the attribution issue promises on ../shared/seeds (read at run time)."""

import pytest

import historiograph as hg
from tests.conftest import seed

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def essay(seeds):
    return hg.read(seed(seeds, "000"))


@pytest.mark.parametrize("name, words", [
    ("Geoffrey Roberts", "politically hostile to Zionism"),
    ("Christopher Read", "should make observers hesitate"),
    ("Zhores Medvedev", "no such evidence"),
    ("Van Ree", "tsarist tradition as the main source of cosmopolitanism"),
    ("Terry Martin", "distinctive national identities"),
    ("Albert Lindemann", "personal relationships and political appointments"),
    ("Diana Dumitru", "Jewish representation in civil and cultural institutions"),
])
def test_000_historians_are_sources_of_their_passages(essay, name, words):
    t = essay.text
    mine = [a for a in essay.layer("attributions") if a.speaker == name]
    assert any(words in " ".join(t[s:e] for s, e in a.content) for a in mine), [
        (a.speaker, [t[s:e][:60] for s, e in a.content]) for a in mine]


def test_000_according_to_stalin_block_quote(essay):
    t = essay.text
    intro = t.index("According to Stalin:")
    block_start = t.index("\n\n", intro) + 2
    block_end = t.index("\n", block_start)
    [att] = [a for a in essay.layer("attributions") if a.cue and a.cue[0][0] == intro]
    assert att.kind == "block" and att.speaker == "Stalin"
    (s, e), = att.content
    assert s == block_start and e >= block_end - 4  # the whole paragraph (its closing quote and note marker trimmed)


def test_000_i_question_is_the_author(essay):
    t = essay.text
    start = t.index("I question")
    [att] = [a for a in essay.layer("attributions") if a.source and a.source[0][0] == start]
    assert att.kind == "first_person" and att.speaker == "After History"
    assert t[att.content[0][0]:att.content[0][1]].startswith("if this strictly political form")


def test_001_wikipedia_dean_stalin_chain(seeds):
    doc = hg.read(seed(seeds, "001"))
    t = doc.text
    by_id = {a.id: a for a in doc.layer("attributions")}
    stalin = next(a for a in by_id.values() if a.speaker == "Comrade Stalin")
    assert t[stalin.content[0][0]:stalin.content[0][1]].startswith("We hate Nazis")
    dean = by_id[stalin.nested_in]
    assert t[dean.source[0][0]:dean.source[0][1]].startswith("A dean of the Marxism")
    wiki = by_id[dean.nested_in]
    assert wiki.speaker == "Wikipedia" and wiki.kind == "block"
    assert "wikipedia.org" in t[wiki.source[0][0]:wiki.source[0][1]]
