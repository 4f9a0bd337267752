"""Start-up: how the first screen is built (issue 17: the first frame in a real terminal)."""

from __future__ import annotations

import pytest
from textual.color import Color

from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_view import ArticleView
from tests.apphelpers import make_app


async def test_one_article_is_the_first_screen_not_pushed_over_a_blank_one():
    """Pushed from on_mount, the reading screen was laid out and rendered inside Textual's start-up
    batch, whose frame is never written: the terminal waited for a second, full frame."""
    app = make_app()
    async with app.run_test(size=(120, 40)):
        assert len(app.screen_stack) == 1
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.has_class("-normal")  # built with the width class, styled once


@pytest.mark.parametrize("theme", ["reader-dark", "newsprint", "high-contrast", "textual-light"])
async def test_the_theme_chosen_at_start_is_the_one_drawn(theme):
    """Taken before the app runs without Textual's restyle (same darkness) or with it (another darkness):
    either way its classes and its colours are those on screen."""
    app = make_app(theme=theme)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        chosen = app.get_theme(theme)
        assert app.theme == theme and app.has_class(f"-theme-{theme}")
        assert app.has_class("-dark-mode") is chosen.dark and app.has_class("-light-mode") is not chosen.dark
        assert Color.parse(app.get_css_variables()["background"]) == Color.parse(chosen.background)
        assert app.screen.query_one(ArticleView).styles.background == Color.parse(chosen.background)
        assert app.screen.query_one("#sidebar").styles.background == Color.parse(app.get_css_variables()["surface"])
