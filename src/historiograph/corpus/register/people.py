"""Who is who among the person mentions of a corpus. Mentions are grouped by family name
(spelling-folded, so romanisations meet); within a family, full names that fit each other
("Jon" / "Jonathan", "T." / "Terry") are one person and names that clash ("Roy" /
"Dmitry") are two. A bare surname joins the one person of that name in the corpus; with
several it stays apart, linked to each as a candidate. A misspelt family name ("Kostyrchencko")
joins only where context shows one person: the same document, or the same cited work."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ...text import names


@dataclass
class Item:
    """One mention as the linker sees it."""

    ref: int  # index into the caller's mention list
    document: str
    resolved: str
    parsed: names.Name
    role: str
    works: frozenset[str] = frozenset()  # title keys of works this mention is an author of


@dataclass
class Cluster:
    key: str
    items: list[Item] = field(default_factory=list)
    why: dict[int, tuple[str, float]] = field(default_factory=dict)  # item ref -> (why, confidence)
    candidates: list[tuple[Item, str, float]] = field(default_factory=list)  # linked, not merged


def _full(item: Item) -> bool:
    return bool(item.parsed.given) and len(item.parsed.given_key) > 1


def cluster_people(items: list[Item], aliases: dict[str, str]) -> list[Cluster]:
    """Clusters of person mentions; ``aliases`` maps a folded variant name to the folded
    name it is another form of (a user's identifier table)."""
    families: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        families[_family_key(item, aliases)].append(item)
    clusters: list[Cluster] = []
    for family, group in sorted(families.items()):
        if family:
            clusters.extend(_split_family(family, group))
    return _join_misspellings(clusters)


def _family_key(item: Item, aliases: dict[str, str]) -> str:
    whole = names.fold(item.parsed.full)
    target = aliases.get(whole) or aliases.get(item.parsed.family_key)
    if target:
        return names.fold(names.parse(target).family) if " " in target else target
    return item.parsed.family_key


def _split_family(family: str, group: list[Item]) -> list[Cluster]:
    """Full names that fit each other are one person; initials and bare surnames join the
    one person they fit, or stay apart with candidate links when several fit."""
    people: list[Cluster] = []
    for item in sorted((i for i in group if _full(i)), key=lambda i: (-len(i.parsed.given_key), i.resolved)):
        home = next((c for c in people if names.compatible(item.parsed, c.items[0].parsed)), None)
        if home is None:
            home = Cluster(f"person|{family}|{item.parsed.given_key}")
            people.append(home)
            home.why[item.ref] = ("full name", 0.9)
        else:
            same = names.fold(item.resolved) == names.fold(home.items[0].resolved)
            home.why[item.ref] = ("same full name" if same else "given name fits", 0.9 if same else 0.8)
        home.items.append(item)
    short = [i for i in group if not _full(i)]
    loose: dict[str, Cluster] = {}
    for item in short:
        fits = [c for c in people if names.compatible(item.parsed, c.items[0].parsed)]
        if len(fits) == 1:
            why = "initial fits the full name" if item.parsed.given else "surname, one person of that name"
            fits[0].items.append(item)
            fits[0].why[item.ref] = (why, 0.75 if item.parsed.given else 0.7)
            continue
        main = _dominant(fits)
        if main is not None:
            main.items.append(item)
            main.why[item.ref] = ("surname, the person most often named so", 0.55)
            main.candidates.extend((item, c.key, 0.25) for c in fits if c is not main)
            continue
        label = item.parsed.initial if item.parsed.given else ""
        bucket = loose.setdefault(label, Cluster(f"person|{family}|{label}"))
        bucket.items.append(item)
        bucket.why[item.ref] = ("same name as written", 0.6)
        for c in fits:
            bucket.candidates.append((item, c.key, 0.4))
    return people + list(loose.values())


def _dominant(fits: list[Cluster]) -> Cluster | None:
    """Among several people of one family name, the one named in full in at least twice as
    many documents as all the others together (Joseph Stalin beside a modern M. K. Stalin)."""
    if not fits:
        return None

    def reach(c: Cluster) -> int:
        return len({i.document for i in c.items if _full(i)})

    ranked = sorted(fits, key=lambda c: (-reach(c), -len(c.items)))
    rest = sum(reach(c) for c in ranked[1:])
    return ranked[0] if reach(ranked[0]) >= max(2 * rest, 2) else None


def _join_misspellings(clusters: list[Cluster]) -> list[Cluster]:
    """Two family spellings one or two letters apart are one person where a document uses
    both or both are named as author of the same work; otherwise a candidate link."""
    blocks: dict[str, list[Cluster]] = defaultdict(list)
    for c in clusters:
        family = c.key.split("|")[1]
        if len(family) >= 5:
            blocks[family[:2]].append(c)
    merged: dict[str, str] = {}
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                fa, fb = a.key.split("|")[1], b.key.split("|")[1]
                if fa == fb or fa.startswith(fb) or fb.startswith(fa) or not names.similar(fa, fb, 0.85) \
                        or not _given_fit(a, b):
                    continue  # "Stalin" / "Stalinist" is a derived word, not a misspelling
                shared = _shared_context(a, b)
                if shared:
                    keep, gone = sorted((a, b), key=lambda c: -len(c.items))
                    merged[gone.key] = keep.key
                    for item in gone.items:
                        keep.items.append(item)
                        keep.why[item.ref] = (f"misspelling ({shared})", 0.7)
                    gone.items = []
                else:
                    for item in b.items:
                        a.candidates.append((item, a.key, 0.35))
    return [c for c in clusters if c.items]


def _given_fit(a: Cluster, b: Cluster) -> bool:
    return names.given_fit(a.key.split("|")[2], b.key.split("|")[2])


def _shared_context(a: Cluster, b: Cluster) -> str:
    if {i.document for i in a.items} & {i.document for i in b.items}:
        return "both spellings in one document"
    if set().union(*(i.works for i in a.items)) & set().union(*(i.works for i in b.items)):
        return "author of the same work"
    return ""


def preferred(items: list[Item]) -> str:
    """The fullest form given most often ("Terry Martin" over "Martin" and "T. Martin")."""
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        counts[item.resolved] += 1
    return max(counts, key=lambda n: (len(names.parse(n).given_key) > 1, len(names.parse(n).given), counts[n],
                                      len(n), n))
