"""The keys a field reads after its Enter, held until the keyboard has gone where Enter sends it, then handed on in order.

Textual hands every key already read from the terminal to the widget focused when the key is read,
and runs a key's binding (an Input's Enter: submit) only once the key has gone up through the
widget's queue to the app. In a burst ("/goita", Enter, "n" in one read, as tmux sends a string or a
fast typist types) the keys after Enter reached the field before Enter had moved the focus: the
search bar read "goitan". A field keeps them here instead, and hands them back to the app, as if
just read, once the focus has moved (the app routes them where it now is: `n` steps to the next match).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.app import App


class KeysAfterEnter:
    """A field's keys read after its Enter (one per field; the field calls ``take`` first for every key it reads)."""

    def __init__(self) -> None:
        self.held: list[events.Key] | None = None
        """The keys read since Enter, in order; None while the field's keys are its own."""

    def take(self, event: events.Key) -> bool:
        """Hold a key read after Enter (the field must not type or bind it: True); Enter starts holding."""
        if self.held is None:
            if event.key == "enter":
                self.held = []
            return False
        self.held.append(events.Key(event.key, event.character))  # a new event: this one is spent (forwarded, stopped)
        event.prevent_default()
        event.stop()
        return True

    def hand_on(self, app: App) -> None:
        """The focus has moved (or Enter kept it here): give the held keys back to the app, in order, and stop holding."""
        held, self.held = self.held or [], None
        for key in held:
            app.post_message(key)


class HandOnInput(Input):
    """An Input whose Enter sends the keyboard elsewhere (the search bar's to the text, the picker's filter's
    to the article it opens): the keys read after Enter are held, then handed on once the focus has moved."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.keys_after_enter = KeysAfterEnter()

    def on_key(self, event: events.Key) -> None:
        # handlers run from this class down to Input's: a key held is not typed (Input's handler skipped)
        self.keys_after_enter.take(event)

    def on_blur(self, event: events.Blur) -> None:
        # Enter moved the focus (the Blur is queued behind the keys read before it: every one is held by now)
        self.keys_after_enter.hand_on(self.app)
