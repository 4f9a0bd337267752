"""Located problems: what went wrong in a file, and where."""

from __future__ import annotations

import difflib
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
"""Choices a word is compared with for one hint: those nearest in length, same first letter first."""
MAX_COMPARISONS = 20_000
"""Comparisons one set of choices makes in all; past it, no more hints (2,000 unknown ids among
8,000 entities took 17 s when each was compared with all)."""
MAX_WORD = 200
"""Longer words get no hint (comparing two strings costs the product of their lengths)."""


class Suggestions:
    """'Did you mean' hints against one set of choices, with the work per word and in all bounded."""

    def __init__(self, choices: Iterable[str]) -> None:
        self.by_length: dict[int, dict[str, list[str]]] = {}
        for choice in dict.fromkeys(choices):
            if choice and len(choice) <= MAX_WORD:
                self.by_length.setdefault(len(choice), {}).setdefault(choice[0], []).append(choice)
        self.budget = MAX_COMPARISONS

    def _nearest(self, word: str) -> list[str]:
        """Up to MAX_COMPARED choices close enough in length to reach difflib's 0.6 ratio."""
        n = len(word)
        # ratio = 2*matches/(a+b) >= 0.6 needs the shorter to be at least 3/7 of the longer
        lengths = sorted((k for k in self.by_length if 3 * max(k, n) <= 7 * min(k, n)), key=lambda k: abs(k - n))
        same, other = [], []
        for k in lengths:
            for first, choices in self.by_length[k].items():
                if first == word[0]:
                    same.extend(choices[:MAX_COMPARED])
                elif len(other) < MAX_COMPARED:
                    other.extend(choices[:MAX_COMPARED])
            if len(same) >= MAX_COMPARED:
                break
        return (same + other)[:MAX_COMPARED]

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
