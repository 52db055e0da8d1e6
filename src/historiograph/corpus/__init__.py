"""Corpus steps: work across documents on the gathered records."""

from .sources import Citation, Work, works

__all__ = ["Citation", "Work", "works"]
