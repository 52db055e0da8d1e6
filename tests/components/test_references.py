"""The references component's data: shapes of books named in running text."""

from historiograph.components.references import inline_patterns
from historiograph.data import load_tsv


def test_every_inline_pattern_finds_its_own_example():
    rows = [r for r in load_tsv("inline_books.tsv") if r["kind"] == "pattern"]
    assert len(rows) == len(inline_patterns()) >= 4
    for row, pattern in zip(rows, inline_patterns()):
        assert {"author", "title"} <= set(pattern.groupindex), row["name"]
        assert row["source"].strip(), row["name"]
        m = pattern.search(row["example"])
        assert m and m.group("author") and m.group("title"), row["name"]


def test_parts_are_spliced_into_the_patterns_that_name_them():
    assert not any("%(" in p.pattern for p in inline_patterns())
    m = inline_patterns()[0].search("published in 1968: Robert Conquest, The Great Terror, a history")
    assert m and (m.group("author"), m.group("title")) == ("Robert Conquest", "The Great Terror")
