"""Pilot tests: the place being read near the end of the article (a jump names where it went until the
reader scrolls, whatever the panes do), and the mention at hand, which goes when the reader moves away."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from tests.apphelpers import make_app, notices, press, wait_until


def status_text(app) -> str:
    return str(app.screen.query_one("#status").render())


def section_read(app) -> int:
    """The section being read, 1-based, as the status line numbers it."""
    return app.screen.view.reading_location.section + 1


def assert_reading(app, section: int) -> None:
    """The status line, the view and the sidebar's outline all say the reader is in that section."""
    assert f"§ {section}/11 " in status_text(app), status_text(app)
    assert section_read(app) == section
    outline = app.screen.query_one("#outline", OptionList)
    assert outline.highlighted == section - 1


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_hiding_the_search_bar_keeps_the_section_a_match_was_found_in(size):
    """The new user's sequence `g`, `/10000`, Enter, Esc, `}`: Esc hides the bar (the text grows a row
    taller, which moved the view back a row at the end) but the reader did not scroll."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await press(pilot, "g")
        assert_reading(app, 1)
        await press(pilot, "slash", *"10000", "enter")
        await wait_until(pilot, lambda: "search: 1/1" in status_text(app), "the match shown")
        heading = "§ 8/11 Vladimir Poutine" if size[0] > 80 else "§ 8/11 "
        assert heading in status_text(app)
        assert_reading(app, 8)
        await press(pilot, "escape")
        assert not app.screen.search_bar.is_open
        assert_reading(app, 8)
        assert "search: 1/1" in status_text(app)
        await press(pilot, "right_curly_bracket")
        assert_reading(app, 9)
        await press(pilot, "left_curly_bracket")
        assert_reading(app, 8)


async def test_opening_the_search_bar_keeps_the_section_jumped_to():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.view
        await press(pilot, *["right_curly_bracket"] * 8)
        assert_reading(app, 9)
        assert view.scroll_y == view.max_scroll_y and view.top_location.section < 8  # §9 could not come to the top
        await press(pilot, "slash")  # the text grows a row shorter
        assert app.screen.search_bar.is_open
        assert_reading(app, 9)
        await press(pilot, "escape")
        assert_reading(app, 9)


async def test_the_end_names_the_last_section_and_the_section_keys_go_on_from_it():
    """G is a jump to the end: the last section is the one read, though the short ones before it
    share the screen (vim's G puts the cursor on the last line); `{` then walks back one at a time."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.view
        await press(pilot, "G")
        assert view.scroll_y == view.max_scroll_y and view.top_location.section < 8  # §9 to §11 all in sight
        assert_reading(app, 11)
        assert "100%" in status_text(app)
        await press(pilot, "right_curly_bracket")
        assert notices(app)[-1] == "This is the last section."
        assert_reading(app, 11)
        for section in (10, 9, 8):
            await press(pilot, "left_curly_bracket")
            assert_reading(app, section)
        await press(pilot, "G")  # at the end already: the view does not move, the place read does
        assert_reading(app, 11)
        await press(pilot, "k")  # the reader scrolls: the top of the view is what they read again
        assert_reading(app, view.top_location.section + 1)
        assert section_read(app) < 9
        await press(pilot, "g")
        assert_reading(app, 1)
        assert " 0%" in status_text(app)


async def test_scrolling_to_the_end_names_the_section_at_the_top():
    """Reaching the end by scrolling (no jump) leaves the top of the view the place read, as in less;
    `}` goes on from it."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.view
        while view.scroll_y < view.max_scroll_y:
            await press(pilot, "space")
        top = view.top_location.section + 1
        assert top < 9
        assert_reading(app, top)
        await press(pilot, "right_curly_bracket")
        assert_reading(app, top + 1)


async def test_a_section_jumped_to_stays_named_when_the_terminal_grows_and_the_text_reflows():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, *["right_curly_bracket"] * 8)
        assert_reading(app, 9)
        await pilot.resize_terminal(120, 44)  # taller: the view, at the end, moves back
        await pilot.pause()
        assert_reading(app, 9)
        await pilot.resize_terminal(100, 44)  # narrower: the text wraps again
        await wait_until(pilot, lambda: app.screen.view.layout_rows.width < 80, "the text re-wrapped")
        assert f"§ 9/11 " in status_text(app) and section_read(app) == 9


def poutine(app):
    screen = app.screen
    return next(e for e in screen.article.entities if e.id == "vladimir-poutine")


async def test_the_mention_at_hand_goes_when_the_reader_jumps_away():
    """The tester's `g` after "Vladimir Poutine: mention 2/3": the mention was still on screen, but the
    reader had left it; `*` then starts from where they are."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        screen.inspect_entity(poutine(app), jump=True)
        await pilot.pause()
        await press(pilot, "asterisk")
        assert "Vladimir Poutine: mention 2/3" in status_text(app)
        assert screen.focus_highlight is not None
        await press(pilot, "g")
        assert screen.view.shows(screen.article.mentions_by_ref["vladimir-poutine"][1].location)  # still in sight
        assert "mention" not in status_text(app)
        assert screen.focused_mention is None and screen.focus_highlight is None
        assert_reading(app, 1)
        await press(pilot, "asterisk")  # from the top, not on from mention 2
        assert "Vladimir Poutine: mention 1/3" in status_text(app)


@pytest.mark.parametrize("keys", [("G",), ("right_curly_bracket",), ("right_square_bracket",), ("ctrl+o",)],
                         ids=["end", "section", "accord", "back"])
async def test_every_jump_away_leaves_the_mention(keys):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await press(pilot, "asterisk", "asterisk")
        assert "Assimi Goïta: mention 2/3" in status_text(app)
        await press(pilot, *keys)
        assert "mention" not in status_text(app) and screen.focused_mention is None


async def test_scrolling_a_line_keeps_the_mention_in_sight_at_hand():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "asterisk", "asterisk", "j")
        assert "Assimi Goïta: mention 2/3" in status_text(app)
        await press(pilot, "asterisk")  # on from it
        assert "Assimi Goïta: mention 3/3" in status_text(app)


async def test_a_mention_jumped_to_after_a_jump_away_stays_at_hand_whatever_order_the_messages_come_in():
    """The view says it jumped by a message, handled after the keys read in the same burst: `*`, `g`,
    `*` made before any of those messages came back end with the last mention at hand."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        screen.action_next_mention()
        screen.view.action_top()
        screen.action_next_mention()
        last = screen.focused_mention
        await pilot.pause()
        assert last is not None and screen.focused_mention is last and screen.focus_highlight is not None
        assert screen.mention_jumps == []
        assert screen.mention_status() in status_text(app) and "Assimi Goïta: mention" in status_text(app)
