"""Questions to the library index that only read it: the files whose entities may be one entity (for links across articles)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Iterable, Sequence

_IN_LIBRARY = "(f.dir IN (SELECT value FROM json_each(?)) OR f.path IN (SELECT value FROM json_each(?)))"
"""A file of the library: directly in one of its folders (as a refresh lists them), or one of its files."""


def library_roots(paths: Sequence[Path]) -> tuple[list[str], list[str]]:
    """The library's folders and files, as the index keys them (absolute paths)."""
    folders, files = [], []
    for path in paths:
        (folders if path.is_dir() else files).append(os.path.abspath(path))
    return folders, files


def entity_files(db: sqlite3.Connection, roots: tuple[list[str], list[str]], ids: Iterable[str], keys: Iterable[str],
                 limit: int, leave_out: str = "") -> tuple[list[tuple[str, int]], int]:
    """The library files (path and row id, newest first, at most ``limit``) holding an entity that may be the one asked about,
    and how many there are.

    An entity there may be it when it is known by one of ``ids`` (its id as such or as
    ``article-id/entity-id``, or one of its ``same_as`` ids: either side may say they are one) or
    when one of its names folds to one of ``keys``; files of the article ``leave_out`` (the one
    asked from) are not others. The index narrows: the caller loads the files and decides.
    """
    import json

    ids, keys = sorted(set(ids)), sorted(set(keys))
    if not ids and not keys:
        return [], 0
    sql = (
        "SELECT f.path, f.id FROM files f WHERE f.loaded AND f.article_id IS NOT ? AND " + _IN_LIBRARY + " AND EXISTS (SELECT 1 FROM entities e WHERE e.file_id = f.id AND ("
        " e.eid IN (SELECT value FROM json_each(?)) OR (f.article_id || '/' || e.eid) IN (SELECT value FROM json_each(?))"
        " OR (e.same_as <> '' AND EXISTS (SELECT 1 FROM json_each(?) i"
        " WHERE instr(char(10) || e.same_as || char(10), char(10) || i.value || char(10)) > 0))"
        " OR EXISTS (SELECT 1 FROM json_each(?) k WHERE instr(char(10) || e.keys || char(10), char(10) || k.value || char(10)) > 0)))"
        " ORDER BY f.published DESC, f.title_key"
    )
    params = (leave_out, json.dumps(roots[0]), json.dumps(roots[1]), json.dumps(ids), json.dumps(ids), json.dumps(ids), json.dumps(keys))
    paths = [(row[0], row[1]) for row in db.execute(sql, params)]
    return paths[:limit], len(paths)
