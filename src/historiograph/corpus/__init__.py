"""Corpus steps: work across documents on the gathered records."""

from .sources import Citation, Work, works
from .speakers import Said, attributed_to, said

__all__ = ["Citation", "Work", "works", "Said", "attributed_to", "said"]
