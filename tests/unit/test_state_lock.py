"""The state folder's lock never keeps a reader from ending: a save waits for another's lock a while, then writes
alone (atomically, as always)."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from reader.settings import state as state_module
from reader.settings.state import Position, State, load_state


def test_a_save_waits_for_a_lock_held_elsewhere_then_writes_alone(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(state_module, "LOCK_SECONDS", 0.3)
    path = tmp_path / "reader" / "state.json"
    path.parent.mkdir()
    state = State(path)
    state.positions["a"] = Position("s1", 2, 3)
    held = os.open(path.parent, os.O_RDONLY)  # another reader holding the lock (a stuck one)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        started = time.monotonic()
        assert state.save() is None
        assert time.monotonic() - started >= 0.3  # it did wait for the lock first
    finally:
        os.close(held)
    loaded, problem = load_state(path)
    assert problem is None and loaded.positions["a"] == Position("s1", 2, 3)
