import csv

import historiograph as hg
from historiograph.export import export
from historiograph.export.csv import cell
from historiograph.model import CORPUS_TYPES, RECORD_TYPES


def read(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_row_counts_equal_record_counts(sample_db, tmp_path):
    out = tmp_path / "csv"
    with hg.open_store(sample_db, read_only=True) as store:
        n, what = export(store, "csv", out)
        docs = store.documents()
        layer_counts = store.layer_counts()[""]
        corpus = {cls.table: store.count_corpus(cls) for cls in CORPUS_TYPES.values() if cls.exported}
        file_problems = len(store.corpus_problems())
        texts = {r.id: store.document(r.id).text for r in docs}
    assert what == "CSV files" and n == len(list(out.glob("*.csv")))
    rows = read(out / "documents.csv")
    assert len(rows) == len(docs)
    assert all(r["text"] == texts[r["id"]] or r["text"] == "'" + texts[r["id"]] for r in rows)
    for layer, count in layer_counts.items():
        rows = read(out / f"{layer}.csv")
        assert len(rows) == count + (file_problems if layer == "problems" else 0), layer
        for r in rows:
            if r["document_id"]:
                start, end = int(r["start"]), int(r["end"])
                assert 0 <= start <= end <= len(texts[r["document_id"]])
    for table, count in corpus.items():
        assert len(read(out / f"{table}.csv")) == count, table
    links = read(out / "entity_links.csv")
    assert links and {"mention_document", "mention_start", "mention_end", "entity"} <= set(links[0])
    assert set(RECORD_TYPES)  # every record type has a table; every layer present has a file


def test_cells_a_spreadsheet_would_run_are_inert():
    assert cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert cell("+1") == "'+1" and cell("@SUM(A1)") == "'@SUM(A1)" and cell("-x") == "'-x"
    assert cell("-3") == "-3" and cell(-3) == -3 and cell("plain") == "plain" and cell(None) == ""
    assert cell([1, 2]) == "[1, 2]" and cell(True) == "true"
