"""The footer: Textual's, rebuilt once for a burst of binding changes, showing only the keys that fit whole."""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

PALETTE_CLASS = "-command-palette"
"""The class of the palette's key, docked at the footer's right end (Textual's)."""


class KeysFooter(Footer):
    """Textual's footer of key bindings. Each change of the bindings (a focus moving, a screen shown)
    queues a rebuild of its twenty keys, each styled anew (about 50 ms); changes that come before the
    queued rebuild has run need none of their own: it reads the bindings as they are when it runs.

    Textual's footer cuts the last key that does not fit at the edge ("i Insp"); this one hides the
    keys that do not fit whole, from the first that does not on (help, `?`, lists them all)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rebuild_queued = False
        self._composing = True
        """Composed (or rebuilt) and not measured yet (its new keys are laid out at a later refresh)."""
        self._edges: dict[Widget, int] = {}
        """Each key's right edge from the footer's left, measured with every key shown."""

    @property
    def settled(self) -> bool:
        """No rebuild queued or under way, and the keys measured and fitted (what a test waits for before comparing frames)."""
        return not self.rebuild_queued and not self._composing

    def bindings_changed(self, screen: Screen) -> None:
        if self.rebuild_queued and screen is self.screen:
            return
        super().bindings_changed(screen)
        self.rebuild_queued = self.is_attached and screen is self.screen and screen.app.app_focus

    async def recompose(self) -> None:
        self.rebuild_queued = False
        self._composing = True
        await super().recompose()
        self._edges = {}
        self.call_after_refresh(self._measure)

    def on_mount(self) -> None:  # Textual calls Footer's own on_mount as well
        self.call_after_refresh(self._measure)

    def on_resize(self, event: events.Resize) -> None:
        self.fit()

    def _measure(self, tries: int = 5) -> None:
        """Note where each key ends, laid out with all shown (as composed), then hide what does not fit.

        Keys just composed may not be laid out yet at the first refresh: then again at the next."""
        flow = self._flow()
        if not flow or not all(child.display for child in flow):
            self._composing = False
            return
        if not all(child.region.width for child in flow):
            if tries:
                self.call_after_refresh(self._measure, tries - 1)
            else:
                self._composing = False
            return
        self._composing = False
        left = self.content_region.x
        self._edges = {child: child.region.right - left for child in flow}
        self.fit()

    def _flow(self) -> list[Widget]:
        """The keys, groups and labels laid out from the left (the palette's key is docked apart)."""
        return [child for child in self.children if not child.has_class(PALETTE_CLASS)]

    def fit(self) -> None:
        """Show the keys that fit whole beside the palette's key, and none after the first that does not."""
        if not self._edges:
            return
        palette = sum(child.outer_size.width for child in self.children if child.has_class(PALETTE_CLASS))
        limit = self.content_region.width - palette
        flow = self._flow()
        shown = [self._edges.get(child, 1 << 30) <= limit for child in flow]
        for i in range(1, len(shown)):
            shown[i] = shown[i] and shown[i - 1]
        for i, child in enumerate(flow):
            # a group's keys ("][") go with their label ("Accord"): never one without the other
            if i + 1 < len(flow) and type(flow[i + 1]).__name__ == "FooterLabel" and not shown[i + 1]:
                shown[i] = False
            child.display = shown[i]
