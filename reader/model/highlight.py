"""A range to paint over an article's text: a search match, the current match, the mention at hand."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Highlight:
    """A range to paint over the text (search match or current mention), in original offsets."""

    section: int
    paragraph: int
    start: int
    end: int
    kind: str
    """'match', 'current' or 'focus'."""
