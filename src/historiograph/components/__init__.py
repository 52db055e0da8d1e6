"""Per-document components. Importing this package registers the built-in ones."""

from . import attribution, claims, integrity, mentions, notes, quantities, references, structure, terms  # noqa: F401  (registers the built-in components)
from .base import REGISTRY, Component, component, get

DEFAULT_PIPELINE = ("structure", "notes", "references", "integrity", "attribution", "mentions", "terms", "claims",
                    "quantities")

__all__ = ["REGISTRY", "Component", "component", "get", "DEFAULT_PIPELINE"]
