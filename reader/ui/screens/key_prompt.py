"""A one-line prompt that waits for one key (the letter after `m` or `'`), then closes and hands it on."""

from __future__ import annotations

from string import ascii_letters
from typing import Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Label


class KeyPrompt(ModalScreen[str | None]):
    """Shows what the next key does; closes with the key's character, or None for Esc or a key with none."""

    BINDINGS = [
        *(Binding(letter, f"answer({letter!r})", show=False, priority=True) for letter in ascii_letters),
        Binding("apostrophe", "answer(\"'\")", show=False, priority=True),
        Binding("grave_accent", "answer('`')", show=False, priority=True),
        Binding("escape", "answer(None)", show=False, priority=True),
    ]
    """The keys that answer, as priority bindings: the app runs them as it reads the key, in order with the keys
    after it (a key routed to the prompt's own queue would be read later, and the keys after it handed back behind
    keys read meanwhile: `mpG` then `'p` ran `'p` before G)."""

    def __init__(self, prompt: str, answer: Callable[[str | None], None]) -> None:
        super().__init__()
        self.prompt = prompt
        self.answer = answer
        """Called with the key as soon as it is read, the prompt closed: before any key typed after it runs
        ("mcG'c" typed at once sets mark c, then runs G). A dismiss callback would run only after them."""
        self.answered = False
        """The key is read and the prompt closed: keys read with it ("ma" then G typed at once) are the screen's below."""

    def compose(self) -> ComposeResult:
        yield Label(self.prompt, id="key-prompt")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        if self.answered:  # routed here before the prompt closed: handed back to the app, which routes it below
            self.app.post_message(events.Key(event.key, event.character))
            return
        self.action_answer(None if event.key == "escape" or not event.is_printable else event.character)

    def action_answer(self, character: str | None) -> None:
        if self.answered:
            return
        self.answered = True
        self.dismiss(character)  # off the stack at once: the answer sees the screen below, and may open another
        self.answer(character)
