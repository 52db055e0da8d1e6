"""Corpus records: what corpus steps find across documents. A corpus record points into
several documents at once: each place is a `Place` (a document, the spans in its text,
and the id of the per-document record there, such as a mention or a claim). Like every
record it carries the step (component + version) that made it, a confidence and a status;
a person's confirmation or rejection is a `Review`, a new record, never an edit in place."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Any, ClassVar, Mapping

from .records import STATUSES, Span

CORPUS_TYPES: dict[str, type["CorpusRecord"]] = {}


def corpus_type(name: str, table: str):
    """Register a corpus record class under a stable type name and its store table."""

    def register(cls: type[CorpusRecord]) -> type[CorpusRecord]:
        cls.type_name = name
        cls.table = table
        CORPUS_TYPES[name] = cls
        return cls

    return register


@dataclass(frozen=True)
class Place:
    """Where in the corpus: a document, spans into its text, and the per-document record there."""

    document: str
    spans: tuple[Span, ...]
    record: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "spans", tuple((int(s), int(e)) for s, e in self.spans))

    @property
    def start(self) -> int:
        return min((s for s, _ in self.spans), default=0)

    @property
    def end(self) -> int:
        return max((e for _, e in self.spans), default=0)

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "spans": [list(s) for s in self.spans], "record": self.record}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Place":
        return cls(data["document"], tuple(tuple(s) for s in data.get("spans", ())), data.get("record"))


def _plain(value: Any) -> Any:
    if isinstance(value, Place):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, kw_only=True)
class CorpusRecord:
    """Base of corpus records: provenance, confidence, status and a content-derived id."""

    type_name: ClassVar[str] = "corpus_record"
    table: ClassVar[str] = "corpus_records"
    id_fields: ClassVar[tuple[str, ...]] = ()  # fields the id is derived from (all but provenance if empty)
    id_prefix: ClassVar[str] = ""  # the id's prefix (default: the type name's first three letters)
    indexed: ClassVar[tuple[str, ...]] = ()  # fields the store indexes (what views look records up by)
    exported: ClassVar[bool] = True  # whether exports carry the table (not a step's working data such as vectors)

    component: str
    version: str
    confidence: float | None = None
    status: str = "machine"
    id: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES + ("candidate",):
            raise ValueError(f"{type(self).__name__}: unknown status {self.status!r}")
        if not self.id:
            object.__setattr__(self, "id", self._derive_id())

    def _derive_id(self) -> str:
        skip = {"id", "confidence", "component", "version", "status"}
        fields = self.id_fields or tuple(f.name for f in dataclasses.fields(self) if f.name not in skip)
        payload = {name: _plain(getattr(self, name)) for name in fields}
        digest = hashlib.sha1(json.dumps([self.type_name, payload], sort_keys=True).encode()).hexdigest()
        return f"{self.id_prefix or self.type_name[:3]}-{digest[:12]}"

    @property
    def digest(self) -> str:
        """A digest of everything the record says (its id, provenance and fields): two records
        with one digest are the same, so a step rewrites only what changed."""
        return hashlib.sha1(json.dumps(self.to_dict(), sort_keys=True).encode()).hexdigest()[:16]

    @property
    def places(self) -> tuple[Place, ...]:
        """Every place in the corpus this record points to."""
        found: list[Place] = []
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Place):
                found.append(value)
            elif isinstance(value, tuple):
                found.extend(v for v in value if isinstance(v, Place))
        return tuple(found)

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({p.document for p in self.places}))

    def to_dict(self) -> dict[str, Any]:
        data = {"type": self.type_name}
        for f in dataclasses.fields(self):
            data[f.name] = _plain(getattr(self, f.name))
        return data

    @classmethod
    def extra_fields(cls) -> list[dataclasses.Field]:
        base = {f.name for f in dataclasses.fields(CorpusRecord)}
        return [f for f in dataclasses.fields(cls) if f.name not in base]


def _revive(value: Any) -> Any:
    kind = type(value)
    if kind is dict and "document" in value and "spans" in value:
        return Place.from_dict(value)
    if kind is list:
        return tuple([_revive(v) for v in value])
    if kind is str or kind is int or kind is float or value is None:
        return value
    if isinstance(value, Mapping) and "document" in value and "spans" in value:
        return Place.from_dict(value)
    return value


def corpus_record_from_dict(data: Mapping[str, Any]) -> CorpusRecord:
    data = dict(data)
    cls = CORPUS_TYPES.get(data.pop("type", ""))
    if cls is None:
        raise ValueError(f"unknown corpus record type in {data!r}")
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            value = data[f.name]
            kwargs[f.name] = value if isinstance(value, dict) and "document" not in value else _revive(value)
    return cls(**kwargs)


ENTITY_KINDS = ("person", "organisation", "work", "place", "group", "event")


@corpus_type("entity", "entities")
@dataclass(frozen=True, kw_only=True)
class Entity(CorpusRecord):
    """A register entry: one person, organisation, work, place or group, with how often it is
    named and in how many documents. Its mentions are the
    `EntityLink`s that point to it. `key` is what makes it one entry (a normalised name, or
    author + title for a work); its id is derived from the key alone, so it stays the same
    as mentions are added in later runs."""

    id_fields: ClassVar[tuple[str, ...]] = ("kind", "key")
    indexed: ClassVar[tuple[str, ...]] = ("kind",)

    kind: str
    key: str
    name: str  # the preferred name (the fullest form found)
    variants: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()  # scholar, author, speaker, historical actor, cited work …
    identifiers: Mapping[str, str] = dataclasses.field(default_factory=dict)  # e.g. {"wikidata": "Q855"}
    authors: tuple[str, ...] = ()  # a work's author entries (entity ids)
    n_mentions: int = 0  # linked mentions (not candidates)
    n_documents: int = 0
    n_candidates: int = 0

    def __post_init__(self) -> None:
        if self.kind not in ENTITY_KINDS:
            raise ValueError(f"unknown entity kind {self.kind!r}")
        super().__post_init__()


@corpus_type("entity_link", "entity_links")
@dataclass(frozen=True, kw_only=True)
class EntityLink(CorpusRecord):
    """Why a mention belongs to an entry (status machine), or might (status candidate: kept,
    not merged): `why` names the evidence ("same full name", "surname + context",
    "transliteration", "title match"…), `confidence` how sure."""

    id_fields: ClassVar[tuple[str, ...]] = ("mention", "entity")
    id_prefix: ClassVar[str] = "lnk"
    indexed: ClassVar[tuple[str, ...]] = ("entity",)

    mention: Place
    entity: str  # Entity id
    why: str
    name: str = ""  # the mention as written


REVIEW_STATUSES = ("confirmed", "rejected")


@corpus_type("review", "reviews")
@dataclass(frozen=True, kw_only=True)
class Review(CorpusRecord):
    """A person's verdict on a finding (any per-document or corpus record, by id): a new
    record with its author and time, never an overwrite. The latest review of a record wins."""

    id_fields: ClassVar[tuple[str, ...]] = ("target", "verdict", "author", "created_at")
    indexed: ClassVar[tuple[str, ...]] = ("target", "document")

    target: str  # the reviewed record's id
    verdict: str  # confirmed | rejected
    author: str
    created_at: str
    note: str = ""
    document: str | None = None  # the document of a per-document record

    def __post_init__(self) -> None:
        if self.verdict not in REVIEW_STATUSES:
            raise ValueError(f"a review confirms or rejects, not {self.verdict!r}")
        super().__post_init__()


@corpus_type("corpus_problem", "corpus_problems")
@dataclass(frozen=True, kw_only=True)
class CorpusProblem(CorpusRecord):
    """A coded finding that spans documents (a name spelled two ways in two texts), with
    every place it concerns."""

    id_prefix: ClassVar[str] = "cpb"

    code: str
    message: str
    severity: str = "warning"
    locations: tuple[Place, ...] = ()


@corpus_type("alias", "aliases")
@dataclass(frozen=True, kw_only=True)
class Alias(CorpusRecord):
    """A row of a user's identifier table: `variant` names the same entity as `name`, which
    has `identifier` in `scheme` (Wikidata, VIAF…). It seeds the register; nothing is fetched."""

    id_fields: ClassVar[tuple[str, ...]] = ("name", "variant", "identifier")

    name: str
    variant: str = ""
    identifier: str = ""
    scheme: str = ""
    kind: str = "person"


@corpus_type("corpus_stats", "corpus_stats")
@dataclass(frozen=True, kw_only=True)
class CorpusStats(CorpusRecord):
    """Counts across the corpus, kept so no view recounts millions of records per request."""

    id_fields: ClassVar[tuple[str, ...]] = ("name",)

    name: str = "corpus"
    documents: int = 0
    layers: Mapping[str, int] = dataclasses.field(default_factory=dict)  # records per layer
    entities: Mapping[str, int] = dataclasses.field(default_factory=dict)  # register entries per kind
    problems: Mapping[str, int] = dataclasses.field(default_factory=dict)  # problems per code


@corpus_type("figure_group", "figure_groups")
@dataclass(frozen=True, kw_only=True)
class FigureGroup(CorpusRecord):
    """Comparable figures across the corpus: the same quantity (a death toll, a population)
    given by different texts and sources, each figure with who gives it and on what
    footing. ``rank`` orders groups strongest first (most documents, sources, spread)."""

    id_fields: ClassVar[tuple[str, ...]] = ("measure", "figures")
    id_prefix: ClassVar[str] = "fig"

    measure: str
    label: str
    family: str | None = None
    topic: tuple[str, ...] = ()
    figures: tuple[Place, ...] = ()  # each figure's quantity, in its document
    details: tuple[Mapping[str, Any], ...] = ()  # per figure: text, low, high, qualifier, given_by, footing …
    rank: int = 0


RELATIONS = ("agree", "disagree", "unrelated")


@corpus_type("alignment", "alignments")
@dataclass(frozen=True, kw_only=True)
class Alignment(CorpusRecord):
    """Two claims of two different documents that make the same point, and whether they
    agree or disagree. ``a`` and ``b`` are the claims (document, spans, Claim id), ``a``
    the one whose document id sorts first. ``score`` is the probability of ``relation``
    (the relation head's), ``same_point_prob`` that of the same point, ``similarity`` the
    cosine of the two sentence vectors; ``why`` says in words what the judgement rests on."""

    id_fields: ClassVar[tuple[str, ...]] = ("a", "b")
    id_prefix: ClassVar[str] = "aln"
    indexed: ClassVar[tuple[str, ...]] = ("relation",)

    a: Place
    b: Place
    relation: str
    same_point: bool = True
    score: float = 0.0
    same_point_prob: float = 0.0
    similarity: float = 0.0
    why: str = ""

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise ValueError(f"unknown relation {self.relation!r} (known: {', '.join(RELATIONS)})")
        if self.a.document == self.b.document:
            raise ValueError("an alignment pairs claims of two different documents")
        super().__post_init__()


@corpus_type("claim_vectors", "claim_vectors")
@dataclass(frozen=True, kw_only=True)
class ClaimVectors(CorpusRecord):
    """The sentence vectors of one document's claims (the alignment step's working data, so
    an incremental run embeds only new documents): ``claims`` the Claim ids in order,
    ``vectors`` their L2-normalised vectors as base64 of little-endian float16, row by row.
    Not exported."""

    id_fields: ClassVar[tuple[str, ...]] = ("document", "model")
    id_prefix: ClassVar[str] = "vec"
    indexed: ClassVar[tuple[str, ...]] = ("document",)
    exported: ClassVar[bool] = False

    document: str
    model: str
    revision: str = ""  # a digest of the claim ids the vectors were made from (claims_key)
    dim: int = 384
    claims: tuple[str, ...] = ()
    vectors: str = ""
