"""The library index's reads: the files in scope, listed, narrowed for a query, their stored articles, suggestions, status.

:class:`reader.library.index.Index` is these reads on top of its writes (a refresh brings the files in
scope up to date; these only read what it wrote)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from reader.library.database import SORTS, VERSION, conditions, fts_match
from reader.library.records import NOT_LOADED, Summary, loose, pieces, starts_word, stored_article
from reader.library.rows import Candidate, Row
from reader.load.files import file_stamp
from reader.model.article import Article
from reader.search.query import Query

if TYPE_CHECKING:
    from reader.library.filters import LibraryFilter

_LISTED = ", ".join(f"coalesce(f.{name}, {value!r})" for name, value in zip(Summary._fields, NOT_LOADED))
"""A file's summary as the picker lists it (that of a file that did not load: empty)."""
_SCOPE = (
    "WITH s AS (SELECT r.ord AS ord, f.id AS id, f.path AS key, r.prefix || substr(f.path, r.skip) AS shown"
    " FROM roots r JOIN files f ON f.dir = r.dir"
    " UNION ALL SELECT r.ord, f.id, f.path, r.prefix FROM roots r JOIN files f ON f.path = r.path)"
)
"""The files in scope: each root's own row or its folder's rows, shown under the path as given."""


class IndexReads:
    """What the index answers about the files in scope (the ``roots`` table a refresh fills)."""

    connection: sqlite3.Connection
    path: Path | None

    def count(self) -> int:
        """How many article files are in scope (loaded or not)."""
        return self.connection.execute(f"{_SCOPE} SELECT count(*) FROM s").fetchone()[0]

    def list(self, filter_text: str | LibraryFilter = "", sort: str = "date") -> list[Row]:
        """The files in scope that the filter keeps, in the order asked (date, source or title).

        Raises FilterError for a filter that cannot be applied (with its position).
        """
        from reader.library.filters import parse_filter  # the picker's: a search starts without it

        wanted = parse_filter(filter_text) if isinstance(filter_text, str) else filter_text
        where, params = conditions(wanted)
        sql = (
            f"{_SCOPE} SELECT s.shown, f.loaded, f.problems, {_LISTED}"
            f" FROM s JOIN files f ON f.id = s.id WHERE {' AND '.join(where) or '1'} ORDER BY {SORTS[sort]}"
        )
        return list(map(Row._make, self.connection.execute(sql, params)))

    def candidates(self, query: Query) -> Iterator[Candidate]:
        """Every file in scope in order (a stream), with whether it may match the query (the index narrows, never decides).

        Free text and text filters are narrowed by the query's letter and digit runs; a regular
        expression or a date or figure comparison narrows nothing (every loaded file may match).
        Each root is read in its own index order: no sort, nothing held per file.
        """
        narrow = pieces(_text_of(query)) if query.pattern is not None and query.needle else []
        may = "f.loaded AND f.id IN (SELECT rowid FROM body WHERE body MATCH ?)" if narrow else "f.loaded"
        match = (" AND ".join(fts_match(p) for p in narrow),) if narrow else ()
        columns = f"f.loaded, {may}, coalesce(f.article_id, ''), f.id"
        db = self.connection
        roots = db.execute("SELECT dir, skip, path, prefix FROM roots ORDER BY ord").fetchall()
        for folder, skip, path, prefix in roots:
            # each row made in SQLite and read as it comes: no Python per row but the candidate itself
            if folder is None:
                rows = db.execute(f"SELECT ?, {columns} FROM files f WHERE f.path = ?", (prefix, *match, path))
            else:
                rows = db.execute(f"SELECT ? || substr(f.path, ?), {columns} FROM files f WHERE f.dir = ? ORDER BY f.path",
                                  (prefix, skip, *match, folder))
            yield from map(Candidate._make, rows)

    def stored(self, file_id: int, shown: str) -> Article | None:
        """The article a file (a candidate's ``file_id``) built into when it was indexed, as read from ``shown``;
        None when it did not load, its copy is unreadable or the index cannot be read now (a cache: the caller reads
        the file). A search reads its candidates from here rather than parse YAML again.
        """
        try:
            row = self.connection.execute("SELECT built FROM files WHERE id = ? AND loaded", (file_id,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None or row[0] is None:
            return None
        try:
            return stored_article(row[0], shown)
        except ValueError:
            return None

    def suggest(self, prefix: str, kind: str | None = None, limit: int = 10) -> list[tuple[str, str, int]]:
        """Entity names (folded) in scope that start with the folded prefix, most articles first: (type, name, articles)."""
        key = loose(prefix).strip()
        if not key:
            return []
        rows = self.connection.execute(
            f"{_SCOPE} SELECT e.type, e.keys, count(DISTINCT e.file_id) AS n FROM entities e JOIN s ON s.id = e.file_id"
            " WHERE (? IS NULL OR e.type = ?) AND starts_word(e.keys, ?) GROUP BY e.type, e.keys ORDER BY n DESC, e.keys LIMIT ?",
            (kind, kind, key, limit * 4),
        )
        out: dict[tuple[str, str], int] = {}
        for etype, keys, n in rows:
            name = next((k for k in keys.split("\n") if starts_word(k, key)), keys.split("\n")[0])
            out[(etype, name)] = out.get((etype, name), 0) + n
        return sorted(((t, name, n) for (t, name), n in out.items()), key=lambda r: (-r[2], r[1]))[:limit]

    def passed(self, path: Path) -> bool:
        """True when the file loaded when last indexed with this reader and has not changed since."""
        key = os.path.abspath(path)
        row = self.connection.execute(
            "SELECT mtime_ns, ctime_ns, size, dev, ino FROM files WHERE path = ? AND loaded AND version = ?", (key, VERSION)).fetchone()
        return row is not None and tuple(row) == file_stamp(key)

    def status(self) -> dict[str, object]:
        """What the index holds: files, loaded, broken, entities, bytes on disk."""
        db = self.connection
        files, loaded = db.execute("SELECT count(*), coalesce(sum(loaded), 0) FROM files").fetchone()
        size = 0
        if self.path is not None:
            for suffix in ("", "-wal", "-shm"):
                try:
                    size += os.path.getsize(f"{self.path}{suffix}")
                except OSError:
                    pass
        return {
            "path": str(self.path) if self.path else "(in memory)", "files": files, "loaded": loaded, "broken": files - loaded,
            "folders": db.execute("SELECT count(DISTINCT dir) FROM files").fetchone()[0],
            "entities": db.execute("SELECT count(*) FROM entities").fetchone()[0], "bytes": size, "version": VERSION,
        }


def _text_of(query: Query) -> str:
    """The text part of a query as typed (after a filter's ``kind:``)."""
    if query.kind is None:
        return query.source
    return query.source.split(":", 1)[1]
