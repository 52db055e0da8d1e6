"""What every command shares: the consoles, the `--db` and `--json` options, one-line
errors, safe text (no markup, no terminal escape sequences from a document) and tables
that wrap instead of cutting, at any terminal width."""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..store import QueryError, Store, StoreError, is_postgres, open_store

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="historiograph: who says what, on what evidence, across a corpus of texts.")
out = Console(highlight=False)  # prose wraps at word boundaries and tables fit the width
err = Console(stderr=True, highlight=False, soft_wrap=True)  # one problem, one line

DB = typer.Option(os.environ.get("HISTORIOGRAPH_DB", "historiograph.sqlite"), "--db",
                  help="The corpus: a SQLite file, or postgresql://user@host/database for a team "
                       "(env HISTORIOGRAPH_DB).")
JSON = typer.Option(False, "--json", help="Print the view's JSON twin instead of a table.")
ALL = typer.Option(False, "--all", help="Show every row, not the first ones.")
DOC = typer.Argument(..., help="Document id, id prefix, file name or file stem.")

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def inert(text: Any) -> str:
    """Text from a document made inert for the terminal: control characters (escape
    sequences, bidi overrides) shown as `\\xNN`."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", str(text if text is not None else ""))


def safe(text: Any) -> str:
    """Inert text with Rich markup escaped, for `print`."""
    return escape(inert(text))


def counted(n: int, noun: str) -> str:
    """'1 mention', '3 mentions'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"[red]error:[/red] {safe(message)}")
    raise typer.Exit(code)


def store_for(db: str, write: bool = False) -> Store:
    """The corpus at ``db``, or one clear line saying why it cannot be opened."""
    if not is_postgres(db) and not Path(db).exists():
        fail(f"{db}: no such corpus database (run `historiograph analyze PATH --db {db}` first)")
    try:
        return open_store(db, read_only=not write)
    except StoreError as exc:
        fail(str(exc))


def emit_json(view: Any) -> None:
    data = view.to_dict() if hasattr(view, "to_dict") else view
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def table(*columns: str, ratios: tuple[int | None, ...] = ()) -> Table:
    """A table that wraps long cells (folding words longer than the column) and fits the
    terminal; ``ratios`` share the width among the flexible columns."""
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=bool(ratios), show_edge=False)
    for k, name in enumerate(columns):
        ratio = ratios[k] if k < len(ratios) else None
        t.add_column(name, overflow="fold", ratio=ratio, no_wrap=False)
    return t


def more(shown: int, total: int, what: str, hint: str = "--all") -> None:
    if total > shown:
        out.print(f"[dim]… {total - shown} more {what} ({shown} of {total} shown; {hint} to see all, "
                  f"--json for everything)[/dim]")


def guarded(fn):
    """Turn a missing document or a bad query into one line instead of a traceback."""
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KeyError as exc:
            fail(exc.args[0] if exc.args else str(exc))
        except (QueryError, StoreError, ValueError) as exc:
            fail(str(exc))
    return functools.wraps(fn)(run)
