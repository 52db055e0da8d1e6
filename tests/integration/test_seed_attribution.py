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


def test_000_the_authors_own_i_is_the_author_and_a_note_is_not_read(essay):
    t = essay.text
    start = t.index("I’m arguing")
    [att] = [a for a in essay.layer("attributions") if a.source and a.source[0][0] == start]
    assert att.kind == "first_person" and att.speaker == "After History"
    assert t[att.content[0][0]:att.content[0][1]].startswith("that the focus on antisemitism")
    in_notes = t.index("I question")  # a commentary note: notes are never read as speech
    assert not [a for a in essay.layer("attributions") if a.source and a.source[0][0] == in_notes]


def test_001_wikipedia_dean_stalin_chain(seeds):
    doc = hg.read(seed(seeds, "001"))
    t = doc.text
    by_id = {a.id: a for a in doc.layer("attributions")}
    stalin = next(a for a in by_id.values() if a.speaker == "Stalin" and t[a.source[0][0]:a.source[0][1]] ==
                  "Comrade Stalin")  # the speaker leaves out the form of address
    assert t[stalin.content[0][0]:stalin.content[0][1]].startswith("We hate Nazis")
    dean = by_id[stalin.nested_in]
    assert t[dean.source[0][0]:dean.source[0][1]].startswith("A dean of the Marxism")
    wiki = by_id[dean.nested_in]
    assert wiki.speaker == "Wikipedia" and wiki.kind == "block"
    assert "wikipedia.org" in t[wiki.source[0][0]:wiki.source[0][1]]


# --- issue 12: the forms seen going wrong on the seeds --------------------------------------

from historiograph.components.attribution import filter_attributions  # noqa: E402


@pytest.fixture(scope="module")
def polemic(seeds):
    return hg.read(seed(seeds, "002"))


def _cue(doc, a):
    return " ".join(doc.text[s:e] for s, e in a.cue)


def test_000_negation_is_kept(essay):
    [found] = [a for a in essay.layer("attributions") if "found" in _cue(essay, a)
               and essay.text[a.source[0][0]:a.source[0][1]] == "historians"]
    assert found.negated and _cue(essay, found) == "have not yet found"


def test_000_block_after_writes_colon_and_in_the_words_of(essay):
    t = essay.text
    medvedev = [a for a in essay.layer("attributions") if a.speaker == "Zhores Medvedev" and a.kind == "block"]
    assert medvedev and t[medvedev[0].content[0][0]:].startswith("Stalin was neither an anti-Semite")
    assert not medvedev[0].negated
    [words] = [a for a in essay.layer("attributions") if _cue(essay, a) == "in the words of"]
    assert words.speaker == "Geoffrey Roberts"
    [argues] = [a for a in essay.layer("attributions") if _cue(essay, a) == "argues"]
    assert argues.speaker == "Van Ree"  # "The ideological basis of the term, argues Van Ree, …"


def test_000_notes_and_stance_verbs_on_things_are_not_shown(essay):
    t = essay.text
    notes_start = t.index("Becoming Soviet Jews: The Bolshevik")
    shown = filter_attributions(essay.layer("attributions")).attributions
    assert not [a for a in essay.layer("attributions") if a.start >= notes_start - 200 and _cue(essay, a) == ":"]
    for a in shown:
        src = " ".join(t[s:e] for s, e in a.source).lower()
        assert not (src in ("it", "which", "the campaign", "this insular worldview", "an assumption")
                    and _cue(essay, a) in ("supported", "viewed", "condemning", "signalling", "supporting")), src


def test_001_a_source_is_not_cut_at_an_en_dash(seeds):
    doc = hg.read(seed(seeds, "001"))
    t = doc.text
    dean = next(a for a in doc.layer("attributions") if a.source and t[a.source[0][0]:a.source[0][1]].startswith("A dean"))
    assert t[dean.source[0][0]:dean.source[0][1]] == "A dean of the Marxism–Leninism department at a Soviet university"


def test_002_blocks_of_several_paragraphs_and_the_quoted_i(polemic):
    t = polemic.text
    [gornick] = [a for a in polemic.layer("attributions") if a.speaker == "Vivian Gornick"]
    assert gornick.kind == "block" and len(gornick.content) == 3
    assert t[gornick.content[-1][0]:].startswith("“A Red-baiter!")
    quoted_i = [a for a in polemic.layer("attributions") if a.source and t[a.source[0][0]:a.source[0][1]] == "I"
                and a.start > t.index("In my mind I was able")]
    assert quoted_i and quoted_i[0].speaker == "Norman Finkelstein" and quoted_i[0].kind != "first_person"


def test_002_pronouns_so_says_and_captions(polemic):
    t = polemic.text
    [criticized] = [a for a in polemic.layer("attributions") if _cue(polemic, a) == "criticized"
                    and a.source and t[a.source[0][0]:a.source[0][1]] == "he"]
    assert criticized.speaker == "Stalin" and criticized.kind == "block"
    [says] = [a for a in polemic.layer("attributions") if _cue(polemic, a) == "says" and a.speaker == "Engels"]
    assert "the reign of people who are themselves terrified" in t[says.content[0][0]:says.content[0][1]]
    assert not [a for a in polemic.layer("attributions") if a.source and t[a.source[0][0]:a.source[0][1]] == "Before"]
    shown = filter_attributions(polemic.layer("attributions")).attributions
    assert "want" not in [_cue(polemic, a) for a in shown]  # "People want heroes"


def test_003_and_004_stance_on_things_hidden_and_a_generic_group_found(seeds):
    doc = hg.read(seed(seeds, "003"))
    assert "shared" not in [_cue(doc, a) for a in filter_attributions(doc.layer("attributions")).attributions]
    doc = hg.read(seed(seeds, "004"))
    t = doc.text
    [believe] = [a for a in doc.layer("attributions") if _cue(doc, a) == "believe"]
    assert t[believe.source[0][0]:believe.source[0][1]].startswith("A lot of critiques")
