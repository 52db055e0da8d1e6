"""The pages of the web reader: each one view function, called with the request's
parameters (checked here, so a bad `?offset=` is one clear 400, not a traceback)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

from starlette.requests import Request

from .. import views
from ..model import ENTITY_KINDS
from ..store import Store
from .highlight import LAYER_ORDER, LayerInfo, Piece, highlight
from .templates import doc_url

# Layers shown when the reader opens; the others are listed, switched off.
DEFAULT_OFF = ("sections",)
SUMMARY_TYPES = ("_summary", "_verdict")  # records that sum a layer up: not highlighted
MAX_PAGE = 500


class Params:
    """A request's path and query parameters, read with checks."""

    def __init__(self, request: Request):
        self.path = dict(request.path_params)
        self.query = request.query_params
        self.url = request.url

    def get(self, name: str, default: str = "") -> str:
        return self.path.get(name) or self.query.get(name, default)

    def all(self, name: str) -> list[str]:
        return [v for raw in self.query.getlist(name) for v in raw.split(",") if v]

    def int(self, name: str, default: int | None, low: int = 0, high: int | None = None) -> int | None:
        raw = self.query.get(name, "").strip()
        if not raw:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ValueError(f"{name} must be a whole number, not {raw[:40]!r}") from None
        if value < low or (high is not None and value > high):
            raise ValueError(f"{name} must be between {low} and {high}" if high is not None
                             else f"{name} must be at least {low}")
        return value

    def float(self, name: str, default: float) -> float:
        raw = self.query.get(name, "").strip()
        try:
            return float(raw) if raw else default
        except ValueError:
            raise ValueError(f"{name} must be a number, not {raw[:40]!r}") from None


def overview(store: Store, p: Params):
    return views.overview(store, limit=p.int("limit", 50, 1, MAX_PAGE), offset=p.int("offset", 0))


def reader(store: Store, p: Params):
    return views.reader(store, p.get("doc"))


def reader_page(store: Store, p: Params):
    """The reader's page: the same view, without the register links of its mentions (the
    page's script reads them, with every finding's detail, from the JSON twin on a click)."""
    return views.reader(store, p.get("doc"), entities=False)


def notes(store: Store, p: Params):
    return views.notes_view(store, p.get("doc"))


def quotes(store: Store, p: Params):
    return views.quotes_view(store, p.get("doc"), min_confidence=p.float("min_confidence",
                                                                           views.DEFAULT_MIN_CONFIDENCE))


def search(store: Store, p: Params):
    query = p.get("q").strip()
    limit = p.int("limit", 20, 1, MAX_PAGE) or 20
    if not query:
        return views.SearchView("", [], 0, 0, False, 0, limit)
    return views.search_view(store, query, limit=limit, per_document=p.int("per_document", None, 1),
                             offset=p.int("offset", 0) or 0)


def people(store: Store, p: Params):
    kinds = tuple(p.all("kind")) or ("person",)
    bad = [k for k in kinds if k not in ENTITY_KINDS]
    if bad:
        raise ValueError(f"unknown kind {bad[0]!r} (known: {', '.join(ENTITY_KINDS)})")
    return views.people_view(store, kinds, limit=p.int("limit", 100, 1, MAX_PAGE), offset=p.int("offset", 0) or 0)


def person(store: Store, p: Params):
    view = views.person_view(store, p.get("name"), limit=p.int("limit", 200, 1, 5000) or 200)
    if view.entry is None:
        raise KeyError(f"no one named {p.get('name')!r} in the register")
    return view


def sources(store: Store, p: Params):
    return views.works_view(store, p.get("doc") or None, limit=p.int("limit", 100, 1, MAX_PAGE),
                            offset=p.int("offset", 0) or 0, max_citations=p.int("citations", 20, 1, 10_000))


def disputes(store: Store, p: Params):
    return views.disputes_view(store, p.get("doc") or None, tuple(p.all("relation")) or None,
                               min_score=p.float("min_score", 0.0), limit=p.int("limit", 100, 1, MAX_PAGE),
                               offset=p.int("offset", 0) or 0)


def problems(store: Store, p: Params):
    return views.problems_view(store, p.get("doc") or None, severity=p.get("severity") or None,
                               code=p.get("code") or None, limit=p.int("limit", 100, 1, MAX_PAGE),
                               offset=p.int("offset", 0) or 0)


# -- the reader's layout -------------------------------------------------------

def layer_list(view, wanted: list[str]) -> list[LayerInfo]:
    """The layers of the document, in reading order, each with its count and whether it is on."""
    kinds: dict[str, dict[str, int]] = {}
    for a in view.annotations:
        if not a.type.endswith(SUMMARY_TYPES):
            of_layer = kinds.setdefault(a.layer, {})
            of_layer[a.kind] = of_layer.get(a.kind, 0) + 1
    names = sorted(kinds, key=lambda n: (LAYER_ORDER.index(n) if n in LAYER_ORDER else len(LAYER_ORDER), n))
    return [LayerInfo(n, sum(kinds[n].values()), (n in wanted) if wanted else n not in DEFAULT_OFF,
                      dict(Counter(kinds[n]).most_common())) for n in names]


def reader_context(view, p: Params) -> dict[str, Any]:
    layers = layer_list(view, p.all("layers"))
    on = {info.name for info in layers if info.on}
    pieces = []
    for a in view.annotations:
        if a.type.endswith(SUMMARY_TYPES):
            continue  # a document's verdict or summary: its JSON twin and the summary say it
        parts = a.parts or tuple((s, e, "") for s, e in a.spans)
        for k, (s, e, role) in enumerate(sorted(parts)):
            pieces.append(Piece(s, e, a.id, a.layer, a.kind, role, a.label, a.status, first=(k == 0),
                                hidden=a.layer not in on))
    data = {"document": view.document.id, "json": doc_url(view.document.id, ".json")}
    return {"html_text": highlight(view.text, pieces), "layers": layers, "data": data}


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    build: Callable[[Store, Params], Any]  # -> a view
    title: str = ""
    context: Callable[[Any, Params], dict[str, Any]] | None = None  # what the template needs besides the view
    build_html: Callable[[Store, Params], Any] | None = None  # the page's call of the view, when lighter


PAGES = (
    Page("/", "overview.html", overview, "corpus"),
    Page("/documents/{doc}", "reader.html", reader, "reader", reader_context, reader_page),
    Page("/documents/{doc}/notes", "note_list.html", notes, "notes"),
    Page("/documents/{doc}/quotes", "quotes.html", quotes, "who says what"),
    Page("/search", "search.html", search, "search"),
    Page("/people", "people.html", people, "people"),
    Page("/people/{name}", "person.html", person, "person"),
    Page("/sources", "sources.html", sources, "sources"),
    Page("/disputes", "disputes.html", disputes, "disputes"),
    Page("/problems", "problems.html", problems, "problems"),
)
