"""Views: typed models built from the store, one per thing a person reads. `to_dict()` is
each view's JSON twin; the CLI and the web reader only lay views out."""

from .annotations import Annotation, annotations
from .base import NotComputed, View, plain
from .documents import DocumentSummary, Overview, Reader, TextAt, document_summary, overview, reader, text_at
from .evidence import NotesView, WorksView, notes_view, works_view
from .findings import ProblemsView, SearchView, problems_view, search_view
from .people import PeopleView, PersonView, WhoView, find_entries, people_view, person_view, who_view
from .claims import ClaimsView, NumbersView, claims_view, numbers_view
from .disputes import DisputeRow, DisputeSide, DisputesView, disputes_view
from .speech import DEFAULT_MIN_CONFIDENCE, QuotesView, quotes_view
from .terms import TermsView, terms_view

__all__ = [
    "View", "NotComputed", "plain", "Annotation", "annotations", "Overview", "DocumentSummary", "TextAt", "Reader", "overview",
    "document_summary", "text_at", "reader", "NotesView", "WorksView", "notes_view", "works_view", "ProblemsView",
    "SearchView", "problems_view", "search_view", "PeopleView", "PersonView", "WhoView", "find_entries", "people_view",
    "person_view", "who_view", "ClaimsView", "NumbersView", "claims_view", "numbers_view", "DisputeRow", "DisputeSide", "DisputesView",
    "disputes_view", "DEFAULT_MIN_CONFIDENCE", "QuotesView", "quotes_view", "TermsView", "terms_view",
]
