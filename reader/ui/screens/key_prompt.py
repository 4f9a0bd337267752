"""A one-line prompt that waits for one key (the letter after `m` or `'`), then closes with it."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Label


class KeyPrompt(ModalScreen[str | None]):
    """Shows what the next key does; closes with the key's character, or None for Esc or a key with none."""

    def __init__(self, prompt: str) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        yield Label(self.prompt, id="key-prompt")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        character = event.character if event.is_printable else None
        self.dismiss(None if event.key == "escape" else character)
