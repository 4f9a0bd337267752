"""A hangup arriving while the state is saved for an earlier one lets that save finish: saving again on top of it
waited for the first save's own lock on the state folder, and the reader never ended (seen once, at load 10-20)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from reader.settings.state import State
from tests.apphelpers import make_app


async def test_a_second_hangup_during_the_first_ones_save_lets_it_finish(tmp_path: Path, monkeypatch) -> None:
    app = make_app(state=State(tmp_path / "state.json"))
    ended: list[int] = []

    class Ended(Exception):
        pass

    def exit_(code: int) -> None:
        ended.append(code)
        raise Ended

    async with app.run_test(size=(80, 24)):
        saves: list[str] = []
        real = app.state.save

        def save():
            saves.append("save")
            if len(saves) == 1:
                app._on_hangup(signal.SIGHUP, None)  # the second hangup, its handler run on top of the save
            return real()

        monkeypatch.setattr(app.state, "save", save)
        monkeypatch.setattr(os, "_exit", exit_)
        with pytest.raises(Ended):
            app._on_hangup(signal.SIGHUP, None)
        monkeypatch.undo()
    assert saves == ["save"] and ended == [129]
    assert (tmp_path / "state.json").exists()
