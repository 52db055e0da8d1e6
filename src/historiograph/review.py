"""Human review: find any record by id (a per-document record or a corpus record), so a
person's verdict can be attached to it."""

from __future__ import annotations

from .model import CORPUS_TYPES, RECORD_TYPES
from .store import Store


def find_record(store: Store, record_id: str) -> tuple[str | None, str] | None:
    """(document id or None, record type) of the record with this id, or None."""
    prefix = record_id.split("-", 1)[0]
    for cls in RECORD_TYPES.values():
        if cls.type_name[:3] == prefix:
            found = store.records(cls, ids=[record_id])
            if found:
                return found[0][0], cls.type_name
    for cls in CORPUS_TYPES.values():
        if (cls.id_prefix or cls.type_name[:3]) == prefix and store.corpus_records(cls, ids=[record_id]):
            return None, cls.type_name
    return None
