"""Views: typed models built from documents or the store; `to_dict()` is each one's JSON twin.
The CLI and the web handlers only lay them out."""

from .terms import TermsView, terms_view

__all__ = ["TermsView", "terms_view"]
