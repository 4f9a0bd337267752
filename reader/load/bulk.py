"""Bulk work without garbage-collector pauses: loading and searching make objects by the hundred thousand."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused(*, keep: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are made.

    With ``keep`` (the objects made will live on, like a loaded article), they are moved out
    of the collector's sight afterwards (gc.freeze), so that the next collection does not
    walk them all; they are still freed by reference counting when no longer used.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if was_enabled:
            gc.enable()
