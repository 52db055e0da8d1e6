"""PostgreSQL for teams: the tables of the SQLite store (derived from the record types by
the same `schema` code), one database (or one schema of it) per corpus, shared by everyone
who analyses, reads and reviews it, from any number of machines at once.

- One transaction per document, idempotent on content: each write takes an advisory lock
  on its source first, so two processes that analyse the same file at once leave one
  version of it; constraints (one version per source and number, one content per source,
  one record per document, layer and id) make a duplicate impossible whatever happens.
  A transaction that fails on a serialization failure or a deadlock is tried again.
- Corpus steps hold an advisory lock for their whole run (`corpus_lock`), so two `analyze`
  runs never compute the register at once; each writes in one transaction (`write_step`).
- Full-text search with PostgreSQL's own text search (store/pg_text.py), read the way
  FTS5 reads: the same queries find the same documents, and hits are found in the text with
  the same pattern as in SQLite.
- `read_only=True` opens a read-only session: nothing is created or written.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Mapping, Sequence, TypeVar
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import errors, sql
from psycopg.rows import dict_row

from ..model import RECORD_TYPES, CorpusRecord, Document, Metadata, Problem, Record, Review
from .base import DocumentRow, Hit, ProblemRow, SearchResult, StepState, StoreError
from . import pg_text, schema
from .pg_text import clean
from .rows import byline, document_row, now, revision, row_corpus, row_record, section_text
from .search import QueryError, flat, hit_pattern, prune, tree

RETRIES = 10  # a transaction that meets a serialization failure or a deadlock is tried again
CONNECT_TIMEOUT = 10  # seconds, unless the URL says otherwise

T = TypeVar("T")


def redact(url: str) -> str:
    """The URL without its password (in the user part or as ?password=), for messages."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if parts.password is not None:
            netloc = netloc.replace(f":{parts.password}@", ":***@", 1)
        query = re.sub(r"(?i)(^|&)(password=)[^&]*", r"\1\2***", parts.query)
        return urlunsplit(parts._replace(netloc=netloc, query=query))
    except ValueError:
        return "postgresql://…@" + url.rsplit("@", 1)[-1] if "@" in url else url


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text.removeprefix("connection failed: ") or type(exc).__name__


class PostgresStore:
    """The team `Store`: one PostgreSQL database (or schema), many writers and readers."""

    dialect = schema.POSTGRES

    def __init__(self, url: str, read_only: bool = False):
        self.url = str(url)
        self.location = redact(self.url)
        self.read_only = read_only
        self.conn = self._connect()
        try:
            self.namespace = self.conn.execute("SELECT current_schema() AS s").fetchone()["s"] or "public"
            self._tables = self._prepare()
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(f"{self.location}: cannot be used as a corpus database ({_one_line(exc)})") from exc
        except StoreError:
            self.conn.close()
            raise

    # -- connection --------------------------------------------------------
    def _connect(self) -> psycopg.Connection:
        try:
            params = psycopg.conninfo.conninfo_to_dict(self.url)
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: not a PostgreSQL URL ({_one_line(exc)}; "
                             "expected postgresql://user@host:port/database)") from exc
        kwargs: dict[str, Any] = {"autocommit": True, "row_factory": dict_row}
        if "connect_timeout" not in params:
            kwargs["connect_timeout"] = CONNECT_TIMEOUT
        if "application_name" not in params:
            kwargs["application_name"] = "historiograph"
        if self.read_only:
            kwargs["options"] = (params.get("options", "") + " -c default_transaction_read_only=on").strip()
        try:
            return psycopg.connect(self.url, **kwargs)
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: cannot connect ({_one_line(exc)})") from exc

    def _prepare(self) -> set[str]:
        """Create what is missing (once per schema change, under a lock, so many processes
        may open a new database at once); a read-only store only looks."""
        tables = self._table_names()
        if self.read_only:
            if "documents" not in tables:
                raise StoreError(f"{self.location}: holds no historiograph corpus (run `historiograph analyze "
                                 f"PATH --db {self.location}` first)")
            return tables
        ddl = schema.all_tables_sql(self.dialect)
        digest = hashlib.sha1("\n".join(ddl + [str(schema.SCHEMA_VERSION)]).encode()).hexdigest()[:16]
        if "store_info" in tables and self._info("schema_digest") == digest:
            return tables

        def create() -> None:
            self._lock("schema", "")
            for statement in ddl:
                self.conn.execute(statement)
            have: dict[str, set[str]] = {}
            for row in self.conn.execute("SELECT table_name, column_name FROM information_schema.columns"
                                         " WHERE table_schema = current_schema()"):
                have.setdefault(row["table_name"], set()).add(row["column_name"])
            for table, columns in schema.extra_columns(self.dialect).items():
                for name, kind in columns:
                    if name not in have.get(table, set()):
                        self.conn.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {name} {kind}")
            for key, value in (("schema_version", str(schema.SCHEMA_VERSION)), ("schema_digest", digest)):
                self.conn.execute("INSERT INTO store_info VALUES (%s, %s) ON CONFLICT (key) DO UPDATE"
                                  " SET value = excluded.value", (key, value))

        self._retrying(create)
        return self._table_names()

    def _table_names(self) -> set[str]:
        return {r["table_name"] for r in self.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}

    def _info(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM store_info WHERE key=%s", (key,)).fetchone()
        return row["value"] if row else None

    def _has(self, table: str) -> bool:
        return table in self._tables

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only; nothing can be written")

    def _key(self, kind: str, value: str) -> int:
        digest = hashlib.blake2b(f"historiograph\0{self.namespace}\0{kind}\0{value}".encode("utf-8", "replace"),
                                 digest_size=8).digest()
        return int.from_bytes(digest, "big", signed=True)

    def _lock(self, kind: str, value: str) -> None:
        """An advisory lock held until the transaction ends: one writer per source at a time."""
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (self._key(kind, value),))

    def _retrying(self, work: Callable[[], T]) -> T:
        """Run ``work`` in one transaction, again after a serialization failure or deadlock."""
        for attempt in range(RETRIES + 1):
            try:
                with self.conn.transaction():
                    return work()
            except errors.TransactionRollback as exc:  # serialization failure, deadlock detected
                if attempt == RETRIES:
                    raise StoreError(f"{self.location}: gave up after {RETRIES} retries ({_one_line(exc)})") from exc
                time.sleep(random.uniform(0, min(2.0, 0.05 * 2 ** attempt)))
            except errors.ReadOnlySqlTransaction as exc:
                raise StoreError(f"{self.location}: the database is read-only ({_one_line(exc)})") from exc
            except (psycopg.OperationalError, errors.InsufficientPrivilege) as exc:
                raise StoreError(f"{self.location}: {_one_line(exc)}") from exc
        raise AssertionError("unreachable")

    def _rows(self, query: str | sql.Composable, args: Sequence[Any] | Mapping[str, Any] = ()) -> list[dict]:
        try:
            return self.conn.execute(query, args).fetchall()
        except (psycopg.OperationalError, errors.InsufficientPrivilege) as exc:
            if isinstance(exc, errors.TransactionRollback):
                raise
            raise StoreError(f"{self.location}: {_one_line(exc)}") from exc

    def _one(self, query: str | sql.Composable, args: Sequence[Any] = ()) -> dict | None:
        rows = self._rows(query, args)
        return rows[0] if rows else None

    def _exec(self, query: str | sql.Composable, args: Sequence[Any] = ()) -> None:
        try:
            self.conn.execute(query, args)
        except (psycopg.OperationalError, errors.InsufficientPrivilege) as exc:
            if isinstance(exc, errors.TransactionRollback):
                raise
            raise StoreError(f"{self.location}: {_one_line(exc)}") from exc

    def _copy(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))
        with self.conn.cursor() as cur, cur.copy(statement) as copy:
            for row in rows:
                copy.write_row([clean(v) for v in row])

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "PostgresStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- documents in ------------------------------------------------------
    def file_hashes(self, pipeline: Sequence[str] | None = None) -> dict[str, frozenset[str]]:
        """Every stored source path with the file hash of its current version; with ``pipeline``,
        only files analysed by exactly that pipeline (see `SQLiteStore.file_hashes`)."""
        out: dict[str, set[str]] = {}
        for row in self._rows("SELECT source, file_hash, pipeline FROM documents WHERE file_hash IS NOT NULL"
                              " AND current"):
            if pipeline is None or json.loads(row["pipeline"]) == list(pipeline):
                out.setdefault(row["source"], set()).add(row["file_hash"])
        return {k: frozenset(v) for k, v in out.items()}

    def has_content(self, doc: Document) -> bool:
        return self._one("SELECT 1 FROM documents WHERE source=%s AND content_hash=%s",
                         (clean(doc.meta.source_path or doc.id), doc.content_hash)) is not None

    def write_document(self, doc: Document, file_hash: str | None = None,
                       pipeline: list[str] | None = None) -> str | None:
        """Store a document and all its records in one transaction (see `SQLiteStore`):
        None when this content is already stored for its source by the same pipeline."""
        self._writable()
        source = clean(doc.meta.source_path or doc.id)

        def work() -> str | None:
            self._lock("source", source)
            same = self._one("SELECT id, pipeline, current FROM documents WHERE source=%s AND content_hash=%s",
                             (source, doc.content_hash))
            if same:
                return self._known_content(same, source, doc, file_hash, pipeline)
            version = self._one("SELECT coalesce(max(version), 0) + 1 AS v FROM documents WHERE source=%s",
                                (source,))["v"]
            self._exec("UPDATE documents SET current=false WHERE source=%s AND current", (source,))
            self._insert_document(doc, source, version, file_hash, pipeline or [])
            for layer, records in doc.layers.items():
                self._insert_records(doc.id, layer, records)
            self._exec("DELETE FROM problems WHERE document_id IS NULL AND source=%s", (source,))
            return doc.id

        return self._retrying(work)

    def _known_content(self, same: dict, source: str, doc: Document, file_hash: str | None,
                       pipeline: list[str] | None) -> str | None:
        changed = False
        if not same["current"]:  # a file restored to an earlier content: that version is current again
            self._exec("UPDATE documents SET current = (id = %s) WHERE source=%s", (same["id"], source))
            changed = True
        if file_hash:
            self._exec("UPDATE documents SET file_hash=%s WHERE id=%s AND file_hash IS NULL", (file_hash, same["id"]))
        self._exec("DELETE FROM problems WHERE document_id IS NULL AND source=%s", (source,))
        if pipeline is not None and json.loads(same["pipeline"]) != list(pipeline):
            self._replace_records(same["id"], doc, pipeline)
            return same["id"]
        return same["id"] if changed else None

    def _insert_document(self, doc: Document, source: str, version: int, file_hash: str | None,
                         pipeline: list[str]) -> None:
        meta = doc.meta
        title = meta.title or section_text(doc, "title")
        analyzed = now()
        text = clean(doc.text)
        self._exec(
            "INSERT INTO documents (id, source, version, current, content_hash, file_hash, media_type,"
            " title, author, date, url, genre, n_chars, text, pipeline, layers, analyzed_at, revision)"
            " VALUES (%s,%s,%s,true,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            [clean(v) for v in (doc.id, source, version, doc.content_hash, file_hash, meta.media_type, title,
                                meta.author or byline(doc), meta.date or section_text(doc, "date"), meta.url,
                                meta.genre, len(doc.text))] + [text] + [clean(v) for v in (
                json.dumps(pipeline), json.dumps(list(doc.layers)), analyzed, revision(doc.id, pipeline, analyzed))])
        self._exec(*pg_text.index_sql(clean(doc.id), clean(title), text))

    def _replace_records(self, doc_id: str, doc: Document, pipeline: Sequence[str]) -> None:
        for cls in RECORD_TYPES.values():
            self._exec(f"DELETE FROM {cls.table} WHERE document_id=%s", (doc_id,))
        analyzed = now()
        self._exec("UPDATE documents SET pipeline=%s, layers=%s, analyzed_at=%s, revision=%s WHERE id=%s",
                   (json.dumps(list(pipeline)), clean(json.dumps(list(doc.layers))), analyzed,
                    revision(doc_id, list(pipeline), analyzed), doc_id))
        for layer, records in doc.layers.items():
            self._insert_records(doc_id, layer, records)

    def _insert_records(self, doc_id: str | None, layer: str, records, source: str | None = None) -> None:
        """Rows by COPY, in the order given; a record repeated in a layer is stored once
        (the first), as the unique key (document, layer, id) demands."""
        by_table: dict[type[Record], dict[str, Record]] = {}
        for record in records:
            by_table.setdefault(type(record), {}).setdefault(record.id, record)
        for cls, group in by_table.items():
            extra = [f.name for f in cls.extra_fields()]
            cols = list(schema.BASE_COLUMNS) + extra + (["source"] if cls is Problem else [])
            rows = [(doc_id, r.id, layer, r.start, r.end, json.dumps(r.spans), r.component, r.version,
                     r.confidence, r.status, *[schema.encode(getattr(r, n)) for n in extra])
                    + ((source,) if cls is Problem else ()) for r in group.values()]
            self._copy(cls.table, cols, rows)

    def write_problem(self, problem: Problem, source: str) -> None:
        """A problem of a file that could not be read, stored once per file and code."""
        self._writable()
        source = clean(source)

        def work() -> None:
            self._lock("source", source)
            self._exec("DELETE FROM problems WHERE document_id IS NULL AND source=%s AND code=%s",
                       (source, problem.code))
            self._insert_records(None, "problems", [problem], source=source)

        self._retrying(work)

    def clear_file_problems(self, source: str) -> None:
        """A file that now reads well keeps no stale problem rows from earlier runs."""
        self._writable()
        source = clean(source)

        def work() -> None:
            self._lock("source", source)
            self._exec("DELETE FROM problems WHERE document_id IS NULL AND source=%s", (source,))

        self._retrying(work)

    # -- documents out -----------------------------------------------------
    _ROW = ("SELECT id, source, version, current, title, author, date, url, genre, media_type, n_chars,"
            " analyzed_at, coalesce(revision, analyzed_at) AS revision,"
            " (SELECT count(*) FROM sections s WHERE s.document_id=d.id AND s.layer='sections') AS n_sections,"
            " (SELECT count(*) FROM problems p WHERE p.document_id=d.id) AS n_problems FROM documents d")

    def documents(self, all_versions: bool = False, limit: int | None = None, offset: int = 0) -> list[DocumentRow]:
        where = "" if all_versions else " WHERE current"
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        return [document_row(r) for r in self._rows(f"{self._ROW}{where} ORDER BY source, version{page}")]

    def count_documents(self, all_versions: bool = False) -> int:
        where = "" if all_versions else " WHERE current"
        return self._one(f"SELECT count(*) AS n FROM documents{where}")["n"]

    def layer_counts(self, documents: Sequence[str] | None = None) -> dict[str, dict[str, int]]:
        """Records per layer: {document id: {layer: n}}, with the corpus totals under ''."""
        if documents is None:
            scope, args = "IN (SELECT id FROM documents WHERE current)", ()
        else:
            scope, args = "= ANY(%s)", (list(documents),)
        out: dict[str, dict[str, int]] = {"": {}}
        for cls in RECORD_TYPES.values():
            if not self._has(cls.table):
                continue
            for r in self._rows(f"SELECT document_id, layer, count(*) AS n FROM {cls.table}"
                                f" WHERE document_id {scope} GROUP BY document_id, layer", args):
                doc, layer, n = r["document_id"], r["layer"], r["n"]
                out.setdefault(doc, {})[layer] = out.get(doc, {}).get(layer, 0) + n
                out[""][layer] = out[""].get(layer, 0) + n
        return out

    def document_row(self, ref: str) -> DocumentRow:
        return document_row(self._one(f"{self._ROW} WHERE id=%s", (self.resolve(ref),)))

    def resolve(self, ref: str) -> str:
        """A document id from an id, an id prefix, a file name or a file stem (no wildcards;
        letters compared without case for ASCII, as SQLite's LIKE does)."""
        row = self._one("SELECT id FROM documents WHERE id=%s", (clean(ref),))
        if row:
            return row["id"]
        like = clean(ref).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._rows(
            "SELECT id FROM documents WHERE current AND (id ILIKE %(r)s || '%%'"
            " OR source ILIKE '%%/' || %(r)s OR source ILIKE '%%/' || %(r)s || '.%%') ORDER BY id", {"r": like})
        if len(rows) == 1:
            return rows[0]["id"]
        if not rows:
            raise KeyError(f"no document matches {ref!r} (try `historiograph documents`)")
        raise KeyError(f"{ref!r} matches {len(rows)} documents: {', '.join(r['id'] for r in rows[:5])}")

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Several reads that see one state of the database."""
        if self.conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            yield
            return
        with self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield

    def document(self, ref: str) -> Document:
        with self._snapshot():
            doc_id = self.resolve(ref)
            row = self._one("SELECT * FROM documents WHERE id=%s", (doc_id,))
            layers: dict[str, list[tuple[int, Record]]] = {}
            for cls in RECORD_TYPES.values():
                if not self._has(cls.table):
                    continue
                for rec in self._rows(f"SELECT * FROM {cls.table} WHERE document_id=%s", (doc_id,)):
                    layers.setdefault(rec["layer"], []).append((rec["seq"], row_record(cls, rec)))
        meta = Metadata(title=row["title"], author=row["author"], date=row["date"], url=row["url"],
                        genre=row["genre"], source_path=row["source"], media_type=row["media_type"])
        ordered: dict[str, list[Record]] = {name: [] for name in json.loads(row["layers"] or "[]")}
        ordered.update({name: [r for _, r in sorted(recs, key=lambda t: t[0])] for name, recs in layers.items()})
        return Document(text=row["text"], meta=meta, layers=ordered, id=doc_id)

    def iter_documents(self, all_versions: bool = False) -> Iterator[Document]:
        for row in self.documents(all_versions):
            yield self.document(row.id)

    def text(self, document_id: str, start: int = 0, end: int | None = None) -> str:
        if end is None:
            row = self._one("SELECT substr(text, %s) AS t FROM documents WHERE id=%s", (start + 1, document_id))
        else:
            row = self._one("SELECT substr(text, %s, %s) AS t FROM documents WHERE id=%s",
                            (start + 1, max(0, end - start), document_id))
        if row is None:
            raise KeyError(f"no document {document_id!r}")
        return row["t"]

    def records(self, record_type: type[Record], document: str | None = None, layer: str | None = None,
                ids: Sequence[str] | None = None) -> list[tuple[str, Record]]:
        """(document id, record) of one type, in the current documents (or one document;
        or with the given ids, in any current document or in the one given)."""
        if not self._has(record_type.table):
            return []
        if ids is not None and document is not None:
            doc_id = self.resolve(document)
            rows = self._rows(f"SELECT r.* FROM {record_type.table} r WHERE r.document_id=%s AND r.id = ANY(%s)"
                              " ORDER BY r.seq", (doc_id, list(ids)))
        elif ids is not None:
            rows = self._rows(f"SELECT r.* FROM {record_type.table} r JOIN documents d ON d.id = r.document_id"
                              " WHERE d.current AND r.id = ANY(%s) ORDER BY r.document_id, r.seq", (list(ids),))
        else:
            where, args = self._records_where(document, layer)
            rows = self._rows(f"SELECT r.* FROM {record_type.table} r {where} ORDER BY r.document_id, r.seq", args)
        return [(r["document_id"], row_record(record_type, r)) for r in rows]

    def count_records(self, record_type: type[Record], document: str | None = None,
                      layer: str | None = None) -> int:
        if not self._has(record_type.table):
            return 0
        where, args = self._records_where(document, layer)
        return self._one(f"SELECT count(*) AS n FROM {record_type.table} r {where}", args)["n"]

    def _records_where(self, document: str | None, layer: str | None) -> tuple[str, tuple]:
        clauses, args = [], []
        if document is not None:
            clauses.append("r.document_id=%s")
            args.append(self.resolve(document))
        else:
            clauses.append("r.document_id IN (SELECT id FROM documents WHERE current)")
        if layer is not None:
            clauses.append("r.layer=%s")
            args.append(layer)
        return "WHERE " + " AND ".join(clauses), tuple(args)

    def problems(self, ref: str | None = None) -> list[ProblemRow]:
        if ref:
            rows = self._rows("SELECT * FROM problems WHERE document_id=%s ORDER BY start_char, seq",
                              (self.resolve(ref),))
        else:
            rows = self._rows(
                "SELECT p.* FROM problems p LEFT JOIN documents d ON d.id = p.document_id"
                " WHERE p.document_id IS NULL OR d.current ORDER BY p.document_id NULLS FIRST, p.start_char, p.seq")
        return [ProblemRow(row_record(Problem, r), r["document_id"], r["source"]) for r in rows]

    def corpus_problems(self) -> list[ProblemRow]:
        """Problems of files that never became documents, each with the file it names."""
        rows = self._rows("SELECT * FROM problems WHERE document_id IS NULL ORDER BY seq")
        return [ProblemRow(row_record(Problem, r), None, r["source"]) for r in rows]

    def search(self, query: str, limit: int = 20, per_document: int | None = None) -> SearchResult:
        """Hits of a full-text query in current documents, best documents first: at most
        ``limit`` hits in all, at most ``per_document`` in one document (None: no cap)."""
        node = prune(tree(query))
        if node is None:
            return SearchResult([], 0, 0, False)
        statement, args = pg_text.search_sql(node)
        finder = hit_pattern(query)
        found: list[tuple[str, str | None, int, int, str, str, str]] = []
        documents = total = 0
        try:
            with self.conn.cursor() as cur:
                for row in cur.stream(statement, args):
                    documents += 1
                    text = row["text"]
                    spans = [m.span() for m in finder.finditer(text)]
                    total += len(spans)
                    for a, b in spans[:per_document]:
                        if len(found) < limit:
                            found.append((row["id"], row["title"], a, b, flat(text[max(0, a - 60):a]), text[a:b],
                                          flat(text[b:b + 60])))
        except psycopg.errors.SyntaxError as exc:
            raise QueryError(f"search: cannot run {query!r} ({_one_line(exc)})") from exc
        except (psycopg.OperationalError, psycopg.errors.InsufficientPrivilege) as exc:
            raise StoreError(f"{self.location}: {_one_line(exc)}") from exc
        hits = [Hit(*h[:7], self.section_at(h[0], h[2])) for h in found]
        return SearchResult(hits, documents, total, truncated=total > len(hits))

    def section_at(self, document_id: str, offset: int) -> str | None:
        row = self._one(
            "SELECT kind FROM sections WHERE document_id=%s AND layer='sections' AND start_char<=%s AND end_char>=%s"
            " ORDER BY (parent IS NULL), end_char - start_char, seq LIMIT 1", (document_id, offset, offset))
        return row["kind"] if row else None

    def count(self, table: str, **where: Any) -> int:
        """Rows of one table (the tests and benchmarks compare tables with it)."""
        clause = " AND ".join(f"{k}=%s" for k in where) or "true"
        return self._one(f"SELECT count(*) AS n FROM {table} WHERE {clause}", tuple(where.values()))["n"]

    # -- corpus layer ------------------------------------------------------
    @contextmanager
    def corpus_lock(self) -> Iterator[None]:
        """Held while the corpus steps run: a second `analyze` waits here, then brings the
        steps up to date with what the first one wrote."""
        if self.read_only:
            yield
            return
        self._exec("SELECT pg_advisory_lock(%s)", (self._key("corpus-steps", ""),))
        try:
            yield
        finally:
            try:
                self.conn.execute("SELECT pg_advisory_unlock(%s)", (self._key("corpus-steps", ""),))
            except psycopg.Error:
                pass  # a lost connection has released it already

    def step_state(self, name: str) -> StepState | None:
        if not self._has("corpus_steps"):
            return None
        row = self._one("SELECT * FROM corpus_steps WHERE name=%s", (name,))
        if row is None:
            return None
        return StepState(row["name"], row["version"], json.loads(row["seen"]), json.loads(row["inputs"]),
                         row["token"], row["ran_at"])

    def write_step(self, state: StepState, records: Sequence[CorpusRecord],
                   delete: Mapping[type[CorpusRecord], Sequence[str]] = {},
                   replace: Sequence[type[CorpusRecord]] = ()) -> None:
        """In one transaction: drop the step's replaced tables and deleted records, write
        its records (a record with a known id replaces the old one) and its new state."""
        self._writable()

        def work() -> None:
            self._lock("step", state.name)
            for cls in replace:
                self._exec(f"DELETE FROM {cls.table}")
                self._exec("DELETE FROM corpus_places WHERE record_table=%s", (cls.table,))
            for cls, ids in delete.items():
                self._delete_corpus(cls, list(ids))
            by_type: dict[type[CorpusRecord], dict[str, CorpusRecord]] = {}
            for rec in records:
                by_type.setdefault(type(rec), {})[rec.id] = rec  # the last of one id wins, as in SQLite
            for cls, group in by_type.items():
                self._insert_corpus(cls, list(group.values()))
            self._exec("INSERT INTO corpus_steps VALUES (%s,%s,%s,%s,%s,%s) ON CONFLICT (name) DO UPDATE SET"
                       " version=excluded.version, seen=excluded.seen, inputs=excluded.inputs,"
                       " token=excluded.token, ran_at=excluded.ran_at",
                       (state.name, state.version, clean(json.dumps(dict(state.seen))),
                        clean(json.dumps(dict(state.inputs))), state.token, state.ran_at or now()))

        self._retrying(work)

    def _delete_corpus(self, cls: type[CorpusRecord], ids: list[str]) -> None:
        if ids:
            self._exec(f"DELETE FROM {cls.table} WHERE id = ANY(%s)", (ids,))
            self._exec("DELETE FROM corpus_places WHERE record_table=%s AND record_id = ANY(%s)", (cls.table, ids))

    def _insert_corpus(self, cls: type[CorpusRecord], group: list[CorpusRecord]) -> None:
        self._delete_corpus(cls, [r.id for r in group])
        extra = [f.name for f in cls.extra_fields()]
        self._copy(cls.table, list(schema.CORPUS_BASE) + extra,
                   [(r.id, r.component, r.version, r.confidence, r.status, r.digest,
                     *[schema.encode(getattr(r, n)) for n in extra]) for r in group])
        self._copy("corpus_places", ("record_table", "record_id", "document_id", "start_char", "end_char", "record"),
                   [(cls.table, r.id, p.document, p.start, p.end, p.record) for r in group for p in r.places])

    def corpus_records(self, record_type: type[CorpusRecord], ids: Sequence[str] | None = None,
                       document: str | None = None, where: Mapping[str, Any] | None = None,
                       limit: int | None = None) -> list[CorpusRecord]:
        """Corpus records of one type: all, those with the given ids, those with a place in
        one document, or those whose fields equal ``where``; the first ``limit`` of them (in
        the order they were written) when a view needs only a sample."""
        if not self._has(record_type.table):
            return []
        table = record_type.table
        page = f" LIMIT {int(limit)}" if limit is not None else ""
        if where:
            clause = " AND ".join(f"{k}=%s" for k in schema.where_fields(record_type, where))
            rows = self._rows(f"SELECT * FROM {table} WHERE {clause} ORDER BY seq{page}",
                              [clean(schema.encode(v)) for v in where.values()])
        elif document is not None:
            rows = self._rows(f"SELECT * FROM {table} WHERE id IN (SELECT record_id FROM corpus_places"
                              f" WHERE document_id=%s AND record_table=%s) ORDER BY seq{page}", (document, table))
        elif ids is not None:
            rows = self._rows(f"SELECT * FROM {table} WHERE id = ANY(%s) ORDER BY seq{page}", (list(ids),))
        else:
            rows = self._rows(f"SELECT * FROM {table} ORDER BY seq{page}")
        return [row_corpus(record_type, r) for r in rows]

    def corpus_digests(self, record_type: type[CorpusRecord]) -> dict[str, str]:
        if not self._has(record_type.table):
            return {}
        return {r["id"]: r["digest"] for r in self._rows(f"SELECT id, digest FROM {record_type.table}")}

    def count_corpus(self, record_type: type[CorpusRecord]) -> int:
        if not self._has(record_type.table):
            return 0
        return self._one(f"SELECT count(*) AS n FROM {record_type.table}")["n"]

    # -- reviews -----------------------------------------------------------
    def write_review(self, review: Review) -> None:
        self._writable()

        def work() -> None:
            self._lock("review", review.id)
            self._insert_corpus(Review, [review])

        self._retrying(work)

    def reviews(self, target: str | None = None) -> list[Review]:
        if not self._has(Review.table):
            return []
        if target is None:
            rows = self._rows("SELECT * FROM reviews ORDER BY created_at, seq")
        else:
            rows = self._rows("SELECT * FROM reviews WHERE target=%s ORDER BY created_at, seq", (target,))
        return [row_corpus(Review, r) for r in rows]  # type: ignore[misc]


__all__ = ["PostgresStore", "redact"]
