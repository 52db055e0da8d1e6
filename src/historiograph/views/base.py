"""What every view shares: `to_dict()` (the JSON twin), snippets of text around offsets,
the review verdicts a person gave, and short forms of a CSL reference."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any, Mapping

from ..model import Record
from ..model.corpus import CorpusRecord, Place
from ..store import Store


_PRIMITIVE = (str, int, float, bool, type(None))
_DATACLASS_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _fields_of(kind: type) -> tuple[str, ...] | None:
    if kind not in _DATACLASS_FIELDS:
        _DATACLASS_FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind) if not f.name.startswith("_")) \
            if dataclasses.is_dataclass(kind) else None
    return _DATACLASS_FIELDS[kind]


def plain(value: Any) -> Any:
    """A view's value as JSON-ready data (dataclasses, records and places as dicts)."""
    kind = type(value)
    if kind in _PRIMITIVE:
        return value
    if kind is list or kind is tuple:
        return [v if type(v) in _PRIMITIVE else plain(v) for v in value]
    if kind is dict:
        return {str(k): v if type(v) in _PRIMITIVE else plain(v) for k, v in value.items()}
    if isinstance(value, (Record, CorpusRecord, Place)):
        return value.to_dict()
    names = _fields_of(kind)
    if names is not None:
        return {n: plain(getattr(value, n)) for n in names}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    return value


class View:
    """Base of view models: a typed dataclass whose JSON twin is `to_dict()`."""

    kind: str = "view"

    def to_dict(self) -> dict[str, Any]:
        return {"view": self.kind, **plain(self)}


@dataclass
class NotComputed(View):
    """A view whose corpus step has not run (or does not exist yet): says so, with an empty body."""

    message: str
    kind: str = "not_computed"
    computed: bool = False
    items: list = dataclasses.field(default_factory=list)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Snippet:
    """Text at offsets with a little context either side (white space collapsed)."""

    document: str
    start: int
    end: int
    text: str
    before: str
    after: str


def snippet(text: str, document: str, start: int, end: int, context: int = 60) -> Snippet:
    return Snippet(document, start, end, flat(text[start:end]), flat(text[max(0, start - context):start]),
                   flat(text[end:end + context]))


def place_snippet(store: Store, place: Place, context: int = 60) -> Snippet:
    a, b = place.start, place.end
    around = store.text(place.document, max(0, a - context), b + context)
    lead = min(context, a)
    return Snippet(place.document, a, b, flat(around[lead:lead + b - a]), flat(around[:lead]),
                   flat(around[lead + b - a:]))


def records_at(store: Store, record_type: type, pairs) -> dict[tuple[str, str], Record]:
    """The records at (document, record id) pairs, read document by document: a record id
    can recur in other documents (the same text twice), and only these places are wanted."""
    by_doc: dict[str, set[str]] = {}
    for doc, rec in pairs:
        if doc and rec:
            by_doc.setdefault(doc, set()).add(rec)
    out: dict[tuple[str, str], Record] = {}
    for doc, ids in by_doc.items():
        out.update({(d, r.id): r for d, r in store.records(record_type, document=doc, ids=sorted(ids))})
    return out


def verdicts(store: Store) -> dict[str, str]:
    """The latest review of every reviewed record: record id -> confirmed | rejected."""
    return {r.target: r.verdict for r in store.reviews()}


def status_of(record_id: str, machine_status: str, reviewed: Mapping[str, str]) -> str:
    return reviewed.get(record_id, machine_status)


def short_csl(csl: Mapping[str, Any]) -> str:
    """"Martin & Suny, A State of Nations, 2001" from a CSL item."""
    people = list(csl.get("author") or csl.get("editor") or [])
    who = (people[0].get("family") or people[0].get("literal") or "") if people else ""
    if len(people) > 1:
        who += " et al." if len(people) > 2 else f" & {people[1].get('family', '')}"
    year = ((csl.get("issued") or {}).get("date-parts") or [[None]])[0][0]
    title = csl.get("title") or csl.get("container-title") or ""
    return ", ".join(str(x) for x in (who, title, year) if x)
