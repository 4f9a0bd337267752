"""Located problems: what went wrong in a file, and where."""

from __future__ import annotations

import difflib
from bisect import bisect_left
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file, at a 1-based line and column (0 when unknown)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{self.path}: {self.message}"


class ProblemsError(Exception):
    """Raised when a file cannot be turned into a model; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


MAX_COMPARED = 50
"""Choices a word is compared with for one hint: all of a small set; of a large one, the nearest
in alphabetical order, by the start and by the end (a typo keeps one of the two)."""
MAX_COMPARISONS = 20_000
"""Comparisons one set of choices makes in all; past it, no more hints (2,000 unknown ids among
8,000 entities took 17 s when each was compared with all)."""
MAX_WORD = 200
"""Longer words get no hint (comparing two strings costs the product of their lengths)."""


class Suggestions:
    """'Did you mean' hints against one set of choices, with the work per word and in all bounded."""

    def __init__(self, choices: Iterable[str]) -> None:
        self.choices = sorted({c for c in choices if c and len(c) <= MAX_WORD})
        self.by_end = sorted((c[::-1], c) for c in self.choices)
        self.budget = MAX_COMPARISONS

    def _nearest(self, word: str) -> list[str]:
        """The choices to compare a word with (at most MAX_COMPARED)."""
        if len(self.choices) <= MAX_COMPARED:
            return self.choices
        side = MAX_COMPARED // 4
        at = bisect_left(self.choices, word)
        by_start = self.choices[max(0, at - side):at + side]
        at = bisect_left(self.by_end, (word[::-1],))
        by_end = [c for _, c in self.by_end[max(0, at - side):at + side]]
        return list(dict.fromkeys(by_start + by_end))

    def __call__(self, word: str) -> str:
        """A ' (did you mean X?)' hint for a misspelt key or id, or ''."""
        if not word or len(word) > MAX_WORD or self.budget <= 0:
            return ""
        candidates = self._nearest(word)
        self.budget -= len(candidates)
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
        return f" (did you mean {close[0]!r}?)" if close else ""


def suggest(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean X?)' hint for a misspelt key or id, or '' (for many words against one
    large set, make one :class:`Suggestions` and call it)."""
    return Suggestions(choices)(word)
