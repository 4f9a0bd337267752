"""The library index: one SQLite file (WAL, FTS5 trigram) caching each article file's metadata, folded text and built article.

A cache, never the source of truth: every use (:meth:`Index.refresh`) stats the files it covers,
re-indexes what changed, adds what is new and drops what is gone. An unreadable index is
rebuilt; a cache folder that cannot be written means an index in memory (said once).

Typical use::

    index = open_index()                      # $XDG_CACHE_HOME/reader/index.sqlite3
    index.refresh([Path("articles")])         # the scope: these files, up to date
    rows = index.list("person:goita accords:>2", sort="date")
    print(f"{len(rows)} of {index.count()} articles")
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Callable, Sequence, TypeVar

from reader.library.database import VERSION, connect, date_holds, delete_file, is_corrupt, remove_files, transaction
from reader.library.reads import IndexReads
from reader.library.records import Record, Summary, loose, record_of, starts_word
from reader.library.rows import Refresh, Row  # noqa: F401 - Row: named from here by the picker
from reader.library.scan import scan_roots
from reader.load.files import Stamp
from reader.model.article import Article
from reader.model.problems import Problem, ProblemsError
from reader.settings.paths import cache_dir

BATCH = 200
"""Files written per transaction: few commits, short locks for another process."""
_said: set[str] = set()
_T = TypeVar("_T")
_COLUMNS = ("path", "dir", "mtime_ns", "ctime_ns", "size", "dev", "ino", "hash", "version", "loaded", "problems",
            *Summary._fields, "title_key", "source_key", "built")
"""A file's row as :meth:`Index._write` fills it (the summary's columns named as its fields)."""
_UPSERT = (
    f"INSERT INTO files({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) ON CONFLICT(path) DO UPDATE SET "
    + ", ".join(f"{c}=excluded.{c}" for c in _COLUMNS[2:]) + " RETURNING id"
)


def _stderr(message: str) -> None:
    """Say a notice once per process, as the command line says things: ``reader: ...`` (a library of
    10,000 files must not repeat it 10,000 times). Notices carry no prefix: whoever shows one adds its own."""
    if message not in _said:
        _said.add(message)
        print(f"reader: {message}", file=sys.stderr)


def _unusable(folder: Path, reason: object) -> str:
    """Why the index works without its file (the one wording, wherever it gives the file up)."""
    return f"cannot use the library index in {folder} ({reason})"


def index_path() -> Path:
    """Where the index lives: $XDG_CACHE_HOME/reader/index.sqlite3."""
    return cache_dir() / "index.sqlite3"


Progress = Callable[[int, int], None]
"""Called with (files indexed so far, files to index) while a refresh indexes."""


class Index(IndexReads):
    """The index over one SQLite connection; ``path`` None for an index in memory (no cache)."""

    unusable: str | None = None
    """Why the index file is not used (an index in memory): "cannot use the library index in FOLDER (reason)"."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None, notice: Callable[[str], None] = _stderr) -> None:
        self.connection = connection
        self.path = path
        self.notice = notice
        connection.create_function("date_holds", 3, date_holds, deterministic=True)
        connection.create_function("starts_word", 2, starts_word, deterministic=True)
        connection.create_function("loose", 1, loose, deterministic=True)
        # the scope: the paths of the last refresh (a folder's rows are its files once refreshed)
        connection.executescript("CREATE TEMP TABLE IF NOT EXISTS roots(ord INTEGER, dir TEXT, skip INTEGER, path TEXT, prefix TEXT)")

    @property
    def in_memory(self) -> bool:
        """True when working without the cache (nothing survives this process)."""
        return self.path is None

    def close(self) -> None:
        self.connection.close()

    # refreshing --------------------------------------------------------------------------------

    def refresh(self, paths: Sequence[Path], *, progress: Progress | None = None, max_bytes: int | None = None,
                in_memory: bool = True) -> Refresh:
        """Bring the index up to date for the files under ``paths`` and make them the scope (in their order).

        A corrupt index is rebuilt; one that cannot be written (locked past the busy timeout, a
        full disk) is left for an index in memory, or with ``in_memory=False`` the error is raised
        (a search would rather read the files than index them all in memory first).
        """
        return self._degrading(lambda: self._refresh(paths, progress, max_bytes), in_memory)

    def forget(self, paths: Sequence[Path]) -> None:
        """Drop the rows of the files under ``paths`` (a file's own, a folder's files), so that the next
        refresh indexes them again (``reader index --rebuild PATH``). Raises sqlite3.Error when the
        index file cannot be written (a corrupt one is rebuilt: then there is nothing left to forget).
        """
        def drop() -> None:
            db = self.connection
            with transaction(db):
                _bump(db)
                for path in paths:
                    key = os.path.abspath(path)
                    for (file_id,) in db.execute("SELECT id FROM files WHERE path = ? OR dir = ?", (key, key)).fetchall():
                        delete_file(db, file_id)
                    db.execute("DELETE FROM meta WHERE key = ?", (f"folder:{key}",))

        self._degrading(drop, in_memory=False)

    def _degrading(self, write: Callable[[], _T], in_memory: bool = True) -> _T:
        """Make a write to the index: the one place a write that fails is handled (every write goes through here).

        A corrupt file is rebuilt and the write made again. One that cannot be written (read-only,
        locked past the busy timeout, a full disk) is given up, said once, for an index in memory
        where the write is made again; or with ``in_memory=False`` the error is raised. A write that
        collides with another process's (both indexing a file that had no row when they looked) is
        made again, with what that process wrote in sight, for as long as it goes on writing.
        """
        collided = None
        while True:
            try:
                return write()
            except sqlite3.IntegrityError as error:
                now = _generation(self.connection)
                if now != collided:  # another process wrote since this one looked (or since the last collision)
                    collided = now
                    continue
                failed = error
            except sqlite3.DatabaseError as error:
                failed = error
            if not (in_memory or is_corrupt(failed)) or not self._recover(failed):
                raise failed
            return write()

    def _recover(self, error: sqlite3.DatabaseError) -> bool:
        """After an error mid-use: a corrupt file is rebuilt, a full or read-only one left for memory."""
        if self.path is None:
            return False
        if is_corrupt(error):
            self.notice(f"the library index {self.path} was unreadable ({error}); rebuilding it")
            self.connection.close()
            remove_files(self.path)
            try:
                self.connection = connect(self.path)
                self.__init__(self.connection, self.path, self.notice)  # type: ignore[misc]
                return True
            except (OSError, sqlite3.DatabaseError) as again:
                error = again  # type: ignore[assignment]
        why = _unusable(self.path.parent, error)
        self.notice(f"{why}; working without it (slower)")
        self.connection.close()
        self.path = None
        self.connection = connect(":memory:")
        self.__init__(self.connection, None, self.notice)  # type: ignore[misc]
        self.unusable = why
        return True

    def _refresh(self, paths: Sequence[Path], progress: Progress | None, max_bytes: int | None) -> Refresh:
        started = time.perf_counter()
        db = self.connection
        before = _generation(db)
        result, roots, todo, gone, fingerprints = scan_roots(db, paths, VERSION)
        mine = 0
        if gone:
            with transaction(db):
                _bump(db)
                mine += 1
                for file_id in gone:
                    delete_file(db, file_id)
            result.removed = len(gone)
        if todo:
            from reader.load.bulk import collector_paused  # only when a file is read: a search of an unchanged library reads none

            with collector_paused():
                for start in range(0, len(todo), BATCH):
                    with transaction(db):
                        _bump(db)
                        mine += 1
                        texts: list[tuple[int, str]] = []
                        for done, (key, stamp, row) in enumerate(todo[start:start + BATCH], start + 1):
                            loaded = self._index_file(key, stamp, row, max_bytes, texts)[1]
                            result.broken += not loaded
                            result.added += row is None
                            result.updated += row is not None
                            if progress is not None:
                                progress(done, len(todo))
                        _insert_texts(db, texts)
        if fingerprints:  # recorded once their folders' changes are in: until then a folder is compared file by file
            with transaction(db):
                if _generation(db) != before + mine:
                    # another process wrote meanwhile: what it wrote may be older than this scan (compared file by file next time)
                    fingerprints = {key: None for key in fingerprints}
                db.executemany("DELETE FROM meta WHERE key = ?", ((key,) for key, value in fingerprints.items() if value is None))
                db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", ((k, v) for k, v in fingerprints.items() if v is not None))
        # a temporary table: no lock on the shared file, so a refresh that changed nothing writes nothing there
        db.execute("DELETE FROM roots")
        db.executemany("INSERT INTO roots VALUES (?, ?, ?, ?, ?)", roots)
        result.seconds = time.perf_counter() - started
        return result

    def _index_file(self, key: str, stamp: Stamp | None, row: tuple | None, max_bytes: int | None,
                    texts: list[tuple[int, str]]) -> tuple[int, bool]:
        """Read and index one file (stamped before it is read, so a change made meanwhile shows next time);
        its text table row is added to ``texts`` (see :meth:`_write`)."""
        import hashlib  # indexing only: a search of an unchanged library builds nothing

        from reader.load.build import build_article_lean
        from reader.load.yamlsource import parse, read_text

        db = self.connection
        record: Record | None = None
        problems: Sequence[Problem] = []
        digest = None
        try:
            text = read_text(Path(key), max_bytes)
            digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
            if row is not None and row[6] == VERSION and row[7] == digest and row[8]:
                # touched, not changed: only the stamp is new
                db.execute("UPDATE files SET mtime_ns=?, ctime_ns=?, size=?, dev=?, ino=? WHERE id=?", (*(stamp or (None,) * 5), row[0]))
                return row[0], True
            # built once: the record (folded text, entities, the stored article) all come from this one article
            record = record_of(*build_article_lean(parse(text, key, collect=True), key))
        except ProblemsError as error:
            problems = error.problems
        except RecursionError:
            problems = [Problem(key, 0, 0, "too deeply nested to read")]
        return self._write(key, stamp, digest, record, problems, new=row is None, texts=texts), record is not None

    def store(self, path: Path, stamp: Stamp | None, article: Article | None, problems: Sequence[Problem] = ()) -> None:
        """Record a file read elsewhere (``reader check --changed``), with its stamp taken before it was read
        (in memory when the index file cannot be written: :meth:`_degrading`)."""
        self._degrading(lambda: self._store(path, stamp, article, problems))

    def _store(self, path: Path, stamp: Stamp | None, article: Article | None, problems: Sequence[Problem]) -> None:
        with transaction(self.connection):
            _bump(self.connection)
            texts: list[tuple[int, str]] = []
            self._write(os.path.abspath(path), stamp, None, record_of(article) if article is not None else None, problems, texts=texts)
            _insert_texts(self.connection, texts)

    def _write(self, key: str, stamp: Stamp | None, digest: str | None, record: Record | None, problems: Sequence[Problem],
               *, new: bool = False, texts: list[tuple[int, str]]) -> int:
        """Insert or replace one file's rows but its text; its id (kept across updates, so the scope stays valid).

        ``new``: the file had no row, so there is nothing of it to delete first. Its text table row
        is added to ``texts``, which the caller inserts after the other rows of its transaction
        (:func:`_insert_texts`).
        """
        import json  # writing only: a search of an unchanged library writes nothing

        db = self.connection
        summary = record.summary if record is not None else (None,) * len(Summary._fields)
        values = (
            key, os.path.dirname(key), *(stamp or (None,) * 5), digest, VERSION, record is not None,
            json.dumps([(p.line, p.column, p.message) for p in problems], ensure_ascii=False) if problems else "[]", *summary,
            *((record.title_key, record.source_key, record.built) if record else (None,) * 3),
        )
        file_id = db.execute(_UPSERT, values).fetchone()[0]
        if not new:
            delete_file(db, file_id, keep_file=True)
        if record is not None:
            db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?)", ((file_id, *e) for e in record.entities))
            db.executemany("INSERT INTO figures VALUES (?, ?, ?, ?)", ((file_id, *f) for f in record.figures))
            db.executemany("INSERT INTO dates VALUES (?, ?, ?)", ((file_id, *d) for d in record.dates))
            texts.append((file_id, record.body))
        return file_id


def _generation(db: sqlite3.Connection) -> int:
    """How many write transactions the index has seen (a refresh records fingerprints only when all since its scan were its own)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(row[0]) if row else 0


def _insert_texts(db: sqlite3.Connection, texts: list[tuple[int, str]]) -> None:
    """Insert files' text table rows (inside a transaction), after the transaction's other statements.

    FTS5 keeps a transaction's new terms in memory and writes them out as one segment at the
    commit, or whenever a statement opens a savepoint, as the files row's upsert does (ON
    CONFLICT ... RETURNING): inserted between upserts, each file's terms were a segment of their
    own, merged again and again (a cold build's SQLite writes: 0.44 -> 0.16 ms of CPU per article at 10,000).
    """
    db.executemany("INSERT INTO body(rowid, text) VALUES (?, ?)", texts)


def _bump(db: sqlite3.Connection) -> None:
    """Count one more write transaction (inside it)."""
    db.execute("INSERT INTO meta VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")


def remove_index(path: Path) -> None:
    """Delete the index file and its WAL companions (a rebuild starts from nothing)."""
    remove_files(path)


def open_index(path: Path | None = None, notice: Callable[[str], None] = _stderr) -> Index:
    """The index at ``path`` (default :func:`index_path`), rebuilt when unreadable; in memory when it cannot be used."""
    path = path or index_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return Index(connect(path), path, notice)
        except sqlite3.DatabaseError as error:
            if not is_corrupt(error):
                raise
            notice(f"the library index {path} was unreadable ({error}); rebuilding it")
            remove_files(path)
            return Index(connect(path), path, notice)
    except (OSError, sqlite3.DatabaseError) as error:
        why = _unusable(path.parent, getattr(error, "strerror", None) or error)
        notice(f"{why}; working without it (slower)")
    index = Index(connect(":memory:"), None, notice)
    index.unusable = why
    return index
