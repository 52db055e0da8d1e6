import json

import historiograph as hg
from historiograph.export import SCHEMA, export_json
from historiograph.model import Document


def test_json_export_round_trips_every_document(db, tmp_path):
    hg.analyze(hg.sample_corpus(), db)
    (tmp_path / "bad.txt").write_bytes(b"")
    hg.analyze([tmp_path / "bad.txt"], db)
    out = tmp_path / "out.json"
    with hg.open_store(db) as store:
        n = export_json(store, out)
        data = json.loads(out.read_text())
        assert data["schema"] == SCHEMA and n == len(data["documents"]) == 4
        for item in data["documents"]:
            assert {"id", "source", "version", "current", "meta", "text", "content_hash", "layers"} <= set(item)
            doc = Document.from_dict(item)
            assert doc == store.document(item["id"])
            for records in item["layers"].values():
                for record in records:
                    for start, end in record["spans"]:
                        assert 0 <= start <= end <= len(item["text"])
        [problem] = data["problems"]
        assert problem["code"] == "input.empty" and problem["source"].endswith("bad.txt")
