"""The article picker: every opened article, newest first, with its date, source and accords."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList
from textual.widgets.option_list import Option

from reader.errors import Problem
from reader.model import Article
from reader.safetext import visible


@dataclass(frozen=True)
class Entry:
    """An article file: loaded, or the problems that kept it from loading."""

    path: str
    article: Article | None = None
    problems: tuple[Problem, ...] = ()


class PickerScreen(Screen[None]):
    """Choose an article; broken files are listed too, and open their error screen."""

    BINDINGS = [Binding("q", "app.quit", "Quit", id="picker.quit")]

    def __init__(self, entries: list[Entry]) -> None:
        super().__init__()
        self.entries = sorted(entries, key=lambda e: (e.article is None, -(int(e.article.published.replace("-", "").ljust(8, "0")) if e.article else 0)))

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(f"{len(self.entries)} articles — Enter opens one", classes="pane-title")
        options = []
        for index, entry in enumerate(self.entries):
            if entry.article is None:
                prompt = Content.assemble((visible(entry.path, newlines=False), "bold $error"), ("\n  could not be opened: ", "$text-muted"),
                                          (f"{len(entry.problems)} problem(s)", "$error"))
            else:
                a = entry.article
                accords = len(a.numbered_accords)
                prompt = Content.assemble(
                    (visible(a.title, newlines=False), "bold"),
                    (f"\n  {a.published} · {visible(a.source.name or a.source.agency, newlines=False)} · {accords} accord{'s' if accords != 1 else ''}", "$text-muted"),
                )
            options.append(Option(prompt, id=f"entry-{index}"))
        yield OptionList(*options, id="picker")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.app.open_entry(self.entries[event.option_index])  # type: ignore[attr-defined]
