"""Marks typed in one burst, as a user trial found them (Pilot): the letter after `m` sets the mark where `m` was
pressed, and the letter after `'` jumps, before any key typed after it runs (`jjjjjjmcG'c` ends at mark c, not at
the end; a mark is never dropped because another prompt is on top when it would have been set)."""

from __future__ import annotations

import pytest
from textual import events

from reader.settings.state import Position, State
from reader.ui.screens.key_prompt import KeyPrompt
from reader.ui.screens.reading import ReadingScreen
from tests.apphelpers import make_app, press, wait_until

KEYS = {"'": "apostrophe"}


def burst(app, typed: str) -> None:
    """Hand the app every typed character's key at once, as a terminal's driver does with what one read brought
    (`'` is the key "apostrophe", its character "'")."""
    for character in typed:
        app.post_message(events.Key(KEYS.get(character, character), character))


async def places(pilot, screen: ReadingScreen) -> tuple[Position, Position, Position]:
    """The reading places of the top, after `jjjjjj` and after `G`, each key pressed apart (then back at the top)."""
    top = screen.reading_position()
    await press(pilot, *"jjjjjj")
    after_j = screen.reading_position()
    await press(pilot, "G")
    end = screen.reading_position()
    await press(pilot, "g")
    assert screen.reading_position() == top and len({top, after_j, end}) == 3
    return top, after_j, end


def settled(app, screen: ReadingScreen, place: Position, back: Position) -> bool:
    """The last jump made: the text shows `place`, and `''` would go back to `back`."""
    return (app.screen is screen and app.mark_return is not None and app.mark_return.position == back
            and screen.reading_position() == place)


@pytest.mark.parametrize(("bursts", "mark", "lands", "back"), [
    (["jjjjjjmcG'c"], "'c", "after_j", "end"),  # set and jumped to in one burst: where m was pressed
    (["jjjjjjmeGkg'e"], "'e", "after_j", "top"),  # set before the keys typed after it move the text
    (["jjjjjjmpG", "'p"], "'p", "after_j", "end"),  # its jump typed right after, before G is drawn ("No mark p.")
    (["jjjjjjmAG'A''"], "A", "end", "after_j"),  # a capital mark, then '' back to where the jump to A left
])
async def test_marks_typed_in_a_burst(tmp_path, bursts, mark, lands, back):
    app = make_app(state=State(tmp_path / "state.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        top, after_j, end = await places(pilot, screen)
        named = {"top": top, "after_j": after_j, "end": end}
        for typed in bursts:
            burst(app, typed)
        await wait_until(pilot, lambda: settled(app, screen, named[lands], named[back]), f"at {lands}, {back} to go back to")
        key = mark if mark.isupper() else f"{screen.article.id}{mark}"
        assert app.state.marks[key].position == after_j and not isinstance(app.screen, KeyPrompt)
        if lands != "end":
            await wait_until(pilot, lambda: "100%" not in str(screen.query_one("#status").render()), "the status off 100%")
