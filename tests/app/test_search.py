"""Pilot tests for in-app search: the bar, counter, highlights, n / N, toggles, history, results, scope.

The counter reads '' (no query), 'N matches' while typing ('1 match'), 'i/N' once a match is
current (after Enter, n, N or the results list), 'no matches', and 'bad query' with the
query's error shown under it; searching every article adds ' · +K elsewhere' (K matches in the other
opened articles), or with a library (several files given, or a folder) counts it whole: '3/17 here · 36 in 3 of 41 articles'.
"""

from __future__ import annotations

import pytest

from reader.search import session as search_session
from reader.search.history import remember
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.screens.results import ResultsScreen
from reader.settings.state import HISTORY_LIMIT, State, load_state
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.sidebar import AccordList
from tests.apphelpers import BUNDLED, make_app, notices, press, screen_rows, small_article, view_lines, wait_until


def bar(app) -> SearchBar:
    return app.screen.query_one(SearchBar)


def counter(app) -> str:
    return str(app.screen.query_one("#search-counter").render())


def kinds(app) -> list[str]:
    view = app.screen.view
    return [h.kind for h in view.highlights]


async def search_for(pilot, text: str) -> None:
    await pilot.press("slash")
    await press(pilot, *text)


def current_visible(app) -> bool:
    """The current match's row is on screen."""
    screen = app.screen
    m = screen.search.matches[screen.search.current]
    row = screen.view.row_of(search_session.ArticleMatch(screen.article, m).location)
    top = round(screen.view.scroll_y)
    return top <= row < top + screen.view.scrollable_content_region.height


async def test_slash_opens_the_bar_and_counts_and_highlights_as_you_type():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not bar(app).display
        await press(pilot, "slash")
        assert bar(app).display and app.focused is bar(app).input
        await press(pilot, *"goi")
        assert counter(app) == "2 matches"
        await press(pilot, "t", "a")
        assert counter(app) == "3 matches"
        assert kinds(app) == ["match"] * 3
        assert "search: 3 matches" in str(app.screen.query_one("#status").render())
        await press(pilot, *"zzz")
        assert counter(app) == "no matches" and kinds(app) == []


async def test_enter_jumps_to_the_first_match_below_the_top_and_focuses_the_article():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.view
        await search_for(pilot, "wagner")
        assert view.scroll_y == 0
        await press(pilot, "enter")
        assert view.scroll_y > 0 and app.focused is view
        assert counter(app) == "1/1" and "current" in kinds(app)
        assert current_visible(app)
        assert any("Wagner" in line for line in view_lines(app)[2:6])  # three rows of context above it
        assert bar(app).display  # the bar stays, unfocused, showing the counter


async def test_n_and_shift_n_walk_the_matches_and_wrap_with_a_notice():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await search_for(pilot, "goita")
        await press(pilot, "enter")
        assert counter(app) == "1/3"
        await press(pilot, "n")
        assert counter(app) == "2/3"
        await press(pilot, "n")
        assert counter(app) == "3/3" and current_visible(app)
        assert app.screen.view.scroll_y > 0
        await press(pilot, "n")
        assert counter(app) == "1/3" and "search wrapped to the top" in notices(app)
        await press(pilot, "N")
        assert counter(app) == "3/3" and "search wrapped to the bottom" in notices(app)
        await press(pilot, "N")
        assert counter(app) == "2/3"


async def test_escape_clears_then_closes_and_escape_in_the_article_closes_keeping_the_search():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await search_for(pilot, "mali")
        assert app.screen.query_one(AccordList).counts
        await press(pilot, "escape")
        assert bar(app).input.value == "" and bar(app).display
        assert kinds(app) == [] and counter(app) == ""
        assert app.screen.query_one(AccordList).counts is None
        await press(pilot, "escape")
        assert not bar(app).display and app.focused is app.screen.view

        # Enter, then Esc from the article: the bar closes, n / N still work, Esc again clears
        await search_for(pilot, "goita")
        await press(pilot, "enter", "escape")
        assert not bar(app).display and kinds(app).count("match") == 3
        await press(pilot, "n")
        assert app.screen.search.current == 1 and "search: 2/3" in str(app.screen.query_one("#status").render())
        await press(pilot, "escape")
        assert kinds(app) == [] and not app.screen.search.active
        await press(pilot, "n")
        assert "No search: press / to search." in notices(app)


async def test_toggles_change_the_results_and_light_up():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await search_for(pilot, "mali")
        assert counter(app) == "11 matches"  # smart case: "Mali", "malien"... and the entity
        toggle = app.screen.query_one("#search-case")
        assert not toggle.has_class("-on")
        await press(pilot, "alt+c")
        assert toggle.has_class("-on") and counter(app) == "4 matches"  # lower-case "mali" only
        await pilot.click("#search-case")  # a click toggles too
        await pilot.pause()
        assert not toggle.has_class("-on") and counter(app) == "11 matches"
        await pilot.press("escape")
        await press(pilot, *"MALI")
        assert counter(app) == "no matches"  # a capital makes case count
        await pilot.press("escape")
        await press(pilot, *"securit")
        assert counter(app) == "3 matches"  # "sécurité", "sécuritaire"
        await press(pilot, "alt+w")
        assert app.screen.query_one("#search-whole-word").has_class("-on")
        assert counter(app) == "no matches"
        await press(pilot, "e")
        assert counter(app) == "2 matches"
        await press(pilot, "alt+d")
        assert counter(app) == "no matches"  # accents always count: "securite" is not "sécurité"


async def test_a_bad_regex_shows_its_error_and_does_not_crash():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "alt+r")
        await press(pilot, *"(wag")
        assert app.screen.query_one("#search-regex").has_class("-on")
        assert counter(app) == "bad query"
        message = app.screen.query_one("#search-message")
        assert message.display and "invalid regular expression at position 1" in str(message.render())
        await press(pilot, "enter")
        assert isinstance(app.screen, ReadingScreen)
        await press(pilot, "slash", "end", *"ner)")
        assert counter(app) == "1 match" and not message.display


async def test_half_typed_filter_shows_its_error():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await search_for(pilot, "figure:>")
        assert counter(app) == "bad query"
        await press(pilot, *"100")
        assert counter(app).endswith("match") or counter(app).endswith("matches")


async def test_history_walks_with_up_and_down_and_survives_a_restart(tmp_path):
    path = tmp_path / "state.json"
    app = make_app(state=State(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for query in ("goita", "wagner", "goita"):
            await search_for(pilot, query)
            await press(pilot, "enter")
            await pilot.press("slash", "escape", "escape")
    assert app.state.history == ["wagner", "goita"]  # deduplicated, most recent last
    assert app.state.save() is None

    state, problem = load_state(path)
    assert problem is None and state.history == ["wagner", "goita"]
    app = make_app(state=state)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"dr")
        await press(pilot, "up")
        assert bar(app).input.value == "goita" and counter(app) == "3 matches"
        await press(pilot, "up")
        assert bar(app).input.value == "wagner" and counter(app) == "1 match"
        await pilot.press("up")  # the oldest stays
        assert bar(app).input.value == "wagner"
        await pilot.press("down")
        assert bar(app).input.value == "goita"
        await pilot.press("down")
        assert bar(app).input.value == "dr"  # back to what was typed
        await pilot.pause()


def test_remember_deduplicates_and_keeps_the_last_hundred():
    history: list[str] = []
    for i in range(HISTORY_LIMIT + 5):
        remember(history, f"q{i}")
    remember(history, "q50")
    remember(history, "   ")
    assert len(history) == HISTORY_LIMIT and history[-1] == "q50" and history.count("q50") == 1
    assert history[0] == "q5"


@pytest.mark.parametrize("key", ["ctrl+f", "alt+enter"])
async def test_results_list_opens_and_enter_jumps(key):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await search_for(pilot, "Mali")
        await press(pilot, key)
        assert isinstance(app.screen, ResultsScreen)
        results = app.screen.query_one("#results-list")
        assert results.option_count == 7
        title = str(app.screen.query_one("#results-title").render())
        assert "7 matches for Mali in this article" in title
        first = str(results.get_option_at_index(0).prompt)
        assert "§ 2 Au Kremlin" in first and "Transition du Mali" in first
        await press(pilot, "down", "down", "enter")
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.search.current == 2 and counter(app) == "3/7" and current_visible(app)
        assert app.focused is app.screen.view
        await pilot.press("ctrl+f")  # focus is in the article: a page down, as in less (the list is the bar's)
        assert isinstance(app.screen, ReadingScreen)
        await press(pilot, "slash", "ctrl+f")
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.query_one("#results-list").highlighted == 2  # starts at the current match
        await press(pilot, "escape")
        assert isinstance(app.screen, ReadingScreen) and app.screen.search.current == 2


async def test_accord_counts_appear_in_the_sidebar_and_go_on_clear():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        accords = app.screen.query_one(AccordList)
        await search_for(pilot, "Mali")
        assert accords.counts == {"accord-commission": 1, "accord-nucleaire": 1, "accord-cadre": 3}
        prompt = str(accords.get_option("accord-cadre").prompt)
        assert "×3" in prompt.splitlines()[0]
        assert "×" not in str(accords.get_option("raffinerie-senou").prompt)
        await press(pilot, "escape")
        assert accords.counts is None
        assert "×" not in str(accords.get_option("accord-cadre").prompt)


async def test_scope_toggle_searches_every_article_and_opens_the_other_one(tmp_path):
    small = small_article(tmp_path / "small.yaml", ["Alice met [/] Goïta [b]in[/b] Bamako.", "Nothing here."])
    app = make_app(BUNDLED, small)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bundled = next(e for e in app.entries if e.article and e.article.id != "small")
        app.open_entry(bundled)
        await pilot.pause()
        await search_for(pilot, "goita")
        assert counter(app) == "3 matches"
        await press(pilot, "alt+a")
        assert app.screen.query_one("#search-everywhere").has_class("-on")
        # two files given: they are the library, counted whole, this article's matches among them
        await wait_until(pilot, lambda: counter(app) != "3 here · library…", "the library counted")
        assert counter(app) == "3 here · 4 in 2 of 2 articles"
        assert kinds(app) == ["match"] * 3  # only this article's matches are painted here
        await press(pilot, "ctrl+f")
        results = app.screen.query_one("#results-list")
        assert results.option_count == 4
        last = str(results.get_option_at_index(3).prompt)
        assert "Small [AP] article" in last and "§ 1 Section 1" in last and "Alice met [/] Goïta [b]in[/b] Bamako." in last
        await press(pilot, "end", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and screen.article.id == "small"
        assert screen.search.current == 0 and kinds(app) == ["match", "current"]
        await wait_until(pilot, lambda: counter(app) != "1/1 here · library…", "the library counted from the other article")
        assert counter(app) == "1/1 here · 4 in 2 of 2 articles"
        assert any("Goïta" in line for line in view_lines(app))
        await press(pilot, "n")
        assert "search wrapped to the top" in notices(app)


async def test_big_articles_are_searched_in_a_worker(monkeypatch):
    monkeypatch.setattr(search_session, "THREAD_THRESHOLD", 0)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"goita", "enter")  # Enter before the worker is done: it waits for it
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert counter(app) == "1/3" and app.focused is app.screen.view
        await pilot.press("slash", "alt+r", "(")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert counter(app) == "bad query"
        await pilot.press("escape")  # an empty query is answered at once, and cancels the worker
        await pilot.pause()
        assert counter(app) == "" and kinds(app) == []


async def test_help_lists_the_search_keys():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        assert "coming soon" not in text
        for description in ("Search", "Next search match", "Previous search match", "Toggle match case (off: smart)",
                            "Toggle match accents", "Toggle whole words", "Toggle regular expression",
                            "Toggle searching every article (the library)", "In the bar: earlier query", "List all matches",
                            "In the bar: clear the query; then close", "Hide the search bar; then clear the search",
                            "Close the results list", "Aa é when off"):
            assert description in text


def test_every_search_binding_has_an_id_and_a_description():
    bindings = [*SearchBar.BINDINGS, *ResultsScreen.BINDINGS, *(b for b in ReadingScreen.BINDINGS if b.id.startswith("search."))]
    assert len(bindings) >= 14
    for binding in bindings:
        assert binding.id and binding.description
    ids = [b.id for b in bindings]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("width", "cramped"), [(40, False), (60, True), (100, False)])
async def test_a_cramped_search_bar_keeps_its_counter_and_the_toggles_that_are_on(width, cramped):
    app = make_app()
    async with app.run_test(size=(width, 20)) as pilot:
        await press(pilot, "slash", *"goita")
        assert app.screen.search_bar.has_class("-cramped") is cramped  # at 60 the sidebar leaves the bar 34 cells
        row = next(r for r in screen_rows(app) if "goita" in r)
        assert "3 matches" in row and ("Aa" in row) is not cramped
        await press(pilot, "alt+w")
        row = next(r for r in screen_rows(app) if "goita" in r)
        assert " W " in row and "matches" in row  # the lit toggle shows, the count still fits


@pytest.mark.parametrize("width", [60, 80, 100, 120])
async def test_a_long_counter_is_never_cut(tmp_path, width):
    other = tmp_path / "other.yaml"
    other.write_text(BUNDLED.read_text(encoding="utf-8").replace("id: mali-russie-accords-2025-06-23", "id: other-copy", 1), encoding="utf-8")
    app = make_app(BUNDLED, other)
    async with app.run_test(size=(width, 24)) as pilot:
        await press(pilot, "enter", "i", "slash", *"goita", "alt+a")
        shown = app.screen.search_bar.query_one("#search-counter")
        await wait_until(pilot, lambda: "library" not in str(shown.render()) and "…" not in str(shown.render()), "the library counted")
        await pilot.pause()  # and laid out
        counter = str(shown.render()).strip()
        assert counter in ("3 here · 6 in 2 of 2 articles", "3 · 6")  # the figures alone when the words do not fit
        assert (counter == "3 · 6") is (width == 60)
        row = next(r for r in screen_rows(app) if "goita" in r)
        assert counter in row  # whole, never cut


@pytest.mark.parametrize(("query", "says"), [("date:2025-13", "there is no month 13"),
                                            ("date:2025-02-30", "there is no day 30 in 2025-02"),
                                            ("figure:>abc", "expected a number after '>'")])
async def test_search_bar_shows_an_impossible_filter_as_a_bad_query(query, says):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await press(pilot, *query)
        assert str(app.screen.query_one("#search-counter").render()) == "bad query"
        message = app.screen.query_one("#search-message")
        assert message.display and says in str(message.render())


async def test_a_regex_that_backtracks_without_end_runs_in_the_worker_and_keys_go_on(tmp_path, monkeypatch):
    """(a+)+b on a run of a's is stopped by its time limit; on the screen's thread it held every key for that long."""
    monkeypatch.setattr(search_session, "REGEX_SECONDS", 0.5)  # the limit (3 s) shortened: the test waits for it
    app = make_app(small_article(tmp_path / "a.yaml", ["Alice wrote " + "a" * 30_000 + "!"]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "alt+r")
        await press(pilot, *"(a+)+b")
        session = app.screen.search
        assert session.searching  # in the worker: the screen's thread is free
        await press(pilot, "c")
        assert bar(app).input.value == "(a+)+bc" and session.searching
        message = app.screen.query_one("#search-message")
        await wait_until(pilot, lambda: message.display and "ran over" in str(message.render()), "the time limit's message")
        assert "ran over 0.5 s" in str(message.render())
        assert counter(app) == "bad query" and not session.searching
        await press(pilot, "backspace", "backspace", "backspace")  # "(a+)+" finds quickly: answered at once
        assert counter(app) == "2 matches" and not session.searching
