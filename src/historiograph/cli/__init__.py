"""Command line: one module per command, each a thin layer over the views in
historiograph/views (whose JSON twins `--json` prints)."""

from . import analyze, claims, documents, evidence, export, people, problems, review, search, speech, terms  # noqa: F401
from .analyze import main
from .common import app

__all__ = ["app", "main"]
