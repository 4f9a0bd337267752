"""Pilot: the sidebar's indents are plain spaces (text copied from the terminal carries no U+00A0), and the lines of a
wrapped accord still hang under its title's first word."""

from __future__ import annotations

import pytest

from tests.apphelpers import make_app, press, screen_rows, wait_until
from tests.app.test_sidebar_columns import sidebar_rows

NBSP = "\u00a0"


def _hangs(rows: list[str]) -> None:
    """The accord 1's title wraps (at these widths), its second line starting at column 4, under its first word."""
    first = next(i for i, row in enumerate(rows) if row.startswith("  1 Commission"))
    following = rows[first + 1]
    assert following[:4] == "    " and following[4:5].strip(), (rows[first], following)


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (40, 12)])
async def test_sidebar_indents_are_plain_spaces(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        if size[0] < 60:  # a tiny terminal shows the sidebar when asked, in the text's place
            await press(pilot, "s")
            await wait_until(pilot, lambda: any("Commission" in row for row in screen_rows(app)), "the sidebar shown")
            rows = [row.rstrip("▏▕ ").rstrip() for row in screen_rows(app)]
        else:
            await wait_until(pilot, lambda: any("People" in row for row in sidebar_rows(app)), "the entity index drawn")
            rows = sidebar_rows(app)
        assert not any(NBSP in row for row in screen_rows(app)), [row for row in screen_rows(app) if NBSP in row]
        _hangs(rows)
        await pilot.resize_terminal(size[0] + 7, size[1])  # wrapped again at another width
        await pilot.pause()
        assert not any(NBSP in row for row in screen_rows(app))


async def test_the_inspectors_mentions_indent_their_heading_with_plain_spaces():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        screen.inspect_entity(screen.article.entities_by_id["assimi-goita"], jump=True)
        mentions = screen.inspector.query_one("#mentions")
        await wait_until(pilot, lambda: mentions.option_count > 0 and mentions.region.height > 0, "the mentions listed")
        await pilot.pause()
        prompt = str(mentions.get_option_at_index(0).prompt)
        assert "\n   " in prompt and NBSP not in prompt
        assert not any(NBSP in row for row in screen_rows(app))
        heading = screen.article.sections[screen.article.mentions_by_ref["assimi-goita"][0].section].heading
        assert any(row.split("▏")[-1].startswith("   " + heading[:20]) for row in screen_rows(app)), screen_rows(app)
