"""Jinja2 templates (autoescaped: every value from a document is text, never markup) and the
helpers they use to build links. Links are only ever made from our own ids and paths, or
from a document's URL when it is plainly http(s); anything else is shown as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from .. import __version__

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
NAV = (("/", "corpus"), ("/search", "search"), ("/people", "people"), ("/sources", "sources"),
       ("/disputes", "disputes"), ("/problems", "problems"))


def doc_url(doc_id: str, suffix: str = "") -> str:
    return "/documents/" + quote(str(doc_id), safe="") + suffix


def person_url(name: str) -> str:
    return "/people/" + quote(str(name), safe="")


def external(url: Any) -> str | None:
    """A document's own URL, when it is an http(s) address; otherwise None (shown as text)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def json_url(request: Request) -> str:
    path = request.url.path
    base = "/.json" if path == "/" else path.rstrip("/") + ".json"
    return base + (f"?{request.url.query}" if request.url.query else "")


def with_query(request: Request, **changes: Any) -> str:
    """The current page with some query parameters changed (None drops one)."""
    query = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = str(value)
    return request.url.path + (("?" + urlencode(query)) if query else "")


def short(text: Any, n: int = 160) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def number(n: Any) -> str:
    return f"{n:,}" if isinstance(n, int) else str(n if n is not None else "")


ENV = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(default=True),
                  undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
ENV.globals.update(doc_url=doc_url, person_url=person_url, external=external, nav=NAV, version=__version__)
ENV.filters.update(short=short, n=number)


def render(request: Request, site: Any, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    page = ENV.get_template(template)
    html = page.render(request=request, site=site, json_url=json_url(request),
                       with_query=lambda **kw: with_query(request, **kw), path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)
