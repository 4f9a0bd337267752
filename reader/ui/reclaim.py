"""Closed screens that a load or a search froze are freed when the app is idle (see reader.load.bulk)."""

from __future__ import annotations

import gc
import time
import weakref
from typing import TYPE_CHECKING

from reader.load.bulk import freezes, reclaim_frozen

if TYPE_CHECKING:
    from textual.screen import Screen


RETRIES = 4
"""Reclaims more for a closed screen a reclaim did not free, each after twice the wait before: it was still
held (asyncio keeps a cancelled timer's context until its time, and Textual's last screens drawn in it)."""


class ScreenReclaim:
    """Mixed into ReaderApp: what it needs of the app is Textual's App below it.

    Loading an article or searching a big one freezes what lives (gc.freeze, so that collections do
    not walk the article's objects), the screens on show among it: once one of them is closed (J, q,
    ctrl+o), its cycles of widgets are freed only by a full collection of everything frozen, a
    quarter to half a second with a 10 MB article in memory (run at once, that pause was every J's).
    So it is run once the reader has pressed nothing for `reclaim_idle` seconds (a key meanwhile puts
    it off), and only when a screen closed was alive at a freeze."""

    reclaim_idle: float = 2.0
    """Seconds without a key or the mouse before the frozen closed screens are freed."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.screen_freezes: weakref.WeakKeyDictionary[Screen, int] = weakref.WeakKeyDictionary()
        """The freezes there had been when each screen was shown (a later one froze it)."""
        self.closed_screens: list[tuple[weakref.ref[Screen], int, int]] = []
        """Screens closed, with their freezes when shown (one still alive after a later freeze is frozen)
        and how many reclaims have not freed them yet."""
        self.last_input = time.monotonic()
        """When the reader last pressed a key or used the mouse (ReaderApp.on_event sets it)."""
        self.reclaim_due = False
        """A timer runs to look at the closed screens."""

    def push_screen(self, screen, *args, **kwargs):
        """Textual's, noting the freezes so far (see screen_freezes)."""
        if not isinstance(screen, str):
            self.screen_freezes[screen] = freezes()
        return super().push_screen(screen, *args, **kwargs)  # type: ignore[misc]

    def pop_screen(self):
        """Textual's, then the screen closed waits for the app to be idle (see reclaim_when_idle)."""
        closing = self.screen  # type: ignore[attr-defined]
        result = super().pop_screen()  # type: ignore[misc]
        # a freeze may come after this (J loads the next article while this one is still being closed)
        self.closed_screens.append((weakref.ref(closing), self.screen_freezes.get(closing, 0), 0))
        if not self.reclaim_due:
            self.reclaim_due = True
            self.set_timer(self.reclaim_idle, self.reclaim_when_idle)  # type: ignore[attr-defined]
        return result

    def reclaim_when_idle(self) -> None:
        """Free the closed screens, or wait on while the reader is busy."""
        quiet = time.monotonic() - self.last_input
        if quiet < self.reclaim_idle:
            self.set_timer(self.reclaim_idle - quiet, self.reclaim_when_idle)  # type: ignore[attr-defined]
            return
        now = freezes()
        waiting = [(ref, shown, tries) for ref, shown, tries in self.closed_screens if ref() is not None]
        if any(screen.is_running for screen in (ref() for ref, _, _ in waiting) if screen is not None):
            self.set_timer(self.reclaim_idle, self.reclaim_when_idle)  # type: ignore[attr-defined]
            return  # Textual is still closing one: freed only after that
        self.reclaim_due = False
        self.closed_screens = []
        if not waiting:
            return
        if any(shown < now for _, shown, _ in waiting):
            reclaim_frozen()
        else:
            # not frozen, but garbage in the oldest generation: collected now (what is not frozen only, a few
            # milliseconds) rather than when that generation's turn comes, after the next load froze it
            gc.collect()
        # one still held is looked at again later (see RETRIES); held after that, it is not the collector's to free
        again = [(ref, shown, tries + 1) for ref, shown, tries in waiting if tries < RETRIES and ref() is not None]
        if again:
            self.closed_screens += again
            self.reclaim_due = True
            self.set_timer(self.reclaim_idle * 2 ** again[0][2], self.reclaim_when_idle)  # type: ignore[attr-defined]
