"""The one data model: an immutable Document with named layers of small typed records,
the problem-code catalogue, and (in `corpus`) the records corpus steps write across
documents. Everything here is re-exported, so `from historiograph.model import X` works
for every type."""

from .document import (Document, Metadata, canonical_text, canonical_with_map, content_hash, document_id,
                       strip_span)
from .problems import CATALOGUE, ProblemCode, make_problem
from .corpus import (CORPUS_TYPES, ENTITY_KINDS, Alias, Alignment, ClaimVectors, CorpusProblem, CorpusRecord, CorpusStats, FigureGroup, Entity, EntityLink, Place,
                     Review, corpus_record_from_dict, corpus_type)
from .records import (FOOTINGS, MENTION_KINDS, QUALIFIERS, RECORD_TYPES, SECTION_KINDS, STATUSES, Attribution, Claim,
                      ClaimSummary, Mention, Note, NoteMarker, Problem, Quantity, Record, Reference, Section, Span,
                      TermStatement, TermUse, TermVerdict, record_from_dict,
                      record_type)

__all__ = [
    "Document", "Metadata", "canonical_text", "canonical_with_map", "content_hash", "document_id", "strip_span",
    "CATALOGUE", "ProblemCode", "make_problem", "RECORD_TYPES", "SECTION_KINDS", "STATUSES", "Attribution", "Claim", "Note",
    "NoteMarker", "Problem", "Record", "Reference", "Section", "Span", "record_from_dict", "record_type",
    "MENTION_KINDS", "Mention", "CORPUS_TYPES", "ENTITY_KINDS", "Alias", "Alignment", "ClaimVectors", "CorpusProblem", "CorpusRecord", "CorpusStats", "FigureGroup", "Entity", "EntityLink", "Place",
    "Review", "corpus_record_from_dict", "corpus_type", "TermStatement", "TermUse", "TermVerdict",
    "FOOTINGS", "QUALIFIERS", "ClaimSummary", "Quantity",
]
