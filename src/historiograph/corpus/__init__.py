"""Corpus steps: work across documents on the stored records. Importing this package
registers the built-in steps."""

from . import register, stats  # noqa: F401  (registers the built-in corpus steps)
from .steps import STEPS, CorpusStep, StepContext, StepOutput, StepReport, corpus_step, run_steps
from .sources import Citation, Work, works
from .speakers import Said, attributed_to, said

__all__ = ["STEPS", "CorpusStep", "StepContext", "StepOutput", "StepReport", "corpus_step", "run_steps",
           "Citation", "Work", "works", "Said", "attributed_to", "said"]
