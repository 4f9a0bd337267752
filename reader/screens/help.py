"""The help screen: every key of the reader, generated from the bindings themselves."""

from __future__ import annotations

from typing import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

RESERVED = [("/", "Search (coming soon)"), ("n / N", "Next / previous search match (coming soon)")]


class HelpScreen(ModalScreen[None]):
    """Lists the key bindings by group; Esc, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    def __init__(self, groups: Iterable[tuple[str, Iterable[Binding]]], extra: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__()
        self.groups = [(title, list(bindings)) for title, bindings in groups]
        self.extra = list(extra)

    def _keys(self, binding: Binding) -> str:
        keys = [self.app.get_key_display(Binding(k.strip(), "")) for k in binding.key.split(",")]
        return " ".join(dict.fromkeys(keys))

    def compose(self) -> ComposeResult:
        parts: list[Content | tuple[str, str] | str] = [("Keys\n", "bold $accent")]
        for title, bindings in self.groups:
            parts.append((f"\n{title}\n", "bold"))
            for binding in bindings:
                parts += [(f"  {self._keys(binding):<22}", "$accent"), f"{binding.description}\n"]
        if self.extra:
            parts.append(("\nMore\n", "bold"))
            for keys, description in self.extra:
                parts += [(f"  {keys:<22}", "$accent"), f"{description}\n"]
        parts.append(("\nPress Esc to close.", "$text-muted"))
        with VerticalScroll(id="help-body"):
            yield Static(Content.assemble(*parts), id="help-text")
