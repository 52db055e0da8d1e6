"""The web reader: a Starlette app over the views. Every page is a thin wrapper over one view
function and has a JSON twin at the same path plus `.json` (the view's `to_dict()`); the
HTML is laid out by Jinja2 templates with autoescaping, so nothing from a document is ever
markup. The store is opened read-only unless review is on."""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from typing import Any, Callable

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..store import QueryError, Store, StoreError, open_store
from . import pages
from .review import review_endpoint
from .templates import STATIC, render

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
SECURITY_HEADERS = {
    # Nothing inline runs: a script that slipped through escaping would still be refused.
    "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


class SecurityHeaders:
    """Adds the security headers to every response (a plain ASGI middleware)."""

    def __init__(self, app):
        self.app = app
        self.extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def sending(message):
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [kv for kv in self.extra if kv[0] not in have]
            await send(message)

        await self.app(scope, receive, sending)


class Site:
    """What every request shares: the database, one store per worker thread, whether review
    is on, and the per-server token a review form must carry."""

    def __init__(self, db: str | os.PathLike, review: bool = False):
        self.db = str(db)
        self.review = review
        self.token = secrets.token_urlsafe(32)
        self.write_lock = threading.Lock()
        self._local = threading.local()
        self._stores: list[Store] = []
        self._stores_lock = threading.Lock()
        with open_store(self.db, read_only=not review) as store:  # fail now, in one line, if it cannot be opened
            if review and store.read_only:
                raise StoreError(f"{self.db}: cannot be written, so review cannot be on (serve without --review)")

    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db, read_only=not self.review)
            self._local.store = store
            with self._stores_lock:
                self._stores.append(store)
        return store

    def close(self) -> None:
        with self._stores_lock:
            for store in self._stores:
                try:
                    store.close()
                except Exception:  # a connection of a finished thread
                    pass
            self._stores.clear()


def _status(exc: Exception) -> int:
    return 404 if isinstance(exc, KeyError) else 400


def _message(exc: Exception) -> str:
    return str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)


def _endpoints(site: Site, page: pages.Page) -> tuple[Callable, Callable]:
    def as_json(request: Request) -> Response:
        try:
            view = page.build(site.store(), pages.Params(request))
        except (KeyError, ValueError, QueryError) as exc:
            return JSONResponse({"error": _message(exc)}, status_code=_status(exc))
        return JSONResponse(view.to_dict() if hasattr(view, "to_dict") else view)

    def as_html(request: Request) -> Response:
        params = pages.Params(request)
        try:
            view = (page.build_html or page.build)(site.store(), params)
        except (KeyError, ValueError, QueryError) as exc:
            return render(request, site, "error.html", {"message": _message(exc), "title": "not found"
                          if isinstance(exc, KeyError) else "cannot show this"}, status=_status(exc))
        context = {"view": view, "params": params, "title": page.title}
        if page.context is not None:
            context.update(page.context(view, params))
        return render(request, site, page.template, context)

    return as_json, as_html


def json_path(path: str) -> str:
    return "/.json" if path == "/" else path + ".json"


def create_app(db: str | os.PathLike, review: bool = False, allowed_hosts: list[str] | None = None) -> Starlette:
    """The web reader over the corpus ``db``. ``review`` opens it for writing and shows the
    confirm/reject buttons; ``allowed_hosts`` (the Host names a request may carry) guards a
    local server against DNS rebinding."""
    site = Site(db, review)
    routes: list[Any] = []
    for page in pages.PAGES:
        as_json, as_html = _endpoints(site, page)
        routes.append(Route(json_path(page.path), as_json, methods=["GET", "HEAD"]))
        routes.append(Route(page.path, as_html, methods=["GET", "HEAD"]))
    review = review_endpoint(site)
    routes += [Route("/review", review, methods=["POST"]), Route("/review.json", review, methods=["POST"]),
               Mount("/static", StaticFiles(directory=STATIC), name="static")]
    middleware = [Middleware(SecurityHeaders)]
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        site.close()

    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.site = site
    app.state.version = __version__
    return app


def loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


__all__ = ["create_app", "Site", "json_path", "loopback"]
