"""Per-document components. Importing this package registers the built-in ones."""

from . import attribution, integrity, mentions, notes, references, structure, terms  # noqa: F401  (registers the built-in components)
from .base import REGISTRY, Component, component, get

DEFAULT_PIPELINE = ("structure", "notes", "references", "integrity", "attribution", "mentions", "terms")

__all__ = ["REGISTRY", "Component", "component", "get", "DEFAULT_PIPELINE"]
