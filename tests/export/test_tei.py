from lxml import etree

import historiograph as hg
from historiograph.export import export
from historiograph.export.tei import TEI, file_name, tei_text, xml_safe
from historiograph.review import record_review

NS = {"t": TEI}


def test_tei_is_well_formed_and_keeps_the_text(sample_db_copy, tmp_path):
    with hg.open_store(sample_db_copy) as store:
        rows = store.documents()
        essay = next(r.id for r in rows if "essay" in r.source)
        att = next(a for _, a in store.records(hg.model.Attribution, document=essay) if a.nested_in is None)
        record_review(store, att.id, "rejected", "Ada", "wrong source")
        n, what = export(store, "tei", tmp_path / "tei")
        texts = {r.id: store.document(r.id).text for r in rows}
    assert n == len(rows) and what == "TEI files"
    for doc_id, text in texts.items():
        tree = etree.parse(str(tmp_path / "tei" / file_name(doc_id)))  # well-formed, or this raises
        assert tree.getroot().tag == f"{{{TEI}}}TEI"
        assert tei_text(tree) == xml_safe(text)[0]
        ids = set(tree.xpath("//@xml:id"))
        for attr in ("who", "target", "corresp", "prev", "next", "ref"):
            for el in tree.xpath(f"//t:text//*[@{attr}]", namespaces=NS):
                for ptr in el.get(attr).split():
                    assert not ptr.startswith("#") or ptr[1:] in ids, (doc_id, attr, ptr)
    tree = etree.parse(str(tmp_path / "tei" / file_name(essay)))
    assert tree.xpath("//t:note[@place='end']", namespaces=NS)
    assert tree.xpath("//t:ref[@type='noteAnchor'][@target]", namespaces=NS)
    assert tree.xpath("//t:bibl//t:citedRange", namespaces=NS)
    ibid = tree.xpath("//t:bibl[@type='ibid']", namespaces=NS)
    assert ibid and all(b.get("corresp") for b in ibid) and all(b.xpath(".//t:citedRange", namespaces=NS) for b in ibid
                                                                 if "15" in "".join(b.itertext()))
    people = set(tree.xpath("//t:listPerson/t:person/@xml:id", namespaces=NS))
    said = tree.xpath("//t:said", namespaces=NS)
    assert said and any(s.get("who") for s in said)
    assert all(s.get("who")[1:] in people | set(tree.xpath("//t:listOrg/t:org/@xml:id", namespaces=NS))
               for s in said if s.get("who"))
    assert tree.xpath("//t:persName", namespaces=NS)
    nested = [s for s in said if s.xpath("ancestor::t:said", namespaces=NS)]
    with hg.open_store(sample_db_copy, read_only=True) as store:
        chains = [a for _, a in store.records(hg.model.Attribution, document=essay) if a.nested_in]
    assert bool(nested) == bool(chains)  # an attribution in another's words is a said in that said
    rejected = tree.xpath(f"//*[@xml:id='{att.id}']", namespaces=NS)[0]
    assert "#status-rejected" in rejected.get("ana")
    assert tree.xpath("//t:revisionDesc/t:change[@status='rejected']", namespaces=NS)


def test_characters_xml_cannot_hold_keep_their_place():
    text, n = xml_safe("a\x07b\x00c\u202ed")
    assert text == "a\ufffdb\ufffdc\u202ed" and n == 2
