import historiograph as hg
from historiograph.model import Document, canonical_text
from historiograph.runner import plan, run_document


def problems(text):
    doc = run_document(Document(text=canonical_text(text)), plan(hg.DEFAULT_PIPELINE))
    return [(p.code, doc.text[p.start:p.end]) for p in doc.layer("problems")]


NOTES = "\n\nNotes\n\n1. Anna Smithson, A Book (London: Press, 2001), 4.\n\n2. {two}\n\n3. Bo Jones, Other (Paris: X, 1999), 2.\n"


def test_author_mismatch_and_similar_name():
    text = "Smith argues that it was so.1 Jones writes that it was not.2 And more.3" + NOTES.format(
        two="Anna Smithson, A Book (London: Press, 2001), 9.")
    found = problems(text)
    assert ("integrity.author_mismatch", "Smith") in found
    assert ("integrity.author_mismatch", "Jones") in found


def test_no_mismatch_when_the_note_explains():
    text = "Smithson argues that it was so.1 Jones writes that it was not.2 And more.3" + NOTES.format(
        two="Quoted in Anna Smithson, A Book (London: Press, 2001), 9.")
    assert [p for p in problems(text) if p[0] == "integrity.author_mismatch"] == []


def test_name_spelled_two_ways():
    text = ("A Title\n\nPeter Whitewood critiques the theory in his book, which is long and has many pages. "
            "Elsewhere White asserts that a focus on one person obscures a movement.\n\nThe end of it all.")
    assert ("integrity.name_variant", "White") in problems(text)


def test_a_possessive_is_not_named_as_a_source():
    from historiograph.components.integrity import named_sources

    assert named_sources("His only offence, according to Marsh’s confidante, was silence.") == []
    assert [n for _, _, n in named_sources("According to Helena Marsh, it was silence.")] == ["Helena Marsh"]
