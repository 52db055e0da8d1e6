"""Corpus steps: run after analyze, stored with their state, incremental, one transaction."""

import pytest

import historiograph as hg
from historiograph.corpus import STEPS, StepOutput, corpus_step, run_steps
from historiograph.corpus.steps import order
from historiograph.model import CorpusStats, Entity, EntityLink
from historiograph.store import open_store


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def small(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.txt", "One\n\nThe historian Anna Kowalczyk argues that the harvest failed.\n")
    write(folder, "b.txt", "Two\n\nKowalczyk says the archive is silent. Ben Reader disagrees with her.\n")
    return folder


def test_analyze_runs_the_steps_and_stores_their_state(small, db, tmp_path):
    summary = hg.analyze([small], db, jobs=1)
    assert {r.name for r in summary.corpus if r.ran} >= {"register", "statistics"}
    with open_store(db) as store:
        state = store.step_state("register")
        assert state.version == STEPS["register"].version and len(state.seen) == 2
        stats = store.corpus_records(CorpusStats)[0]
        assert stats.documents == 2 and stats.layers["mentions"] > 0
        assert any(e.name == "Anna Kowalczyk" and e.n_documents == 2 for e in store.corpus_records(Entity))


def test_no_corpus_defers_the_steps_to_the_next_run(small, tmp_path):
    db = tmp_path / "c.sqlite"
    first = hg.analyze([small], db, jobs=1, corpus=False)
    assert first.corpus_skipped and not first.corpus and len(first.added) == 2
    with open_store(db) as store:
        assert store.corpus_records(Entity) == [] and store.step_state("register") is None
    later = hg.analyze([small], db, jobs=1)  # nothing new to read: the steps catch up
    assert later.unchanged == 2 and any(r.name == "register" and r.ran for r in later.corpus)
    with open_store(db) as store:
        assert any(e.name == "Anna Kowalczyk" for e in store.corpus_records(Entity))


def test_nothing_changed_nothing_runs(small, db, tmp_path):
    hg.analyze([small], db, jobs=1)
    again = hg.analyze([small], db, jobs=1)
    assert not any(r.ran for r in again.corpus)


def test_a_new_document_updates_only_what_changed(small, db, tmp_path):
    hg.analyze([small], db, jobs=1)
    with open_store(db) as store:
        before = {lk.id: lk.digest for lk in store.corpus_records(EntityLink)}
    write(small, "c.txt", "Three\n\nAnna Kowalczyk later wrote that she had been wrong.\n")
    summary = hg.analyze([small], db, jobs=1)
    register = next(r for r in summary.corpus if r.name == "register")
    assert register.ran and register.added == 1 and register.removed == 0 and not register.full
    with open_store(db) as store:
        after = {lk.id: lk.digest for lk in store.corpus_records(EntityLink)}
        assert set(before) <= set(after) and all(after[k] == v for k, v in before.items())
        writer = next(e for e in store.corpus_records(Entity) if e.name == "Anna Kowalczyk")
        assert writer.n_documents == 3


def test_a_changed_document_replaces_its_old_links(small, db, tmp_path):
    hg.analyze([small], db, jobs=1)
    write(small, "b.txt", "Two\n\nNobody is named here any more.\n")
    hg.analyze([small], db, jobs=1)
    with open_store(db) as store:
        current = {r.id for r in store.documents()}
        assert all(lk.mention.document in current for lk in store.corpus_records(EntityLink))
        assert not any(e.name == "Ben Reader" for e in store.corpus_records(Entity))


def test_a_new_step_version_rebuilds(small, db, tmp_path, monkeypatch):
    hg.analyze([small], db, jobs=1)
    step = STEPS["register"]
    monkeypatch.setitem(STEPS, "register", type(step)(**{**step.__dict__, "version": step.version + "-new"}))
    with open_store(db) as store:
        reports = {r.name: r for r in run_steps(store)}
        assert reports["register"].full and reports["statistics"].ran  # a step after it re-runs too


def test_a_failing_step_writes_nothing(small, db, tmp_path, monkeypatch):
    hg.analyze([small], db, jobs=1)

    def broken(ctx):
        raise RuntimeError("boom")

    step = STEPS["register"]
    monkeypatch.setitem(STEPS, "register", type(step)(**{**step.__dict__, "version": "x", "fn": broken}))
    with open_store(db) as store:
        before = store.corpus_digests(EntityLink)
        with pytest.raises(RuntimeError):
            run_steps(store)
        assert store.corpus_digests(EntityLink) == before
        assert store.step_state("register").version != "x"


def test_steps_run_in_the_order_they_read_each_other():
    names = [s.name for s in order(["statistics", "register"])]
    assert names.index("register") < names.index("statistics")


def test_a_step_can_be_registered(db, tmp_path):
    calls = []

    @corpus_step("test-count", "1", produces=(), after=("register",))
    def count(ctx):
        calls.append(ctx.full)
        return StepOutput()

    try:
        with open_store(db) as store:
            run_steps(store, ["register", "test-count"])
            run_steps(store, ["register", "test-count"])
        assert calls == [True]
    finally:
        STEPS.pop("test-count")


def test_figures_are_grouped_across_documents(db, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.txt", "One\n\nThe historian Anna Kowalczyk estimates that the famine of 1932 killed "
                           "about 3.5 million people in Ukraine.\n")
    write(folder, "b.txt", "Two\n\nOthers say the famine of 1932 killed 7 million people in Ukraine.\n")
    hg.analyze([folder], db, jobs=1)
    with open_store(db) as store:
        from historiograph.views import numbers_view
        view = numbers_view(store)
        (group,) = [g for g in view.groups if len(g.documents) == 2]
        assert {f.text for f in group.figures} >= {"about 3.5 million people", "7 million people"}
