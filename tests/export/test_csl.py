import json

import historiograph as hg
from historiograph.export import csl_items, export_csl

CSL_TYPES = {"article-journal", "book", "chapter", "thesis", "webpage", "document", "manuscript"}
NAME_KEYS = {"family", "given", "literal", "suffix", "dropping-particle", "non-dropping-particle"}


def check_item(item):
    """The parts of the CSL-JSON schema (citation-style-language/schema, csl-data.json) we write."""
    assert isinstance(item["id"], str) and item["type"] in CSL_TYPES
    for role in ("author", "editor", "translator"):
        for name in item.get(role, []):
            assert set(name) <= NAME_KEYS and (name.get("family") or name.get("literal"))
    for date in ("issued", "accessed"):
        if date in item:
            assert "date-parts" in item[date] or "literal" in item[date]
            for part in item[date].get("date-parts", []):
                assert all(isinstance(x, int) for x in part)
    for key in ("title", "container-title", "publisher", "publisher-place", "page", "volume", "issue", "note"):
        assert isinstance(item.get(key, ""), str)
    assert isinstance(item["custom"]["historiograph"]["citations"], list)


def test_csl_export_of_the_sample_essay(db, tmp_path):
    hg.analyze(hg.sample_corpus(), db)
    out = tmp_path / "refs.json"
    with hg.open_store(db) as store:
        n = export_csl(store, out, document="essay")
        items = json.loads(out.read_text())
        assert n == len(items) and items
        for item in items:
            check_item(item)
        marsh = next(i for i in items if i.get("title") == "Rome in Flames: Rumour and Record in Neronian Rome")
        cites = marsh["custom"]["historiograph"]["citations"]
        assert sorted((c["note"], c["cited_range"]) for c in cites if c["role"] == "note") == [
            (6, "87"), (8, "90"), (11, "112"), (12, "112")]
        assert "note 6, 87" in marsh["note"]
        assert len(csl_items(store)) >= n  # corpus-wide export covers the bibliography too


def test_an_access_date_is_exported_as_accessed(db, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("A Web Essay\n\nThe claim is made here and it is a long sentence about the past.1\n\nNotes\n\n"
                    "1. Anna Writer, “A Page on Harbours,” Harbour Review, May 20, 2010, accessed June 22, 2025, "
                    "https://harbour.example.org/page.\n", encoding="utf-8")
    hg.analyze([page], db, jobs=1)
    with hg.open_store(db) as store:
        (item,) = csl_items(store)
    check_item(item)
    assert item["accessed"] == {"date-parts": [[2025, 6, 22]]} and item["issued"] == {"date-parts": [[2010, 5, 20]]}
