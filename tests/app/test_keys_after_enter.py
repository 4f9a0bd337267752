"""Keys typed after Enter in one burst go where Enter sends the keyboard, in order (Pilot): `/goita⏎n` searches
"goita" and steps to its 2nd match; the picker's filter, a results list and the marks' prompt likewise."""

from __future__ import annotations

import threading

from textual import events

from reader.search import session as search_session
from reader.settings.state import State
from reader.ui.screens.reading import ReadingScreen
from reader.ui.screens.results import ResultsScreen
from tests.app.test_less_vim_keys import burst, counter
from tests.app.test_picker import library, make as make_library, picker_ready
from tests.apphelpers import make_app, press, wait_until

async def test_n_typed_with_the_query_and_enter_steps_to_the_second_match():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        burst(app, "slash", *"goita", "enter", "n")
        await wait_until(pilot, lambda: counter(app) == "2/3", "the 2nd of 3 matches current")
        assert screen.search_bar.input.value == "goita"  # the n is no letter of the query
        assert app.focused is screen.view and screen.search.current == 1


async def test_every_key_after_enter_runs_in_the_text_in_order():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        burst(app, "slash", *"goita", "enter", "n", "n", "N", "escape")
        await wait_until(pilot, lambda: not screen.search_bar.is_open and counter(app) == "2/3", "the bar closed at the 2nd match")
        assert screen.search_bar.input.value == "goita" and app.focused is screen.view
        assert screen.inspector.has_class("-hidden")


async def test_slash_enter_n_searches_the_last_query_again_and_steps():
    app = make_app(state=State(None, history=["goita"]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        burst(app, "slash", "enter", "n")
        await wait_until(pilot, lambda: counter(app) == "2/3", "the last search's 2nd match")
        assert app.screen.search_bar.input.value == "goita"


async def test_n_after_a_search_submitted_apart_still_steps():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "slash", *"goita", "enter")
        assert counter(app) == "1/3"
        await press(pilot, "n")
        assert counter(app) == "2/3"
        await press(pilot, "slash", "enter", "n")  # the bar again: the same query, Enter, n
        assert counter(app) == "3/3"  # Enter: the first match from the top of the view (the 2nd, shown); n: the 3rd


async def test_enter_and_n_typed_while_a_worker_searches_wait_in_order(monkeypatch):
    release = threading.Event()
    real = search_session.run

    def held(request, *rest):
        if request.text.strip():
            release.wait(30)  # held until the keys are in (a guard, not a sleep: released below)
        return real(request, *rest)

    monkeypatch.setattr(search_session, "THREAD_THRESHOLD", 0)
    monkeypatch.setattr(search_session, "run", held)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        burst(app, "slash", *"goita", "enter", "n", "n")
        await wait_until(pilot, lambda: len(screen.search.pending) == 3, "Enter, n and n waiting for the search")
        release.set()
        await wait_until(pilot, lambda: counter(app) == "3/3", "the 3rd match, after Enter's and two n")
        assert screen.search_bar.input.value == "goita" and screen.search.pending == []


async def test_n_typed_with_the_enter_that_chose_a_listed_match_steps_from_it():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "slash", *"goita", "ctrl+f")  # the list opened from the bar
        await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen), "the results list")
        await press(pilot, "j")
        burst(app, "enter", "n")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen) and counter(app) == "3/3", "the match after the 2nd")
        assert app.screen.search_bar.input.value == "goita" and app.focused is app.screen.view


async def test_an_article_opened_with_enter_in_the_filter_takes_the_keys_after_it(tmp_path):
    app = make_library(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        assert picker.filter_input.has_focus
        burst(app, *"zinc", "enter", "i")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen), "the article opened")
        await wait_until(pilot, lambda: any(not pane.has_class("-hidden") for pane in app.screen.query("#inspector")),
                         "the inspector opened by i")
        assert app.screen.article.id == "alpha" and picker.filter_input.value == "zinc"


async def test_keys_after_an_enter_that_opens_nothing_stay_the_filters(tmp_path):
    app = make_library(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        burst(app, *"qqqq", "enter", *"zz")  # no article matches: Enter opens nothing
        await wait_until(pilot, lambda: picker.filter_input.value == "qqqqzz", "the filter reading qqqqzz")
        assert app.screen is picker and picker.filter_input.keys_after_enter.held is None


async def test_a_mark_and_its_letter_typed_at_once(tmp_path):
    state = State(tmp_path / "state.json")
    app = make_app(state=state)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        screen = app.screen
        top = screen.view.top_location
        burst(app, "m", "a", "G")
        await wait_until(pilot, lambda: screen.view.top_location != top and app.screen is screen, "G after the mark")
        assert f"{screen.article.id}'a" in state.marks
        app.post_message(events.Key("apostrophe", "'"))
        burst(app, "a")
        await wait_until(pilot, lambda: screen.view.top_location.paragraph == top.paragraph
                         and screen.view.top_location.section == top.section, "back at the mark")
