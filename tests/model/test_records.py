import dataclasses
import json

import pytest

from historiograph.model import (Document, Metadata, Problem, Section, canonical_text,
                                 content_hash, record_from_dict)


def make_doc() -> Document:
    text = canonical_text("Title\r\n\r\nBody with cafe\u0301 and “quotes”.\r\n")
    body = Section(spans=((7, len(text) - 1),), kind="body", component="t", version="1")
    quote = Section(spans=((22, 32),), kind="quote", parent=body.id, component="t", version="1",
                    confidence=0.5, status="confirmed")
    prob = Problem(spans=((0, 5),), code="x.y", message="it means this", component="t", version="1")
    return Document(text=text, meta=Metadata(title="Title", author="A. Author", date="2024-01-02",
                                             url="https://example.org/a", genre="essay",
                                             source_path="/tmp/a.txt", media_type="text/plain"),
                    layers={"sections": (body, quote), "problems": (prob,)})


def test_canonical_text_is_nfc_with_unix_newlines():
    text = canonical_text("\ufeffa\r\nb\rc cafe\u0301")
    assert text == "a\nb\nc caf\u00e9"


def test_json_round_trip_is_lossless():
    doc = make_doc()
    again = Document.from_json(doc.to_json())
    assert again == doc
    assert again.to_dict() == doc.to_dict()
    assert json.loads(again.to_json())["content_hash"] == content_hash(doc.text)


def test_round_trip_detects_tampered_text():
    data = make_doc().to_dict()
    data["text"] = data["text"].replace("Body", "Bode")
    with pytest.raises(ValueError, match="content hash"):
        Document.from_dict(data)


def test_document_is_immutable_and_with_layers_returns_new():
    doc = make_doc()
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "other"
    extra = Section(spans=((0, 5),), kind="title", component="t", version="1")
    newer = doc.with_layers({"sections": [extra]})
    assert len(newer.layer("sections")) == 3 and len(doc.layer("sections")) == 2


def test_records_point_into_the_text():
    doc = make_doc()
    body = doc.layer("sections")[0]
    assert body.text_in(doc).startswith("Body with café")
    with pytest.raises(ValueError, match="past the end"):
        Document(text="short", layers={"x": (Section(spans=((0, 99),), kind="body",
                                                         component="t", version="1"),)})


@pytest.mark.parametrize("kwargs, message", [
    ({"spans": ((5, 2),)}, "bad span"),
    ({"spans": ((-1, 2),)}, "bad span"),
    ({"status": "maybe"}, "unknown status"),
    ({"kind": "chapter"}, "unknown section kind"),
])
def test_records_validate(kwargs, message):
    base = {"spans": ((0, 1),), "kind": "body", "component": "t", "version": "1"}
    with pytest.raises(ValueError, match=message):
        Section(**(base | kwargs))


def test_record_ids_are_stable_and_distinct():
    a = Section(spans=((0, 4),), kind="body", component="t", version="1")
    b = Section(spans=((0, 4),), kind="body", component="t", version="1")
    c = Section(spans=((0, 5),), kind="body", component="t", version="1")
    assert a.id == b.id != c.id
    assert record_from_dict(a.to_dict()) == a


def test_non_nfc_text_is_refused():
    with pytest.raises(ValueError, match="NFC"):
        Document(text="cafe\u0301")


def test_document_id_depends_on_source_and_content():
    a = Document(text="x", meta=Metadata(source_path="/data/essay.txt"))
    b = Document(text="y", meta=Metadata(source_path="/data/essay.txt"))
    assert a.id.startswith("essay-") and a.id != b.id
