"""The same text stored twice (two sources) has records with the same ids: lookups by id can
be scoped to one document, and a review names the document it was given in."""

import historiograph as hg
from historiograph.model import Attribution, Review
from historiograph.review import record_review


def test_records_by_id_in_one_document_and_reviews_of_twins(tmp_path):
    text = 'The historian Dr. Ann Vale said "the archive was opened in 1991" and left it there.\n'
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text(text)
    (tmp_path / "b" / "same.txt").write_text(text)
    db = tmp_path / "c.sqlite"
    hg.analyze([tmp_path / "a" / "same.txt", tmp_path / "b" / "same.txt"], db)
    with hg.open_store(db) as store:
        docs = [r.id for r in store.documents()]
        assert len(docs) == 2
        att = next(a for _, a in store.records(Attribution, document=docs[0]))
        assert {d for d, _ in store.records(Attribution, ids=[att.id])} == set(docs)  # the twins share ids
        assert [d for d, _ in store.records(Attribution, document=docs[1], ids=[att.id])] == [docs[1]]
        review, what = record_review(store, att.id, "rejected", "Ada", document=docs[1])
        assert what == "attribution" and review.document == docs[1]
        [stored] = store.corpus_records(Review, where={"document": docs[1]})
        assert stored.target == att.id and not store.corpus_records(Review, where={"document": docs[0]})
        assert len(store.corpus_records(Review, limit=0)) == 0
        assert store.text(docs[0]) == text and store.text(docs[0], 4) == text[4:]  # to the end of the text
