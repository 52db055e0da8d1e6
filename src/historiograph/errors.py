"""Errors a user sees: one line naming the file and the reason."""


class InputError(Exception):
    """A file that cannot become a Document (empty, binary, undecodable, unsupported…)."""

    def __init__(self, path: str, reason: str, code: str = "input.unreadable"):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.code = code

    def __reduce__(self):  # survive the trip back from a worker process
        return (type(self), (self.path, self.reason, self.code))
