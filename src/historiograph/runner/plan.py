"""Ordering components by what they need and produce, and running them over one
document under a wrapper that turns a crash or an overrun budget into a Problem record."""

from __future__ import annotations

import traceback
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from typing import Sequence

from .. import components
from ..model import Document, Problem, make_problem
from ..budget import BudgetExceeded, Deadline, memory_limit, seconds_for, time_limit

RUNNER = "runner"
VERSION = "1"
RESERVE = 0.1  # the share of a document's time budget kept for each component still to run


def plan(names: Sequence[str]) -> list[components.Component]:
    """Components in an order where every required layer is produced first."""
    chosen = {name: components.get(name) for name in names}
    producers = {layer: c.name for c in chosen.values() for layer in c.produces}
    graph: dict[str, set[str]] = {}
    for comp in chosen.values():
        needs = set()
        for layer in comp.requires:
            if layer not in producers:
                raise ValueError(f"component {comp.name!r} needs layer {layer!r}, which no component produces")
            needs.add(producers[layer])
        needs |= {producers[layer] for layer in comp.optional if layer in producers}
        graph[comp.name] = needs - {comp.name}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise ValueError(f"components depend on each other in a cycle: {exc.args[1]}") from exc
    return [chosen[name] for name in order]


def problem(code: str, message: str, component: str = RUNNER, severity: str | None = None,
            spans=()) -> Problem:
    return make_problem(code, message, component=component, version=VERSION, spans=spans, severity=severity)


def _size(n: int) -> str:
    return f"{n / 1e6:,.1f} MB" if n >= 100_000 else f"{n / 1e3:,.0f} KB" if n >= 1000 else f"{n} characters"


def run_document(doc: Document, pipeline: Sequence[components.Component],
                 deadline: Deadline | None = None) -> Document:
    """Run components over one document; a crash or an overrun budget becomes a Problem,
    never an exception. ``deadline``: the file's time budget (by default one made for
    the document's length); each component may use what is left of it."""
    if deadline is None:
        deadline = Deadline(seconds_for(len(doc.text)))
    # Each component keeps a share for the ones after it, so one runaway component does
    # not leave the rest of the document unread.
    share = min(RESERVE, 0.5 / max(1, len(pipeline)))  # at most half the budget kept back in all
    reserve = share * deadline.seconds if deadline.seconds is not None else 0.0
    for k, comp in enumerate(pipeline):
        missing = [layer for layer in comp.requires if layer not in doc.layers]
        if missing:
            doc = doc.with_layers({"problems": [problem(
                "component.skipped", f"{comp.name} did not run: layer(s) {', '.join(missing)} "
                "missing because an earlier component failed", comp.name, "warning")]})
            continue
        left = deadline.remaining()
        layers_named = ", ".join(comp.produces) or "no"
        if left is not None and left <= 0:
            doc = doc.with_layers({"problems": [problem(
                "component.budget", f"{comp.name} did not run: the time budget for this document "
                f"({deadline.seconds:.0f} CPU seconds for {_size(len(doc.text))}) was used up before it; "
                f"its {layers_named} layer is missing", comp.name)]})
            continue
        if left is not None:
            left = max(left - reserve * (len(pipeline) - k - 1), min(left, reserve))
        started = deadline.used()
        try:
            with time_limit(left, comp.name):
                produced = comp(doc)
            layers = {layer: produced.get(layer, ()) for layer in comp.produces}
            if produced.get("problems"):  # any component may report problems
                layers["problems"] = produced["problems"]
            doc = doc.with_layers(layers)
        except BudgetExceeded:
            doc = doc.with_layers({"problems": [problem(
                "component.budget", f"{comp.name} stopped after {deadline.used() - started:.1f} CPU seconds, "
                f"its share of the time budget for this document ({deadline.seconds:.0f} s for "
                f"{_size(len(doc.text))}); "
                f"its {layers_named} layer is missing, the rest ran", comp.name)]})
        except MemoryError:
            limit = memory_limit()
            doc = doc.with_layers({"problems": [problem(
                "component.budget", f"{comp.name} ran out of memory"
                + (f" (a worker may take {limit / 2**30:.1f} GiB more than it starts with)" if limit else "")
                + f"; its {layers_named} layer is missing, the rest ran", comp.name)]})
        except RecursionError as exc:
            doc = doc.with_layers({"problems": [problem(
                "component.budget", f"{comp.name} went too deep ({exc}); its {layers_named} layer is missing, "
                "the rest ran", comp.name)]})
        except Exception as exc:  # the wrapper's whole purpose: one odd document stops nothing
            where = traceback.extract_tb(exc.__traceback__)[-1]
            doc = doc.with_layers({"problems": [problem(
                "component.crash",
                f"{comp.name} {comp.version} crashed: {type(exc).__name__}: {exc} "
                f"({Path(where.filename).name}:{where.lineno})", comp.name)]})
    return doc


def over_budget(doc: Document) -> bool:
    """Did any component of this document overrun its budget (its worker is then
    replaced: an interrupted library may have been left in an odd state)."""
    return any(p.code == "component.budget" for p in doc.layer("problems") if isinstance(p, Problem))
