import json

import historiograph as hg
from historiograph.export import export
from historiograph.review import record_review


def test_wadm_selectors_match_the_stored_text(sample_db_copy, tmp_path):
    with hg.open_store(sample_db_copy) as store:
        essay = next(r.id for r in store.documents() if "essay" in r.source)
        att = next(a for _, a in store.records(hg.model.Attribution, document=essay))
        record_review(store, att.id, "confirmed", "Ada", "checked against the note")
        n, what = export(store, "wadm", tmp_path / "out.jsonld")
        texts = {r.id: store.document(r.id).text for r in store.documents()}
        counts = {r.id: sum(len(v) for k, v in store.document(r.id).layers.items() if k != "layout")
                  for r in store.documents()}
    data = json.loads((tmp_path / "out.jsonld").read_text())
    assert data["type"] == "AnnotationCollection" and "http://www.w3.org/ns/anno.jsonld" in data["@context"]
    assert data["generator"]["type"] == "Software" and what == "annotations"
    items = data["first"]["items"]
    assert data["first"]["type"] == "AnnotationPage" and data["total"] == len(items) == n
    findings = [i for i in items if i["motivation"] != "assessing" or "hg:layer" in i]
    assert len(findings) == sum(counts.values())  # every record of every shown layer, once
    layers = set()
    for item in findings:
        assert item["type"] == "Annotation" and item["generator"]["id"].startswith("urn:historiograph:software:")
        assert any(b["purpose"] == "tagging" for b in item["body"])
        layers.add(item["hg:layer"])
        targets = item["target"] if isinstance(item["target"], list) else [item["target"]]
        for t in targets:
            doc = t["source"].rsplit(":", 1)[1]
            pos, quote = t["selector"]
            assert pos["type"] == "TextPositionSelector" and quote["type"] == "TextQuoteSelector"
            text = texts[doc]
            assert text[pos["start"]:pos["end"]] == quote["exact"]
            assert text[:pos["start"]].endswith(quote["prefix"]) and text[pos["end"]:].startswith(quote["suffix"])
    assert {"attributions", "note_markers", "notes", "references", "mentions", "sections"} <= layers
    ref = next(i for i in findings if i["hg:layer"] == "references")
    csl = next(b for b in ref["body"] if b.get("format") == "application/vnd.citationstyles.csl+json")
    assert isinstance(json.loads(csl["value"]), dict)
    reviewed = next(i for i in findings if i["hg:record"] == att.id)
    assert reviewed["hg:status"] == "confirmed"
    [review] = [i for i in items if i["motivation"] == "assessing" and "hg:layer" not in i]
    assert review["target"] == reviewed["id"] and review["creator"]["name"] == "Ada"
    assert {b["value"] for b in review["body"]} == {"confirmed", "checked against the note"}
