"""Pipeline components: small, pure Document → records functions with declared
inputs and outputs, registered by name (like spaCy's factories)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from ..model import Document, Record

ComponentFn = Callable[[Document], Mapping[str, Sequence[Record]]]


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]
    fn: ComponentFn
    optional: tuple[str, ...] = ()  # layers used when present, never waited for

    def __call__(self, doc: Document) -> Mapping[str, Sequence[Record]]:
        return self.fn(doc)


REGISTRY: dict[str, Component] = {}


def component(name: str, version: str, requires: Sequence[str] = (),
              produces: Sequence[str] = (), optional: Sequence[str] = ()):
    """Register ``fn`` as a pipeline component."""

    def register(fn: ComponentFn) -> ComponentFn:
        REGISTRY[name] = Component(name, version, tuple(requires), tuple(produces), fn,
                                   tuple(optional))
        return fn

    return register


def get(name: str) -> Component:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no component named {name!r} (known: {', '.join(sorted(REGISTRY))})")
