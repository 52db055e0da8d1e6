"""Views of the register: the people (and organisations, works…) of the corpus, one person
with every mention, what they are reported to say and what they wrote, and `who`: the
attributions whose source is a register entry (by its name or a variant, never by a
substring of the source text: "a specialist on Stalin" is not Stalin)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..model import Attribution, Entity, EntityLink, Mention
from ..store import Store
from ..text import names
from .base import Snippet, View, place_snippet
from .speech import QuoteRow, quote_row


@dataclass(frozen=True)
class EntryRow:
    id: str
    kind: str
    name: str
    variants: tuple[str, ...]
    roles: tuple[str, ...]
    documents: int
    mentions: int
    candidates: int
    confidence: float | None
    identifiers: dict[str, str] = field(default_factory=dict)


@dataclass
class PeopleView(View):
    entries: list[EntryRow]
    total: int
    kinds: tuple[str, ...]
    kind: str = "people"


def _live(links: list[EntityLink]) -> list[EntityLink]:
    return [lk for lk in links if lk.status in ("machine", "confirmed")]


def people_view(store: Store, kinds: tuple[str, ...] = ("person",), limit: int | None = None,
                min_mentions: int = 1) -> PeopleView:
    ents = [e for kind in kinds for e in store.corpus_records(Entity, where={"kind": kind})]
    rows = [_entry(e) for e in ents if e.n_mentions >= min_mentions]
    rows.sort(key=lambda r: (-r.documents, -r.mentions, r.name))
    return PeopleView(rows[:limit] if limit else rows, len(rows), kinds)


def _entry(e: Entity) -> EntryRow:
    return EntryRow(e.id, e.kind, e.name, e.variants, e.roles, e.n_documents, e.n_mentions, e.n_candidates,
                    e.confidence, dict(e.identifiers))


def find_entries(store: Store, name: str, kinds: tuple[str, ...] | None = None) -> list[Entity]:
    """Entries whose name or a variant is ``name`` (spelling-folded), or whose family name
    is, for a one-word query ("Roberts" finds Geoffrey Roberts; "Stalin" finds Joseph Stalin
    and not "a specialist on Stalin")."""
    query = names.fold(name)
    one_word = len(name.split()) == 1
    out = []
    for e in store.corpus_records(Entity):
        if kinds and e.kind not in kinds:
            continue
        forms = (e.name,) + tuple(e.variants)
        if any(names.fold(f) == query for f in forms) or (
                one_word and e.kind == "person" and any(names.parse(f).family_key == query for f in forms)):
            out.append(e)
    return sorted(out, key=lambda e: (e.kind != "person", e.name))


@dataclass(frozen=True)
class MentionRow:
    document: str
    start: int
    end: int
    name: str
    role: str
    how: str
    why: str
    status: str
    confidence: float | None
    context: Snippet


@dataclass
class PersonView(View):
    entry: EntryRow | None
    mentions: list[MentionRow]
    said: list[QuoteRow]
    works: list[dict[str, Any]]
    candidates: list[MentionRow]
    others: list[dict[str, str]]  # other entries that answer to the same name
    kind: str = "person"


def person_view(store: Store, name: str, limit: int = 200) -> PersonView:
    found = find_entries(store, name) if not name.startswith("ent-") else store.corpus_records(Entity, ids=[name])
    if not found:
        return PersonView(None, [], [], [], [], [])
    entity = found[0]
    links = store.corpus_records(EntityLink, where={"entity": entity.id})
    live, cands = _live(links), [lk for lk in links if lk.status == "candidate"]
    mentions = {(d, m.id): m for d, m in store.records(Mention, ids=[lk.mention.record for lk in links
                                                                      if lk.mention.record])}
    rows = [_mention_row(store, lk, mentions) for lk in live[:limit]]
    said = said_by(store, [entity])
    works = [{"id": w.id, "title": w.name} for w in store.corpus_records(Entity, where={"kind": "work"})
             if entity.id in w.authors]
    others = [{"id": e.id, "name": e.name, "kind": e.kind} for e in found[1:]]
    return PersonView(_entry(entity), rows, said, works, [_mention_row(store, lk, mentions) for lk in cands[:limit]], others)


def _mention_row(store: Store, lk: EntityLink, mentions: dict) -> MentionRow:
    m = mentions.get((lk.mention.document, lk.mention.record or ""))
    return MentionRow(lk.mention.document, lk.mention.start, lk.mention.end, lk.name, m.role if m else "",
                      m.how if m else "", lk.why, lk.status, lk.confidence, place_snippet(store, lk.mention))


def said_by(store: Store, entities: list[Entity]) -> list[QuoteRow]:
    """The attributions whose source mention is linked to one of these entries."""
    links = [lk for e in entities for lk in _live(store.corpus_records(EntityLink, where={"entity": e.id}))]
    entity_of = {lk.mention.record: lk.entity for lk in links}
    wanted: dict[str, dict[str, str]] = defaultdict(dict)
    for doc, m in store.records(Mention, ids=[lk.mention.record for lk in links if lk.mention.record]):
        if m.role == "speaker" and m.record:
            wanted[doc][m.record] = entity_of[m.id]
    rows = []
    for doc_id, att_ids in sorted(wanted.items()):
        doc = store.document(doc_id)
        by_id = {a.id: a for a in doc.layer("attributions") if isinstance(a, Attribution)}
        rows += [quote_row(doc, by_id[i], by_id, att_ids[i]) for i in sorted(att_ids, key=lambda i: by_id[i].start)
                 if i in by_id]
    return rows


@dataclass
class WhoView(View):
    name: str
    entries: list[dict[str, str]]
    said: list[QuoteRow]
    kind: str = "who"


def who_view(store: Store, name: str) -> WhoView:
    found = find_entries(store, name, ("person", "organisation", "group"))
    found = [e for e in found if e.n_mentions]
    return WhoView(name, [{"id": e.id, "name": e.name, "kind": e.kind} for e in found], said_by(store, found))
