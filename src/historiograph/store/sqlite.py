"""One SQLite file per corpus: plain, clearly named tables, an FTS5 index, and one
transaction per document so that a killed run loses nothing already written."""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
import typing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Sequence

from ..model import RECORD_TYPES, Document, Metadata, Problem, Record, record_from_dict

SCHEMA_VERSION = 1
BASE_COLUMNS = ("document_id", "id", "layer", "start_char", "end_char", "spans", "component",
                "component_version", "confidence", "status")

DOCUMENTS = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    version INTEGER NOT NULL,
    current INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL,
    file_hash TEXT,
    media_type TEXT,
    title TEXT, author TEXT, date TEXT, url TEXT, genre TEXT,
    n_chars INTEGER NOT NULL,
    text TEXT NOT NULL,
    pipeline TEXT NOT NULL,
    layers TEXT NOT NULL DEFAULT '[]',
    analyzed_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS documents_source_version ON documents(source, version);
CREATE INDEX IF NOT EXISTS documents_file ON documents(source, file_hash);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid');
CREATE TABLE IF NOT EXISTS store_info (key TEXT PRIMARY KEY, value TEXT);
"""


def _sql_type(annotation: Any) -> str:
    text = str(annotation)
    if text.startswith("bool") or text == "<class 'bool'>":
        return "INTEGER"
    if "float" in text:
        return "REAL"
    if text.startswith("int") or text == "<class 'int'>":
        return "INTEGER"
    return "TEXT"


def _record_table_sql(cls: type[Record]) -> str:
    extra = ", ".join(f"{f.name} {_sql_type(f.type)}" for f in cls.extra_fields())
    return f"""
CREATE TABLE IF NOT EXISTS {cls.table} (
    document_id TEXT REFERENCES documents(id),
    id TEXT NOT NULL, layer TEXT NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, spans TEXT NOT NULL,
    component TEXT NOT NULL, component_version TEXT NOT NULL,
    confidence REAL, status TEXT NOT NULL{', ' + extra if extra else ''}
    {', source TEXT' if cls is Problem else ''}
);
CREATE UNIQUE INDEX IF NOT EXISTS {cls.table}_key ON {cls.table}(coalesce(document_id, ''), layer, id);
CREATE INDEX IF NOT EXISTS {cls.table}_doc ON {cls.table}(document_id, start_char);
"""


def _encode(value: Any) -> Any:
    if isinstance(value, (tuple, list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


@dataclass
class Hit:
    document_id: str
    title: str | None
    start: int
    end: int
    before: str
    match: str
    after: str
    section: str | None

    @property
    def context(self) -> str:
        return f"{self.before}[{self.match}]{self.after}"


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.conn = sqlite3.connect(str(self.path), timeout=30)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self._create()

    def _create(self) -> None:
        with self.conn:
            self.conn.executescript(DOCUMENTS)
            for cls in RECORD_TYPES.values():
                self.conn.executescript(_record_table_sql(cls))
                have = {r["name"] for r in self.conn.execute(f"PRAGMA table_info({cls.table})")}
                for f in cls.extra_fields():  # record types that gained a field since
                    if f.name not in have:
                        self.conn.execute(f"ALTER TABLE {cls.table} ADD COLUMN {f.name} {_sql_type(f.type)}")
            self.conn.execute("INSERT OR IGNORE INTO store_info VALUES ('schema_version', ?)",
                              (str(SCHEMA_VERSION),))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ------------------------------------------------------------
    def file_hashes(self, pipeline: Sequence[str] | None = None) -> dict[str, frozenset[str]]:
        """Every stored source path with the file hashes stored for it (all versions).
        With ``pipeline`` (component@version names), only files analysed by exactly that
        pipeline count: a file stored by older analysers is due to be analysed again."""
        out: dict[str, set[str]] = {}
        for source, digest, stored in self.conn.execute(
                "SELECT source, file_hash, pipeline FROM documents WHERE file_hash IS NOT NULL"):
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

        Returns the document id, or None when this exact content is already stored
        for this source by the same pipeline. New content for a known source becomes its
        next version; the same content analysed by a different pipeline (newer analysers)
        has its records replaced, in the same transaction, so a killed run keeps the old."""
        source = doc.meta.source_path or doc.id
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            same = self.conn.execute("SELECT id, pipeline FROM documents WHERE source=? AND content_hash=?",
                                     (source, doc.content_hash)).fetchone()
            if same:
                if file_hash:
                    self.conn.execute("UPDATE documents SET file_hash=? WHERE id=? AND file_hash IS NULL",
                                      (file_hash, same["id"]))
                if pipeline is None or json.loads(same["pipeline"]) == list(pipeline):
                    return None
                self._replace_records(same["id"], doc, pipeline)
                return same["id"]
            version = self.conn.execute("SELECT coalesce(max(version), 0) + 1 FROM documents WHERE source=?",
                                        (source,)).fetchone()[0]
            self.conn.execute("UPDATE documents SET current=0 WHERE source=?", (source,))
            meta = doc.meta
            title = meta.title or _section_text(doc, "title")
            cur = self.conn.execute(
                "INSERT INTO documents (id, source, version, current, content_hash, file_hash, media_type,"
                " title, author, date, url, genre, n_chars, text, pipeline, layers, analyzed_at)"
                " VALUES (?,?,?,1,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, source, version, doc.content_hash, file_hash, meta.media_type, title,
                 meta.author, meta.date, meta.url, meta.genre, len(doc.text), doc.text,
                 json.dumps(pipeline or []), json.dumps(list(doc.layers)),
                 datetime.now(timezone.utc).isoformat(timespec="seconds")))
            self.conn.execute("INSERT INTO documents_fts(rowid, title, text) VALUES (?,?,?)",
                              (cur.lastrowid, title, doc.text))
            for layer, records in doc.layers.items():
                self._insert_records(doc.id, layer, records)
        return doc.id

    def _replace_records(self, doc_id: str, doc: Document, pipeline: Sequence[str]) -> None:
        for cls in RECORD_TYPES.values():
            self.conn.execute(f"DELETE FROM {cls.table} WHERE document_id=?", (doc_id,))
        self.conn.execute("UPDATE documents SET pipeline=?, layers=?, analyzed_at=? WHERE id=?",
                          (json.dumps(list(pipeline)), json.dumps(list(doc.layers)),
                           datetime.now(timezone.utc).isoformat(timespec="seconds"), doc_id))
        for layer, records in doc.layers.items():
            self._insert_records(doc_id, layer, records)

    def _insert_records(self, doc_id: str | None, layer: str, records, source: str | None = None) -> None:
        by_table: dict[type[Record], list[Record]] = {}
        for record in records:
            by_table.setdefault(type(record), []).append(record)
        for cls, group in by_table.items():
            extra = [f.name for f in cls.extra_fields()]
            cols = list(BASE_COLUMNS) + extra + (["source"] if cls is Problem else [])
            rows = [
                (doc_id, r.id, layer, r.start, r.end, json.dumps(r.spans), r.component, r.version,
                 r.confidence, r.status, *[_encode(getattr(r, n)) for n in extra])
                + ((source,) if cls is Problem else ())
                for r in group
            ]
            self.conn.executemany(
                f"INSERT OR IGNORE INTO {cls.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                rows)

    def write_problem(self, problem: Problem, source: str) -> None:
        """A corpus-level problem (a file that could not be read), stored once."""
        with self.conn:
            self._insert_records(None, "problems", [problem], source=source)

    # -- reading ------------------------------------------------------------
    def documents(self, all_versions: bool = False) -> list[sqlite3.Row]:
        where = "" if all_versions else "WHERE current=1"
        return self.conn.execute(
            f"SELECT id, source, version, current, title, author, date, media_type, n_chars, analyzed_at,"
            f" (SELECT count(*) FROM sections s WHERE s.document_id=d.id AND s.layer='sections') AS n_sections,"
            f" (SELECT count(*) FROM problems p WHERE p.document_id=d.id) AS n_problems"
            f" FROM documents d {where} ORDER BY source, version").fetchall()

    def resolve(self, ref: str) -> str:
        """A document id from an id, an id prefix, a file name or a file stem."""
        row = self.conn.execute("SELECT id FROM documents WHERE id=?", (ref,)).fetchone()
        if row:
            return row["id"]
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE current=1 AND (id LIKE ? || '%' OR source LIKE '%/' || ?"
            " OR source LIKE '%/' || ? || '.%')", (ref, ref, ref)).fetchall()
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
            for rec in self.conn.execute(f"SELECT rowid AS _n, * FROM {cls.table} WHERE document_id=?", (doc_id,)):
                layers.setdefault(rec["layer"], []).append((rec["_n"], _row_record(cls, rec)))
        meta = Metadata(title=row["title"], author=row["author"], date=row["date"], url=row["url"],
                        genre=row["genre"], source_path=row["source"], media_type=row["media_type"])
        ordered = {name: [] for name in json.loads(row["layers"] or "[]")}  # layers that ran, even if empty
        ordered.update({name: [r for _, r in sorted(recs, key=lambda t: t[0])] for name, recs in layers.items()})
        return Document(text=row["text"], meta=meta, layers=ordered, id=doc_id)

    def iter_documents(self, all_versions: bool = False) -> Iterator[Document]:
        for row in self.documents(all_versions):
            yield self.document(row["id"])

    def problems(self, ref: str | None = None) -> list[sqlite3.Row]:
        if ref:
            return self.conn.execute("SELECT * FROM problems WHERE document_id=? ORDER BY start_char",
                                     (self.resolve(ref),)).fetchall()
        return self.conn.execute(
            "SELECT p.* FROM problems p LEFT JOIN documents d ON d.id = p.document_id"
            " WHERE p.document_id IS NULL OR d.current=1 ORDER BY p.document_id, p.start_char").fetchall()

    def corpus_problems(self) -> list[tuple[Problem, str | None]]:
        """Problems of files that never became documents, each with the file it names."""
        rows = self.conn.execute("SELECT * FROM problems WHERE document_id IS NULL ORDER BY rowid")
        return [(_row_record(Problem, r), r["source"]) for r in rows]

    def search(self, query: str, limit: int = 20, per_document: int = 5) -> list[Hit]:
        match = fts_query(query)
        rows = self.conn.execute(
            "SELECT d.id, d.title, d.text FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
            " WHERE documents_fts MATCH ? AND d.current=1 ORDER BY bm25(documents_fts) LIMIT ?",
            (match, limit)).fetchall()
        finder = hit_pattern(query)
        hits: list[Hit] = []
        for row in rows:
            text = row["text"]
            for m in list(finder.finditer(text))[:per_document]:
                a, b = m.span()
                flat = lambda s: re.sub(r"\s+", " ", s)  # noqa: E731
                hits.append(Hit(row["id"], row["title"], a, b, flat(text[max(0, a - 60):a]), text[a:b],
                                flat(text[b:b + 60]), self.section_at(row["id"], a)))
        return hits

    def section_at(self, doc_id: str, offset: int) -> str | None:
        row = self.conn.execute(
            "SELECT kind FROM sections WHERE document_id=? AND layer='sections' AND start_char<=? AND end_char>=?"
            " ORDER BY (parent IS NULL), end_char - start_char LIMIT 1", (doc_id, offset, offset)).fetchone()
        return row["kind"] if row else None

    def count(self, table: str, **where: Any) -> int:
        clause = " AND ".join(f"{k}=?" for k in where) or "1"
        return self.conn.execute(f"SELECT count(*) FROM {table} WHERE {clause}", tuple(where.values())).fetchone()[0]


def _row_record(cls: type[Record], row: sqlite3.Row) -> Record:
    data: dict[str, Any] = {"type": cls.type_name, "id": row["id"], "spans": json.loads(row["spans"]),
                            "component": row["component"], "version": row["component_version"],
                            "confidence": row["confidence"], "status": row["status"]}
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if f.name in data or f.name not in row.keys():
            continue
        value = row[f.name]
        hint = str(hints.get(f.name))
        if isinstance(value, str) and any(t in hint for t in ("tuple", "dict", "list", "Mapping")):
            value = json.loads(value)
        elif hint.startswith("<class 'bool'>") and value is not None:
            value = bool(value)
        data[f.name] = value
    return record_from_dict(data)


def _section_text(doc: Document, kind: str) -> str | None:
    for sec in doc.layer("sections"):
        if getattr(sec, "kind", None) == kind:
            return doc.text[sec.start:sec.end]
    return None


_TOKEN = re.compile(r'"[^"]+"|\S+')


def fts_query(query: str) -> str:
    """User words → a safe FTS5 query: every term quoted, OR/AND/NOT and prefix* kept."""
    out = []
    for tok in _TOKEN.findall(query):
        if tok in ("OR", "AND", "NOT"):
            out.append(tok)
            continue
        prefix = tok.endswith("*") and len(tok) > 1
        body = tok.strip('"').rstrip("*").replace('"', '""')
        if body:
            out.append(f'"{body}"' + ("*" if prefix else ""))
    if not out:
        raise ValueError("empty search query")
    return " ".join(out)


def hit_pattern(query: str) -> re.Pattern:
    """A regex that finds the query's terms in the text, for offsets and highlighting."""
    alts = []
    for tok in _TOKEN.findall(query):
        if tok in ("OR", "AND", "NOT"):
            continue
        prefix = tok.endswith("*")
        words = re.findall(r"\w+", tok)
        if words:
            alts.append(r"\b" + r"\W+".join(map(re.escape, words)) + (r"\w*" if prefix else r"\b"))
    return re.compile("|".join(alts) or r"(?!)", re.IGNORECASE)
