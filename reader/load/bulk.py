"""Bulk work without garbage-collector pauses: loading and searching make objects by the hundred thousand."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

BIG_WORK = 50_000
"""Objects a bulk work makes from which the collector's walks of them would be felt (tens of
milliseconds each): an article of about 1.2 MB makes 40,000, a 10 MB one 245,000, the bundled one 3,300."""

_freeze_from = 0
"""Objects a bulk work with ``keep`` must make for them to be frozen (see collector_paused)."""
_freezes = 0
"""Freezes so far (see freezes)."""


def freeze_only_big_work() -> None:
    """From now on, freeze only after a big bulk work (BIG_WORK objects or more): an interactive app calls
    it before it shows anything.

    gc.freeze moves everything alive out of the collector's sight, not only what the bulk work made:
    a screen on show then keeps its cycles of widgets for good once closed (every article left with J,
    q or ctrl+o stayed in memory), and only a full collection of everything frozen frees them (see
    reclaim_frozen). What a small article makes is walked by the collector in a few milliseconds: not
    frozen, screens are freed as they close. What was frozen before (an article loaded by the command
    line before the app started) stays frozen: nothing that can be closed was alive then.
    """
    global _freeze_from
    _freeze_from = BIG_WORK


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
    walk them all; they are still freed by reference counting when no longer used. Once
    freeze_only_big_work was called, only when they are many.
    """
    global _freezes
    was_enabled = gc.isenabled()
    gc.disable()
    before = gc.get_count()[0]
    try:
        yield
    finally:
        if keep and gc.get_count()[0] - before >= _freeze_from:
            gc.freeze()
            _freezes += 1
        if was_enabled:
            gc.enable()
