"""The PostgreSQL server the tests use: the one `HISTORIOGRAPH_TEST_PG` names (a URL whose
user may create databases; `.ci/run` starts one with scripts/pg.sh and sets it), or else a
throw-away one started here with scripts/pg.sh when PostgreSQL is installed, stopped when
the tests end. `HISTORIOGRAPH_TEST_PG=off` runs the SQLite cases only.

Each test gets a database of its own, copied from a template that already holds the
schema (or an empty one)."""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ENV = "HISTORIOGRAPH_TEST_PG"
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "pg.sh"
TEMPLATE = "hg_test_template"


def installed() -> bool:
    return bool(shutil.which("initdb") and shutil.which("pg_ctl")) or bool(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


class Server:
    """A server the tests may create databases on."""

    def __init__(self, url: str, folder: str | None = None):
        self.url = url
        self.folder = folder  # set when the tests started it
        self.template_ready = False

    @classmethod
    def find(cls) -> tuple["Server | None", str]:
        """The server to use, or None and why there is none."""
        given = os.environ.get(ENV, "").strip()
        if given.lower() in ("off", "no", "0", "skip"):
            return None, f"{ENV}={given}: PostgreSQL cases turned off"
        if given:
            server = cls(given)
            try:
                server.admin().close()
            except Exception as exc:  # noqa: BLE001 - said in one line
                return None, f"{ENV} names a server that cannot be used: {' '.join(str(exc).split())}"
            return server, ""
        if not installed():
            return None, (f"no PostgreSQL server: set {ENV} to a postgresql:// URL (a user that may create "
                          "databases) or install PostgreSQL (initdb, pg_ctl) and scripts/pg.sh starts one")
        folder = tempfile.mkdtemp(prefix="historiograph-pg-")
        run = subprocess.run(["bash", str(SCRIPT), "start", folder], capture_output=True, text=True, timeout=180)
        if run.returncode != 0:
            shutil.rmtree(folder, ignore_errors=True)
            return None, f"scripts/pg.sh could not start PostgreSQL: {run.stderr.strip().splitlines()[-1:]}"
        server = cls(run.stdout.strip().splitlines()[-1], folder)
        atexit.register(server.stop)
        return server, ""

    def stop(self) -> None:
        if self.folder:
            subprocess.run(["bash", str(SCRIPT), "stop", self.folder], capture_output=True, timeout=120)
            self.folder = None

    def admin(self):
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def _template(self) -> None:
        if self.template_ready:
            return
        from historiograph.store.postgres import PostgresStore

        with self.admin() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {TEMPLATE}")
        PostgresStore(with_database(self.url, TEMPLATE)).close()
        self.template_ready = True

    def new_database(self, empty: bool = False) -> str:
        """A fresh database: with the corpus schema already made, or ``empty``."""
        name = f"hg_test_{uuid.uuid4().hex[:12]}"
        if not empty:
            self._template()
        with self.admin() as conn:
            conn.execute(f"CREATE DATABASE {name}" + ("" if empty else f" TEMPLATE {TEMPLATE}"))
        return with_database(self.url, name)

    def copy_database(self, url: str) -> str:
        """A new database holding what the one at ``url`` holds (nobody may be connected to it)."""
        name = f"hg_test_{uuid.uuid4().hex[:12]}"
        with self.admin() as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {urlsplit(url).path.lstrip('/')}")
        return with_database(self.url, name)

    def drop_database(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        with self.admin() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
