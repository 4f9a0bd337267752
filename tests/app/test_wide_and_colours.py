"""Pilot: the current match stands out on every terminal (issue 12, item 8); the text keeps a readable measure on a wide one (item 13)."""

from __future__ import annotations

import pytest
from rich.color import ColorSystem
from rich.style import Style

from tests.apphelpers import make_app, press

THEMES = ["reader-dark", "newsprint", "high-contrast", "okabe-ito"]


def painted(app, name: str) -> Style:
    return app.screen.view.get_component_rich_style(f"article-view--{name}")


def entity_colours(app, system: ColorSystem) -> set:
    return {painted(app, kind).color.downgrade(system) for kind in ("person", "org", "place", "date", "figure")}


@pytest.mark.parametrize("theme", THEMES)
async def test_current_match_differs_from_the_others_in_256_colours(theme: str):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        await pilot.pause()
        match, current = painted(app, "match"), painted(app, "current")
        background = app.screen.view.rich_style.bgcolor.downgrade(ColorSystem.EIGHT_BIT)
        eight = {name: style.bgcolor.downgrade(ColorSystem.EIGHT_BIT) for name, style in (("match", match), ("current", current))}
        assert eight["current"] != eight["match"], eight
        assert background not in eight.values()
        assert current.bold  # and a cue beyond colour


@pytest.mark.parametrize("theme", THEMES)
async def test_current_match_differs_in_16_colours(theme: str):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        app.few_colours = True  # what the app decides on mount for a terminal of 16 colours
        app.refresh_css(animate=False)
        await pilot.pause()
        sixteen = {name: painted(app, name).bgcolor.downgrade(ColorSystem.STANDARD) for name in ("match", "current")}
        background = app.screen.view.rich_style.bgcolor.downgrade(ColorSystem.STANDARD)
        assert sixteen["current"] != sixteen["match"] and background not in sixteen.values()
        # no entity's text colour vanishes on either search background
        assert not entity_colours(app, ColorSystem.STANDARD) & set(sixteen.values())


async def test_current_match_is_in_reverse_video_without_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.no_color
        await press(pilot, "slash", *"Mali", "enter")
        assert painted(app, "current").reverse and not painted(app, "match").reverse
        kinds = {h.kind for hs in app.screen.view._highlights.values() for h in hs}
        assert {"match", "current"} <= kinds
