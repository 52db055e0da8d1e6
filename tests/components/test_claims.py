"""The claims layer on passages written for these tests: which sentences are claims, who
asserts each and on what footing, hedges, and the per-document summary."""

import pytest

from historiograph.model import Claim, ClaimSummary, Document, canonical_text
from historiograph.pipeline import plan, run_document
from historiograph.components.claim_rules import assertive, clauses, cue_spans, is_imperative, is_question

PIPELINE = plan(("structure", "notes", "references", "integrity", "attribution", "claims"))


def analyse(text: str, author: str | None = None) -> Document:
    from historiograph.model import Metadata
    return run_document(Document(text=canonical_text(text), meta=Metadata(author=author)), PIPELINE)


def claims(doc: Document) -> list[Claim]:
    return [c for c in doc.layer("claims") if isinstance(c, Claim)]


def summary(doc: Document) -> ClaimSummary:
    [s] = [c for c in doc.layer("claims") if isinstance(c, ClaimSummary)]
    return s


def by_text(doc: Document, start: str) -> Claim:
    return next(c for c in claims(doc) if doc.text[c.start:c.end].startswith(start))


ESSAY = ("The harbour of Varna was rebuilt in three years.1 Dock workers struck twice during the work. "
         "Maria Kostova writes that the second strike was broken by the army.2 "
         "Was the army really needed? Perhaps the port authority exaggerated the danger.\n\n"
         "Notes\n\n1. Ivan Petrov, The Black Sea Ports (Sofia: Izdatelstvo, 1998), 41.\n\n"
         "2. Maria Kostova, Strikes and Soldiers (Plovdiv: Hemus, 2004), 77.\n")


def test_cited_claims_carry_their_references():
    doc = analyse(ESSAY)
    refs = {r.note_number: r.id for r in doc.layer("references")}
    first = by_text(doc, "The harbour of Varna")
    assert first.footing == "cited" and first.supported_by == (refs[1],) and len(first.markers) == 1
    kostova = by_text(doc, "Maria Kostova writes")
    assert kostova.footing == "cited" and kostova.asserted_by == "Maria Kostova" and kostova.attribution
    assert refs[2] in kostova.supported_by


def test_unsupported_questions_and_hedges():
    doc = analyse(ESSAY, author="A. Writer")
    dock = by_text(doc, "Dock workers struck")
    assert dock.footing == "unsupported" and dock.asserted_by == "A. Writer"
    assert not any(doc.text[c.start:c.end].startswith("Was the army") for c in claims(doc))
    hedge = by_text(doc, "Perhaps the port")
    assert hedge.hedged and doc.text[hedge.hedges[0][0]:hedge.hedges[0][1]] == "Perhaps"
    assert not any("Ivan Petrov" in doc.text[c.start:c.end] for c in claims(doc))  # notes are no claims


def test_summary_counts_footings():
    doc = analyse(ESSAY)
    s = summary(doc)
    assert s.assertions == len(claims(doc)) == 4
    assert (s.cited, s.attributed, s.quoted, s.unsupported) == (2, 0, 0, 2)
    assert s.sourced_share == 0.5 and s.hedged == 1


def test_attributed_and_quoted_claims():
    text = ("The old bridge collapsed in the spring. According to Elena Marsh, the bridge was never "
            "funded by the council. “The money went to the stadium instead of the river crossing,” Tomas Reyes "
            "said at the meeting.\n")
    doc = analyse(text)
    marsh = by_text(doc, "According to Elena Marsh")
    assert marsh.footing == "attributed" and marsh.asserted_by == "Elena Marsh" and marsh.negated
    reyes = by_text(doc, "“The money went")
    assert reyes.footing == "quoted" and reyes.asserted_by == "Tomas Reyes"
    assert by_text(doc, "The old bridge").footing == "unsupported"


def test_a_link_is_a_citation():
    doc = analyse("The census of 1897 counted the town's bakers at https://example.org/census/1897.\n")
    [claim] = claims(doc)
    assert claim.footing == "cited" and doc.text[slice(*claim.links[0])] == "https://example.org/census/1897"


def test_headings_captions_and_imperatives_are_no_claims():
    body = "The quay was finished in autumn and the cranes arrived later, long after the ships had gone. " * 3
    text = (f"The Harbour Works\n\nBy A. Writer\n\n{body}\n\nThe Cranes\n\n{body}\n\n"
            "Photo: the new quay in winter\n\nRead the council minutes for the whole story.\n\n" + body + "\n")
    doc = analyse(text)
    said = {doc.text[c.start:c.end] for c in claims(doc)}
    assert said == {body.split(". ")[0] + "."}


def test_forum_quotes_are_not_the_posters_claims():
    text = ("[–] 3 pt\n\nThe canal was dug by hand over nine winters, which nobody here remembers.\n\n"
            ">The canal opened to barges in the spring after the ninth winter of digging.\n\n"
            "[–] 1 pt\n\nThe barges were too wide for the locks anyway, so the whole thing failed.\n")
    doc = analyse(text)
    got = {doc.text[c.start:c.end][:20]: c.asserted_by for c in claims(doc)}
    assert got == {"The canal was dug by": "poster 1", "The barges were too ": "poster 2"}


def test_an_unsourced_post_shows_nothing_sourced():
    doc = analyse("Everyone in the valley knew the mill would close. The owners never cared about the town.\n")
    s = summary(doc)
    assert s.assertions == 2 and s.cited == s.attributed == s.quoted == 0 and s.sourced_share == 0.0


@pytest.mark.parametrize("sentence,expected", [
    ("The mill closed in the winter.", True),
    ("Did the mill close?", False),
    ("Did the mill close?”4", False),
    ("Keep talking about the mill, keep asking questions.", False),
    ("Say what you will about the owners, Tomas kept the mill open.", True),
    ("Let’s not forget that the owners sold the land.", True),
    ("tl;dr", False),
])
def test_assertive(sentence, expected):
    assert assertive(sentence) is expected


def test_rules():
    assert is_question("Really?") and not is_imperative("The reader sees it.")
    t = "The mill closed; the workers left for the coast; (a; b) stayed."
    assert [t[a:b] for a, b in clauses(t, 0, len(t))] == [
        "The mill closed;", "the workers left for the coast;", "(a; b) stayed."]  # not inside the brackets
    t = "In May 1953 it may have rained; nobody wasn’t sure. No. 5 stood."
    assert [t[a:b] for a, b in cue_spans(t, 0, len(t), "hedge")] == ["may have"]
    assert [t[a:b] for a, b in cue_spans(t, 0, len(t), "negation")] == ["nobody", "n’t"]
