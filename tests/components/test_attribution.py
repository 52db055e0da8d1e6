import pytest

import historiograph as hg
from historiograph.components.quotes import pair_quotes
from historiograph.model import Document, canonical_text
from historiograph.runner import plan, run_document


def analyse(text: str, author: str | None = None) -> Document:
    from historiograph.model import Metadata
    return run_document(Document(text=canonical_text(text), meta=Metadata(author=author)), plan(hg.DEFAULT_PIPELINE))


def found(doc):
    t = doc.text
    return [(a.kind, a.speaker, " / ".join(t[s:e] for s, e in a.cue), " … ".join(t[s:e] for s, e in a.content))
            for a in doc.layer("attributions")]


def test_pair_quotes_curly_straight_nested_and_unbalanced():
    text = 'He said “it was “so” indeed” and then: "one, "two" and three\nNext «voilà».'
    quotes = [(q.depth, q.closed, text[q.start:q.end]) for q in pair_quotes(text)]
    assert (0, True, "“it was “so” indeed”") in quotes and (1, True, "“so”") in quotes
    assert (1, True, '"two"') in quotes and (0, False, '"one, "two" and three') in quotes
    assert (0, True, "«voilà»") in quotes


def test_pair_quotes_two_apostrophes_as_double_quotes():
    text = "''Can we hold the bridge?'' the captain asked. ''I doubt it. But 'we' might,'' she said."
    quotes = [(text[q.start:q.end], text[q.inner[0]:q.inner[1]]) for q in pair_quotes(text)]
    assert quotes == [("''Can we hold the bridge?''", "Can we hold the bridge?"),
                      ("''I doubt it. But 'we' might,''", "I doubt it. But 'we' might,")]


@pytest.mark.parametrize("text, kind, speaker, cue, content", [
    ("Helena Marsh argues that the arson story is a courtier's rumour.", "indirect", "Helena Marsh", "argues",
     "that the arson story is a courtier's rumour"),
    ("According to Marsh, that profit proves nothing at all.", "according_to", "Marsh", "According to",
     "that profit proves nothing at all"),
    ("As Wiercinski notes, Nero profited from the cleared ground.", "indirect", "Wiercinski", "notes",
     "Nero profited from the cleared ground"),
    ("The fire was set deliberately, two officials said.", "indirect", None, "said", "The fire was set deliberately"),
    ("“The fire was an accident,” Marsh said, “and nothing more.”", "direct", "Marsh", "said",
     "The fire was an accident … and nothing more"),
    ("“The fire was an accident,” Marsh said of the blaze.\u00a0“Nobody set it.”", "direct", "Marsh", "said",
     "The fire was an accident … Nobody set it"),
    ("Marsh mentioned the burnt granaries during the lecture.", "indirect", "Marsh", "mentioned",
     "the burnt granaries"),  # when and where are not what was said
    ("“This changes everything!” Helena Marsh beamed.", "direct", "Helena Marsh", "beamed", "This changes everything"),
    ("''The granaries burned first,'' Marsh said.", "direct", "Marsh", "said", "The granaries burned first"),
    ("Marsh said the letters were written by Tacitus, who was then a boy.", "indirect", "Marsh", "said",
     "the letters were written by Tacitus"),
    ("Marsh vowed to reopen the Ostia inquiry, a case that had been closed for decades.", "indirect", "Marsh",
     "vowed", "to reopen the Ostia inquiry"),
    ("Marsh thanked the archivists at a ceremony in Ostia.", "indirect", "Marsh", "thanked", "the archivists"),
    ("Marsh decried the senate for “turning its back” on the city.", "mixed", "Marsh", "decried",
     "the senate for “turning its back” on the city"),
    ("Marsh said in one of a series of letters that the fire began in the shops.", "indirect", "Marsh", "said",
     "that the fire began in the shops"),
    ("Asked about “the arson question,” Marsh said the evidence was thin.", "indirect", "Marsh", "said",
     "the evidence was thin"),
    ("Marsh is calling for the senate to reopen the inquiry.", "indirect", "Marsh", "calling",
     "the senate to reopen the inquiry"),
    ("Marsh chose to deny that the fire was set.", "indirect", "Marsh", "deny", "that the fire was set"),
    ("Marsh was critical of the prefect's account.", "thought", "Marsh", "critical", "the prefect's account"),
    ("The senators are confident that the inquiry will clear him.", "thought", None, "confident",
     "that the inquiry will clear him"),
    ("RENO, Nev. (AP) — Helena Marsh said the fire began in the shops.", "indirect", "Helena Marsh", "said",
     "the fire began in the shops"),
])
def test_sentence_forms(text, kind, speaker, cue, content):
    got = found(analyse(text))
    assert len(got) == 1, got
    k, spk, c, con = got[0]
    assert (k, c, con) == (kind, cue, content)
    if speaker:
        assert spk == speaker


def test_block_quote_after_x_writes_colon():
    text = ("A Title\n\nThe historian Helena Marsh writes:\n\nThe emperor was at Antium when the fire broke out. "
            "He hurried back.\n\nThat is the defence.")
    [(kind, speaker, cue, content)] = found(analyse(text))
    assert kind == "block" and speaker == "Helena Marsh" and cue == "writes"
    assert content == "The emperor was at Antium when the fire broke out. He hurried back"


def test_first_person_is_the_author_and_short_names_resolve():
    text = ("Geoffrey Roberts argues that the campaign was political. Later Roberts notes that it was "
            "short-lived. I question whether either claim can be settled.")
    got = found(analyse(text, author="A. Writer"))
    speakers = {(k, s) for k, s, _, _ in got}
    assert ("indirect", "Geoffrey Roberts") in speakers
    assert sum(1 for k, s, _, _ in got if s == "Geoffrey Roberts") == 2
    assert ("first_person", "A. Writer") in speakers


def test_glued_note_markers_do_not_break_attribution_and_link_evidence():
    text = ("A Title\n\nHelena Marsh argues that “the story hardened into history.”1 Nobody disputes it.\n\n"
            "Notes\n\n1. Helena Marsh, Rome in Flames (Oxford: Clarendon Press, 2011), 87.\n\n2. Ibid.\n\n3. Ibid.\n")
    doc = analyse(text)
    [att] = [a for a in doc.layer("attributions") if a.speaker == "Helena Marsh"]
    assert doc.text[att.content[0][0]:att.content[0][1]] == "that “the story hardened into history"
    refs = {r.id: r for r in doc.layer("references")}
    assert [refs[r].csl["title"] for r in att.supported_by] == ["Rome in Flames"]


def test_nested_chain_in_a_forum_quote():
    text = ("[–] 2 pt\n\nSee https://en.wikipedia.org/wiki/Great_Fire_of_Rome\n\n>The fire spread fast. "
            "A senator told his friends: \"Nero said: \"Let it burn.\" and laughed.\"\n\nWow.\n")
    doc = analyse(text)
    by_id = {a.id: a for a in doc.layer("attributions")}
    nero = next(a for a in by_id.values() if a.speaker == "Nero")
    senator = by_id[nero.nested_in]
    assert "senator" in doc.text[senator.source[0][0]:senator.source[0][1]]
    wiki = by_id[senator.nested_in]
    assert wiki.speaker == "Wikipedia" and wiki.kind == "block" and wiki.nested_in is None


def test_one_record_when_two_cues_share_a_passage_and_who_keeps_its_antecedent():
    got = found(analyse("“We need more guards in the city,” Marsh tells reporters, responding to the report."))
    assert [(k, c) for k, _, c, _ in got] == [("direct", "tells")], got
    doc = analyse("The book angered Helena Marsh, who argues that the arson story is a rumour.")
    (att,) = doc.layer("attributions")
    assert doc.text[att.source[0][0]:att.source[0][1]] == "who" and att.speaker == "Helena Marsh"


def test_a_quotation_that_closed_its_sentence_does_not_lead_the_next_cue():
    got = found(analyse("Marsh said the fire was “an accident.” She says the prefect was in Antium."))
    assert ("indirect", "She", "says", "the prefect was in Antium") in [(k, "She", c, con) for k, _, c, con in got], got


def test_stance_content_stops_before_a_side_clause():
    got = found(analyse("Marsh criticized the prefect for his slow response, arguing that he feared the mob."))
    assert ("indirect", "Marsh", "criticized", "the prefect for his slow response") in got, got
    assert ("indirect", "Marsh", "arguing", "that he feared the mob") in got, got


def test_titles_and_headings_are_never_read_as_speech():
    doc = analyse("Historian Helena Marsh Rejects Arson Story\n\nHelena Marsh spoke in Rome on Monday. She said the "
                  "fire began in the shops.\n\nWhat Marsh Says About Nero\n\nThe prefect disagreed.")
    got = found(doc)
    assert [c for _, _, c, _ in got] == ["said"], got


def test_a_quotation_paragraph_after_a_direct_quote_is_the_same_speaker():
    doc = analyse("“The fire was an accident,” Marsh said.\n\n“Nobody in the palace wanted it.”\n\nThe prefect disagreed.")
    got = found(doc)
    assert ("direct", "Marsh", "said", "The fire was an accident … Nobody in the palace wanted it") in got, got


def test_stance_and_thought_cues_need_someone_behind_them():
    got = found(analyse("Every good story wants a villain. Most historians believe that the fire "
                        "was an accident. The senate supported the inquiry."))
    cues = {cue: content for _, _, cue, content in got}
    assert "wants" not in cues, got  # a thing, not someone, "wants" here
    assert cues.get("believe") == "that the fire was an accident" and cues.get("supported") == "the inquiry", got
