"""Reading a file safely: its name shown in one printable line whatever bytes it holds,
its size checked before a byte is read, anything but a regular file refused unopened."""

from __future__ import annotations

import os
import re
import stat

from ..errors import InputError

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
CHUNK = 1 << 20


def max_bytes() -> int:
    try:
        return int(os.environ.get("HISTORIOGRAPH_MAX_BYTES", DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


# Characters that would break a one-line message or rewrite a terminal: C0/C1 controls
# (newline, ESC…) and the bidirectional overrides that make a name read backwards.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def display_path(path: str | os.PathLike) -> str:
    """The path as one line of valid text: a name that is not valid UTF-8 (Python keeps
    its bytes as lone surrogates) has each such byte written \\xNN, and a control
    character (a newline, ESC) or a bidirectional override is written \\xNN or \\uNNNN,
    so the name can be hashed, stored and printed, and the same file always gets the
    same name."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") \
            if _only_escapes(text) else text.encode("utf-8", "backslashreplace").decode("utf-8")
    if _UNPRINTABLE.search(text):
        text = _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return text


def _only_escapes(text: str) -> bool:
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in text)


KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
         (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in KINDS if test(mode)), "not a regular file")


def too_large(path: str, size: int, limit: int) -> InputError:
    return InputError(path, f"file too large ({size / 2**20:,.1f} MiB > {limit / 2**20:,.0f} MiB; "
                      "set HISTORIOGRAPH_MAX_BYTES)", "input.too_large")


def read_file(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (HISTORIOGRAPH_MAX_BYTES).
    The size is checked before reading and the read is bounded, so /dev/zero, a FIFO, a
    device or a huge sparse file is refused at once with a one-line InputError."""
    limit = max_bytes() if limit is None else limit
    shown = display_path(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(shown, _reason(exc), "input.missing" if isinstance(exc, FileNotFoundError)
                         and not os.path.islink(path) else "input.unreadable") from exc
    kind = special_kind(st.st_mode)
    if kind:  # never opened: opening a FIFO blocks, a device may do anything
        raise InputError(shown, f"not a regular file: {kind}", "input.special")
    if st.st_size > limit:
        raise too_large(shown, st.st_size, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(shown, _reason(exc), "input.unreadable") from exc
    try:
        st = os.fstat(fd)  # the file opened may not be the one looked at (replaced meanwhile)
        kind = special_kind(st.st_mode)
        if kind:
            raise InputError(shown, f"not a regular file: {kind}", "input.special")
        chunks, total = [], 0
        while True:
            try:
                chunk = os.read(fd, min(CHUNK, limit + 1 - total))
            except OSError as exc:
                raise InputError(shown, _reason(exc), "input.unreadable") from exc
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise too_large(shown, total, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    if exc.errno is not None and exc.errno == getattr(__import__("errno"), "ELOOP", -1):
        return "symbolic link loop"
    return exc.strerror or str(exc)
