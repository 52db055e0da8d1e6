"""The register: who is who across the corpus. Reads every document's `mentions`, links the
mentions that denote one person, organisation, work, place or group into an `Entity`, and
records each link as an `EntityLink` saying why it was made and how sure it is; uncertain
links are kept as candidates, not merged. A person's confirmation or rejection of a link
(`Review`) is respected by every later run; a user's identifier table (`Alias`) seeds it."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict

from ...model import Alias, CorpusProblem, Entity, EntityLink, Mention, Place
from ...components.mentions import PRONOUNS
from ...text import names
from ..steps import StepContext, StepOutput, corpus_step
from .people import Cluster, Item, cluster_people, preferred
from .works import WorkCluster, WorkItem, cluster_works, title_key

NAME, VERSION = "register", "2"
ROLE_ORDER = ("author", "editor", "speaker", "cited", "named")
IBID = re.compile(r"^(?:ibid|id)\b", re.I)


def _place(doc_id: str, m: Mention) -> Place:
    return Place(doc_id, m.spans, m.id)


def _aliases(ctx: StepContext) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Folded variant -> folded name, and folded name -> {scheme: identifier}."""
    to_name, ids = {}, defaultdict(dict)
    for a in ctx.store.corpus_records(Alias):
        name = names.fold(names.parse(a.name).full)
        if a.variant:
            to_name[names.fold(names.parse(a.variant).full)] = names.parse(a.name).family_key
        if a.identifier:
            ids[name][a.scheme or "id"] = a.identifier
    return to_name, ids


@corpus_step(NAME, VERSION, reads=("mentions",), produces=(Entity, EntityLink, CorpusProblem),
             after=("aliases",), incremental=True, reviews=True)
def register(ctx: StepContext) -> StepOutput:
    mentions = [(doc, m) for doc, m in ctx.store.records(Mention) if isinstance(m, Mention)]
    verdicts = {r.target: r.verdict for r in ctx.store.reviews()}  # the latest review wins
    aliases, identifiers = _aliases(ctx)
    people = _person_clusters(mentions, aliases)
    works = cluster_works(_work_items(mentions))
    others = _other_clusters(mentions)
    people = _groups_are_not_people(people, others)
    out: list = []
    entity_of: dict[int, str] = {}
    for cluster in people:
        out += _emit(cluster, "person", mentions, verdicts, entity_of, identifiers)
    for wcluster in works:
        out += _emit(wcluster, "work", mentions, verdicts, entity_of, identifiers)
    for kind, cluster in others:
        out += _emit(cluster, kind, mentions, verdicts, entity_of, identifiers)
    out = _finish(out, mentions, entity_of)
    out += _variant_problems(people, mentions)
    return StepOutput(out, complete=True)


def _person_clusters(mentions: list[tuple[str, Mention]], aliases: dict[str, str]) -> list[Cluster]:
    work_of = {(doc, m.record): title_key(m.resolved) for doc, m in mentions if m.kind == "work" and m.record}
    items = []
    for k, (doc, m) in enumerate(mentions):
        if m.kind != "person":
            continue
        parsed = names.parse(m.resolved)
        if not parsed.family_key:
            continue
        works = frozenset({work_of[(doc, m.record)]} if (doc, m.record) in work_of and m.role == "author" else ())
        items.append(Item(k, doc, m.resolved, parsed, m.role, works))
    return cluster_people(items, aliases)


def _work_items(mentions: list[tuple[str, Mention]]) -> list[WorkItem]:
    items = []
    for k, (doc, m) in enumerate(mentions):
        if m.kind == "work" and title_key(m.resolved):
            items.append(WorkItem(k, doc, m.resolved, m.authors, m.how == "reference"))
    return items


def _other_clusters(mentions: list[tuple[str, Mention]]) -> list[tuple[str, Cluster]]:
    groups: dict[tuple[str, str], Cluster] = {}
    for k, (doc, m) in enumerate(mentions):
        if m.kind in ("person", "work"):
            continue
        key = names.fold(m.resolved.removeprefix("the ").removeprefix("The "))
        if not key:
            continue
        c = groups.setdefault((m.kind, key), Cluster(f"{m.kind}|{key}"))
        c.items.append(Item(k, doc, m.resolved, names.parse(m.resolved), m.role))
        c.why[k] = ("same name" if len(c.items) > 1 else "named", 0.7)
    return [(kind, c) for (kind, _), c in sorted(groups.items())]


def _groups_are_not_people(people: list[Cluster], others: list[tuple[str, Cluster]]) -> list[Cluster]:
    """A "person" never named with a given name whose name is also a group, place or
    organisation of the corpus ("Slavs", "Nazis", "USSR") is that other entry."""
    by_key = {c.key.split("|", 1)[1]: c for _, c in others}
    kept = []
    for c in people:
        family = c.key.split("|")[1]
        target = by_key.get(family) or by_key.get(family.rstrip("s"))
        if target is not None and not any(_has_given(i) for i in c.items):
            for item in c.items:
                target.items.append(item)
                target.why[item.ref] = ("same name as a group, place or organisation", 0.5)
            continue
        kept.append(c)
    return kept


def _has_given(item: Item) -> bool:
    return bool(item.parsed.given) and len(item.parsed.given_key) > 1


def _emit(cluster: Cluster | WorkCluster, kind: str, mentions, verdicts: dict[str, str],
          entity_of: dict[int, str], identifiers) -> list:
    items = [i for i in cluster.items]
    entity_id = Entity(kind=kind, key=cluster.key, name="-", component=NAME, version=VERSION).id
    links, kept = [], []
    for item in items:
        doc, m = mentions[item.ref]
        why, conf = cluster.why.get(item.ref, ("linked", 0.6))
        link = EntityLink(mention=_place(doc, m), entity=entity_id, why=why, name=m.name, confidence=conf,
                          component=NAME, version=VERSION)
        if verdicts.get(link.id) == "rejected":
            links.append(_with_status(link, "rejected"))
            continue
        links.append(_with_status(link, "confirmed") if verdicts.get(link.id) == "confirmed" else link)
        kept.append(item)
        entity_of[item.ref] = entity_id
    for item, target_key, conf in cluster.candidates:
        doc, m = mentions[item.ref]
        target = Entity(kind=kind, key=target_key, name="-", component=NAME, version=VERSION).id
        link = EntityLink(mention=_place(doc, m), entity=target, why="candidate: same surname, several people"
                          if kind == "person" else "candidate: same title", name=m.name, confidence=conf,
                          status="candidate", component=NAME, version=VERSION)
        links.append(_with_status(link, {"confirmed": "confirmed", "rejected": "rejected"}.get(
            verdicts.get(link.id, ""), "candidate")))
    if not kept:
        return [link for link in links if link.status != "machine"]
    conf = round(sum(cluster.why.get(i.ref, ("", 0.6))[1] for i in kept) / len(kept), 2)
    return [_entity(cluster.key, kind, kept, mentions, identifiers, conf)] + links


def _with_status(link: EntityLink, status: str) -> EntityLink:
    return EntityLink(mention=link.mention, entity=link.entity, why=link.why, name=link.name,
                      confidence=link.confidence, status=status, component=NAME, version=VERSION, id=link.id)


def _entity(key: str, kind: str, items, mentions, identifiers, conf: float) -> Entity:
    written = [mentions[i.ref][1] for i in items]
    if kind == "person":
        name = preferred(items)
    else:
        counts = Counter(m.resolved for m in written)  # counted once: a work cited 10,000 times is no square
        name = max(counts, key=lambda n: (counts[n], len(n), n))
    variants = sorted(({_variant(m) for m in written if m.name.lower() not in PRONOUNS and not IBID.match(m.name)}
                       | {m.resolved for m in written if m.kind != "work"}) - {name, ""})
    roles = tuple(r for r in ROLE_ORDER if any(m.role == r for m in written))
    ids = dict(identifiers.get(names.fold(name), {})) if kind == "person" else {}
    return Entity(kind=kind, key=key, name=name, variants=tuple(variants[:40]), roles=roles, identifiers=ids,
                  n_mentions=len(items), n_documents=len({i.document for i in items}),
                  confidence=conf, component=NAME, version=VERSION)


def _variant(m: Mention) -> str:
    return m.resolved if m.kind == "work" else m.name.strip(" ,.;:“”\"'")


def _finish(records: list, mentions, entity_of: dict[int, str]) -> list:
    """A work's authors as entity ids (the person entries of the author mentions that come
    from the same citation), and every entry's count of candidate links."""
    by_record: dict[tuple[str, str], set[str]] = defaultdict(set)
    for k, (doc, m) in enumerate(mentions):
        if m.kind == "person" and m.role == "author" and m.record and k in entity_of:
            by_record[(doc, m.record)].add(entity_of[k])
    authors: dict[str, set[str]] = defaultdict(set)
    for k, (doc, m) in enumerate(mentions):
        if m.kind == "work" and k in entity_of:
            authors[entity_of[k]] |= by_record.get((doc, m.record or ""), set())
    candidates = Counter(r.entity for r in records if isinstance(r, EntityLink) and r.status == "candidate")
    out = []
    for rec in records:
        if isinstance(rec, Entity):
            rec = dataclasses.replace(rec, authors=tuple(sorted(authors.get(rec.id, ()))),
                                      n_candidates=candidates[rec.id])
        out.append(rec)
    return out


def _variant_problems(people: list[Cluster], mentions) -> list[CorpusProblem]:
    """A family name spelled two ways (not romanisations of one name): in one person's
    entry, or between two entries that may be one person."""
    out = []
    for c in people:
        family = c.key.split("|")[1]
        odd = [i for i, _, _ in c.candidates if i.parsed.family_key != family]
        involved = c.items + odd
        if len({i.parsed.family_key for i in involved}) > 1:
            forms = sorted({i.parsed.family for i in involved})
            places = tuple(Place(mentions[i.ref][0], mentions[i.ref][1].spans, mentions[i.ref][1].id)
                           for i in involved[:50])
            out.append(CorpusProblem(
                code="integrity.name_variant", severity="warning", locations=places,
                message=f"{' / '.join(forms)}: one name spelled {len(forms)} ways"
                        f" in {len({p.document for p in places})} document(s)",
                component=NAME, version=VERSION))
    return out
