"""A refresh's stat pass: the files under the paths given against their stored rows, compared in SQLite (no file opened)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Iterator, Sequence

from reader.library.files import scan_folder
from reader.library.rows import Refresh
from reader.load.files import Stamp, file_stamp
from reader.model.problems import Problem

Todo = tuple[str, "Stamp | None", "tuple | None"]
"""A file to index: its path, its stamp taken before reading, and its stored row (id, stamp, version, hash, loaded) if any."""
Root = tuple[int, "str | None", int, "str | None", str]
"""A path given, as the ``roots`` table holds it: (order, folder, where names start in a path, file, shown prefix)."""

_STORED = "f.id, f.mtime_ns, f.ctime_ns, f.size, f.dev, f.ino, f.version, f.hash, f.loaded"
"""A stored row as a file to index carries it."""
_SAME = ("f.mtime_ns = s.mtime_ns AND f.ctime_ns = s.ctime_ns AND f.size = s.size AND f.dev = s.dev AND f.ino = s.ino"
         " AND f.version = ?")
"""A file unchanged since it was indexed by this reader (a file that could not be stat'ed never is: its stamp is NULL)."""


def scan_roots(db: sqlite3.Connection, paths: Sequence[Path], version: str) -> tuple[Refresh, list[Root], list[Todo], list[int]]:
    """Stat every file under the paths: (counts so far, the roots, the files to index in order, the ids of rows gone).

    A folder's names and stamps stream into a temporary table and SQLite compares them with the
    stored rows: Python holds nothing per unchanged file, so memory does not grow with the library.
    """
    db.execute("CREATE TEMP TABLE IF NOT EXISTS seen(path TEXT PRIMARY KEY, mtime_ns, ctime_ns, size, dev, ino) WITHOUT ROWID")
    result = Refresh()
    roots: list[Root] = []
    todo: list[Todo] = []
    gone: list[int] = []
    for order, path in enumerate(paths):
        if path.is_dir():
            folder = os.path.abspath(path)
            _folder(db, result, path, folder, version, todo, gone)
            roots.append((order, folder, len(folder.rstrip("/")) + 2, None, str(path / "_")[:-1]))
        elif path.exists() or path.is_symlink():  # a file (or a broken link: reading it says why)
            key = os.path.abspath(path)
            result.files += 1
            stamp = file_stamp(key)
            row = db.execute(f"SELECT {_STORED} FROM files f WHERE f.path = ?", (key,)).fetchone()
            if row is not None and stamp is not None and tuple(row[1:6]) == stamp and row[6] == version:
                result.unchanged += 1
                result.broken += not row[8]
            else:
                todo.append((key, stamp, tuple(row) if row is not None else None))
            roots.append((order, None, 0, key, str(path)))
        else:
            result.problems.append(Problem(str(path), 0, 0, "no such file or folder"))
            gone += [row[0] for row in db.execute("SELECT id FROM files WHERE path = ?", (os.path.abspath(path),))]
    return result, roots, todo, gone


def _folder(db: sqlite3.Connection, result: Refresh, path: Path, folder: str, version: str, todo: list[Todo], gone: list[int]) -> None:
    """One folder: its files counted, the changed and new ones added to ``todo``, the ids of rows gone from it to ``gone``."""
    db.execute("DELETE FROM seen")
    prefix = os.path.join(folder, "")
    said = len(result.problems)
    try:
        db.executemany("INSERT INTO seen VALUES (?, ?, ?, ?, ?, ?)",
                       ((prefix + name, *(stamp or (None,) * 5)) for name, stamp in _named(scan_folder(folder), path, result)))
    except OSError as error:  # a folder that cannot be listed holds nothing now: its rows go
        db.execute("DELETE FROM seen")
        result.problems.append(Problem(str(path), 0, 0, f"cannot list folder: {error.strerror or error}"))
    files, unchanged, broken = db.execute(
        f"SELECT count(*), count(f.id), coalesce(sum(NOT f.loaded), 0) FROM seen s LEFT JOIN files f ON f.path = s.path AND {_SAME}",
        (version,)).fetchone()
    if not files and len(result.problems) == said:
        result.problems.append(Problem(str(path), 0, 0, "folder holds no article (*.yaml)"))
    result.files += files
    result.unchanged += unchanged
    result.broken += broken
    if unchanged < files:
        todo += [(key, None if mtime is None else (mtime, ctime, size, dev, ino), None if row[0] is None else tuple(row))
                 for key, mtime, ctime, size, dev, ino, *row in db.execute(
                     f"SELECT s.path, s.mtime_ns, s.ctime_ns, s.size, s.dev, s.ino, {_STORED} FROM seen s"
                     f" LEFT JOIN files f ON f.path = s.path WHERE f.id IS NULL OR NOT coalesce({_SAME}, 0) ORDER BY s.path",
                     (version,))]
    gone += [row[0] for row in db.execute(
        "SELECT f.id FROM files f WHERE f.dir = ? AND NOT EXISTS (SELECT 1 FROM seen s WHERE s.path = f.path)", (folder,))]


def _named(found: Iterator[tuple[str, Stamp | None]], folder: Path, result: Refresh) -> Iterator[tuple[str, Stamp | None]]:
    """The names SQLite can store (UTF-8): a file named with other bytes is left out, and said."""
    for name, stamp in found:
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            result.problems.append(Problem(str(folder / name), 0, 0, "file name is not UTF-8: rename it to index it"))
            continue
        yield name, stamp
