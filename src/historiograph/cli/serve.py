"""`serve`: the web reader on a local port. It binds 127.0.0.1 unless --host says otherwise,
opens the database read-only unless --review is given, and serves every asset itself."""

from __future__ import annotations

import gc

import typer

from .common import DB, app, err, fail, guarded, out, safe, store_for

GC_THRESHOLD = 20_000


@app.command()
@guarded
def serve(db: str = DB, port: int = typer.Option(8000, "--port", help="Port to listen on."),
          host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: this machine only)."),
          review: bool = typer.Option(False, "--review", help="Open the database for writing and let people "
                                      "confirm or reject findings in the reader.")):
    """The web reader: the corpus, each document with its findings highlighted, search,
    people, sources, disputes and problems; every page also as JSON (add .json)."""
    import uvicorn

    from ..web import create_app, loopback

    store_for(db, write=review).close()  # one clear line if the database is missing or unusable
    allowed = ["127.0.0.1", "localhost", "::1", "[::1]"] if loopback(host) else None
    application = create_app(db, review=review, allowed_hosts=allowed)
    shown = f"[{host}]" if ":" in host else host
    out.print(f"serving {safe(db)} at http://{safe(shown)}:{port}/ "
              + ("(review on: findings can be confirmed or rejected)" if review else "(read-only)")
              + " · Ctrl+C stops", soft_wrap=True)  # one line: the address stays whole, to copy
    if not loopback(host):
        err.print(f"[yellow]note:[/yellow] listening on {safe(host)}: anyone who can reach this machine can read "
                  "the corpus" + (" and review it" if review else ""), soft_wrap=True)
    # A page of a long document builds some 100,000 short-lived objects; with the default
    # threshold (700) the cyclic collector runs ~150 times per page and costs a third of it.
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 50, 50)
    try:
        uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port} ({exc.strerror or exc})")
