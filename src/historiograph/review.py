"""Human review: find any record by id (a per-document record or a corpus record), and
record a person's verdict on it as a new `Review` (never an edit in place), after which the
corpus steps that read reviews bring their records up to date."""

from __future__ import annotations

from datetime import datetime, timezone

from .model import CORPUS_TYPES, RECORD_TYPES, Review
from .store import Store

VERDICTS = ("confirmed", "rejected")


def find_record(store: Store, record_id: str, document: str | None = None) -> tuple[str | None, str] | None:
    """(document id or None, record type) of the record with this id (in ``document``, when
    given: the same text stored twice has records with the same ids), or None."""
    prefix = record_id.split("-", 1)[0]
    for cls in RECORD_TYPES.values():
        if cls.type_name[:3] == prefix:
            found = store.records(cls, document=document, ids=[record_id])
            if found:
                return found[0][0], cls.type_name
    for cls in CORPUS_TYPES.values():
        if (cls.id_prefix or cls.type_name[:3]) == prefix and store.corpus_records(cls, ids=[record_id]):
            return None, cls.type_name
    return None


def record_review(store: Store, record_id: str, verdict: str, author: str, note: str = "",
                  document: str | None = None) -> tuple[Review, str]:
    """Store a person's verdict on the record ``record_id`` (of ``document``, when given) and
    re-run the corpus steps. Returns the review and the reviewed record's type; KeyError when
    there is no such record."""
    if verdict not in VERDICTS:
        raise ValueError(f"a review confirms or rejects, not {verdict!r}")
    if not author.strip():
        raise ValueError("a review needs its author")
    found = find_record(store, record_id, document)
    if found is None and document is not None:
        found = find_record(store, record_id)  # a corpus record (an entity link) reviewed from a document's page
    if found is None:
        raise KeyError(f"no record {record_id!r} (record ids are shown by --json and in the web reader)")
    document, what = found
    review = Review(target=record_id, verdict=verdict, author=author.strip(),
                    created_at=datetime.now(timezone.utc).isoformat(timespec="milliseconds"), note=note.strip(),
                    document=document, component="review", version="1")
    store.write_review(review)
    from .corpus import run_steps  # the corpus steps import the store and views; keep this module light

    run_steps(store)
    return review, what
