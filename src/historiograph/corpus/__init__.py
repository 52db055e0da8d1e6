"""Corpus steps: work across documents on the stored records. Importing this package
registers the built-in steps (the register, figures, alignments, statistics)."""

from . import alignments, figure_table, register, stats  # noqa: F401  (registers the built-in corpus steps)
from .steps import STEPS, CorpusStep, StepContext, StepOutput, StepReport, corpus_step, run_steps

__all__ = ["STEPS", "CorpusStep", "StepContext", "StepOutput", "StepReport", "corpus_step", "run_steps"]
