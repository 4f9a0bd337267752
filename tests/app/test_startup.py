"""Start-up: how the first screen is built (issue 17: the first frame in a real terminal)."""

from __future__ import annotations

from reader.ui.screens.reading import ReadingScreen
from tests.apphelpers import make_app


async def test_one_article_is_the_first_screen_not_pushed_over_a_blank_one():
    """Pushed from on_mount, the reading screen was laid out and rendered inside Textual's start-up
    batch, whose frame is never written: the terminal waited for a second, full frame."""
    app = make_app()
    async with app.run_test(size=(120, 40)):
        assert len(app.screen_stack) == 1
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.has_class("-normal")  # built with the width class, styled once
