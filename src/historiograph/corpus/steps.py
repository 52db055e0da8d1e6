"""Corpus steps: work across documents, run after the documents of an `analyze` run are
stored. A step declares the per-document layers it reads, the steps whose records it reads
(`after`), and the corpus record types it produces; it is registered by name with a
version, like a component.

Each run compares what the step saw last time (the revision of every current document,
the tokens of the steps it reads, the reviews when it reads them) with the store now:
- nothing changed: the step does not run;
- its version or an upstream step changed: it runs on the whole corpus (`full`) and its
  tables are replaced;
- documents were added, changed or dropped: it runs with `added` and `removed` only, when
  it is incremental, and otherwise on the whole corpus.
Its records and its new state are written in one transaction, so a killed run leaves the
last complete state and the next run does the work again."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from graphlib import TopologicalSorter
from typing import Callable, Sequence

from ..model import CorpusProblem, CorpusRecord
from ..store import StepState, Store


@dataclass(frozen=True)
class StepContext:
    store: Store
    current: dict[str, str]  # current document id -> revision
    added: tuple[str, ...]  # documents to (re)read: new or changed (all of them when full)
    removed: tuple[str, ...]  # documents whose earlier records must go: dropped or changed
    full: bool
    previous: StepState | None


@dataclass
class StepOutput:
    """A step's records. With ``complete``, they are all the records of its types as they
    should now stand: the runner writes only those that changed and deletes the rest.
    Otherwise they are added (replacing the same ids) and ``delete`` names what goes.
    ``retry``: the step could not do its work (a model it needs is missing); what it wrote
    (its problems) is kept, but it saw no document, so the next run does it all again."""

    records: list[CorpusRecord] = field(default_factory=list)
    delete: dict[type[CorpusRecord], list[str]] = field(default_factory=dict)
    complete: bool = False
    retry: bool = False


@dataclass(frozen=True)
class CorpusStep:
    name: str
    version: str
    reads: tuple[str, ...]  # per-document layers
    produces: tuple[type[CorpusRecord], ...]
    fn: Callable[[StepContext], StepOutput]
    after: tuple[str, ...] = ()  # corpus steps whose records this one reads
    incremental: bool = False
    reviews: bool = False  # re-run when a person confirms or rejects something


STEPS: dict[str, CorpusStep] = {}


def corpus_step(name: str, version: str, reads: Sequence[str] = (), produces: Sequence[type[CorpusRecord]] = (),
                after: Sequence[str] = (), incremental: bool = False, reviews: bool = False):
    """Register ``fn`` as a corpus step."""

    def register(fn: Callable[[StepContext], StepOutput]) -> Callable[[StepContext], StepOutput]:
        STEPS[name] = CorpusStep(name, version, tuple(reads), tuple(produces), fn, tuple(after), incremental,
                                 reviews)
        return fn

    return register


def order(names: Sequence[str]) -> list[CorpusStep]:
    missing = [n for n in names if n not in STEPS]
    if missing:
        raise KeyError(f"no corpus step named {', '.join(missing)} (known: {', '.join(sorted(STEPS))})")
    graph = {n: {a for a in STEPS[n].after if a in names} for n in names}
    return [STEPS[n] for n in TopologicalSorter(graph).static_order()]


@dataclass
class StepReport:
    name: str
    ran: bool
    full: bool = False
    added: int = 0
    removed: int = 0
    records: int = 0
    seconds: float = 0.0


def _digest(*parts) -> str:
    return hashlib.sha1(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _inputs(store: Store, step: CorpusStep, tokens: dict[str, str]) -> dict[str, str]:
    """What the step's run depends on besides the documents: the tokens of the steps it
    reads (or of a table a command keeps as a pseudo-step, such as the user's aliases)."""
    inputs = {}
    for name in step.after:
        state = store.step_state(name) if name not in tokens else None
        inputs[name] = tokens.get(name) or (state.token if state else "")
    if step.reviews:
        inputs["reviews"] = _digest([r.id for r in store.reviews()])
    return inputs


def _changes(store: Store, step: CorpusStep, records: list[CorpusRecord]):
    """The records that differ from the stored ones, and the stored ids that are gone."""
    fresh: dict[type[CorpusRecord], dict[str, CorpusRecord]] = {cls: {} for cls in step.produces}
    for rec in records:
        fresh.setdefault(type(rec), {})[rec.id] = rec
    changed, delete = [], {}
    for cls, recs in fresh.items():
        have = store.corpus_digests(cls)
        if cls is CorpusProblem or any(cls in o.produces for o in STEPS.values() if o.name != step.name):
            # a type other steps write too (problems): only the records this step made are its own
            own = {r.id for r in store.corpus_records(cls, where={"component": step.name})}
            have = {k: v for k, v in have.items() if k in own}
        changed.extend(r for r in recs.values() if have.get(r.id) != r.digest)
        delete[cls] = [i for i in have if i not in recs]
    return changed, delete


def run_steps(store: Store, names: Sequence[str] | None = None, force: bool = False) -> list[StepReport]:
    """Bring every corpus step up to date with the stored documents. Steps run under the
    store's corpus lock: a second run (another process, another machine) waits, then sees
    what the first one wrote."""
    with store.corpus_lock():
        return _run_steps(store, names, force)


def _run_steps(store: Store, names: Sequence[str] | None, force: bool) -> list[StepReport]:
    current = {row.id: row.revision for row in store.documents()}
    tokens: dict[str, str] = {}
    reports = []
    for step in order(list(names) if names is not None else list(STEPS)):
        prev = store.step_state(step.name)
        inputs = _inputs(store, step, tokens)
        full = force or prev is None or prev.version != step.version or dict(prev.inputs) != inputs \
            or not step.incremental
        seen = dict(prev.seen) if prev else {}
        added = tuple(d for d, rev in current.items() if seen.get(d) != rev)
        removed = tuple(d for d, rev in seen.items() if current.get(d) != rev)
        stale = prev is None or prev.version != step.version or dict(prev.inputs) != inputs
        if not force and not stale and not added and not removed:
            tokens[step.name] = prev.token if prev else ""
            reports.append(StepReport(step.name, ran=False))
            continue
        if full:
            added, removed = tuple(current), tuple(seen)
        t0 = time.perf_counter()
        out = step.fn(StepContext(store, current, added, removed, full, prev))
        token = _digest(step.version, sorted(current.items()), inputs)
        state = StepState(step.name, step.version, {} if out.retry else current, inputs, token)
        if out.complete:
            records, delete = _changes(store, step, out.records)
            for cls, ids in out.delete.items():  # what the step names beyond its complete types
                delete[cls] = sorted(set(delete.get(cls, ())) | set(ids))
            store.write_step(state, records, delete)
        else:
            store.write_step(state, out.records, out.delete, step.produces if full else ())
        tokens[step.name] = token
        reports.append(StepReport(step.name, True, full, len(added), len(removed), len(out.records),
                                  time.perf_counter() - t0))
    return reports
