"""Two columns laid out for the width at hand, a wrapped line staying in its own column (help keys, error locations)."""

from __future__ import annotations

from typing import Callable, Sequence

from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

Row = tuple[Content, Content | None]
"""A row of `HangingColumns`: (left, right), or (line, None) for a line across both columns."""


class HangingColumns(Visual):
    """Rows of a left column and a right one laid out for the width at hand: a wrapped line stays in its own column."""

    def __init__(self, rows: Sequence[Row], left_width: Callable[[int], int], *, indent: Callable[[int], int] = lambda width: 0,
                 gap: int = 2) -> None:
        self.rows = list(rows)
        """The rows, in order."""
        self.left_width = left_width
        """The left column's width for a given total width."""
        self.indent = indent
        """The blank cells before the left column, for a given total width."""
        self.gap = gap
        """The blank cells between the columns."""
        self._lines: dict[int, list[Content]] = {}

    def __str__(self) -> str:
        """The plain text, one row a line, nothing wrapped (what tests and searches look in)."""
        return "\n".join(left.plain if right is None else f"{left.plain}  {right.plain}" for left, right in self.rows)

    def lines(self, width: int) -> list[Content]:
        """The screen lines at this width, none wider than it."""
        width = max(width, 1)
        if width in self._lines:
            return self._lines[width]
        indent = min(self.indent(width), width // 4)
        left_width = max(1, min(self.left_width(width), width - indent - self.gap - 1))
        right_width = max(1, width - indent - left_width - self.gap)
        blank = Content("")
        lines: list[Content] = []
        for left, right in self.rows:
            if right is None:
                lines += left.wrap(width) if left else [blank]
                continue
            lefts = left.wrap(left_width) if left else [blank]
            rights = right.wrap(right_width) if right else [blank]
            for n in range(max(len(lefts), len(rights))):
                cell = lefts[n] if n < len(lefts) else blank
                text = rights[n] if n < len(rights) else blank
                lines.append(Content.assemble(" " * indent, cell, " " * (left_width - cell.cell_length + self.gap), text))
        if len(self._lines) > 8:  # a storm of resizes
            self._lines.clear()
        self._lines[width] = lines
        return lines

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        lines = self.lines(width)[:height] if height is not None else self.lines(width)
        return Content("\n").join(lines).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: object, container_width: int) -> int:
        widths = [left.cell_length if right is None else self.indent(container_width) + left.cell_length + self.gap + right.cell_length
                  for left, right in self.rows]
        return max(widths, default=0)

    def get_height(self, rules: object, width: int) -> int:
        return len(self.lines(width))
