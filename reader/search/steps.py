"""The steps a reader asks of a search (Enter, n / N, the results list, a match to show), as data: light to import."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.search.engine import Match


class Step(Enum):
    """A step asked for while a search runs in a worker: taken when its outcome arrives."""

    SUBMIT = "submit"
    """Enter: the first match at or after the top of the view."""
    NEXT = "next"
    PREVIOUS = "previous"
    RESULTS = "results"
    """ctrl+f: list every match."""
    MATCH = "match"
    """Make a given match current (a search carried from another article's results list)."""


@dataclass(frozen=True)
class Pending:
    """A step waiting for the search's outcome, as data (never a callback)."""

    step: Step
    match: Match | None = None
    """The match, for Step.MATCH."""
