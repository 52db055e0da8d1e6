"""Bounded work on hostile input in the components this file covers (structure, notes,
references): what used to grow with the square of the input is linear, nothing is cut
without a problem saying so. Timings are the hostile suite's business (a wall-clock bound
per file in its harness); these tests pin the results and the equivalences."""

import random

import pytest

from historiograph.components import structure as st
from historiograph.components.references import _same_work, families, resolve, title_key
from historiograph.model import Document, Reference
from historiograph.runner import plan, run_document


def doc_through(text: str, names=("structure", "notes", "references")) -> Document:
    return run_document(Document(text=text), plan(list(names)))


def test_a_run_of_brackets_is_left_out_of_the_body_with_a_problem():
    text = "A short opening paragraph of prose.\n\n" + "[" * 50_000 + "\n\nAnd a closing paragraph."
    doc = doc_through(text, ["structure"])
    bodies = [s for s in doc.layer("sections") if s.kind == "body"]
    assert all("[[[[" not in doc.text[s.start:s.end] for s in bodies)
    assert any("closing paragraph" in doc.text[s.start:s.end] for s in bodies)
    [problem] = [p for p in doc.layer("problems") if p.code == "component.budget"]
    assert "1 run of 64 or more punctuation marks (50,000 characters) left out" in problem.message


def test_a_huge_paragraph_is_cut_into_parseable_pieces_at_sentence_ends():
    sentence = "John Smith wrote that the archive was closed. "
    text = "Title line\n\n" + sentence * 5_000  # one line of 230,000 characters
    doc = doc_through(text, ["structure"])
    bodies = [s for s in doc.layer("sections") if s.kind == "body"]
    assert len(bodies) > 20 and all(s.end - s.start <= st.MAX_PARAGRAPH for s in bodies)
    assert all(doc.text[s.end - 1] == "." for s in bodies)  # cut where a sentence ends
    covered = sum(s.end - s.start for s in bodies)
    assert covered > len(text) - 12 - len(bodies) * 2  # nothing but the spaces between pieces left out
    no_sentences = "John Smith " * 100_000
    bodies = [s for s in doc_through(no_sentences, ["structure"]).layer("sections") if s.kind == "body"]
    assert all(s.end - s.start <= st.MAX_PARAGRAPH for s in bodies) and len(bodies) >= 110


def test_children_of_a_cut_body_keep_a_parent_that_holds_them():
    text = "Heading One\n\n" + "A sentence of the body goes on. " * 800 + "\n\n> A quoted line.\n\nMore text."
    doc = doc_through(text, ["structure"])
    secs = {s.id: s for s in doc.layer("sections")}
    for s in secs.values():
        if s.parent is not None:
            parent = secs[s.parent]
            assert parent.start <= s.start < parent.end


def _greedy_chain(starts):
    """The quadratic original: every chain from a note 1, each next number taken first."""
    best = []
    for k, (i, n) in enumerate(starts):
        if n != 1:
            continue
        chain, want = [i], 2
        for j, m in starts[k + 1:]:
            if m == want:
                chain.append(j)
                want += 1
        if len(chain) >= len(best):
            best = chain
    return best


def test_the_linear_notes_chain_equals_the_quadratic_one():
    rng = random.Random(7)
    for _ in range(3000):
        starts = [(i, rng.choice([1, 1, 2, 3, 4, 5, 6])) for i in range(rng.randint(0, 30))]
        assert st._longest_chain(starts) == _greedy_chain(starts)


def test_a_thousand_notes_are_all_read_and_linked():
    n = 1_200
    body = " ".join(f"Claim {i} is made here.{i}" for i in range(1, n + 1))
    notes = "".join(f"{i}. Author {i}, Book Title {i} (London: Press, 1990), {i}.\n" for i in range(1, n + 1))
    doc = doc_through(f"An Essay\n\n{body}\n\nNotes\n\n{notes}", ["structure", "notes"])
    assert len(doc.layer("notes")) == n and len(doc.layer("note_markers")) == n
    assert not [p for p in doc.layer("problems") if p.code.startswith("notes.")]


def test_notes_past_the_limit_are_said_not_cut_silently(monkeypatch):
    from historiograph.components import notes

    monkeypatch.setattr(notes, "MAX_NOTES", 40)
    body = " ".join(f"Claim {i} is made here.{i}" for i in range(1, 41))
    text = "An Essay\n\n" + body + "\n\nNotes\n\n" + "".join(f"{i}. Note number {i}.\n" for i in range(1, 41))
    doc = doc_through(text, ["structure", "notes"])
    [problem] = [p for p in doc.layer("problems") if p.code == "component.budget"]
    assert problem.message == "notes are read up to number 40: any after it are part of that note"


def _ref(n: int, form: str, family: str | None, title: str | None, note: int) -> Reference:
    csl = {}
    if family:
        csl["author"] = [{"family": family}]
    if title:
        csl["title"] = title
    return Reference(spans=((n, n + 1),), csl=csl, role="note", form=form, note=f"n{note}", note_number=note,
                     component="t", version="1")


def _resolve_by_scan(refs):
    """resolve() as it was: every earlier full reference scanned for each reference."""
    import dataclasses

    out, target, by_id = [], {}, {}

    def final(r):
        return target.get(r.id, r)

    for ref in refs:
        new = ref
        if ref.form in ("short", "op-cit") or ref.form == "full":
            earlier = [final(r) for r in out if r.form == "full"]
            if ref.form == "full":
                matches = {w.id: w for w in earlier if _same_work(ref, w)}
            else:
                matches = {w.id: w for w in earlier if families(ref) & families(w)
                           and (not title_key(ref) or _same_work(ref, w))}
            if len(matches) == 1:
                (work,) = matches.values()
                new = dataclasses.replace(ref, id="", resolves_to=work.id,
                                          csl=work.csl if ref.form != "full" else ref.csl)
            elif len(matches) > 1 and ref.form != "full":
                new = dataclasses.replace(ref, id="", ambiguous=True, candidates=tuple(matches))
        if new.resolves_to:
            target[new.id] = final(by_id[new.resolves_to])
        out.append(new)
        by_id[new.id] = new
    return out


@pytest.mark.parametrize("seed", range(40))
def test_indexed_resolution_equals_the_scan(seed):
    rng = random.Random(seed)
    titles = ["Rome in Flames", "Rome", "The Fire of Rome", "Annals", "Annals of Rome", "Nero", "", "Rome in"]
    refs = [_ref(k, rng.choice(["full", "full", "short", "op-cit"]), rng.choice(["marsh", "tacitus", "smith", None]),
                 rng.choice(titles) or None, k + 1) for k in range(rng.randint(1, 25))]
    got, _ = resolve(refs)
    want = _resolve_by_scan(refs)
    assert [(r.resolves_to, r.ambiguous, r.candidates) for r in got] == \
           [(r.resolves_to, r.ambiguous, r.candidates) for r in want]


def test_fifty_thousand_ibid_resolve_to_the_first_work():
    refs = [_ref(0, "full", "smith", "A History of Rome", 1)]
    refs += [Reference(spans=((k, k + 1),), csl={}, role="note", form="ibid", note=f"n{k}", note_number=k,
                       component="t", version="1") for k in range(2, 50_001)]
    out, problems = resolve(refs)
    assert not problems
    assert {r.resolves_to for r in out[1:]} == {out[0].id}
