"""The search results list: every match with its section heading and a one-line snippet; Enter jumps."""

from __future__ import annotations

from typing import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.model import Article
from reader.safetext import visible
from reader.search_ui import Found

LIMIT = 2000
"""At most this many matches are listed (a one-letter query can find tens of thousands)."""


def _flat(text: str) -> str:
    """One line of safe text: runs of whitespace become one space, controls become escapes."""
    return visible(" ".join(text.split()), newlines=False)


def snippet(text: str, start: int, end: int, before: int = 32, after: int = 80) -> Content:
    """A one-line excerpt around text[start:end], the match styled; article text is never markup."""
    left = max(0, start - before)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    right = min(len(text), end + after)
    return Content.assemble(
        ("…" if left > 0 else "", "$text-muted"),
        _flat(text[left:start]) + (" " if text[left:start][-1:].isspace() else ""),
        (_flat(text[start:end]), "bold $text on $search-current"),
        (" " if text[end:end + 1].isspace() else "") + _flat(text[end:right]),
        ("…" if right < len(text) else "", "$text-muted"),
    )


class ResultsScreen(ModalScreen["Found | None"]):
    """Every match of the search; Enter jumps to the highlighted one, Esc closes the list."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close the results list", id="results.close"),
    ]

    def __init__(self, title: Content, found: Sequence[Found], here: Article, selected: int = 0) -> None:
        super().__init__()
        self.heading = title
        self.found = list(found[:LIMIT])
        self.more = max(0, len(found) - LIMIT)
        self.here = here
        self.selected = selected

    def _prompt(self, found: Found) -> Content:
        article, m = found.article, found.match
        section = article.sections[m.section]
        head: list[tuple[str, str] | str] = []
        if article is not self.here:
            head.append((_flat(article.title), "bold $accent"))
            head.append((" · ", "$text-muted"))
        head.append((f"§ {m.section + 1} ", "$text-muted"))
        head.append((_flat(section.heading), "bold"))
        text = section.paragraphs[m.paragraph].text
        return Content.assemble(*head, "\n  ", snippet(text, m.start, m.end))

    def compose(self) -> ComposeResult:
        options: list[Option] = [Option(self._prompt(f), id=f"match-{i}") for i, f in enumerate(self.found)]
        if self.more:
            options.append(Option(Content.styled(f"… and {self.more} more (narrow the search)", "$text-muted"), disabled=True))
        with Vertical(id="results-body"):
            yield Label(self.heading, id="results-title")
            yield OptionList(*options, id="results-list")
            yield Label(Content.styled("Enter: go to the match · Esc: close", "$text-muted"), id="results-hint")

    def on_mount(self) -> None:
        results = self.query_one("#results-list", OptionList)
        if self.found:
            results.highlighted = min(self.selected, len(self.found) - 1)
        results.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("match-"):
            self.dismiss(self.found[int(option_id.removeprefix("match-"))])
