"""SVG snapshots of the look (each paired with Pilot tests of the same screens in test_app*.py)."""

from __future__ import annotations

import pytest
from pathlib import Path

from reader.ui.themes import load_themes
from tests.apphelpers import make_app, wait_until


def test_main_screen_120x40(snap_compare):
    assert snap_compare(make_app(), terminal_size=(120, 40))


def test_main_screen_80x24(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_main_screen_on_accord_2(snap_compare):
    assert snap_compare(make_app(), press=["2"], terminal_size=(120, 40))


def test_help_screen(snap_compare):
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=(100, 36))


def test_inspector_on_an_entity(snap_compare):
    assert snap_compare(make_app(), press=["asterisk"], terminal_size=(140, 40))


def test_search_active(snap_compare):
    async def type_query(pilot):
        counter = pilot.app.screen.query_one("#search-counter")
        await pilot.press("slash", *"goita")
        await wait_until(pilot, lambda: "match" in str(counter.render()), "the search counting its matches")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "/" in str(counter.render()), "the first match being current")

    assert snap_compare(make_app(), run_before=type_query, terminal_size=(110, 32))


BUILTIN_THEMES = [theme.name for theme in load_themes(user_dir=Path("/nonexistent"))[0]]


@pytest.mark.parametrize("theme", BUILTIN_THEMES)
def test_each_builtin_theme(snap_compare, theme):
    assert snap_compare(make_app(theme=theme), press=["3"], terminal_size=(110, 30))
