"""The Document: an immutable canonical text, its metadata and named layers of records.

Character offsets into ``Document.text`` (Python ``str`` indices, i.e. Unicode code points
of the NFC-normalised text) are the single source of truth."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from .records import Record, record_from_dict

def canonical_text(raw: str) -> str:
    """NFC, no BOM, Unix newlines: the text every offset refers to."""
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


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
            unit = unicodedata.normalize("NFC", raw[i:j])
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
        if unicodedata.normalize("NFC", self.text) != self.text:
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
    digest = hashlib.sha256(f"{source}\0{text_hash}".encode()).hexdigest()[:8]
    return f"{stem}-{digest}"


