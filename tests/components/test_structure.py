import pytest

from historiograph.components.structure import structure
from historiograph.model import Document, canonical_text


def sections(text: str, layers=None):
    doc = Document(text=canonical_text(text), layers=layers or {})
    return doc, structure(doc)["sections"]


def kinds(text: str):
    doc, secs = sections(text)
    return [(s.kind, doc.text[s.start:s.end]) for s in secs]


def of_kind(text, kind):
    return [t for k, t in kinds(text) if k == kind]


BODY = ("The argument of this essay is simple enough, and it will take the rest of the page "
        "to make it properly, with evidence and with notes.")


def test_endnotes_with_numbers_on_their_own_lines():
    text = f"{BODY}1 More prose here.2 And more.3\n\nNotes\n\n1\n\nA. Author, Book (Place: Press, 2001), 3.\n\n" \
           "2\n\nIbid., 4.\n\n3\n\nIbid.\n\nShare this post\n"
    notes = of_kind(text, "notes")
    assert len(notes) == 1
    assert notes[0].startswith("Notes\n\n1\n\nA. Author") and notes[0].endswith("Ibid.")
    assert of_kind(text, "boilerplate") == ["Share this post"]


def test_endnotes_inline_numbered():
    text = f"{BODY}\n\n  1. First note, p. 3 \n\n  2. Second note, p. 4\n\n  3. Quoted in Someone, p. 6\n"
    assert of_kind(text, "notes") == ["1. First note, p. 3 \n\n  2. Second note, p. 4\n\n  3. Quoted in Someone, p. 6"]


def test_numbered_list_in_the_body_is_not_notes():
    long = "This paragraph is long prose that continues the argument after the list. " * 4
    text = f"{BODY}\n\n1. one point\n2. two points\n3. three points\n\n{long}\n\n{long}"
    assert of_kind(text, "notes") == []


def test_markdown_footnotes_after_heading():
    text = f"{BODY}[^1]\n\n## Notes\n\n[^1]: A source, 1999.\n"
    assert of_kind(text, "notes") == ["## Notes\n\n[^1]: A source, 1999."]


def test_forum_posts_and_quote_blocks():
    text = ("Welcome User Guide\n\n(post is archived)\n\n[–] 3 pt\n\nI read this:\n\n>Quoted line one.\n"
            ">Quoted line two.\n\nMy reply.\n\n[–] -1 pt\n\nShort post.\n")
    doc, secs = sections(text)
    posts = [s for s in secs if s.kind == "post"]
    quotes = [s for s in secs if s.kind == "quote"]
    assert [doc.text[p.start:p.end] for p in posts] == [
        "[–] 3 pt\n\nI read this:\n\n>Quoted line one.\n>Quoted line two.\n\nMy reply.",
        "[–] -1 pt\n\nShort post."]
    assert [doc.text[q.start:q.end] for q in quotes] == [">Quoted line one.\n>Quoted line two."]
    assert quotes[0].parent == posts[0].id
    assert [doc.text[s.start:s.end] for s in secs if s.kind == "boilerplate"] == [
        "Welcome User Guide\n\n(post is archived)"]


def test_tail_boilerplate_only_in_second_half():
    early = f"Leave a reply\n\n{BODY}\n\n{BODY}"
    assert of_kind(early, "boilerplate") == []
    late = f"{BODY}\n\n{BODY}\n\nLeave a Reply\n\nYour name\n\nPost comment"
    assert of_kind(late, "boilerplate") == ["Leave a Reply\n\nYour name\n\nPost comment"]


def test_header_title_byline_date_and_headings():
    text = f"A Title Here\n\nA subtitle line\n\nJane Doe\nJun 2, 2021\n\n{BODY}\n\nA Heading\n\n{BODY}"
    got = kinds(text)
    assert ("title", "A Title Here") in got and ("subtitle", "A subtitle line") in got
    assert ("byline", "Jane Doe") in got and ("date", "Jun 2, 2021") in got
    assert ("heading", "A Heading") in got


def test_reading_list_without_heading():
    text = (f"{BODY}\n\n{BODY}\n\nDoe Jane, A Book About Things, Some Press, 2015.\n\n"
            "Roe, Rick, Another Book, Other Press, 1996.\n\n“An article people link to”\n\n"
            "Leave a Reply\n\nComment form")
    assert of_kind(text, "bibliography") == [
        "Doe Jane, A Book About Things, Some Press, 2015.\n\nRoe, Rick, Another Book, Other Press, 1996."
        "\n\n“An article people link to”"]


@pytest.mark.parametrize("text", ["x", "\n\n\n", "1\n\n2\n\n3", "[–] 1 pt", ">>>"])
def test_odd_inputs_do_not_crash(text):
    doc, secs = sections(text)
    for s in secs:
        assert 0 <= s.start <= s.end <= len(doc.text)


def test_top_level_sections_do_not_overlap():
    text = f"T\n\n{BODY}1\n\nNotes\n\n1\n\nA note, 2000.\n\n2\n\nIbid.\n\n3\n\nIbid.\n\n© 2024 Site"
    doc, secs = sections(text)
    top = sorted((s for s in secs if s.parent is None), key=lambda s: s.start)
    for a, b in zip(top, top[1:]):
        assert a.end <= b.start
