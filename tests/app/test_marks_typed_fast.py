"""Marks typed in one burst, as a user trial found them (Pilot): the letter after `m` sets the mark where `m` was
pressed, and the letter after `'` jumps, before any key typed after it runs (`jjjjjjmcG'c` ends at mark c, not at
the end; a mark is never dropped because another prompt is on top when it would have been set)."""

from __future__ import annotations

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


async def test_a_mark_set_and_jumped_to_in_one_burst_is_where_m_was_pressed(tmp_path):
    app = make_app(state=State(tmp_path / "state.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        _, after_j, end = await places(pilot, screen)
        burst(app, "jjjjjjmcG'c")
        await wait_until(pilot, lambda: settled(app, screen, after_j, end), "the jump to mark c, from the end")
        assert app.state.marks[f"{screen.article.id}'c"].position == after_j
        await wait_until(pilot, lambda: "100%" not in str(screen.query_one("#status").render()), "the status off 100%")


async def test_a_mark_is_set_before_the_keys_typed_after_it_move_the_text(tmp_path):
    app = make_app(state=State(tmp_path / "state.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        top, after_j, _ = await places(pilot, screen)
        burst(app, "jjjjjjmeGkg'e")
        await wait_until(pilot, lambda: settled(app, screen, after_j, top), "the jump to mark e, from the top")
        assert app.state.marks[f"{screen.article.id}'e"].position == after_j


async def test_a_mark_typed_with_g_then_its_jump_typed_at_once(tmp_path):
    app = make_app(state=State(tmp_path / "state.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        _, after_j, end = await places(pilot, screen)
        burst(app, "jjjjjjmpG")
        burst(app, "'p")  # typed right after, before G is drawn: the mark was dropped ("No mark p.")
        await wait_until(pilot, lambda: settled(app, screen, after_j, end), "the jump to mark p, from the end")
        assert app.state.marks[f"{screen.article.id}'p"].position == after_j


async def test_a_capital_mark_and_back_typed_in_one_burst(tmp_path):
    app = make_app(state=State(tmp_path / "state.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        _, after_j, end = await places(pilot, screen)
        burst(app, "jjjjjjmAG'A''")  # '' goes back to where the jump to A left: the end
        await wait_until(pilot, lambda: settled(app, screen, end, after_j), "back at the end from mark A")
        assert app.state.marks["A"].position == after_j and not isinstance(app.screen, KeyPrompt)
