"""The error screen: an article's located problems, shown instead of a crash."""

from __future__ import annotations

from pathlib import PurePath
from typing import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from reader.model.problems import Problem
from reader.text.safe import label
from reader.ui.widgets.columns import HangingColumns, Row
from reader.ui.widgets.footer import KeysFooter


def plural(count: int, noun: str) -> str:
    """`1 problem`, `3 problems`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


class ErrorScreen(Screen[None]):
    """Lists the problems of a file that could not be opened; Esc goes back; arrows and pages scroll."""

    HORIZONTAL_BREAKPOINTS = [(0, "-errors-thin"), (60, "-errors-roomy")]
    """Below 60 columns the margins go."""
    VERTICAL_BREAKPOINTS = [(0, "-errors-short"), (16, "-errors-tall")]
    """Below 16 rows likewise."""
    AUTO_FOCUS = "#error-scroll"
    """The list has the keyboard, so ↑ ↓ pgup pgdn home end scroll it."""
    BINDINGS = [
        Binding("escape,q", "close", "Back", id="errors.back"),
        # a broken file met on the way through the picker's list: J / K go on walking it (the app's keys, shown here)
        Binding("J", "walk(1)", "Next article", id="errors.next_article"),
        Binding("K", "walk(-1)", "Previous article", id="errors.previous_article"),
    ]

    def __init__(self, path: str, problems: Sequence[Problem], *, can_go_back: bool, in_list: bool = False) -> None:
        super().__init__()
        self.path = path
        """The file that could not be opened (J / K find its row in the picker's list by it)."""
        self.problems = list(problems)
        self.can_go_back = can_go_back
        self.in_list = in_list
        """Opened from the picker's list: J / K move on to the next / previous row's file."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # J / K only with a list to walk (the footer names them only then)
        if action == "walk":
            return self.in_list
        return True

    class Walk(Message):
        """J / K: the app opens the next / previous file of the picker's list after this one."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def action_walk(self, step: int) -> None:
        self.post_message(self.Walk(step))

    def table(self) -> HangingColumns:
        """The file, then each problem: its line:column, and its message wrapped under itself."""
        count = len(self.problems)
        where = [f"{p.line}:{p.column}" if p.line else "file" for p in self.problems]
        width = max(map(len, where), default=0)
        name = PurePath(self.path).name or self.path
        rows: list[Row] = [
            (Content.assemble((f"{label(name)} could not be opened", "bold $error"),
                              (f": {plural(count, 'problem')}", "$text-muted")), None),
            (Content(""), None),
        ]
        rows += [(Content.styled(f"{w:>{width}}", "$accent"), Content(label(p.message)))
                 for w, p in zip(where, self.problems)]
        rows += [(Content(""), None),
                 (Content.styled(f"Fix {'it' if count == 1 else 'them'} and open the file again (`reader check` shows the same list).",
                                 "$text-muted"), None),
                 (Content.styled(f"File: {label(self.path)}", "$text-muted"), None)]
        return HangingColumns(rows, left_width=lambda _: width, gap=2)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="error-scroll"):
            yield Static(self.table(), id="error-text")
        yield KeysFooter()

    def action_close(self) -> None:
        if self.can_go_back:
            self.dismiss(None)
        else:
            self.app.exit(1)
