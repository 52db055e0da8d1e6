"""Records: small typed findings, each with its spans into a Document's text, the
component (name + version) that made it, a confidence and a status. A record never
stores a copied substring as its only evidence; it stores spans."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Mapping

if TYPE_CHECKING:
    from .document import Document

Span = tuple[int, int]
STATUSES = ("machine", "confirmed", "rejected")

RECORD_TYPES: dict[str, type["Record"]] = {}


def record_type(name: str, table: str):
    """Register a record class under a stable type name and store table name."""

    def register(cls: type[Record]) -> type[Record]:
        cls.type_name = name
        cls.table = table
        RECORD_TYPES[name] = cls
        return cls

    return register


@dataclass(frozen=True, kw_only=True)
class Record:
    """Base of every record: spans, provenance, confidence and status."""

    type_name: ClassVar[str] = "record"
    table: ClassVar[str] = "records"

    spans: tuple[Span, ...]
    component: str
    version: str
    confidence: float | None = None
    status: str = "machine"
    id: str = ""

    def __post_init__(self) -> None:
        spans = tuple((int(s), int(e)) for s, e in self.spans)
        for start, end in spans:
            if start < 0 or end < start:
                raise ValueError(f"{type(self).__name__}: bad span ({start}, {end})")
        object.__setattr__(self, "spans", spans)
        if self.status not in STATUSES:
            raise ValueError(f"{type(self).__name__}: unknown status {self.status!r}")
        if not self.id:
            object.__setattr__(self, "id", self._derive_id())

    # -- identity ---------------------------------------------------------
    def _derive_id(self) -> str:
        payload = {k: v for k, v in self._fields().items() if k not in ("id", "confidence")}
        digest = hashlib.sha1(
            json.dumps([self.type_name, payload], sort_keys=True, default=list).encode()
        ).hexdigest()
        return f"{self.type_name[:3]}-{digest[:12]}"

    # -- geometry ---------------------------------------------------------
    @property
    def start(self) -> int:
        return min((s for s, _ in self.spans), default=0)

    @property
    def end(self) -> int:
        return max((e for _, e in self.spans), default=0)

    def text_in(self, doc: "Document") -> str:
        """The characters this record covers (spans joined by ' … ')."""
        return " … ".join(doc.text[s:e] for s, e in self.spans)

    # -- serialisation ----------------------------------------------------
    def _fields(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def to_dict(self) -> dict[str, Any]:
        data = {"type": self.type_name}
        for key, value in self._fields().items():
            data[key] = _jsonable(value)
        return data

    @classmethod
    def extra_fields(cls) -> list[dataclasses.Field]:
        base = {f.name for f in dataclasses.fields(Record)}
        return [f for f in dataclasses.fields(cls) if f.name not in base]


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _tupled(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tupled(v) for v in value)
    return value


def record_from_dict(data: Mapping[str, Any]) -> Record:
    data = dict(data)
    cls = RECORD_TYPES.get(data.pop("type", ""))
    if cls is None:
        raise ValueError(f"unknown record type in {data!r}")
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            value = data[f.name]
            kwargs[f.name] = value if isinstance(value, dict) else _tupled(value)
    return cls(**kwargs)


# --- record types ---------------------------------------------------------

SECTION_KINDS = (
    "title", "subtitle", "byline", "date", "heading", "body", "notes", "footnotes",
    "bibliography", "post", "quote", "boilerplate", "page",
)


@record_type("section", "sections")
@dataclass(frozen=True, kw_only=True)
class Section(Record):
    """A structural region: body, endnotes, bibliography, forum post, quote block…"""

    kind: str
    parent: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in SECTION_KINDS:
            raise ValueError(f"unknown section kind {self.kind!r}")
        super().__post_init__()


@record_type("problem", "problems")
@dataclass(frozen=True, kw_only=True)
class Problem(Record):
    """A coded finding: a crash, a bad input, an integrity issue."""

    code: str
    message: str
    severity: str = "warning"  # info | warning | error


@record_type("note_marker", "note_markers")
@dataclass(frozen=True, kw_only=True)
class NoteMarker(Record):
    """A footnote marker in the text (the digits, bracket or superscript)."""

    number: int
    style: str  # glued | spaced | bracket | superscript | after_number
    note: str | None = None  # id of the Note it links to
    sentence: tuple[int, int] | None = None  # the sentence that carries it


@record_type("note", "notes")
@dataclass(frozen=True, kw_only=True)
class Note(Record):
    """One numbered note; spans cover its text (without the number)."""

    number: int
    kind: str  # reference | commentary | mixed | empty


@record_type("reference", "citations")
@dataclass(frozen=True, kw_only=True)
class Reference(Record):
    """A cited work: CSL-JSON fields, where it was cited and what it repeats."""

    csl: dict
    role: str  # note | bibliography | inline
    form: str  # full | short | ibid | op-cit
    fields: tuple[tuple[int, int, str], ...] = ()  # parsed field spans (start, end, CSL variable)
    note: str | None = None
    note_number: int | None = None
    cited_range: str | None = None
    prefix: str | None = None  # "see", "quoted in", "cf." …
    resolves_to: str | None = None  # the full reference an Ibid./short form repeats
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()


FOOTINGS = ("cited", "attributed", "quoted", "unsupported")


@record_type("claim", "claims")
@dataclass(frozen=True, kw_only=True)
class Claim(Record):
    """An assertive sentence or clause: who asserts it and on what footing.

    ``footing``: ``cited`` (it carries a note marker, a link or an inline reference; the
    reference ids are in ``supported_by``, the URL spans in ``links``), ``quoted`` (a direct
    quotation), ``attributed`` (reported from a named source) or ``unsupported``. A cited
    claim that is also someone's words keeps ``asserted_by`` and ``attribution``."""

    supported_by: tuple[str, ...] = ()  # Reference ids
    markers: tuple[str, ...] = ()  # NoteMarker ids
    footing: str = "unsupported"
    asserted_by: str | None = None  # the document's author, or the source of the attribution holding it
    attribution: str | None = None  # id of that Attribution
    links: tuple[tuple[int, int], ...] = ()  # URL spans in the claim
    hedged: bool = False  # "perhaps", "may have", "probably", "I think"
    hedges: tuple[tuple[int, int], ...] = ()  # spans of the hedge cues
    negated: bool = False  # "not", "never", "no": a cue for agreement across texts
    section: str | None = None  # id of the section it lies in

    def __post_init__(self) -> None:
        if self.footing not in FOOTINGS:
            raise ValueError(f"unknown footing {self.footing!r}")
        super().__post_init__()


@record_type("claim_summary", "claim_summaries")
@dataclass(frozen=True, kw_only=True)
class ClaimSummary(Record):
    """Per-document counts of the claims layer, so views never recount: assertions by
    footing and the sourced share ((cited + attributed + quoted) / assertions)."""

    assertions: int = 0
    cited: int = 0
    attributed: int = 0
    quoted: int = 0
    unsupported: int = 0
    hedged: int = 0
    sourced_share: float = 0.0


QUALIFIERS = ("exact", "about", "almost", "range", "more than", "at least", "less than", "up to", "vague")


@record_type("quantity", "quantities")
@dataclass(frozen=True, kw_only=True)
class Quantity(Record):
    """A numeric claim, normalised. ``low``/``high`` are equal for a point value; an open
    bound is None ("more than 3 million": low 3e6, high None); a vague amount ("tens of
    millions") has neither and keeps its order of ``magnitude``. ``unit`` says what is
    counted (deaths, victims, people, percent, years …), ``family`` its kind (persons,
    share, duration …), ``counted`` the noun as written ("Polish officers")."""

    low: float | None = None
    high: float | None = None
    unit: str | None = None
    family: str | None = None
    qualifier: str = "exact"
    magnitude: int | None = None
    counted: str | None = None
    claim: str | None = None  # id of the Claim it belongs to
    supported_by: tuple[str, ...] = ()  # references given for this very figure ("(Conquest, The Great Terror)")
    given_by: str | None = None  # who gives this figure, when the text names them beside it

    def __post_init__(self) -> None:
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")
        super().__post_init__()


@record_type("attribution", "attributions")
@dataclass(frozen=True, kw_only=True)
class Attribution(Record):
    """Who says what: source, cue and content spans (PARC / PolNeAR notion of
    attribution). ``spans`` holds all of them; the role fields say which is which."""

    kind: str  # direct | indirect | mixed | according_to | block | thought | first_person
    source: tuple[tuple[int, int], ...] = ()
    cue: tuple[tuple[int, int], ...] = ()
    content: tuple[tuple[int, int], ...] = ()
    speaker: str | None = None  # the person or body the source names, resolved where clear
    nested_in: str | None = None  # id of the attribution whose content holds this one
    supported_by: tuple[str, ...] = ()  # Reference ids, when the sentence carries a note marker


TERM_USES = ("use", "mention", "reclaimed")
TERM_MENTION_KINDS = ("quotation", "reported", "historical", "discussion", "condemnation")


@record_type("term_use", "term_uses")
@dataclass(frozen=True, kw_only=True)
class TermUse(Record):
    """One occurrence of a lexicon term (data/terms_lexicon.tsv): what it is, the public
    source that lists it, and whether the document's author uses it or mentions it."""

    term: str  # the canonical form (the text itself is at the spans)
    category: str  # slur | coded | echo | number_code | propaganda | euphemism | dehumanising | denial | conspiracy | dated
    target: str
    reference: str  # ADL Hate Symbols entry, IHRA example, JDA guideline, AJC Translate Hate, a dictionary
    use: str  # use | mention | reclaimed
    mention_kind: str | None = None  # quotation | reported | historical | discussion | condemnation
    reason: str = ""  # a sentence a reviewer can read
    form: str = "exact"  # exact | inflected | compound | obfuscated | spaced | echo | phrase | cyrillic
    entry: str = ""  # the lexicon row's id
    speaker: str | None = None  # whose words, for a quotation or a report
    attribution: str | None = None  # id of the Attribution that holds it

    def __post_init__(self) -> None:
        if self.use not in TERM_USES:
            raise ValueError(f"unknown term use {self.use!r}")
        if self.mention_kind is not None and self.mention_kind not in TERM_MENTION_KINDS:
            raise ValueError(f"unknown mention kind {self.mention_kind!r}")
        super().__post_init__()


@record_type("term_statement", "term_statements")
@dataclass(frozen=True, kw_only=True)
class TermStatement(Record):
    """A passage in the author's own words that the classifier reads as an antisemitic
    statement with no marked word (conspiracy, control, dual loyalty…). ``confidence`` is
    the calibrated probability; ``flagged`` says whether it passed the shipped threshold."""

    score: float
    flagged: bool
    frames: tuple[str, ...] = ()  # conspiracy | control | loyalty | denial | collective, from cue patterns
    reason: str = ""


@record_type("term_verdict", "term_verdicts")
@dataclass(frozen=True, kw_only=True)
class TermVerdict(Record):
    """The document's verdict, derived from its occurrences and statements: flagged when the
    author uses a hateful term or makes a statement the classifier flags. Spans: the uses and
    flagged statements it rests on."""

    flagged: bool
    uses: int = 0
    mentions: int = 0
    reclaimed: int = 0
    statements: int = 0  # flagged statements
    score: float | None = None  # the highest classifier probability over the author's passages
    counts: dict = dataclasses.field(default_factory=dict)  # {category: {use|mention|reclaimed: n}}
    reason: str = ""


MENTION_KINDS = ("person", "organisation", "work", "place", "group", "event")


@record_type("mention", "mentions")
@dataclass(frozen=True, kw_only=True)
class Mention(Record):
    """A person, organisation, work, place or group a document names, with offsets. The
    register corpus step links mentions across documents into entries."""

    kind: str  # person | organisation | work | place | group | event (a named period: "the Great Terror")
    name: str  # as written, white space collapsed ("Martin", "Smith, Jon", "Out of the Red Shadows")
    resolved: str  # the fullest form this document gives it ("Terry Martin"); a work: its title
    role: str = "named"  # speaker | author | editor | cited | named
    how: str = "text"  # how it was found: attribution, reference, inline_book, entity (NER), text
    record: str | None = None  # the attribution or reference it comes from
    authors: tuple[str, ...] = ()  # a work's authors as this document gives them

    def __post_init__(self) -> None:
        if self.kind not in MENTION_KINDS:
            raise ValueError(f"unknown mention kind {self.kind!r}")
        super().__post_init__()
