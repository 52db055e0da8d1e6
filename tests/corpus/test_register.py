"""The register: who is who across documents (people, works), with why and how sure."""

from pathlib import Path

import pytest

import historiograph as hg
from historiograph.components.mentions import reference_mentions
from historiograph.corpus import run_steps
from historiograph.model import CorpusProblem, Document, Entity, EntityLink, Reference, Review, canonical_text
from historiograph.store import SQLiteStore
from historiograph.views import find_entries, people_view, person_view, who_view, works_view

WRITER = [{"family": "Writer", "given": "Anna"}]


def doc_citing(name: str, *csls) -> Document:
    """A document whose notes cite these works ("1. Anna Writer, The Title"), as the references
    component would record them, with the mentions they give."""
    lines, refs, pos = [], [], 0
    for k, csl in enumerate(csls):
        who = " and ".join(f"{p.get('given', '')} {p['family']}".strip() for p in csl.get("author", []))
        head = f"{k + 1}. "
        line = f"{head}{who}, {csl.get('title', '')}"
        a = (pos + len(head), pos + len(head) + len(who))
        t = (a[1] + 2, pos + len(line))
        refs.append(Reference(spans=((pos, pos + len(line)),), csl=csl, role="note", form="full", note_number=k + 1,
                              fields=((a[0], a[1], "author"), (t[0], t[1], "title")), component="references",
                              version="test"))
        lines.append(line)
        pos += len(line) + 1
    doc = Document(text=canonical_text("\n".join(lines) + "\n"), layers={"references": tuple(refs)},
                   meta=hg.Metadata(source_path=f"/x/{name}.txt"))
    return doc.with_layers({"mentions": reference_mentions(doc)})


def corpus(tmp_path: Path, *docs: Document) -> SQLiteStore:
    store = SQLiteStore(tmp_path / "c.sqlite")
    for d in docs:
        store.write_document(d, pipeline=["test@1"])
    run_steps(store)
    return store


def test_a_short_title_joins_the_one_work_it_shortens(tmp_path):
    a = doc_citing("a", {"author": WRITER, "title": "The Long Winter", "type": "book"})
    b = doc_citing("b", {"author": WRITER, "title": "The Long Winter: Dockers and Owners, 1900–1930", "type": "book"})
    with corpus(tmp_path, a, b) as store:
        (work,) = works_view(store).works
        assert work.title.startswith("The Long Winter: Dockers") and len(work.citations) == 2
        assert work.documents == sorted({a.id, b.id})


def test_a_short_title_shared_by_two_volumes_stays_apart(tmp_path):
    vol1 = {"author": WRITER, "title": "Stalin: Paradoxes of Power", "type": "book"}
    vol2 = {"author": WRITER, "title": "Stalin: Waiting for Hitler", "type": "book"}
    short = {"author": WRITER, "title": "Stalin", "type": "book"}
    with corpus(tmp_path, doc_citing("a", vol1, vol2, short)) as store:
        titles = sorted(w.title for w in works_view(store).works)
    assert titles == ["Stalin", "Stalin: Paradoxes of Power", "Stalin: Waiting for Hitler"]


def test_another_author_never_joins(tmp_path):
    a = doc_citing("a", {"author": WRITER, "title": "Stalin: A Biography", "type": "book"},
                   {"author": [{"family": "Reader", "given": "Ben"}], "title": "Stalin: A Biography", "type": "book"})
    with corpus(tmp_path, a) as store:
        works = works_view(store).works
        assert len(works) == 2
        assert {w.authors for w in works} == {("Anna Writer",), ("Ben Reader",)}


ESSAY = ("The Purges\n\nThe historian Terry Martin argues that the campaign was national in form. "
         "Martin adds that the archives say so. Later scholars disagreed with Martin.\n\n"
         "Roy Medvedev wrote about it in exile. Dmitry Medvedev, a politician, spoke about it in 2010.\n\n"
         "Pyotr Tchaikovsky had died long before; the Black Army fought elsewhere.\n")
OTHER = ("A reply\n\nAs T. Martin notes, nothing was simple. Chaikovskii wrote no opera on it, "
         "and Mr Black never visited. Nikolai Yezhov ran the purge.\n")
THIRD = "Notes on Ezhov\n\nNikolai Ezhov signed the orders, as Terry Martin notes.\n"


@pytest.fixture(scope="module")
def texts_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("register")
    for name, text in (("essay", ESSAY), ("reply", OTHER), ("third", THIRD)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    db = folder / "c.sqlite"
    hg.analyze([folder], db, jobs=1)
    return db


def entries_of(store, name):
    return [e.name for e in find_entries(store, name)]


def test_short_names_initials_and_romanisations_join(texts_corpus):
    with hg.open_store(texts_corpus) as store:
        martin = person_view(store, "Terry Martin")
        assert martin.entry.name == "Terry Martin"
        written = {m.name for m in martin.mentions}
        assert {"Martin", "T. Martin", "Terry Martin"} <= written
        assert martin.entry.documents == 3
        assert entries_of(store, "Chaikovskii") == ["Pyotr Tchaikovsky"]
        yezhov = entries_of(store, "Yezhov")
        assert yezhov == entries_of(store, "Ezhov") and yezhov[0] in ("Nikolai Yezhov", "Nikolai Ezhov")


def test_homonyms_stay_apart(texts_corpus):
    with hg.open_store(texts_corpus) as store:
        assert sorted(entries_of(store, "Medvedev")) == ["Dmitry Medvedev", "Roy Medvedev"]
        blacks = [e for e in store.corpus_records(Entity) if "Black" in e.name]
        assert {e.kind for e in blacks if e.name.endswith("Army")} == {"organisation"}
        assert not any(e.kind == "person" and "Army" in e.name for e in blacks)


def test_every_link_says_why_and_how_sure(texts_corpus):
    with hg.open_store(texts_corpus) as store:
        links = store.corpus_records(EntityLink)
        assert links and all(lk.why and lk.confidence for lk in links)
        assert {lk.status for lk in links} <= {"machine", "candidate", "confirmed", "rejected"}


def test_who_uses_the_register_not_substrings(tmp_path):
    path = tmp_path / "essay.txt"
    path.write_text("The Fire\n\nThe historian Helena Marsh argues that the fire was an accident. "
                    "Later, Marsh writes that nobody in the palace wanted it. A specialist on Nero says "
                    "the opposite.\n", encoding="utf-8")
    db = tmp_path / "c.sqlite"
    hg.analyze([path], db=db)
    said = hg.who("Marsh", db)
    assert [s.cue for s in said] == ["argues", "writes"]
    assert said[0].content == "that the fire was an accident"
    assert hg.who("Nero", db) == []  # "a specialist on Nero" is not Nero


def test_a_rejected_link_is_respected_by_later_runs(texts_corpus, tmp_path):
    import shutil
    db = tmp_path / "copy.sqlite"
    shutil.copy(texts_corpus, db)
    with hg.open_store(db) as store:
        link = next(lk for lk in store.corpus_records(EntityLink) if lk.name == "T. Martin")
        store.write_review(Review(target=link.id, verdict="rejected", author="tester", created_at="2026-12-01T00:00:00",
                                  component="review", version="1"))
        run_steps(store)
        again = next(lk for lk in store.corpus_records(EntityLink) if lk.id == link.id)
        assert again.status == "rejected"
        assert "T. Martin" not in {m.name for m in person_view(store, "Terry Martin").mentions}
        assert store.reviews(link.id)[0].author == "tester"


def test_identifier_table_seeds_the_register(texts_corpus, tmp_path):
    import shutil

    from typer.testing import CliRunner

    from historiograph.cli import app
    db = tmp_path / "copy.sqlite"
    shutil.copy(texts_corpus, db)
    table = tmp_path / "ids.csv"
    table.write_text("name,variant,identifier,scheme\nTerry Martin,,Q123,wikidata\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["identifiers", str(table), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with hg.open_store(db) as store:
        assert person_view(store, "Martin").entry.identifiers == {"wikidata": "Q123"}


def test_people_view_lists_entries_with_counts(texts_corpus):
    with hg.open_store(texts_corpus) as store:
        view = people_view(store)
        assert view.entries[0].documents >= view.entries[-1].documents
        assert all(e.mentions >= 1 for e in view.entries)
        assert view.to_dict()["view"] == "people"


def test_a_misspelling_across_documents_is_a_candidate_and_a_problem(tmp_path):
    a = doc_citing("a", {"author": [{"family": "Kostyrchenko", "given": "Gennadi"}], "title": "Out of the Red Shadows",
                         "type": "book"})
    b = doc_citing("b", {"author": [{"family": "Kostyrchencko", "given": "Gennadi"}], "title": "Red Shadows Again",
                         "type": "book"})
    with corpus(tmp_path, a, b) as store:
        people = {e.name for e in store.corpus_records(Entity) if e.kind == "person"}
        assert people == {"Gennadi Kostyrchenko", "Gennadi Kostyrchencko"}  # not merged without context
        assert any(lk.status == "candidate" for lk in store.corpus_records(EntityLink))
        problems = store.corpus_records(CorpusProblem)
        assert any(p.code == "integrity.name_variant" and "Kostyrchencko" in p.message for p in problems)


def test_a_misspelling_of_the_same_work_joins(tmp_path):
    book = "Out of the Red Shadows: Anti-Semitism in Stalin's Russia"
    a = doc_citing("a", {"author": [{"family": "Kostyrchenko", "given": "Gennadi"}], "title": book, "type": "book"},
                   {"author": [{"family": "Kostyrchencko", "given": "Gennadi"}], "title": book, "type": "book"})
    with corpus(tmp_path, a) as store:
        (person,) = [e for e in store.corpus_records(Entity) if e.kind == "person"]
        assert {"Gennadi Kostyrchenko", "Gennadi Kostyrchencko"} == {person.name, *person.variants}


def test_who_view_json_twin(texts_corpus):
    with hg.open_store(texts_corpus) as store:
        data = who_view(store, "Martin").to_dict()
    assert data["view"] == "who" and data["said"] and data["said"][0]["entity"]
