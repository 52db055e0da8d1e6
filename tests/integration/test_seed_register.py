"""The register on ../shared/seeds (read at run time): the people the five texts share are
one entry each across documents, with their variants; a book about Stalin is a work, not
Stalin; a possessive is not part of a person's name."""

import pytest

import historiograph as hg
from historiograph.model import Entity

pytestmark = [pytest.mark.seeds, pytest.mark.slow]


@pytest.fixture(scope="module")
def entries(seeds, tmp_path_factory):
    location = tmp_path_factory.mktemp("seed-register") / "seeds.sqlite"
    hg.analyze(sorted(seeds.glob("0*.txt")), location, jobs=2)
    with hg.open_store(location, read_only=True) as store:
        return store.corpus_records(Entity)


def people(entries, surname):
    return [e for e in entries if e.kind == "person" and e.name.split()[-1] == surname]


def test_stalin_is_one_person_across_the_five_texts(entries):
    stalin, *others = sorted(people(entries, "Stalin"), key=lambda e: -e.n_mentions)
    assert stalin.n_documents == 5 and "Stalin" in stalin.variants and stalin.n_mentions > 100
    assert all(e.n_mentions <= 2 for e in others)  # only initials that do not fit stay apart


@pytest.mark.parametrize("surname, documents", [("Trotsky", 2), ("Losurdo", 2), ("Fitzpatrick", 2)])
def test_people_named_in_two_texts_are_one_entry(entries, surname, documents):
    found = people(entries, surname)
    assert len(found) == 1 and found[0].n_documents >= documents


def test_a_book_named_after_stalin_is_a_work(entries):
    works = [e for e in entries if e.kind == "work" and e.name.startswith("Stalin: A Biography")]
    assert works and all(e.kind == "work" for e in works)
    assert not any(e.kind == "person" and e.name.startswith("Stalin:") for e in entries)


def test_no_person_entry_holds_a_possessive(entries):
    assert not [e.name for e in entries if e.kind == "person" and ("’s " in e.name or "'s " in e.name)]
