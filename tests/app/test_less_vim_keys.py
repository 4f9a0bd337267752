"""Reading as a less or vim user expects (issue 12, part A): no key lost after `/`, instant scrolling, the keys of
less and vim, the footer by need, back in one press, an inspector never stale, mentions counted (Pilot)."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, Static

from reader.settings.config import Config, dump, load_config_text
from reader.settings.state import State
from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.picker import PickerScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.screens.results import ResultsScreen
from reader.ui.widgets.status import StatusLine
from tests.app.test_picker import library, make as make_library, picker_ready
from tests.apphelpers import BUNDLED, make_app, notices, press, screen_rows, small_article, wait_until

CHARACTERS = {"slash": "/", "space": " "}


def burst(app: ReaderApp, *keys: str) -> None:
    """Hand the app every key at once, as a terminal's driver does with what one read brought ("/goita"
    pasted by tmux, or typed faster than the app draws): no key waits for the one before to be handled."""
    for key in keys:
        app.post_message(events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None)))


def counter(app: ReaderApp) -> str:
    return str(app.screen.query_one("#search-counter", Static).render())


# 1. no key is lost after `/` ------------------------------------------------------------------------

async def test_a_burst_after_slash_lands_whole_in_the_bar():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        theme, top = app.theme, screen.view.scroll_y
        burst(app, "2", "slash", *"goita")  # g, i, t, a would be top, inspector, theme, ... in the text
        await wait_until(pilot, lambda: screen.search_bar.input.value == "goita", "the bar reading goita")
        await wait_until(pilot, lambda: counter(app).endswith(" matches"), "the bar's counter")
        assert app.focused is screen.search_bar.input
        assert app.theme == theme and screen.inspector.has_class("-hidden")  # no letter ran as a command
        assert screen.view.scroll_y != top  # `2` before the `/` was a command: it jumped


async def test_a_burst_typed_before_the_first_frame_lands_in_the_bar():
    app = make_app()
    async with app.run_test(size=(110, 32)) as pilot:
        screen = app.screen
        burst(app, "slash", *"goita")  # no pause: the text is not laid out yet, nor the bar
        await wait_until(pilot, lambda: counter(app) == "3 matches", "the bar's counter")
        assert screen.search_bar.input.value == "goita" and app.focused is screen.search_bar.input


async def test_slash_typed_in_the_bar_is_a_character_of_the_query():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        burst(app, "slash", "a", "slash", "b")
        await wait_until(pilot, lambda: app.screen.search_bar.input.value == "a/b", "the bar reading a/b")


async def test_a_burst_after_slash_in_the_picker_lands_in_its_filter(tmp_path):
    app = make_library(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        await press(pilot, "escape")  # the list has the keys: s sorts, U marks read, q quits there
        assert not picker.filter_input.has_focus
        sort = picker.sort
        burst(app, "slash", *"sqU")
        await wait_until(pilot, lambda: picker.filter_input.value == "sqU", "the filter reading sqU")
        assert app.is_running and picker.sort == sort and isinstance(app.screen, PickerScreen)


async def test_a_burst_after_ctrl_p_lands_in_the_palette():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        theme = app.theme
        burst(app, "ctrl+p", *"goita")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette)
                         and app.screen.query_one(Input).value == "goita", "the palette reading goita")
        assert app.theme == theme


# 2. scrolling is instant ----------------------------------------------------------------------------

def test_smooth_scroll_is_read_from_the_settings_strictly():
    assert load_config_text("theme: x\n", "c.yaml") == (Config(theme="x"), [])
    assert load_config_text("smooth_scroll: true\n", "c.yaml") == (Config(smooth_scroll=True), [])
    config, [problem] = load_config_text("theme: x\nsmooth_scroll: yes please\n", "c.yaml")
    assert config == Config(theme="x")  # the rest kept
    assert str(problem) == "c.yaml:2:16: smooth_scroll must be true or false, not text"
    assert load_config_text(dump(Config(smooth_scroll=True)), "c.yaml") == (Config(smooth_scroll=True), [])


async def test_scrolling_keys_move_the_text_at_once():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.view
        page = view.scrollable_content_region.height
        assert view.smooth is False
        burst(app, "space")
        await wait_until(pilot, lambda: view.scroll_y > 0, "the page down")
        assert view.scroll_y == page and not app.animator.is_being_animated(view, "scroll_y")
        for action, expected in ((view.action_scroll_down, page + 1), (view.action_page_up, 1), (view.action_scroll_up, 0),
                                 (lambda: view.action_half_page(1), page // 2)):
            action()
            assert view.scroll_y == expected and not app.animator.is_being_animated(view, "scroll_y")


async def test_smooth_scroll_in_the_settings_brings_the_animation_back():
    app = make_app(config=Config(smooth_scroll=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.view
        assert view.smooth is True
        view.action_page_down()
        assert app.animator.is_being_animated(view, "scroll_y")


# 3. the keys of less and vim ------------------------------------------------------------------------

async def test_ctrl_d_u_half_a_page_and_ctrl_f_b_a_page():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.view
        page = view.scrollable_content_region.height
        await press(pilot, "ctrl+d")
        assert view.scroll_y == page // 2
        await press(pilot, "ctrl+u")
        assert view.scroll_y == 0
        await press(pilot, "ctrl+f")
        assert view.scroll_y == page and isinstance(app.screen, ReadingScreen)  # not the results list: that is the bar's
        await press(pilot, "ctrl+b")
        assert view.scroll_y == 0
        sidebar = app.screen.query_one("#sidebar")
        assert sidebar.display  # ctrl+b no longer hides it: `s` does
        await press(pilot, "s")
        assert not sidebar.display
        await press(pilot, "s")
        assert sidebar.display


async def test_ctrl_f_in_the_bar_still_lists_every_match():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "slash", *"mali", "ctrl+f")
        assert isinstance(app.screen, ResultsScreen)


async def test_the_help_scrolls_with_j_k_space_b_g_G_and_q_closes_it():
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        scroller = app.screen.scroller
        page = scroller.scrollable_content_region.height
        assert scroller.max_scroll_y > page  # the list is longer than a page: each key can be seen to move it
        await press(pilot, "j")
        assert scroller.scroll_y == 1
        await press(pilot, "k")
        assert scroller.scroll_y == 0
        await press(pilot, "space")
        assert scroller.scroll_y == page - 1
        await press(pilot, "b")
        assert scroller.scroll_y == 0
        await press(pilot, "G")
        assert scroller.scroll_y == scroller.max_scroll_y
        await press(pilot, "g")
        assert scroller.scroll_y == 0
        await press(pilot, "q")
        assert isinstance(app.screen, ReadingScreen) and app.is_running


async def test_the_results_list_moves_with_j_k_and_q_closes_it():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "slash", *"mali", "ctrl+f")
        results = app.screen.query_one("#results-list", OptionList)
        start = results.highlighted
        await press(pilot, "j", "j")
        assert results.highlighted == start + 2
        await press(pilot, "k")
        assert results.highlighted == start + 1
        await press(pilot, "q")
        assert isinstance(app.screen, ReadingScreen) and app.is_running


async def test_slash_then_enter_on_an_empty_bar_repeats_the_last_search():
    app = make_app(state=State(Path("/nonexistent/state.json"), writable=False))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await press(pilot, "slash", *"goita", "enter")
        first = screen.search.current
        await press(pilot, "slash", "escape")  # Esc in the bar clears the query (and the search)
        assert screen.search_bar.input.value == "" and not screen.search.active
        await press(pilot, "enter")  # the bar is open and empty: Enter searches goita again
        assert screen.search_bar.input.value == "goita" and screen.search.active
        assert screen.search.current is not None and counter(app).startswith(f"{screen.search.current + 1}/")
        assert app.focused is screen.view
        assert first is not None


async def test_n_with_no_search_says_how_to_search():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n")
        assert notices(app)[-1].lower() == "no search: press / to search."


async def test_q_closes_an_article_opened_over_another(tmp_path):
    small = small_article(tmp_path / "small.yaml", ["Alice met Goïta in Bamako.", "Nothing here."])
    app = make_app(BUNDLED, small)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.open_entry(next(e for e in app.entries if e.article and e.article.id != "small"))
        await pilot.pause()
        first = app.screen
        await press(pilot, "slash", *"goita", "alt+a", "ctrl+f", "end", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen) and app.screen.article.id == "small",
                         "the other article")
        await press(pilot, "q")  # closes the article opened over the first (not back to the list, nor quit)
        assert app.screen is first and app.is_running


# 6. the footer shows what a newcomer needs first -----------------------------------------------------

def footer_text(app: ReaderApp) -> str:
    return screen_rows(app)[-1]


async def test_the_footer_starts_with_search_help_accord_quit():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = [binding.id for _, binding, _, _ in app.screen.active_bindings.values() if binding.show]
        order = list(dict.fromkeys(shown))  # a binding with two keys (? and f1) is listed once per key
        assert order[:5] == ["search.open", "app.help", "reading.next_accord", "reading.previous_accord", "app.quit"]
        await wait_until(pilot, lambda: "Search" in footer_text(app), "the footer drawn")
        footer = footer_text(app)
        for shown in ("Help", "Accord", "Quit", "Section", "Mention"):  # all within 80 columns
            assert shown in footer, footer
        assert footer.index("Search") < footer.index("Help") < footer.index("Accord") < footer.index("Quit")
        assert footer.index("Quit") < footer.index("Section")  # the rest after: cut first when narrow


# 7. back returns in one press -------------------------------------------------------------------------

async def test_back_from_a_match_opened_in_another_article_returns_in_one_press(tmp_path):
    small = small_article(tmp_path / "small.yaml", ["Alice met Goïta in Bamako.", "Nothing here."])
    app = make_app(BUNDLED, small)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.open_entry(next(e for e in app.entries if e.article and e.article.id != "small"))
        await pilot.pause()
        first = app.screen
        await press(pilot, "2", "slash", *"goita", "alt+a", "ctrl+f", "end", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen) and app.screen.article.id == "small",
                         "the other article")
        await wait_until(pilot, lambda: app.screen.search.current is not None, "the match shown")
        await press(pilot, "ctrl+o")
        assert app.screen is first


async def test_back_from_a_match_chosen_in_the_same_article_returns_where_the_reader_was():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "2")
        view = app.screen.view
        here = view.reading_location
        await press(pilot, "slash", *"mali", "ctrl+f", "end", "enter")
        assert view.reading_location != here
        await press(pilot, "ctrl+o")
        assert view.reading_location == here


# 9. the inspector is never stale ------------------------------------------------------------------------

async def test_the_inspector_shows_what_is_in_view_the_overview_at_the_top():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "2", "g", "i")
        screen = app.screen
        assert screen.inspector.subject is None  # at the top no accord is in view: not accord 2, last seen
        body = str(screen.query_one("#inspector-body", Static).render())
        assert screen.article.title.split()[0] in body and "accords" in body
        options = screen.query_one("#mentions", OptionList)
        assert options.option_count == len(screen.article.numbered_accords)
        await press(pilot, "3")
        assert screen.inspector.subject is screen.article.numbered_accords[2]
        await press(pilot, "g")
        assert screen.inspector.subject is None


# 10. mentions count ----------------------------------------------------------------------------------------

async def test_star_and_hash_say_which_mention_of_how_many():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        goita = next(e for e in screen.article.entities if e.name.startswith("Assimi"))
        total = len(screen.article.mentions_by_ref[goita.id])
        assert total >= 3
        status = screen.query_one(StatusLine)
        screen.inspect_entity(goita)
        await press(pilot, "asterisk")
        assert status.status.mention == f"{goita.name}: mention 1/{total}"
        await press(pilot, "asterisk")
        assert status.status.mention == f"{goita.name}: mention 2/{total}"
        assert f"{goita.name}: mention 2/{total}" in screen_rows(app)[-2]  # the status line, above the footer
        await press(pilot, "number_sign", "number_sign")
        assert status.status.mention == f"{goita.name}: mention {total}/{total}"
        assert notices(app)[-1] == "Wrapped around."
        await press(pilot, "g")  # the reader moved away from the mention: no longer said
        assert screen.focused_mention is None and status.status.mention == ""


# 14. focus goes where you look --------------------------------------------------------------------------

async def test_esc_from_the_results_list_gives_the_keys_to_the_text():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "slash", *"mali", "ctrl+f")
        assert isinstance(app.screen, ResultsScreen)
        await press(pilot, "escape")
        screen = app.screen
        await wait_until(pilot, lambda: app.focused is screen.view, "the text having the keys")
        await press(pilot, "n")
        assert screen.search_bar.input.value == "mali" and screen.search.current is not None  # a step, not a letter typed


# 15. only queries submitted with Enter join the history ----------------------------------------------------

async def test_only_queries_submitted_with_enter_join_the_history():
    state = State(Path("/nonexistent/state.json"), writable=False)
    app = make_app(state=state)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "slash", *"mali", "ctrl+f", "enter")  # a match chosen from the list: no submission
        assert state.history == []
        await press(pilot, "slash", *"wagner", "escape", "escape")  # typed, then cleared
        assert state.history == []
        await press(pilot, "slash", *"goita", "enter")
        assert state.history == ["goita"]
