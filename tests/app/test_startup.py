"""Start-up: how the first screen is built (issue 17: the first frame in a real terminal)."""

from __future__ import annotations

import subprocess
import sys

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


def test_opening_an_article_imports_no_code_it_does_not_show():
    """The reviewer, the results lists and the library's search are imported when first used: each
    import is time before the first frame (about 0.1 s together on a loaded machine)."""
    code = "import sys, reader.ui.app; print(' '.join(sorted(sys.modules)))"
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert "reader.ui.screens.reading" in loaded  # what the first screen needs is there
    later = {"reader.importer.review", "reader.importer.draft_yaml", "reader.ui.screens.review", "reader.ui.screens.results",
             "reader.ui.screens.library_results", "reader.search.library_scope"}
    assert loaded & later == set()

