import pytest

from historiograph.adapters import read_bytes, read_path
from historiograph.errors import InputError

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40)


def test_utf8_text_becomes_canonical():
    doc = read_bytes("Caf\u0065\u0301 society\r\n\r\nSecond paragraph.".encode(), "/x/a.txt")
    assert doc.text == "Café society\n\nSecond paragraph."
    assert doc.meta.media_type == "text/plain" and doc.meta.source_path == "/x/a.txt"


def test_latin1_is_detected():
    raw = ("Le débat sur la « responsabilité » de Néron reste ouvert ; les historiens "
           "français et allemands l'ont étudié à fond depuis un siècle. ").encode("latin-1") * 3
    doc = read_bytes(raw, "/x/latin.txt")
    assert "responsabilité" in doc.text and "Néron" in doc.text


@pytest.mark.parametrize("data, name, code, words", [
    (b"", "empty.txt", "input.empty", "empty file"),
    (b"  \n\t\n", "blank.txt", "input.empty", "empty file"),
    (PNG, "image.txt", "input.binary", "PNG image"),
    (b"abc\x00\x00def" * 10, "nul.txt", "input.binary", "NUL bytes"),
    (b"hello", "slides.pptx", "input.unsupported", "unsupported file type '.pptx'"),
])
def test_bad_input_gets_a_one_line_reason(data, name, code, words):
    with pytest.raises(InputError) as info:
        read_bytes(data, f"/x/{name}")
    message = str(info.value)
    assert message.startswith(f"/x/{name}: ") and words in message and "\n" not in message
    assert info.value.code == code


def test_markdown_and_sniffing(tmp_path):
    (tmp_path / "note.md").write_text("# Heading\n\nText.")
    (tmp_path / "page").write_text("<!doctype html><html><body><p>Hello there.</p></body></html>")
    assert read_path(tmp_path / "note.md").meta.media_type == "text/markdown"
    assert read_path(tmp_path / "page").meta.media_type == "text/html"


def test_unreadable_paths(tmp_path):
    with pytest.raises(InputError, match="no such file|No such file"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="not a regular file: a folder"):
        read_path(tmp_path)


def test_size_limit(monkeypatch):
    monkeypatch.setenv("HISTORIOGRAPH_MAX_BYTES", "10")
    with pytest.raises(InputError, match="too large"):
        read_bytes(b"x" * 11, "/x/big.txt")


def test_mostly_utf8_with_a_few_bad_bytes_stays_utf8():
    """Not cp1251 mojibake (“closed” → вЂњclosedвЂќ): the bad bytes become U+FFFD and a
    problem says so."""
    body = "The archive was “closed” in 1953, and “reopened” in 1991. ".encode() * 20
    data = body[:300] + b"\xff\xfe" + body[300:] + b"caf\xe9"
    doc = read_bytes(data, "/x/damaged.txt")
    assert "“closed”" in doc.text and "вЂ" not in doc.text
    assert doc.text.count("\ufffd") == 3
    [problem] = doc.layer("problems")
    assert problem.code == "input.invalid_utf8" and problem.severity == "warning"
    assert problem.message.startswith("3 invalid bytes") and len(problem.spans) == 3
    assert doc.text[problem.spans[0][0]] == "\ufffd"


def test_legacy_encodings_are_still_detected():
    cyrillic = ("Архив был закрыт в 1953 году, и историки спорят о причинах до сих пор. " * 5).encode("cp1251")
    assert "Архив" in read_bytes(cyrillic, "/x/ru.txt").text
    assert not read_bytes(cyrillic, "/x/ru.txt").layer("problems")


def test_long_runs_of_combining_marks_take_linear_time():
    doc = read_bytes(("a" + "\u0301\u0323" * 50_000).encode(), "/x/marks.txt")  # minutes before
    [problem] = doc.layer("problems")
    assert problem.code == "input.text_adjusted" and problem.severity == "info"
    assert "3333 combining grapheme joiners" in problem.message
