"""The article view after the terminal is resized: its text fills it, and never with a horizontal scrollbar."""

from __future__ import annotations

import pytest

from tests.apphelpers import make_app, press, screen_rows, view_lines


def _no_horizontal_scrollbar(app, where: str) -> None:
    view = app.screen.query_one("ArticleView")
    region = view.content_region
    assert not view.show_horizontal_scrollbar, (where, view.virtual_size, view.scrollable_content_region)
    assert view.max_scroll_x == 0, where
    assert view.scrollable_content_region.height == region.height, where
    # the view's last row on screen is its text's (a bar drew over it)
    bottom = screen_rows(app)[region.bottom - 1][region.x:region.right]
    assert bottom.rstrip() == view_lines(app)[-1], (where, bottom)


@pytest.mark.parametrize("narrow", [(90, 40), (80, 24), (40, 12), (20, 6), (99, 40)])
async def test_back_to_a_wide_terminal_leaves_no_horizontal_scrollbar(narrow):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        _no_horizontal_scrollbar(app, "120x40 at first")
        await pilot.resize_terminal(*narrow)
        await pilot.pause()
        if narrow[0] >= 40:  # at 20x6 the view is all but gone
            _no_horizontal_scrollbar(app, f"{narrow}")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        _no_horizontal_scrollbar(app, f"120x40 after {narrow}")
        await press(pilot, "j", "space")
        _no_horizontal_scrollbar(app, f"j, space after {narrow}")
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        _no_horizontal_scrollbar(app, f"100x40 after {narrow}")


async def test_no_horizontal_scrollbar_at_any_width_on_the_way_down_and_up():
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        for width in [*range(140, 39, -7), *range(40, 141, 9)]:
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            _no_horizontal_scrollbar(app, f"{width}x30")
