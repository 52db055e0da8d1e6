"""Which mentions of works are one work. A cited work is known by its first author's family
name and the first significant words of its main title; a title cited without its subtitle
("Out of the Red Shadows") joins the one work by that author whose main title it is, and
stays apart when two do (two volumes). A title named in running text with no citation
joins a cited work only when the author or a word such as "book" stands near it; a book is
not the event or period it is named after, so a bare title match is only a candidate."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ...text import names

STOP = {"the", "a", "an", "of", "and", "in", "on", "s"}
SUBTITLE = re.compile(r"[:?!.]\s")
BOOK_WORDS = re.compile(r"\b(?:book|books|study|studies|monograph|memoirs?|novel|biography|history|volume|work|"
                        r"essay|article|pamphlet|treatise|diary|in|his|her|their)\W*$", re.I)


def title_key(title: str, words: int = 4) -> str:
    found = re.findall(r"\w+", (title or "").lower())
    return " ".join([w for w in found if w not in STOP][:words])


def main_title(title: str) -> str:
    return SUBTITLE.split(title or "", maxsplit=1)[0]


@dataclass
class WorkItem:
    ref: int
    document: str
    title: str
    authors: tuple[str, ...]  # family names as cited
    cited: bool  # from a reference (a citation), not a title in running text
    before: str = ""  # the text just before a running-text title

    @property
    def author_key(self) -> str:
        return names.fold(self.authors[0].split()[-1]) if self.authors and self.authors[0].split() else ""


@dataclass
class WorkCluster:
    key: str
    items: list[WorkItem] = field(default_factory=list)
    why: dict[int, tuple[str, float]] = field(default_factory=dict)
    candidates: list[tuple[WorkItem, str, float]] = field(default_factory=list)


def cluster_works(items: list[WorkItem]) -> list[WorkCluster]:
    clusters: dict[str, WorkCluster] = {}
    for item in sorted((i for i in items if i.cited), key=lambda i: (-len(i.title), i.ref)):
        key = f"work|{item.author_key}|{title_key(item.title, 6)}"
        c = clusters.setdefault(key, WorkCluster(key))
        c.why[item.ref] = ("same author and title" if c.items else "cited work", 0.9)
        c.items.append(item)
    _join_short_titles(clusters)
    for item in (i for i in items if not i.cited):
        _place_running_title(item, clusters)
    return [c for c in clusters.values() if c.items]


def _join_short_titles(clusters: dict[str, WorkCluster]) -> None:
    """A work cited by its main title alone joins the one work by the same author whose
    full title begins with it."""
    by_main: dict[tuple[str, str], list[WorkCluster]] = defaultdict(list)
    for c in clusters.values():
        item = c.items[0]
        by_main[(item.author_key, title_key(main_title(item.title)))].append(c)
    for c in list(clusters.values()):
        item = c.items[0]
        if SUBTITLE.search(item.title):
            continue  # a full title
        short = title_key(item.title)
        longer = [o for (author, main), group in by_main.items() if main == short
                  and (author == item.author_key or not item.author_key) for o in group
                  if o is not c and SUBTITLE.search(o.items[0].title)]
        if len(longer) == 1:
            target = longer[0]
            for it in c.items:
                target.items.append(it)
                target.why[it.ref] = ("short title of the full one", 0.8)
            c.items = []


def _place_running_title(item: WorkItem, clusters: dict[str, WorkCluster]) -> None:
    key = title_key(main_title(item.title))
    matches = [c for c in clusters.values() if c.items and title_key(main_title(c.items[0].title)) == key]
    near_author = [c for c in matches if c.items[0].authors and
                   any(names.fold(a.split()[-1]) in names.fold(item.before) for a in c.items[0].authors if a.split())]
    if len(near_author) == 1 or (len(matches) == 1 and BOOK_WORDS.search(item.before)):
        target = (near_author or matches)[0]
        target.items.append(item)
        target.why[item.ref] = ("title match, author named nearby" if near_author else "title match after 'book'",
                                0.75 if near_author else 0.6)
        return
    own = clusters.setdefault(f"work|title|{title_key(item.title, 6)}", WorkCluster(f"work|title|{title_key(item.title, 6)}"))
    own.items.append(item)
    own.why[item.ref] = ("title named in the text", 0.5)
    for c in matches:
        own.candidates.append((item, c.key, 0.4))  # the same words, maybe the period the book is named after
