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


def plain(value: Any) -> Any:
    """A view's value as JSON-ready data (dataclasses, records and places as dicts)."""
    if isinstance(value, (Record, CorpusRecord, Place)):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if not f.name.startswith("_")}
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
