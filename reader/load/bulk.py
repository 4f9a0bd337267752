"""Bulk work without garbage-collector pauses: loading and searching make objects by the hundred thousand."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

_freezes = 0
"""Freezes so far (see freezes)."""


def freezes() -> int:
    """How many times what lived was frozen so far: a screen made before the last one may be frozen (see reclaim_frozen)."""
    return _freezes


def reclaim_frozen() -> None:
    """Free what was alive when frozen and has died since (a closed screen's cycles of objects, which the
    collector never looks at once frozen): unfreeze, collect once, and put what lives out of sight again.

    A full collection of everything (a quarter to half a second with a 10 MB article and its search
    index in memory): to be run when nobody is waiting (the app does it when idle)."""
    global _freezes
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        _freezes += 1


@contextmanager
def collector_paused(*, keep: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are made.

    With ``keep`` (the objects made will live on, like a loaded article), they are moved out
    of the collector's sight afterwards (gc.freeze), so that the next collection does not
    walk them all; they are still freed by reference counting when no longer used. But
    everything else alive is frozen with them, and what of it dies later in cycles (a screen
    on show then, once closed) is freed only by reclaim_frozen.
    """
    global _freezes
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
            _freezes += 1
        if was_enabled:
            gc.enable()
