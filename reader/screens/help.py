"""The help screen: every key of the reader, generated from the bindings themselves; and the two-column layout it shares with the error screen."""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.css.styles import RulesMap
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Static

Row = tuple[Content, Content | None]
"""A row of `HangingColumns`: (left, right), or (line, None) for a line across both columns."""

KEY_NAMES = {"enter": "enter"}
"""Keys spelled as words, as the README and the help's own extra rows do, rather than Textual's symbols (⏎)."""


def key_display(key: str) -> str:
    """One key as the help shows it: modifiers spelled out (`ctrl+b`, never `^b`), the key by its symbol (`?`, `↓`, `pgdn`)."""
    modifiers, name = Binding(key.strip(), "").parse_key()
    return "+".join([*modifiers, KEY_NAMES.get(name) or format_key(name)])


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

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        widths = [left.cell_length if right is None else self.indent(container_width) + left.cell_length + self.gap + right.cell_length
                  for left, right in self.rows]
        return max(widths, default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width))


class HelpScreen(ModalScreen[None]):
    """Lists the key bindings by group; Esc, q or ? closes it; arrows and pages scroll it."""

    DEFAULT_CSS = """
    HelpScreen #help-box {
        width: 72;
        max-width: 100%;
        height: 80%;
        background: $surface;
        border: round $accent;
        padding: 0 1;
    }
    /* Small terminals: the help takes the whole screen, no border or margins. */
    HelpScreen.-help-thin #help-box, HelpScreen.-help-short #help-box {
        width: 100%;
        height: 100%;
        border: none;
        padding: 0;
    }
    HelpScreen #help-title {
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    HelpScreen #help-scroll {
        height: 1fr;
        scrollbar-size-vertical: 1;
        background: $surface;
    }
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-help-thin"), (76, "-help-roomy")]
    """Below 76 columns the box would leave no margin: it takes the whole screen instead."""
    VERTICAL_BREAKPOINTS = [(0, "-help-short"), (20, "-help-tall")]
    """Below 20 rows likewise."""
    AUTO_FOCUS = "#help-scroll"
    """The list has the keyboard, so ↑ ↓ pgup pgdn home end scroll it."""
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    def __init__(self, groups: Iterable[tuple[str, Iterable[Binding]]], extra: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__()
        self.groups = [(title, list(bindings)) for title, bindings in groups]
        self.extra = list(extra)

    def _keys(self, binding: Binding) -> str:
        return " ".join(dict.fromkeys(key_display(k) for k in binding.key.split(",")))

    def _rows(self, bindings: list[Binding]) -> list[tuple[str, str]]:
        """(keys, description) rows; a run of digit keys numbered alike becomes one row (1–9)."""
        rows: list[tuple[str, str]] = []
        run: list[Binding] = []

        def flush() -> None:
            if len(run) > 2:
                rows.append((f"{run[0].key}–{run[-1].key}", run[0].description.replace(run[0].key, "N")))
            else:
                rows.extend((self._keys(b), b.description) for b in run)
            run.clear()

        for binding in bindings:
            numbered = binding.key.isdigit() and binding.description.endswith(binding.key)
            if numbered and run and int(binding.key) == int(run[-1].key) + 1:
                run.append(binding)
                continue
            flush()
            if numbered:
                run.append(binding)
            else:
                rows.append((self._keys(binding), binding.description))
        flush()
        return rows

    def table(self) -> HangingColumns:
        """Every group's keys and descriptions; the key column narrows with the width."""
        sections = [(title, self._rows(bindings)) for title, bindings in self.groups]
        if self.extra:
            sections.append(("More", self.extra))
        rows: list[Row] = []
        for title, pairs in sections:
            if rows:
                rows.append((Content(""), None))
            rows.append((Content.styled(title, "bold"), None))
            rows += [(Content.styled(keys, "$accent"), Content(description)) for keys, description in pairs]
        longest = max((len(keys) for _, pairs in sections for keys, _ in pairs), default=0)
        return HangingColumns(rows, left_width=lambda width: min(longest, max(6, width // 3)),
                              indent=lambda width: 2 if width >= 60 else 0, gap=2)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(Content.assemble(("Keys", "bold $accent"), ("  ↑↓ scroll · esc closes", "$text-muted")), id="help-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(self.table(), id="help-text")
