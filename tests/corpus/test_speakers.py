import historiograph as hg
from historiograph.corpus import attributed_to


def test_attributed_to_matches_speaker_or_written_source(db, tmp_path):
    path = tmp_path / "essay.txt"
    path.write_text("The Fire\n\nThe historian Helena Marsh argues that the fire was an accident. "
                    "Later, Marsh writes that nobody in the palace wanted it. Tacitus says the opposite.\n",
                    encoding="utf-8")
    doc = hg.read(path)
    said = attributed_to([doc], "helena marsh")
    assert [s.cue for s in said] == ["argues", "writes"]  # "Marsh" resolved to the full name
    assert said[0].content == "that the fire was an accident"
    assert [s.source for s in attributed_to([doc], "Tacitus")] == ["Tacitus"]
    assert attributed_to([doc], "Nero") == []

    hg.analyze([path], db=db)
    assert [(s.document_id, s.cue) for s in hg.who("Marsh", db)] == [(doc.id, "argues"), (doc.id, "writes")]
