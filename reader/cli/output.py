"""What every command prints alike: located problems, counts in words."""

from __future__ import annotations

import sys
from typing import Sequence

from reader.model.problems import Problem
from reader.text.safe import label


def print_problems(problems: Sequence[Problem]) -> None:
    """Print located problems to stderr, one a line, terminal-safe."""
    for problem in problems:
        print(label(str(problem)), file=sys.stderr)


def count(n: int, word: str, plural: str | None = None) -> str:
    """'1 accord', '3 accords', '0 entities'."""
    return f"{n} {word if n == 1 else plural or word + 's'}"
