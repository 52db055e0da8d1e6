"""The full references seen so far in a document, indexed so that finding the work a
repeat, a short form or an op. cit. stands for takes time that does not grow with the
number of references before it (a book with 50,000 notes is read in linear time).

A lookup answers what a scan of every earlier full reference would, in the same order
(the order each work first appeared), except that it looks at no more than SCAN entries
and returns no more than MAX_CANDIDATES works: past that many, a reference is ambiguous
anyway, and the lookup says it was cut short."""

from __future__ import annotations

from bisect import bisect_left, insort
from typing import Callable, Generic, TypeVar

W = TypeVar("W")
MAX_CANDIDATES = 20
SCAN = 2000


class Works(Generic[W]):
    def __init__(self, title_key: Callable[[W], str], families: Callable[[W], set[str]], ident: Callable[[W], str]):
        self.title_key, self.families, self.ident = title_key, families, ident
        self.count = 0
        self.by_title: dict[str, dict[str, tuple[int, W]]] = {}
        self.titles: list[str] = []  # the distinct title keys, sorted
        self.lengths: set[int] = set()
        self.by_family: dict[str, dict[str, tuple[int, W]]] = {}
        self.cut = 0  # lookups cut short

    def add(self, work: W) -> None:
        entry = (self.count, work)
        self.count += 1
        wid = self.ident(work)
        key = self.title_key(work)
        if key:
            bucket = self.by_title.get(key)
            if bucket is None:
                bucket = self.by_title[key] = {}
                insort(self.titles, key)
                self.lengths.add(len(key))
            bucket.setdefault(wid, entry)
        for fam in self.families(work):
            self.by_family.setdefault(fam, {}).setdefault(wid, entry)

    def _gather(self, buckets, keep: Callable[[W], bool]) -> list[W]:
        found: dict[str, tuple[int, W]] = {}
        seen = 0
        for bucket in buckets:
            for wid, entry in bucket.items():
                seen += 1
                if seen > SCAN or len(found) > MAX_CANDIDATES:
                    self.cut += 1
                    return [w for _, w in sorted(found.values(), key=lambda e: e[0])]
                old = found.get(wid)
                if (old is None or entry[0] < old[0]) and keep(entry[1]):
                    found[wid] = entry
        return [w for _, w in sorted(found.values(), key=lambda e: e[0])]

    def titled(self, key: str):
        """Buckets of the works whose title key is a prefix of ``key`` or has it as one."""
        i = bisect_left(self.titles, key)
        while i < len(self.titles) and self.titles[i].startswith(key):
            yield self.by_title[self.titles[i]]
            i += 1
        for n in sorted(self.lengths):
            if n < len(key) and key[:n] in self.by_title:
                yield self.by_title[key[:n]]

    def same_work(self, ref: W, same: Callable[[W, W], bool]) -> list[W]:
        """Earlier works ``same(ref, work)`` holds for (it needs a shared title key prefix)."""
        key = self.title_key(ref)
        if not key:
            return []
        return self._gather(self.titled(key), lambda w: same(ref, w))

    def by_author(self, ref: W, keep: Callable[[W], bool]) -> list[W]:
        """Earlier works sharing a family name with ``ref`` for which ``keep`` holds."""
        return self._gather((self.by_family[f] for f in sorted(self.families(ref)) if f in self.by_family), keep)
