"""Jump history: back and forward through the places a reader jumped from and to."""

from __future__ import annotations

import operator
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


class JumpHistory(Generic[T]):
    """Like a browser's: a jump drops the forward list; back and forward move a cursor.

    ``same`` says when two places show the same thing (the reader's: the same row at the
    current width); back and forward never stop on a place that looks like where you are."""

    def __init__(self, limit: int = 200, same: Callable[[T, T], bool] = operator.eq) -> None:
        self.limit = limit
        self.same = same
        self._places: list[T] = []
        self._index = -1

    def record(self, before: T, after: T) -> None:
        """A jump from one place to another."""
        del self._places[self._index + 1:]
        if not self._places or not self.same(self._places[-1], before):
            self._places.append(before)
        if not self.same(self._places[-1], after):
            self._places.append(after)
        if len(self._places) > self.limit:
            del self._places[: len(self._places) - self.limit]
        self._index = len(self._places) - 1

    def back(self, here: T) -> T | None:
        """The place before the current one that does not look like here, or None at the start."""
        if self._index >= 0 and not self.same(self._places[self._index], here):
            # scrolled away since the last jump: come back here with forward
            del self._places[self._index + 1:]
            self._places.append(here)
            self._index = len(self._places) - 1
        index = self._index
        while index > 0:
            index -= 1
            if not self.same(self._places[index], here):
                self._index = index
                return self._places[index]
        return None

    def forward(self, here: T | None = None) -> T | None:
        """The place after the current one that does not look like here, or None at the end."""
        index = self._index
        while index + 1 < len(self._places):
            index += 1
            if here is None or not self.same(self._places[index], here):
                self._index = index
                return self._places[index]
        return None
