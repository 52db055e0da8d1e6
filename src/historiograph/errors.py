"""Errors a user sees: one line naming the file and the reason."""

import re

_BREAKS = re.compile(r"\s+")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """``text`` on one line: runs of white space made one space, control characters written
    \\xNN (a library's multi-line message, an ESC that would rewrite the terminal)."""
    text = _BREAKS.sub(" ", text).strip()
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class InputError(Exception):
    """A file that cannot become a Document (empty, binary, undecodable, unsupported…)."""

    def __init__(self, path: str, reason: str, code: str = "input.unreadable"):
        reason = one_line(reason)
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.code = code

    def __reduce__(self):  # survive the trip back from a worker process
        return (type(self), (self.path, self.reason, self.code))
