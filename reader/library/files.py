"""Finding article files: files and folders given on the command line -> the article files they hold."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, Sequence

from reader.load.files import Stamp
from reader.model.problems import Problem

ARTICLE_SUFFIXES = (".yaml", ".yml")
"""What an article file's name ends with."""


def article_names(folder: Path) -> list[str]:
    """The names of a folder's article files (not hidden), sorted; raises OSError when it cannot be listed.

    Sorted as strings (as paths of one folder sort, but without making a Path per file: a folder
    may hold 100,000).
    """
    return sorted(name for name in os.listdir(folder) if name.endswith(ARTICLE_SUFFIXES) and not name.startswith("."))


def scan_folder(folder: Path | str) -> Iterator[tuple[str, Stamp | None]]:
    """A folder's article files (not hidden) with their stamps, in the folder's own order; no file is opened.

    One ``os.scandir`` pass, streamed (a folder may hold 100,000 names: none is kept here). The
    stamp follows a symlink, as reading the file would; None when the file cannot be looked at
    (a broken link or a loop: reading it says why). Raises OSError when the folder cannot be listed.
    """
    with os.scandir(folder) as listing:
        for entry in listing:
            name = entry.name
            if name.endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                try:
                    info = entry.stat()
                except (OSError, ValueError):
                    yield name, None
                    continue
                yield name, (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_dev, info.st_ino)


def list_path(path: Path) -> tuple[list[str] | None, list[Problem]]:
    """One path given: (names of its article files if it is a folder, else None; problems).

    A file (or a symlink, even a broken one: reading it says why) is itself; a folder that cannot
    be listed or holds no article, and a path that does not exist, are problems.
    """
    if path.is_dir():
        try:
            names = article_names(path)
        except OSError as error:
            return [], [Problem(str(path), 0, 0, f"cannot list folder: {error.strerror or error}")]
        return names, [] if names else [Problem(str(path), 0, 0, "folder holds no article (*.yaml)")]
    if path.exists() or path.is_symlink():
        return None, []
    return [], [Problem(str(path), 0, 0, "no such file or folder")]


def find_articles(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders into article files (sorted), with a problem per bad path."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        names, found = list_path(path)
        problems += found
        files += [path] if names is None else [path / name for name in names]
    return files, problems
