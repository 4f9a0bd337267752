"""What the library index answers: a row per article file for the picker, a candidate per file for search, a refresh's counts."""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from reader.library.records import Summary
from reader.model.problems import Problem


class Row(namedtuple("Row", ("shown", "loaded", "stored_problems", *Summary._fields))):
    """One article file as the picker lists it, from the index alone (no article loaded).

    ``shown``: the file's path as found under the paths given (what to open); ``loaded``: 1 when
    the file loaded, 0 when it did not (see ``problems``); then the fields of
    :class:`~reader.library.records.Summary` (one definition: the index's columns, this row's
    fields). A named tuple: a library lists 100,000 of them; ``path`` and ``problems`` are made when asked.
    """

    __slots__ = ()

    @property
    def path(self) -> Path:
        return Path(self.shown)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """What kept the file from loading, located in it."""
        return _problems(self.shown, self.stored_problems)


@dataclass
class Refresh:
    """What one refresh found and did."""

    files: int = 0
    """How many article files are in scope."""
    problems: list[Problem] = field(default_factory=list)
    """Paths that could not be listed (as find_articles reports them)."""
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    broken: int = 0
    """Files in scope that did not load."""
    seconds: float = 0.0


class Candidate(NamedTuple):
    """A file in scope as a search sees it: whether it may match (the index narrows, the matcher decides)."""

    shown: str
    loaded: int
    may_match: int
    article_id: str
    file_id: int = 0
    """The file's row in the index (:meth:`~reader.library.index.Index.stored` reads its built article)."""

    @property
    def path(self) -> Path:
        return Path(self.shown)


def _problems(shown: str, stored: str) -> tuple[Problem, ...]:
    import json  # only when a broken file's problems are shown

    return tuple(Problem(shown, line, column, message) for line, column, message in json.loads(stored))
