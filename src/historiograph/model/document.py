"""The Document: an immutable canonical text, its metadata and named layers of records.

Character offsets into ``Document.text`` (Python ``str`` indices, i.e. Unicode code points
of the NFC-normalised text) are the single source of truth."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping

from .records import Record, record_from_dict

# Unicode's stream-safe text format (UAX #15, section 13): no more than 30 non-starters in
# a row. Normalisation sorts each run of combining marks, in time that grows with the
# square of the run, so a text of 100,000 mixed marks would take minutes; a combining
# grapheme joiner (a starter that changes nothing visible) after every 30 keeps it linear.
MAX_NONSTARTERS = 30
CGJ = "\u034f"
_SURROGATE = re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=1)
def _nonstarter_runs() -> re.Pattern:
    """Runs of more than MAX_NONSTARTERS characters that take part in canonical
    reordering: a non-zero combining class, or a decomposition that opens with one."""
    cps = [cp for cp in range(0x300, 0x110000) if unicodedata.combining(chr(cp))
           or unicodedata.combining(unicodedata.normalize("NFD", chr(cp))[:1] or "a")]
    ranges, start, prev = [], None, None
    for cp in cps:
        if start is None:
            start = prev = cp
        elif cp == prev + 1:
            prev = cp
        else:
            ranges.append((start, prev))
            start = prev = cp
    if start is not None:
        ranges.append((start, prev))
    cls = "".join(f"\\U{a:08x}" + (f"-\\U{b:08x}" if b > a else "") for a, b in ranges)
    return re.compile(f"[{cls}]{{{MAX_NONSTARTERS + 1},}}")


def stream_safe(text: str) -> str:
    """``text`` with a CGJ after every 30 characters of a longer run of non-starters."""
    def cut(m: re.Match) -> str:
        run = m.group()
        return CGJ.join(run[i:i + MAX_NONSTARTERS] for i in range(0, len(run), MAX_NONSTARTERS))
    return _nonstarter_runs().sub(cut, text)


def canonical_text(raw: str) -> str:
    """NFC, no BOM, Unix newlines: the text every offset refers to (in the stream-safe
    format, so normalising it takes linear time)."""
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (a broken PDF font map, an API caller): not text
        text = _SURROGATE.sub("\ufffd", text)
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", stream_safe(text))


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) narrowed so the span neither begins nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def canonical_with_map(raw: str) -> tuple[str, list[int]]:
    """canonical_text(raw) and, for every canonical offset (and the end), the raw offset
    it came from, so findings can be pointed back into an original file."""
    out: list[str] = []
    starts: list[int] = []
    i = 1 if raw.startswith("\ufeff") else 0
    while i < len(raw):
        j = i + 1
        if raw[i] == "\r":
            j = i + 2 if raw[i + 1:i + 2] == "\n" else i + 1
            unit = "\n"
        else:
            while j < len(raw) and unicodedata.combining(raw[j]):
                j += 1
            unit = unicodedata.normalize("NFC", stream_safe(raw[i:j]))
        out.append(unit)
        starts.extend([i] * len(unit))
        i = j
    starts.append(len(raw))
    return "".join(out), starts


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    genre: str | None = None
    source_path: str | None = None
    media_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Document:
    """Immutable canonical text, metadata and named layers of records."""

    text: str
    meta: Metadata = field(default_factory=Metadata)
    layers: Mapping[str, tuple[Record, ...]] = field(default_factory=dict)
    id: str = ""

    def __post_init__(self) -> None:
        if not unicodedata.is_normalized("NFC", self.text):
            raise ValueError("Document.text must be NFC-normalised (use canonical_text)")
        layers = {name: tuple(records) for name, records in self.layers.items()}
        for records in layers.values():
            for record in records:
                if record.end > len(self.text):
                    raise ValueError(f"{record.id} points past the end of the text")
        object.__setattr__(self, "layers", layers)
        if not self.id:
            object.__setattr__(self, "id", document_id(self.meta.source_path, self.content_hash))

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    def layer(self, name: str) -> tuple[Record, ...]:
        return self.layers.get(name, ())

    def with_layers(self, new: Mapping[str, Iterable[Record]]) -> "Document":
        layers = dict(self.layers)
        for name, records in new.items():
            layers[name] = tuple(layers.get(name, ())) + tuple(records)
        return dataclasses.replace(self, layers=layers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "content_hash": self.content_hash,
            "meta": self.meta.to_dict(),
            "text": self.text,
            "layers": {n: [r.to_dict() for r in rs] for n, rs in self.layers.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Document":
        layers = {n: tuple(record_from_dict(r) for r in rs) for n, rs in data.get("layers", {}).items()}
        doc = cls(text=data["text"], meta=Metadata(**data.get("meta", {})), layers=layers, id=data.get("id", ""))
        if data.get("content_hash") not in (None, doc.content_hash):
            raise ValueError(f"{doc.id}: text does not match its content hash")
        return doc

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_json(cls, payload: str) -> "Document":
        return cls.from_dict(json.loads(payload))


def document_id(source: str | None, text_hash: str) -> str:
    """Readable, stable id: file stem plus a digest of (source, content)."""
    stem = "doc"
    if source:
        name = source.rstrip("/").rsplit("/", 1)[-1]
        stem = name.rsplit(".", 1)[0] if "." in name else name
        stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)[:40] or "doc"
    digest = hashlib.sha256(f"{source}\0{text_hash}".encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{stem}-{digest}"


