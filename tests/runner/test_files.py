"""Which files a run takes, and how a file is read: every odd thing gets one line."""

import os
import resource
import time

import pytest

from historiograph.adapters.files import display_path, read_file
from historiograph.errors import InputError
from historiograph.runner import collect_paths


def test_non_utf8_names_become_printable_stable_text(tmp_path):
    raw = os.fsencode(tmp_path) + b"/bad\xff\xfename.txt"
    fd = os.open(raw, os.O_WRONLY | os.O_CREAT)
    os.write(fd, b"Some text.\n")
    os.close(fd)
    paths, errors = collect_paths([tmp_path])
    assert not errors and len(paths) == 1
    shown = display_path(paths[0])
    assert shown.endswith("bad\\xff\\xfename.txt")
    shown.encode("utf-8")  # hashable, storable, printable
    assert read_file(paths[0]) == b"Some text.\n"


def test_special_files_are_refused_unopened_and_at_once(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    for path, words in ((fifo, "FIFO"), ("/dev/zero", "character device")):
        with pytest.raises(InputError) as exc:
            read_file(path)
        assert exc.value.code == "input.special" and words in exc.value.reason
    assert time.monotonic() - started < 5


def test_size_is_checked_before_reading(tmp_path):
    sparse = tmp_path / "huge.txt"
    with open(sparse, "wb") as fh:
        fh.truncate(2**30)  # 1 GiB, no blocks on disk
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(InputError) as exc:
        read_file(sparse)
    assert exc.value.code == "input.too_large" and "1,024.0 MiB" in exc.value.reason
    assert time.monotonic() - started < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KiB: nothing was read
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * 100)
    with pytest.raises(InputError, match="too large"):
        read_file(small, limit=99)


def test_links_fifos_and_unreadable_folders_each_get_a_line(tmp_path):
    (tmp_path / "ok.txt").write_text("fine")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")  # a link to itself
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a folder link back to an ancestor
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    paths, errors = collect_paths([tmp_path])
    reasons = {e.path.rsplit("/", 1)[-1]: (e.code, e.reason) for e in errors}
    assert [p.rsplit("/", 1)[-1] for p in paths][0] == "ok.txt"
    assert reasons["loop"] == ("input.link", "symbolic link loop")
    assert reasons["up"][0] == "input.link" and "loop" in reasons["up"][1]
    assert reasons["gone.txt"][0] == "input.link" and "dangling" in reasons["gone.txt"][1]
    assert reasons["pipe.txt"] == ("input.special", "not a regular file: a FIFO (named pipe)")
    assert len(errors) == 4


def _locked_folder(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("secret")
    return locked


def test_an_unreadable_folder_gets_a_line(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from listing a folder "
                    "(test_a_folder_that_cannot_be_listed_gets_a_line covers the same path)")
    locked = _locked_folder(tmp_path)
    locked.chmod(0)
    try:
        paths, errors = collect_paths([tmp_path])
    finally:
        locked.chmod(0o755)
    assert not paths
    [error] = errors
    assert error.code == "input.unreadable" and error.path.endswith("/locked")


def test_a_folder_that_cannot_be_listed_gets_a_line(tmp_path, monkeypatch):
    locked = _locked_folder(tmp_path)
    (tmp_path / "ok.txt").write_text("fine")
    real = os.scandir

    def scandir(path):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    paths, errors = collect_paths([tmp_path])
    assert [p.rsplit("/", 1)[-1] for p in paths] == ["ok.txt"]
    [error] = errors
    assert (error.code, str(error)) == ("input.unreadable", f"{locked}: folder cannot be read: Permission denied")


def test_one_file_by_two_spellings_is_taken_once(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "doc.txt").write_text("text")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a" / "doc.txt")
    spellings = [tmp_path / "a" / "doc.txt", f"{tmp_path}/a/../a/./doc.txt", tmp_path / "link.txt", tmp_path]
    paths, errors = collect_paths(spellings)
    assert paths == [str((tmp_path / "a" / "doc.txt").resolve())] and not errors


def test_missing_and_unsupported(tmp_path):
    (tmp_path / "x.docx").write_bytes(b"PK")
    paths, errors = collect_paths([tmp_path, tmp_path / "nope.txt"])
    assert not paths
    assert sorted(e.code for e in errors) == ["input.missing", "input.unsupported"]
