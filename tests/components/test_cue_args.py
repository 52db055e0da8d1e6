from historiograph.components.cue_args import animate, cut_tail, source_token, stance_object
from historiograph.components.nlp import load


def parse(text):
    return load()(text)


def test_animate_sources_are_people_groups_names_pronouns_and_their_texts():
    doc = parse("The historians, Tacitus, they, the report and the assumption.")
    by_word = {t.text: t for t in doc}
    assert all(animate(by_word[w]) for w in ("historians", "Tacitus", "they", "report"))
    assert not animate(by_word["assumption"]) and not animate(None)


def test_passive_agent_is_the_source_and_xcomp_takes_the_controller():
    doc = parse("The claim was rejected by Marsh. Marsh chose to deny it.")
    rejected = next(t for t in doc if t.text == "rejected")
    deny = next(t for t in doc if t.text == "deny")
    assert source_token(rejected).text == "Marsh"
    assert source_token(deny).text == "Marsh"


def test_cut_tail_drops_a_writers_aside_on_the_last_noun():
    text = "Marsh praised the prefect, who later fled to Ostia."
    doc = parse(text)
    praised = next(t for t in doc if t.text == "praised")
    sent = next(doc.sents)
    [(s, e)] = cut_tail(text, 0, sent, stance_object(text, 0, praised))
    assert text[s:e] == "the prefect"
