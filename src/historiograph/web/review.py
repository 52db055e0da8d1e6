"""Review from the reader: a form POST (record, verdict, author, note) becomes a `Review`
record and the corpus steps run again. Refused (403) unless the server was started with
`--review`, and refused from another site: the request must come from the server's own
pages (its Origin, when the browser sends one, is this server) and carry the token those
pages hold, which no other site can read."""

from __future__ import annotations

import secrets
from urllib.parse import parse_qs, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response

from ..review import VERDICTS, record_review
from .templates import doc_url

MAX_BODY = 64 * 1024
MAX_NOTE = 4000


def same_origin(request: Request) -> bool:
    """Does the request come from a page of this server? A browser names the page's origin in
    `Origin` (and says `Sec-Fetch-Site`) on a POST; either, when present, must be us."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not a browser's cross-site form (those send Origin); the token still decides
    host = request.headers.get("host", "")
    parts = urlsplit(origin)
    return origin != "null" and parts.scheme in ("http", "https") and parts.netloc == host


def local_path(target: str) -> str | None:
    """``target`` when it is a path on this server (never another host, never a scheme)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target and \
            not urlsplit(target).scheme and not urlsplit(target).netloc:
        return target
    return None


def review_endpoint(site):
    async def endpoint(request: Request) -> Response:
        wants_json = request.url.path.endswith(".json") or "application/json" in request.headers.get("accept", "")

        def refuse(status: int, message: str) -> Response:
            if wants_json:
                return JSONResponse({"error": message}, status_code=status)
            return PlainTextResponse(message, status_code=status)

        if not site.review:
            return refuse(403, "review is off: start the server with `historiograph serve --review` to confirm or "
                               "reject findings")
        if not same_origin(request):
            return refuse(403, "refused: a review must come from this server's own pages")
        body = await request.body()
        if len(body) > MAX_BODY:
            return refuse(413, "request too large")
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
        if not secrets.compare_digest(form.get("token", "").encode(), site.token.encode()):
            return refuse(403, "refused: the review form's token is missing or stale (reload the page)")
        record, verdict = form.get("record", "").strip(), form.get("verdict", "").strip()
        author, note = form.get("author", "").strip()[:200], form.get("note", "")[:MAX_NOTE]
        if verdict not in VERDICTS:
            return refuse(400, f"verdict must be one of {', '.join(VERDICTS)}")
        if not author:
            return refuse(400, "say who you are (author) to review a finding")

        document = form.get("document", "").strip() or None

        def write():
            with site.write_lock:
                return record_review(site.store(), record, verdict, author, note, document)

        try:
            review, what = await run_in_threadpool(write)
        except KeyError as exc:
            return refuse(404, str(exc.args[0]) if exc.args else "no such record")
        except ValueError as exc:
            return refuse(400, str(exc))
        if wants_json:
            return JSONResponse({"review": review.to_dict(), "record_type": what})
        back = local_path(form.get("next", "")) or (doc_url(review.document) if review.document else "/")
        return RedirectResponse(back.split("#")[0] + "#a-" + record if review.document else back, status_code=303)

    return endpoint
