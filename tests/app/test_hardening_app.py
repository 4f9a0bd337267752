"""Hardening, round two (issue 16), in the app: SIGINT saves the reading position and ends with 130."""

from __future__ import annotations

import os
import signal

from reader.settings.state import load_state
from reader.ui.screens.reading import ReadingScreen
from tests.apphelpers import BUNDLED, make_app, press, wait_until


async def test_sigint_saves_the_position_and_exits_130(tmp_path):
    state, _ = load_state(tmp_path / "state.json")
    app = make_app(BUNDLED, state=state)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen), "an article open")
        article = app.screen.article.id
        await press(pilot, "pagedown", "pagedown")
        expected = app.screen.reading_position()
        assert state.positions.get(article) != expected
        os.kill(os.getpid(), signal.SIGINT)  # the app's handler, on its event loop, takes it
        await wait_until(pilot, lambda: app.return_value is not None, "the app ending")
    assert app.return_value == 130  # what run_app returns as the exit status
    assert state.positions[article] == expected
    assert state.save() is None and load_state(tmp_path / "state.json")[0].positions[article] == expected
