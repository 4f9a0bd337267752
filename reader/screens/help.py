"""The help screen: every key of the reader, generated from the bindings themselves."""

from __future__ import annotations

from typing import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


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

    def compose(self) -> ComposeResult:
        parts: list[Content | tuple[str, str] | str] = [("Keys\n", "bold $accent")]
        for title, bindings in self.groups:
            parts.append((f"\n{title}\n", "bold"))
            for keys, description in self._rows(bindings):
                parts += [(f"  {keys:<22}", "$accent"), f"{description}\n"]
        if self.extra:
            parts.append(("\nMore\n", "bold"))
            for keys, description in self.extra:
                parts += [(f"  {keys:<22}", "$accent"), f"{description}\n"]
        parts.append(("\nPress Esc to close.", "$text-muted"))
        with VerticalScroll(id="help-body"):
            yield Static(Content.assemble(*parts), id="help-text")
