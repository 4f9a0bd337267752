"""Closed screens are freed: an article left with J, q or ctrl+o does not stay in memory."""

from __future__ import annotations

import gc
import weakref

from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from tests.app.test_picker import picker_ready
from tests.apphelpers import press, wait_until
from tests.paths import BUNDLED


async def test_articles_left_with_J_are_freed(tmp_path):
    for i in range(4):
        text = BUNDLED.read_text(encoding="utf-8").replace("id: mali-russie-accords-2025-06-23", f"id: article-{i}", 1)
        (tmp_path / f"a{i}.yaml").write_text(text, encoding="utf-8")
    app = ReaderApp([], library=[tmp_path])
    left: list[weakref.ref] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await picker_ready(pilot)
        await press(pilot, "enter")
        for _ in range(3):
            await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen), "an article")
            screen = app.screen
            left.append(weakref.ref(screen))
            await press(pilot, "J")
            await wait_until(pilot, lambda: app.screen is not screen and isinstance(app.screen, ReadingScreen), "the next article")
            del screen
        await pilot.pause()
        gc.collect()
        # loading an article froze the screens alive; leaving one frees those left before it (the one just
        # left may still be held by the app's last messages when it looks, and goes at the next look)
        assert [ref() for ref in left[:-1]] == [None, None]
