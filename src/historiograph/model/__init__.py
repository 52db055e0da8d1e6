"""The one data model: an immutable Document with named layers of small typed records,
the problem-code catalogue, and (in `corpus`) the records corpus steps write across
documents. Everything here is re-exported, so `from historiograph.model import X` works
for every type."""

from .document import (Document, Metadata, canonical_text, canonical_with_map, content_hash, document_id,
                       strip_span)
from .problems import CATALOGUE, ProblemCode, make_problem
from .records import (FOOTINGS, QUALIFIERS, RECORD_TYPES, SECTION_KINDS, STATUSES, Attribution, Claim, ClaimSummary,
                      Note, NoteMarker, Problem, Quantity, Record, Reference, Section, Span, record_from_dict,
                      record_type)

__all__ = [
    "Document", "Metadata", "canonical_text", "canonical_with_map", "content_hash", "document_id", "strip_span",
    "CATALOGUE", "ProblemCode", "make_problem", "FOOTINGS", "QUALIFIERS", "RECORD_TYPES", "SECTION_KINDS", "STATUSES",
    "Attribution", "Claim", "ClaimSummary", "Note", "NoteMarker", "Problem", "Quantity", "Record", "Reference", "Section",
    "Span", "record_from_dict", "record_type",
]
