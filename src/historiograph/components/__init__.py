"""Per-document components. Importing this package registers the built-in ones."""

from . import structure  # noqa: F401  (registers "structure")
from .base import REGISTRY, Component, component, get

DEFAULT_PIPELINE = ("structure",)

__all__ = ["REGISTRY", "Component", "component", "get", "DEFAULT_PIPELINE"]
