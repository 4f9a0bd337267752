"""Pilot: a filter that does not exist is said in the search bar (issue 12, item 11); a colon in plain text still searches."""

from __future__ import annotations

from tests.apphelpers import make_app, press


def counter(app) -> str:
    return str(app.screen.query_one("#search-counter").render())


async def test_unknown_filter_is_said_under_the_bar():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "slash", *"foo:bar")
        assert counter(app) == "bad query"
        message = app.screen.query_one("#search-message")
        assert message.display
        assert "unknown filter 'foo' (person, org, place, date, figure)" in str(message.render())
        for _ in "foo:bar":
            await pilot.press("backspace")
        await press(pilot, *"2025")  # plain text again: the message goes
        assert counter(app).endswith(("match", "matches")) and not message.display


async def test_a_time_with_a_colon_searches_as_text():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "slash", *"10:30")
        assert counter(app) in ("no matches",) or counter(app).endswith(("match", "matches"))
        assert not app.screen.query_one("#search-message").display
