"""The picker's one Quit: the footer shows the key that quits where the keyboard is (ctrl+q in the filter, q on the
list), never both; the help lists them on one row; both still quit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.settings.config import Config, KeyChoice
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.article_list import ArticleList
from tests.app.test_picker import library, make, picker_ready
from tests.apphelpers import press, screen_rows, wait_until


def footer_quits(app) -> list[str]:
    """The keys the footer's last row shows for Quit ("^q", "q"), left to right."""
    return re.findall(r"(\S+) Quit\b", screen_rows(app)[-1])


async def test_the_footer_shows_one_quit_key_where_the_keyboard_is(tmp_path: Path):
    app = make(library(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await picker_ready(pilot)
        await wait_until(pilot, lambda: "Quit" in screen_rows(app)[-1], "the footer drawn")
        assert footer_quits(app) == ["^q"]  # the filter types q: ctrl+q quits from it
        await press(pilot, "tab")
        assert isinstance(app.focused, ArticleList)
        await wait_until(pilot, lambda: "U Read/unread" in screen_rows(app)[-1], "the list's footer")
        assert footer_quits(app) == ["q"]  # on the list q quits, as on every screen
        assert screen_rows(app)[-1].lstrip().startswith("q Quit")  # first, as in the filter: a narrow footer keeps it
        await press(pilot, "tab")
        await wait_until(pilot, lambda: "U Read/unread" not in screen_rows(app)[-1], "the filter's footer")
        assert footer_quits(app) == ["^q"] and picker.filter_input.value == ""


@pytest.mark.parametrize("focus", [[], ["tab"]], ids=["filter", "list"])
async def test_ctrl_q_quits_from_the_filter_and_the_list(tmp_path: Path, focus: list[str]):
    app = make(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await picker_ready(pilot)
        await press(pilot, *focus, "ctrl+q")
        assert app.return_value == 0 and not app.is_running


async def test_a_remapped_quit_key_is_the_one_the_filter_shows_and_it_quits(tmp_path: Path):
    app = make(library(tmp_path), config=Config(keymap=(KeyChoice("picker.quit", "ctrl+g"),)))
    async with app.run_test(size=(120, 40)) as pilot:
        await picker_ready(pilot)
        await wait_until(pilot, lambda: "Quit" in screen_rows(app)[-1], "the footer drawn")
        assert app.notices == [] and footer_quits(app) == ["^g"]
        await press(pilot, "ctrl+g")
        assert not app.is_running


async def test_the_help_lists_quit_once_with_both_keys(tmp_path: Path):
    config = Config(keymap=(KeyChoice("app.quit", "x"),))
    app = make(library(tmp_path), config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await picker_ready(pilot)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        assert re.findall(r"\n\s*(.+?)\s+Quit\n", text) == ["ctrl+q x"]  # one row: the filter's key, the list's
        assert "In an article opened here (x: back to the list)" in text


async def test_in_an_article_opened_from_the_list_q_says_back_and_goes_back(tmp_path: Path):
    from reader.ui.screens.picker import PickerScreen
    from reader.ui.screens.reading import ReadingScreen

    app = make(library(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await picker_ready(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, ReadingScreen)
        await wait_until(pilot, lambda: "Search" in screen_rows(app)[-1], "the article's footer")
        footer = screen_rows(app)[-1]
        assert "q Back" in footer and "Quit" not in footer  # q goes back to the list here, not out
        await press(pilot, "q")
        assert isinstance(app.screen, PickerScreen) and app.is_running


async def test_an_article_opened_alone_says_q_quits():
    from tests.apphelpers import make_app

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "Search" in screen_rows(app)[-1], "the footer drawn")
        assert "q Quit" in screen_rows(app)[-1] and "Back" not in screen_rows(app)[-1]
