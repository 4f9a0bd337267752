"""Finding article files: files and folders given on the command line -> the article files they hold."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from reader.model.problems import Problem

ARTICLE_SUFFIXES = (".yaml", ".yml")
"""What an article file's name ends with."""


def find_articles(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders into article files (sorted), with a problem per bad path."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            try:
                found = sorted(p for p in path.iterdir() if p.suffix in ARTICLE_SUFFIXES and not p.name.startswith("."))
            except OSError as error:
                problems.append(Problem(str(path), 0, 0, f"cannot list folder: {error.strerror or error}"))
                continue
            if not found:
                problems.append(Problem(str(path), 0, 0, "folder holds no article (*.yaml)"))
            files.extend(found)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(Problem(str(path), 0, 0, "no such file or folder"))
    return files, problems
