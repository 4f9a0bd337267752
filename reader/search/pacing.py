"""Pacing a worker thread's search so the screen's event loop runs between its chunks (no Textual).

Python runs one thread at a time: a worker busy folding 10 MB takes the interpreter from the
screen's thread every few milliseconds, so a frame of 40 ms took 80-150 ms while a search ran
(issue 17: a search never blocks a frame). A LoopPacer is the search's ``pause`` (see
reader.search.engine.Pause): every few milliseconds of work it hands a wake-up to the event loop
and waits until the loop has run it, that is until the loop has finished what it was doing (a
frame, a key). The screen's thread then works alone, and the search goes on while it is idle.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Callable

SLICE = 0.004
"""Seconds of a search's work between two waits for the event loop: a short stall at worst."""
WAIT_LIMIT = 0.25
"""Longest wait for the event loop at one pause: a loop that stopped answering (the app quitting)
never holds the search for good."""


class SearchCancelled(Exception):
    """The search was stopped at a pause: a newer one replaced it, or the app is quitting."""


class LoopPacer:
    """A search's pause that lets an event loop run (called from the worker thread)."""

    def __init__(self, loop: asyncio.AbstractEventLoop, cancelled: Callable[[], bool] = lambda: False,
                 slice_seconds: float = SLICE) -> None:
        self.loop = loop
        """The loop of the screen's thread (taken there, before the worker starts)."""
        self.cancelled = cancelled
        """True once the search is no longer wanted: the next pause raises SearchCancelled."""
        self.slice = slice_seconds
        self.last = time.perf_counter()
        self.waits = 0
        """How many times the search waited for the loop (for tests and benchmarks)."""
        self.waited = 0.0
        """Seconds the search spent waiting for the loop."""

    def __call__(self) -> None:
        if self.cancelled():
            raise SearchCancelled
        now = time.perf_counter()
        if now - self.last < self.slice:
            return
        answered = threading.Event()
        try:
            self.loop.call_soon_threadsafe(answered.set)
        except RuntimeError:  # the loop is closed: the app has quit
            raise SearchCancelled from None
        answered.wait(WAIT_LIMIT)
        self.last = time.perf_counter()
        self.waits += 1
        self.waited += self.last - now
        if self.cancelled():
            raise SearchCancelled
