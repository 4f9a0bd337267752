"""The error screen: an article's located problems, shown instead of a crash."""

from __future__ import annotations

from typing import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.errors import Problem
from reader.safetext import visible


class ErrorScreen(Screen[None]):
    """Lists the problems of a file that could not be opened; Esc goes back."""

    BINDINGS = [Binding("escape,q", "close", "Back", id="errors.back")]

    def __init__(self, path: str, problems: Sequence[Problem], *, can_go_back: bool) -> None:
        super().__init__()
        self.path = path
        self.problems = list(problems)
        self.can_go_back = can_go_back

    def compose(self) -> ComposeResult:
        count = len(self.problems)
        parts: list[Content | tuple[str, str] | str] = [
            (f"{visible(self.path, newlines=False)} could not be opened\n", "bold $error"),
            (f"{count} problem{'s' if count != 1 else ''}; fix {'them' if count != 1 else 'it'} and open the file again (`reader check` shows the same list).\n\n", "$text-muted"),
        ]
        for problem in self.problems:
            where = f"{problem.line}:{problem.column}" if problem.line else "file"
            parts += [(f"{where:>9}  ", "$accent"), visible(problem.message, newlines=False) + "\n"]
        with VerticalScroll(id="error-body"):
            yield Static(Content.assemble(*parts), id="error-text")
        yield Footer()

    def action_close(self) -> None:
        if self.can_go_back:
            self.dismiss(None)
        else:
            self.app.exit(1)
