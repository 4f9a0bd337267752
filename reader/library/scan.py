"""A refresh's stat pass: the files under the paths given against their stored rows, compared in SQLite (no file opened)."""

from __future__ import annotations

import os
import sqlite3
import zlib
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


Fingerprints = dict[str, "str | None"]
"""Per folder (its key in the ``meta`` table), what to record once its changes are indexed (None: forget it)."""


def scan_roots(db: sqlite3.Connection, paths: Sequence[Path], version: str
               ) -> tuple[Refresh, list[Root], list[Todo], list[int], Fingerprints]:
    """Stat every file under the paths: (counts so far, the roots, the files to index in order, the ids of rows gone,
    the folders' fingerprints to record after indexing).

    A folder whose fingerprint (its files' names and stamps, summed) is the one recorded when it
    was last indexed has not changed: one pass over its names, nothing compared file by file.
    Otherwise its names and stamps stream into a temporary table and SQLite compares them with
    the stored rows. Either way Python holds nothing per unchanged file, so memory does not grow
    with the library.
    """
    db.execute("CREATE TEMP TABLE IF NOT EXISTS seen(path TEXT PRIMARY KEY, mtime_ns, ctime_ns, size, dev, ino) WITHOUT ROWID")
    result = Refresh()
    roots: list[Root] = []
    todo: list[Todo] = []
    gone: list[int] = []
    fingerprints: Fingerprints = {}
    for order, path in enumerate(paths):
        if path.is_dir():
            folder = os.path.abspath(path)
            if not _unchanged(db, result, path, folder, version):
                fingerprints[f"folder:{folder}"] = _folder(db, result, path, folder, version, todo, gone)
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
    return result, roots, todo, gone, fingerprints


def fingerprint(folder: str) -> tuple[int, int] | None:
    """(article files, a sum of a hash of each one's name and stamp) of a folder, in one pass that opens no file.

    None when a name is not UTF-8 or a file cannot be stat'ed (the full comparison says why).
    Hashes of integers are the same in every process (unlike those of strings): the name is in
    the sum by its CRC-32. Raises OSError when the folder cannot be listed.
    """
    total = files = 0
    crc = zlib.crc32
    for name, stamp in scan_folder(folder):
        if stamp is None:
            return None
        try:
            code = crc(name.encode("utf-8"))
        except UnicodeEncodeError:
            return None
        total += hash((code, *stamp))
        files += 1
    return files, total & 0xFFFF_FFFF_FFFF_FFFF


def _unchanged(db: sqlite3.Connection, result: Refresh, path: Path, folder: str, version: str) -> bool:
    """True (and the folder counted) when its fingerprint is the one recorded and it has as many rows as files."""
    try:
        found = fingerprint(folder)
    except OSError:
        return False
    recorded = db.execute("SELECT value FROM meta WHERE key = ?", (f"folder:{folder}",)).fetchone()
    if found is None or recorded is None or recorded[0] != _value(version, *found):
        return False
    rows, broken = db.execute("SELECT count(*), coalesce(sum(NOT loaded), 0) FROM files WHERE dir = ?", (folder,)).fetchone()
    if rows != found[0]:
        return False
    if not rows:
        result.problems.append(Problem(str(path), 0, 0, "folder holds no article (*.yaml)"))
    result.files += rows
    result.unchanged += rows
    result.broken += broken
    return True


def _value(version: str, files: int, checksum: int) -> str:
    return f"{version} {files} {checksum}"


def _folder(db: sqlite3.Connection, result: Refresh, path: Path, folder: str, version: str, todo: list[Todo],
            gone: list[int]) -> str | None:
    """One folder compared file by file: its files counted, the changed and new ones added to ``todo``, the ids of
    rows gone from it to ``gone``; its fingerprint to record once they are indexed (None when it has none)."""
    db.execute("DELETE FROM seen")
    prefix = os.path.join(folder, "")
    said = len(result.problems)
    sums = [0, 0, True]  # files, checksum, whether every file has a fingerprint
    try:
        db.executemany("INSERT INTO seen VALUES (?, ?, ?, ?, ?, ?)",
                       ((prefix + name, *(stamp or (None,) * 5)) for name, stamp in _named(scan_folder(folder), path, result, sums)))
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
    return _value(version, sums[0], sums[1] & 0xFFFF_FFFF_FFFF_FFFF) if sums[2] and len(result.problems) == said else None


def _named(found: Iterator[tuple[str, Stamp | None]], folder: Path, result: Refresh, sums: list) -> Iterator[tuple[str, Stamp | None]]:
    """The names SQLite can store (UTF-8): a file named with other bytes is left out, and said. Sums their fingerprint."""
    for name, stamp in found:
        try:
            code = zlib.crc32(name.encode("utf-8"))
        except UnicodeEncodeError:
            result.problems.append(Problem(str(folder / name), 0, 0, "file name is not UTF-8: rename it to index it"))
            continue
        if stamp is None:
            sums[2] = False
        else:
            sums[0] += 1
            sums[1] += hash((code, *stamp))
        yield name, stamp
