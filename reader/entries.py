"""Article files as the app opens them: each loaded, or with the problems that kept it from loading."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from reader.errors import Problem, ProblemsError
from reader.model import Article


@dataclass(frozen=True)
class Entry:
    """An article file: loaded, or the problems that kept it from loading."""

    path: str
    article: Article | None = None
    problems: tuple[Problem, ...] = ()


def load_entries(paths: Sequence[Path]) -> tuple[list[Entry], list[Problem]]:
    """Every article under the paths, loaded or with its problems."""
    from reader.articles import find_articles, load_article

    files, problems = find_articles(paths)
    entries = []
    for path in files:
        try:
            entries.append(Entry(str(path), load_article(path)))
        except ProblemsError as error:
            entries.append(Entry(str(path), problems=tuple(error.problems)))
    return entries, problems
