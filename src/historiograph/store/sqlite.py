"""One SQLite file per corpus: plain, clearly named tables, an FTS5 index, one transaction
per document (a killed run loses nothing already written) and one per corpus step. A
database that is read-only (a file or folder without write permission, or `read_only=True`)
is opened without writing anything, and every query works."""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from ..model import CORPUS_TYPES, RECORD_TYPES, CorpusRecord, Document, Metadata, Problem, Record, Review
from . import schema
from .base import DocumentRow, Hit, ProblemRow, SearchResult, StepState, StoreError
from .rows import byline as _byline, document_row as _document_row, now as _now, revision as _revision, \
    row_corpus as _row_corpus, row_record as _row_record, section_text as _section_text
from .search import QueryError, flat, fts_query, hit_pattern

SQLITE_MAGIC = b"SQLite format 3\x00"


def check_database_file(path: Path) -> None:
    """Refuse, in one line, what is not a SQLite database (a folder, a text file, a stub)."""
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a corpus database")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            head = fh.read(16)
        if head != SQLITE_MAGIC:
            raise StoreError(f"{path}: not a SQLite database (a historiograph corpus is one SQLite file)")


class SQLiteStore:
    """The default `Store`: one SQLite file."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        self.location = str(self.path)
        check_database_file(self.path)
        writable = os.access(self.path, os.W_OK) if self.path.exists() else os.access(
            self.path.parent if str(self.path.parent) else ".", os.W_OK)
        self.read_only = read_only or not writable or (
            self.path.exists() and not os.access(self.path.parent, os.W_OK))
        try:
            self.conn = self._connect()
            self._tables = self._prepare()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot be read as a corpus database ({exc})") from exc

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            if not self.path.exists():
                raise StoreError(f"{self.path}: no such corpus database")
            uri = f"file:{self.path.resolve()}?mode=ro"
            try:
                conn = sqlite3.connect(uri, uri=True, timeout=30)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:  # a WAL file we may not create: read the file as it is
                conn = sqlite3.connect(f"file:{self.path.resolve()}?immutable=1", uri=True)
        else:
            conn = sqlite3.connect(str(self.path), timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.row_factory = sqlite3.Row
        return conn

    def _prepare(self) -> set[str]:
        if not self.read_only:
            with self.conn:
                for sql in schema.all_tables_sql():
                    self.conn.executescript(sql)
                self._add_new_columns()
                self.conn.execute("INSERT OR REPLACE INTO store_info VALUES ('schema_version', ?)",
                                  (str(schema.SCHEMA_VERSION),))
        return {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}

    def _add_new_columns(self) -> None:
        """Record types that gained a field since the file was made get the column."""
        for cls in list(RECORD_TYPES.values()) + list(CORPUS_TYPES.values()):
            have = {r["name"] for r in self.conn.execute(f"PRAGMA table_info({cls.table})")}
            for f in cls.extra_fields():
                if f.name not in have:
                    self.conn.execute(f"ALTER TABLE {cls.table} ADD COLUMN {f.name} {schema.sql_type(f.type)}")
        if "revision" not in {r["name"] for r in self.conn.execute("PRAGMA table_info(documents)")}:
            self.conn.execute("ALTER TABLE documents ADD COLUMN revision TEXT")

    def _has(self, table: str) -> bool:
        return table in self._tables

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; nothing can be written")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- documents in ------------------------------------------------------
    def file_hashes(self, pipeline: Sequence[str] | None = None) -> dict[str, frozenset[str]]:
        """Every stored source path with the file hash of its current version. With ``pipeline``
        (component@version names), only files analysed by exactly that pipeline count: a file
        stored by older analysers is due to be analysed again. A file restored to an earlier
        content is not among them, so that version becomes current again."""
        out: dict[str, set[str]] = {}
        for source, digest, stored in self.conn.execute(
                "SELECT source, file_hash, pipeline FROM documents WHERE file_hash IS NOT NULL AND current=1"):
            if pipeline is None or json.loads(stored) == list(pipeline):
                out.setdefault(source, set()).add(digest)
        return {k: frozenset(v) for k, v in out.items()}

    def has_content(self, doc: Document) -> bool:
        """Is this exact text already stored for the document's source?"""
        return self.conn.execute("SELECT 1 FROM documents WHERE source=? AND content_hash=?",
                                 (doc.meta.source_path or doc.id, doc.content_hash)).fetchone() is not None

    def write_document(self, doc: Document, file_hash: str | None = None,
                       pipeline: list[str] | None = None) -> str | None:
        """Store a document and all its records in one transaction.

        Returns the document id, or None when this exact content is already stored for
        this source by the same pipeline. New content for a known source becomes its next
        version; the same content analysed by a different pipeline (newer analysers) has its
        records replaced, in the same transaction, so a killed run keeps the old. Content
        that an earlier version had is made current again."""
        self._writable()
        source = doc.meta.source_path or doc.id
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            same = self.conn.execute("SELECT id, pipeline, current FROM documents WHERE source=? AND content_hash=?",
                                     (source, doc.content_hash)).fetchone()
            if same:
                return self._known_content(same, source, doc, file_hash, pipeline)
            version = self.conn.execute("SELECT coalesce(max(version), 0) + 1 FROM documents WHERE source=?",
                                        (source,)).fetchone()[0]
            self.conn.execute("UPDATE documents SET current=0 WHERE source=?", (source,))
            self._insert_document(doc, source, version, file_hash, pipeline or [])
            for layer, records in doc.layers.items():
                self._insert_records(doc.id, layer, records)
            self.clear_file_problems(source, commit=False)
        return doc.id

    def _known_content(self, same: sqlite3.Row, source: str, doc: Document, file_hash: str | None,
                       pipeline: list[str] | None) -> str | None:
        changed = False
        if not same["current"]:  # a file restored to an earlier content: that version is current again
            self.conn.execute("UPDATE documents SET current=0 WHERE source=?", (source,))
            self.conn.execute("UPDATE documents SET current=1 WHERE id=?", (same["id"],))
            changed = True
        if file_hash:
            self.conn.execute("UPDATE documents SET file_hash=? WHERE id=? AND file_hash IS NULL",
                              (file_hash, same["id"]))
        self.clear_file_problems(source, commit=False)
        if pipeline is not None and json.loads(same["pipeline"]) != list(pipeline):
            self._replace_records(same["id"], doc, pipeline)
            return same["id"]
        return same["id"] if changed else None

    def _insert_document(self, doc: Document, source: str, version: int, file_hash: str | None,
                         pipeline: list[str]) -> None:
        meta = doc.meta
        title = meta.title or _section_text(doc, "title")
        analyzed = _now()
        cur = self.conn.execute(
            "INSERT INTO documents (id, source, version, current, content_hash, file_hash, media_type,"
            " title, author, date, url, genre, n_chars, text, pipeline, layers, analyzed_at, revision)"
            " VALUES (?,?,?,1,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.id, source, version, doc.content_hash, file_hash, meta.media_type, title,
             meta.author or _byline(doc), meta.date or _section_text(doc, "date"), meta.url, meta.genre,
             len(doc.text), doc.text, json.dumps(pipeline), json.dumps(list(doc.layers)), analyzed,
             _revision(doc.id, pipeline, analyzed)))
        self.conn.execute("INSERT INTO documents_fts(rowid, title, text) VALUES (?,?,?)",
                          (cur.lastrowid, title, doc.text))

    def _replace_records(self, doc_id: str, doc: Document, pipeline: Sequence[str]) -> None:
        for cls in RECORD_TYPES.values():
            self.conn.execute(f"DELETE FROM {cls.table} WHERE document_id=?", (doc_id,))
        analyzed = _now()
        self.conn.execute("UPDATE documents SET pipeline=?, layers=?, analyzed_at=?, revision=? WHERE id=?",
                          (json.dumps(list(pipeline)), json.dumps(list(doc.layers)), analyzed,
                           _revision(doc_id, list(pipeline), analyzed), doc_id))
        for layer, records in doc.layers.items():
            self._insert_records(doc_id, layer, records)

    def _insert_records(self, doc_id: str | None, layer: str, records, source: str | None = None) -> None:
        by_table: dict[type[Record], list[Record]] = {}
        for record in records:
            by_table.setdefault(type(record), []).append(record)
        for cls, group in by_table.items():
            extra = [f.name for f in cls.extra_fields()]
            cols = list(schema.BASE_COLUMNS) + extra + (["source"] if cls is Problem else [])
            rows = [
                (doc_id, r.id, layer, r.start, r.end, json.dumps(r.spans), r.component, r.version,
                 r.confidence, r.status, *[schema.encode(getattr(r, n)) for n in extra])
                + ((source,) if cls is Problem else ())
                for r in group
            ]
            self.conn.executemany(
                f"INSERT OR IGNORE INTO {cls.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                rows)

    def write_problem(self, problem: Problem, source: str) -> None:
        """A problem of a file that could not be read, stored once per file and code."""
        self._writable()
        with self.conn:
            self.conn.execute("DELETE FROM problems WHERE document_id IS NULL AND source=? AND code=?",
                              (source, problem.code))
            self._insert_records(None, "problems", [problem], source=source)

    def clear_file_problems(self, source: str, commit: bool = True) -> None:
        """A file that now reads well keeps no stale problem rows from earlier runs."""
        self._writable()
        if commit:
            with self.conn:
                self.conn.execute("DELETE FROM problems WHERE document_id IS NULL AND source=?", (source,))
        else:
            self.conn.execute("DELETE FROM problems WHERE document_id IS NULL AND source=?", (source,))

    # -- documents out -----------------------------------------------------
    def documents(self, all_versions: bool = False, limit: int | None = None, offset: int = 0) -> list[DocumentRow]:
        where = "" if all_versions else "WHERE current=1"
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        rows = self.conn.execute(
            "SELECT id, source, version, current, title, author, date, url, genre, media_type, n_chars,"
            " analyzed_at, coalesce(revision, analyzed_at) AS revision,"
            " (SELECT count(*) FROM sections s WHERE s.document_id=d.id AND s.layer='sections') AS n_sections,"
            f" (SELECT count(*) FROM problems p WHERE p.document_id=d.id) AS n_problems FROM documents d {where}"
            f" ORDER BY source, version{page}").fetchall()
        return [_document_row(r) for r in rows]

    def count_documents(self, all_versions: bool = False) -> int:
        where = "" if all_versions else "WHERE current=1"
        return self.conn.execute(f"SELECT count(*) FROM documents {where}").fetchone()[0]

    def layer_counts(self, documents: Sequence[str] | None = None) -> dict[str, dict[str, int]]:
        """Records per layer: {document id: {layer: n}} for the given documents (default: all
        current ones), with the corpus totals under the key ''."""
        if documents is None:
            scope, args = "IN (SELECT id FROM documents WHERE current=1)", []
        else:
            docs = list(documents)
            scope, args = f"IN ({','.join('?' * len(docs))})", docs
        out: dict[str, dict[str, int]] = {"": {}}
        for cls in RECORD_TYPES.values():
            if not self._has(cls.table):
                continue
            for doc, layer, n in self.conn.execute(
                    f"SELECT document_id, layer, count(*) FROM {cls.table} WHERE document_id {scope}"
                    " GROUP BY document_id, layer", args):
                out.setdefault(doc, {})[layer] = out.get(doc, {}).get(layer, 0) + n
                out[""][layer] = out[""].get(layer, 0) + n
        return out

    def document_row(self, ref: str) -> DocumentRow:
        doc_id = self.resolve(ref)
        row = self.conn.execute(
            "SELECT id, source, version, current, title, author, date, url, genre, media_type, n_chars,"
            " analyzed_at, coalesce(revision, analyzed_at) AS revision,"
            " (SELECT count(*) FROM sections s WHERE s.document_id=d.id AND s.layer='sections') AS n_sections,"
            " (SELECT count(*) FROM problems p WHERE p.document_id=d.id) AS n_problems FROM documents d WHERE id=?",
            (doc_id,)).fetchone()
        return _document_row(row)

    def resolve(self, ref: str) -> str:
        """A document id from an id, an id prefix, a file name or a file stem (no wildcards)."""
        row = self.conn.execute("SELECT id FROM documents WHERE id=?", (ref,)).fetchone()
        if row:
            return row["id"]
        like = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE current=1 AND (id LIKE ? || '%' ESCAPE '\\'"
            " OR source LIKE '%/' || ? ESCAPE '\\' OR source LIKE '%/' || ? || '.%' ESCAPE '\\')",
            (like, like, like)).fetchall()
        if len(rows) == 1:
            return rows[0]["id"]
        if not rows:
            raise KeyError(f"no document matches {ref!r} (try `historiograph documents`)")
        raise KeyError(f"{ref!r} matches {len(rows)} documents: {', '.join(r['id'] for r in rows[:5])}")

    def document(self, ref: str) -> Document:
        doc_id = self.resolve(ref)
        row = self.conn.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()
        layers: dict[str, list[tuple[int, Record]]] = {}
        for cls in RECORD_TYPES.values():
            if not self._has(cls.table):
                continue
            cursor = self.conn.execute(f"SELECT rowid AS _n, * FROM {cls.table} WHERE document_id=?", (doc_id,))
            index = _index(cursor)
            n, layer = index["_n"], index["layer"]
            for rec in cursor:
                layers.setdefault(rec[layer], []).append((rec[n], _row_record(cls, rec, index)))
        meta = Metadata(title=row["title"], author=row["author"], date=row["date"], url=row["url"],
                        genre=row["genre"], source_path=row["source"], media_type=row["media_type"])
        ordered: dict[str, list[Record]] = {name: [] for name in json.loads(row["layers"] or "[]")}
        ordered.update({name: [r for _, r in sorted(recs, key=lambda t: t[0])] for name, recs in layers.items()})
        return Document(text=row["text"], meta=meta, layers=ordered, id=doc_id)

    def iter_documents(self, all_versions: bool = False) -> Iterator[Document]:
        for row in self.documents(all_versions):
            yield self.document(row.id)

    def text(self, document_id: str, start: int = 0, end: int | None = None) -> str:
        if end is None:  # to the end (a length past 2**31 - 1 would read as nothing)
            row = self.conn.execute("SELECT substr(text, ?) FROM documents WHERE id=?",
                                    (start + 1, document_id)).fetchone()
        else:
            row = self.conn.execute("SELECT substr(text, ?, ?) FROM documents WHERE id=?",
                                    (start + 1, max(0, end - start), document_id)).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id!r}")
        return row[0]

    def records(self, record_type: type[Record], document: str | None = None, layer: str | None = None,
                ids: Sequence[str] | None = None) -> list[tuple[str, Record]]:
        """(document id, record) of one type, in the current documents (or one document;
        or with the given ids, in any current document or in the one given)."""
        if not self._has(record_type.table):
            return []
        if ids is not None and document is not None:
            doc_id, ids = self.resolve(document), list(ids)
            out = []
            for k in range(0, len(ids), 500):
                chunk = ids[k:k + 500]
                rows = self.conn.execute(f"SELECT r.* FROM {record_type.table} r WHERE r.document_id=? AND r.id IN"
                                         f" ({','.join('?' * len(chunk))}) ORDER BY r.rowid", [doc_id, *chunk])
                index = _index(rows)
                out += [(doc_id, _row_record(record_type, r, index)) for r in rows]
            return out
        if ids is not None:
            return self._records_by_id(record_type, list(ids))
        sql, args = self._records_where(record_type, document, layer)
        rows = self.conn.execute(f"SELECT r.* FROM {record_type.table} r {sql} ORDER BY r.document_id, r.rowid", args)
        index = _index(rows)
        doc = index["document_id"]
        return [(r[doc], _row_record(record_type, r, index)) for r in rows]

    def _records_by_id(self, record_type: type[Record], ids: list[str]) -> list[tuple[str, Record]]:
        out = []
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            rows = self.conn.execute(
                f"SELECT r.* FROM {record_type.table} r JOIN documents d ON d.id = r.document_id"
                f" WHERE d.current=1 AND r.id IN ({','.join('?' * len(chunk))})", chunk)
            index = _index(rows)
            out += [(r[index["document_id"]], _row_record(record_type, r, index)) for r in rows]
        return out

    def count_records(self, record_type: type[Record], document: str | None = None,
                      layer: str | None = None) -> int:
        if not self._has(record_type.table):
            return 0
        sql, args = self._records_where(record_type, document, layer)
        return self.conn.execute(f"SELECT count(*) FROM {record_type.table} r {sql}", args).fetchone()[0]

    def _records_where(self, record_type: type[Record], document: str | None,
                       layer: str | None) -> tuple[str, tuple]:
        clauses, args = [], []
        if document is not None:
            clauses.append("r.document_id=?")
            args.append(self.resolve(document))
        else:
            clauses.append("r.document_id IN (SELECT id FROM documents WHERE current=1)")
        if layer is not None:
            clauses.append("r.layer=?")
            args.append(layer)
        return "WHERE " + " AND ".join(clauses), tuple(args)

    def problems(self, ref: str | None = None) -> list[ProblemRow]:
        if ref:
            rows = self.conn.execute("SELECT * FROM problems WHERE document_id=? ORDER BY start_char",
                                     (self.resolve(ref),))
        else:
            rows = self.conn.execute(
                "SELECT p.* FROM problems p LEFT JOIN documents d ON d.id = p.document_id"
                " WHERE p.document_id IS NULL OR d.current=1 ORDER BY p.document_id, p.start_char")
        return [ProblemRow(_row_record(Problem, r), r["document_id"], r["source"]) for r in rows]

    def corpus_problems(self) -> list[ProblemRow]:
        """Problems of files that never became documents, each with the file it names."""
        rows = self.conn.execute("SELECT * FROM problems WHERE document_id IS NULL ORDER BY rowid")
        return [ProblemRow(_row_record(Problem, r), None, r["source"]) for r in rows]

    def search(self, query: str, limit: int = 20, per_document: int | None = None) -> SearchResult:
        """Hits of a full-text query in current documents, best documents first: at most
        ``limit`` hits in all, at most ``per_document`` in one document (None: no cap).
        Documents are ranked by the index (BM25) and their texts read in that order only until
        ``limit`` hits are found, so a common word in a large corpus costs no more than a rare
        one; `total` then counts the hits in the documents read (`exact` is False)."""
        match = fts_query(query)
        try:
            ranked = self.conn.execute(
                "SELECT d.rowid FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
                " WHERE documents_fts MATCH ? AND d.current=1 ORDER BY bm25(documents_fts)", (match,)).fetchall()
        except sqlite3.OperationalError as exc:
            raise QueryError(f"search: cannot run {query!r} ({exc})") from exc
        finder = hit_pattern(query)
        hits: list[Hit] = []
        total = read = 0
        for (rowid,) in ranked:
            if len(hits) >= limit:
                break
            row = self.conn.execute("SELECT id, title, text FROM documents WHERE rowid=?", (rowid,)).fetchone()
            found = list(finder.finditer(row["text"]))
            total += len(found)
            read += 1
            for m in found[:per_document]:
                if len(hits) < limit:
                    hits.append(self._hit(row, *m.span()))
        exact = read == len(ranked)
        return SearchResult(hits, len(ranked), total, truncated=not exact or total > len(hits), exact=exact)

    def _hit(self, row: sqlite3.Row, a: int, b: int) -> Hit:
        text = row["text"]
        return Hit(row["id"], row["title"], a, b, flat(text[max(0, a - 60):a]), text[a:b],
                   flat(text[b:b + 60]), self.section_at(row["id"], a))

    def section_at(self, document_id: str, offset: int) -> str | None:
        row = self.conn.execute(
            "SELECT kind FROM sections WHERE document_id=? AND layer='sections' AND start_char<=? AND end_char>=?"
            " ORDER BY (parent IS NULL), end_char - start_char LIMIT 1", (document_id, offset, offset)).fetchone()
        return row["kind"] if row else None

    def count(self, table: str, **where: Any) -> int:
        """Rows of one table (SQLite only; the tests and benchmarks compare tables with it)."""
        clause = " AND ".join(f"{k}=?" for k in where) or "1"
        return self.conn.execute(f"SELECT count(*) FROM {table} WHERE {clause}", tuple(where.values())).fetchone()[0]

    # -- corpus layer ------------------------------------------------------
    @contextmanager
    def corpus_lock(self) -> Iterator[None]:
        """Corpus steps of one SQLite file run in one process at a time by convention (a
        corpus file is one user's); each step still writes in one transaction."""
        yield

    def step_state(self, name: str) -> StepState | None:
        if not self._has("corpus_steps"):
            return None
        row = self.conn.execute("SELECT * FROM corpus_steps WHERE name=?", (name,)).fetchone()
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
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            for cls in replace:
                self.conn.execute(f"DELETE FROM {cls.table}")
                self.conn.execute("DELETE FROM corpus_places WHERE record_table=?", (cls.table,))
            for cls, ids in delete.items():
                self._delete_corpus(cls, list(ids))
            by_type: dict[type[CorpusRecord], list[CorpusRecord]] = {}
            for rec in records:
                by_type.setdefault(type(rec), []).append(rec)
            for cls, group in by_type.items():
                self._insert_corpus(cls, group)
            self.conn.execute("INSERT OR REPLACE INTO corpus_steps VALUES (?,?,?,?,?,?)",
                              (state.name, state.version, json.dumps(dict(state.seen)),
                               json.dumps(dict(state.inputs)), state.token, state.ran_at or _now()))

    def _delete_corpus(self, cls: type[CorpusRecord], ids: list[str]) -> None:
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            marks = ",".join("?" * len(chunk))
            self.conn.execute(f"DELETE FROM {cls.table} WHERE id IN ({marks})", chunk)
            self.conn.execute(f"DELETE FROM corpus_places WHERE record_table=? AND record_id IN ({marks})",
                              [cls.table] + chunk)

    def _insert_corpus(self, cls: type[CorpusRecord], group: list[CorpusRecord]) -> None:
        self._delete_corpus(cls, [r.id for r in group])
        extra = [f.name for f in cls.extra_fields()]
        cols = list(schema.CORPUS_BASE) + extra
        self.conn.executemany(
            f"INSERT OR REPLACE INTO {cls.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [(r.id, r.component, r.version, r.confidence, r.status, r.digest,
              *[schema.encode(getattr(r, n)) for n in extra]) for r in group])
        self.conn.executemany(
            "INSERT INTO corpus_places VALUES (?,?,?,?,?,?)",
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
            clause = " AND ".join(f"{k}=?" for k in schema.where_fields(record_type, where))
            rows = self.conn.execute(f"SELECT * FROM {table} WHERE {clause} ORDER BY rowid{page}",
                                     [schema.encode(v) for v in where.values()]).fetchall()
        elif document is not None:
            rows = self.conn.execute(
                f"SELECT * FROM {table} WHERE id IN (SELECT record_id FROM corpus_places WHERE document_id=?"
                f" AND record_table=?) ORDER BY rowid{page}", (document, table)).fetchall()
        elif ids is not None:
            rows = []
            ids = list(ids)
            for k in range(0, len(ids), 500):
                chunk = ids[k:k + 500]
                rows += self.conn.execute(f"SELECT * FROM {table} WHERE id IN ({','.join('?' * len(chunk))})",
                                          chunk).fetchall()
        else:
            rows = self.conn.execute(f"SELECT * FROM {table} ORDER BY rowid{page}").fetchall()
        if limit is not None:
            rows = rows[:limit]
        index = {k: i for i, k in enumerate(rows[0].keys())} if rows else {}
        return [_row_corpus(record_type, r, index) for r in rows]

    def corpus_digests(self, record_type: type[CorpusRecord]) -> dict[str, str]:
        """Every stored record of a type: id -> digest (what a step compares its results with)."""
        if not self._has(record_type.table):
            return {}
        return dict(self.conn.execute(f"SELECT id, digest FROM {record_type.table}").fetchall())

    def count_corpus(self, record_type: type[CorpusRecord]) -> int:
        if not self._has(record_type.table):
            return 0
        return self.conn.execute(f"SELECT count(*) FROM {record_type.table}").fetchone()[0]

    # -- reviews -----------------------------------------------------------
    def write_review(self, review: Review) -> None:
        self._writable()
        with self.conn:
            self._insert_corpus(Review, [review])

    def reviews(self, target: str | None = None) -> list[Review]:
        if not self._has(Review.table):
            return []
        if target is None:
            rows = self.conn.execute("SELECT * FROM reviews ORDER BY created_at, rowid")
        else:
            rows = self.conn.execute("SELECT * FROM reviews WHERE target=? ORDER BY created_at, rowid", (target,))
        return [_row_corpus(Review, r) for r in rows]  # type: ignore[misc]


def _index(cursor: sqlite3.Cursor) -> dict[str, int]:
    """Column name -> position, for a query's rows (reading a Row by name compares every
    column's name, which costs more than the rest of decoding it)."""
    return {d[0]: k for k, d in enumerate(cursor.description or ())}
