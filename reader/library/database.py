"""The index's SQLite file: its tables, a connection (WAL, busy timeout), transactions, and filters as SQL conditions."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.search.query import Comparison

if TYPE_CHECKING:  # a search never filters: it starts without the filter's parser
    from reader.library.filters import LibraryFilter

SCHEMA = 5
"""The layout of the index file; another layout is rebuilt from scratch.
5: entities keep their ``same_as`` ids (links by same_as through the index)."""
ROWS = 5
"""The format of a file's rows (what a row was indexed with): rows of another format are indexed again.
5: the stored article holds no entity mentions (found again when read: reader.load.lean)."""
VERSION = f"{__version__}/{ROWS}"
"""What a row was indexed with: a file indexed by another reader is indexed again."""
BUSY_SECONDS = 10.0
"""How long a writer waits for another process's write to end before giving up."""
SORTS = {
    "date": "f.loaded DESC, f.published DESC, f.title_key, s.shown",
    "source": "f.loaded DESC, f.source_key, f.published DESC, s.shown",
    "title": "f.loaded DESC, f.title_key, s.shown",
}
"""The picker's orders (files that did not load come last)."""

_TABLES = """
BEGIN IMMEDIATE;
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files(
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, dir TEXT NOT NULL,
    mtime_ns INTEGER, ctime_ns INTEGER, size INTEGER, dev INTEGER, ino INTEGER,
    hash TEXT, version TEXT, loaded INTEGER NOT NULL, problems TEXT NOT NULL,
    article_id TEXT, title TEXT, title_key TEXT, published TEXT, source TEXT, source_key TEXT,
    language TEXT, accords INTEGER, drafts INTEGER, built BLOB);
CREATE INDEX IF NOT EXISTS files_dir_path ON files(dir, path);
CREATE INDEX IF NOT EXISTS files_scan ON files(dir, path, loaded, article_id);
CREATE TABLE IF NOT EXISTS entities(file_id INTEGER NOT NULL, type TEXT, eid TEXT, keys TEXT, same_as TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entities_file ON entities(file_id);
CREATE TABLE IF NOT EXISTS figures(file_id INTEGER NOT NULL, value REAL, unit TEXT, qualifier TEXT);
CREATE INDEX IF NOT EXISTS figures_file ON figures(file_id);
CREATE TABLE IF NOT EXISTS dates(file_id INTEGER NOT NULL, value TEXT, precision INTEGER);
CREATE INDEX IF NOT EXISTS dates_file ON dates(file_id);
CREATE VIRTUAL TABLE IF NOT EXISTS body USING fts5(text, tokenize='trigram', columnsize=0, detail=none);
INSERT OR IGNORE INTO meta VALUES ('schema', '5');
COMMIT;
"""
_DROP = "DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS entities; DROP TABLE IF EXISTS figures; DROP TABLE IF EXISTS dates; DROP TABLE IF EXISTS body; DROP TABLE IF EXISTS meta;"
_CORRUPT = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


def is_corrupt(error: sqlite3.DatabaseError) -> bool:
    """True for a file that is not a database or a damaged one (to rebuild), not a lock or a read-only folder."""
    return getattr(error, "sqlite_errorname", "") in _CORRUPT or type(error) is sqlite3.DatabaseError


def fts_match(text: str) -> str:
    """An FTS5 query for the rows whose text may hold ``text`` (three characters or more): every trigram of it.

    The body table keeps no positions (``detail=none``: under half the size, twice as fast to
    fill), so a phrase cannot be asked; all its trigrams can. A row holding them all apart is a
    false candidate, which the exact matcher then rejects: the index narrows, it never decides.
    """
    grams = dict.fromkeys(text[i:i + 3] for i in range(len(text) - 2))
    return " AND ".join('"' + gram.replace('"', '""') + '"' for gram in grams)


def date_holds(op: str, value: str, iso: str | None) -> bool:
    """The ``date:`` filter on an article's date, as search's date filter compares (SQL function)."""
    return bool(iso) and Comparison(op, value).date_holds(iso)


def conditions(wanted: LibraryFilter) -> tuple[list[str], list[object]]:
    """SQL conditions on ``f`` (files) for a filter, with their parameters."""
    where: list[str] = []
    params: list[object] = []
    for word in wanted.words:
        # a file that did not load has no text: its path is what can be found
        broken = "(NOT f.loaded AND starts_word(loose(f.path), ?))"
        if len(word) >= 3:
            where.append(f"(f.id IN (SELECT rowid FROM body WHERE body MATCH ? AND starts_word(text, ?)) OR {broken})")
            params += [fts_match(word), word, word]
        else:
            where.append(f"(f.id IN (SELECT rowid FROM body WHERE starts_word(text, ?)) OR {broken})")
            params += [word, word]
    for kind, text in wanted.entities:
        where.append("EXISTS (SELECT 1 FROM entities e WHERE e.file_id = f.id AND e.type = ? AND instr(e.keys, ?) > 0)")
        params += [kind, text]
    for text in wanted.sources:
        where.append("instr(f.source_key, ?) > 0")
        params.append(text)
    for compare in wanted.dates:
        where.append("date_holds(?, ?, f.published)")
        params += [compare.op, str(compare.value)]
    for op, number in wanted.accords:
        where.append(f"f.loaded AND f.accords {'=' if op == '=' else op} ?")
        params.append(number)
    if wanted.draft is not None:
        where.append("f.loaded AND f.drafts > 0" if wanted.draft else "f.loaded AND f.drafts = 0")
    if wanted.broken is not None:
        where.append("NOT f.loaded" if wanted.broken else "f.loaded")
    return where, params


class transaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on an error): a writer takes the lock at once, or waits."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self.db.execute("COMMIT")
        else:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass


def delete_file(db: sqlite3.Connection, file_id: int, keep_file: bool = False) -> None:
    for table in ("entities", "figures", "dates"):
        db.execute(f"DELETE FROM {table} WHERE file_id = ?", (file_id,))
    db.execute("DELETE FROM body WHERE rowid = ?", (file_id,))
    if not keep_file:
        db.execute("DELETE FROM files WHERE id = ?", (file_id,))


def remove_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection with the tables made; raises sqlite3.DatabaseError (corrupt, read-only, locked) or OSError."""
    db = sqlite3.connect(str(path), timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
    try:
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        if str(path) != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        schema = None
        try:
            schema = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.OperationalError as error:
            if "no such table" not in str(error):
                raise
        if schema is not None and schema[0] != str(SCHEMA):
            db.executescript(f"BEGIN IMMEDIATE; {_DROP} COMMIT;")
        if schema is None or schema[0] != str(SCHEMA):  # only then: opening must not wait for another writer
            db.executescript(_TABLES)
        db.execute("SELECT count(*) FROM files").fetchone()
    except BaseException:
        db.close()
        raise
    return db
