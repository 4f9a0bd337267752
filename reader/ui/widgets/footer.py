"""The footer: Textual's, rebuilt once for a burst of binding changes rather than once per change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's footer of key bindings. Each change of the bindings (a focus moving, a screen shown)
    queues a rebuild of its twenty keys, each styled anew (about 50 ms); changes that come before the
    queued rebuild has run need none of their own: it reads the bindings as they are when it runs."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rebuild_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        if self.rebuild_queued and screen is self.screen:
            return
        super().bindings_changed(screen)
        self.rebuild_queued = self.is_attached and screen is self.screen and screen.app.app_focus

    async def recompose(self) -> None:
        self.rebuild_queued = False
        await super().recompose()
