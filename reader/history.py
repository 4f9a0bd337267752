"""Jump history: back and forward through the places a reader jumped from and to."""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class JumpHistory(Generic[T]):
    """Like a browser's: a jump drops the forward list; back and forward move a cursor."""

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self._places: list[T] = []
        self._index = -1

    def record(self, before: T, after: T) -> None:
        """A jump from one place to another."""
        del self._places[self._index + 1:]
        if not self._places or self._places[-1] != before:
            self._places.append(before)
        if self._places[-1] != after:
            self._places.append(after)
        if len(self._places) > self.limit:
            del self._places[: len(self._places) - self.limit]
        self._index = len(self._places) - 1

    def back(self, here: T) -> T | None:
        """The place before the current one, or None at the start."""
        if self._index >= 0 and self._places[self._index] != here:
            # scrolled away since the last jump: come back here with forward
            del self._places[self._index + 1:]
            self._places.append(here)
            self._index = len(self._places) - 1
        if self._index <= 0:
            return None
        self._index -= 1
        return self._places[self._index]

    def forward(self) -> T | None:
        """The place after the current one, or None at the end."""
        if self._index + 1 >= len(self._places):
            return None
        self._index += 1
        return self._places[self._index]
