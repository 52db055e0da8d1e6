"""Which files a run analyses: folders walked in sorted order, every path resolved (so
one file given by two spellings is analysed and reported once), and each thing that is
not a file to read (a FIFO, a device, a dangling or looping link, a folder that cannot
be listed) reported in one line instead of skipped in silence."""

from __future__ import annotations

import errno
import os
import stat
from typing import Iterable

from ..adapters import EXTENSIONS
from ..adapters.files import display_path, special_kind
from ..errors import InputError


def _link_error(path: str, exc: OSError | None) -> InputError:
    shown = display_path(os.path.join(resolved(os.path.dirname(path) or "."), os.path.basename(path)))
    if exc is not None and exc.errno == errno.ELOOP:
        return InputError(shown, "symbolic link loop", "input.link")
    try:
        target = display_path(os.readlink(path))
    except OSError:
        target = "?"
    return InputError(shown, f"dangling symbolic link (points to {target}, which does not exist)", "input.link")


def resolved(path: str | os.PathLike) -> str:
    """The absolute path with every symbolic link and '..' resolved."""
    return os.path.realpath(os.fspath(path))


class _Walk:
    def __init__(self) -> None:
        self.paths: list[str] = []
        self.errors: list[InputError] = []
        self.seen: set[str] = set()
        self.visited: set[tuple[int, int]] = set()

    def add(self, path: str) -> None:
        real = resolved(path)
        if real not in self.seen:
            self.seen.add(real)
            self.paths.append(real)

    def file(self, path: str, st: os.stat_result, explicit: bool) -> None:
        kind = special_kind(st.st_mode)
        if kind:
            self.errors.append(InputError(display_path(resolved(path)), f"not a regular file: {kind}", "input.special"))
        elif explicit or os.path.splitext(path)[1].lower() in EXTENSIONS:
            self.add(path)
        else:
            suffix = os.path.splitext(path)[1].lower()
            self.errors.append(InputError(display_path(resolved(path)), f"unsupported file type '{display_path(suffix)}'",
                                          "input.unsupported"))

    def folder(self, root: str) -> None:
        st = os.stat(root)
        self.visited.add((st.st_dev, st.st_ino))
        stack: list[tuple[str, tuple[tuple[int, int], ...]]] = [(root, ((st.st_dev, st.st_ino),))]
        while stack:
            folder, ancestors = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                self.errors.append(InputError(display_path(resolved(folder)),
                                              f"folder cannot be read: {exc.strerror or exc}", "input.unreadable"))
                continue
            subfolders = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue  # hidden files and folders
                try:
                    st = os.stat(entry.path)  # follows links
                except OSError as exc:
                    if entry.is_symlink():
                        self.errors.append(_link_error(entry.path, exc))
                    else:
                        self.errors.append(InputError(display_path(os.path.join(resolved(folder), entry.name)),
                                                      exc.strerror or str(exc), "input.unreadable"))
                    continue
                if stat.S_ISDIR(st.st_mode):
                    key = (st.st_dev, st.st_ino)
                    if key in ancestors:
                        self.errors.append(InputError(display_path(os.path.join(resolved(folder), entry.name)), "symbolic link loop (it leads back "
                                                      "to a folder that contains it)", "input.link"))
                    elif key not in self.visited:  # a folder reached twice by links is walked once
                        self.visited.add(key)
                        subfolders.append((entry.path, ancestors + (key,)))
                else:
                    self.file(entry.path, st, explicit=False)
            stack.extend(reversed(subfolders))


def collect_paths(inputs: Iterable[str | os.PathLike]) -> tuple[list[str], list[InputError]]:
    """Files to analyse, as resolved absolute paths without repeats (folders walked in
    sorted order, hidden files skipped), and an InputError for each input that cannot be
    analysed. Paths keep a name's undecodable bytes (read them with read_file); errors
    name files by ``display_path``."""
    walk = _Walk()
    for item in inputs:
        path = os.fspath(item)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        try:
            st = os.stat(path)
        except OSError as exc:
            if os.path.islink(path):
                walk.errors.append(_link_error(path, exc))
            elif isinstance(exc, FileNotFoundError):
                walk.errors.append(InputError(display_path(path), "no such file or directory", "input.missing"))
            else:
                walk.errors.append(InputError(display_path(path), exc.strerror or str(exc), "input.unreadable"))
            continue
        if stat.S_ISDIR(st.st_mode):
            walk.folder(path)
        else:
            walk.file(path, st, explicit=True)
    return walk.paths, walk.errors
