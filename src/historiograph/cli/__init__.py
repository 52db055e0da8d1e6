"""Command line: one module per command, each a thin layer over the views in
historiograph/views (whose JSON twins `--json` prints)."""

from . import (analyze, claims, disputes, documents, evidence, export, people, problems, review, search, serve,  # noqa: F401
               speech, terms)
from .analyze import main
from .common import app

__all__ = ["app", "main"]
