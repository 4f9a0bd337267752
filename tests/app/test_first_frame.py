"""The first screen's first frame (issue 17): the text first, the sidebar's lists, the inspector and the
search bar right after it, nothing moving when they come, and every key working from the start."""

from __future__ import annotations

import pytest
from textual.app import App

from reader.ui.screens.reading import ReadingScreen
from reader.ui.stylesheet import LATER, SOURCE, add_rest, parts
from reader.ui.widgets.footer import KeysFooter
from reader.ui.widgets.inspector import Inspector
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.sidebar import AccordList, OutlineList, Sidebar
from tests.apphelpers import make_app, wait_until


@pytest.fixture
def held(monkeypatch):
    """The rest of the first screen is not mounted after its first frame: only a key (or a wait) mounts it."""
    monkeypatch.setattr(ReadingScreen, "after_first_frame", lambda self: None)


async def test_the_first_frame_has_the_text_and_the_rest_comes_without_moving_it(held):
    app = make_app()
    async with App.run_test(app, size=(120, 40)) as pilot:  # Textual's own: hands over before the rest is mounted
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and screen.progressive
        await pilot.pause()
        assert not screen.query(AccordList) and not screen.query(SearchBar) and not screen.query_one(Inspector).children
        sidebar, view = screen.query_one(Sidebar), screen.view
        before = (sidebar.region, view.region, view.scroll_y)
        assert sidebar.region.width == 34 and view.region.x == 34  # the pane's room is kept, empty
        assert "La visite du Chef" in "".join(view.render_line(y).text for y in range(view.size.height))
        fresh = sidebar._panes()[1]  # the accords list as fill() makes it: titles wrapped from its first frame, none re-wrapped as it shows
        assert isinstance(fresh, AccordList) and fresh.wrap_width == sidebar.content_region.width - 1 == 32
        await app.first_screen_mounted()
        await pilot.pause()
        assert not screen.progressive
        assert screen.query_one(AccordList).option_count and screen.query_one(SearchBar).is_open is False
        assert (sidebar.region, view.region, view.scroll_y) == before  # the text did not move
        assert screen.query_one(OutlineList).highlighted == 0  # told the place read before the lists were there
        assert screen.inspector.subject is None and screen.query_one("#inspector-body")  # the overview, ready


async def test_keys_typed_before_the_rest_is_mounted_find_it(held):
    app = make_app()
    async with App.run_test(app, size=(120, 40)) as pilot:
        screen = app.screen
        assert screen.progressive
        await pilot.press("slash", "g", "o")
        assert not screen.progressive
        bar = screen.query_one(SearchBar)
        assert bar.is_open and bar.input.value == "go" and app.focused is bar.input
        await pilot.press("escape", "escape", "i")
        assert not screen.inspector.has_class("-hidden") and screen.inspector.filled


async def test_a_wait_mounts_it_once(held):
    app = make_app()
    async with App.run_test(app, size=(120, 40)) as pilot:
        screen = app.screen
        await app.first_screen_mounted()
        await app.first_screen_mounted()  # already whole: nothing more
        await pilot.pause()
        assert len(screen.query(AccordList)) == 1 and len(screen.query(SearchBar)) == 1


async def test_without_a_key_the_rest_comes_after_the_first_frame():
    app = make_app()
    async with App.run_test(app, size=(120, 40)) as pilot:
        screen = app.screen
        for _ in range(100):  # mounted by the screen itself once its first frame is drawn: waited for, never a sleep
            if not screen.progressive:
                break
            await pilot.pause()
        assert screen.query_one(AccordList).option_count and screen.query_one(SearchBar)


def _looks(app: App) -> dict[str, tuple]:
    """How each widget of the screen is styled and placed (what a rule of the stylesheet could change)."""
    return {f"{type(w).__name__}#{w.id}": (w.region, w.display, str(w.styles.background), str(w.styles.color),
                                          w.styles.width, w.styles.height, w.styles.margin, w.styles.padding)
            for w in app.screen.walk_children()}


async def test_the_rest_of_the_stylesheet_styles_nothing_the_first_frame_has(held):
    """The rules parsed after the first frame must not change anything of it (they would apply only later)."""
    app = make_app()
    async with App.run_test(app, size=(120, 40)) as pilot:
        footer = app.screen.query_one(KeysFooter)
        await wait_until(pilot, lambda: footer.settled, "the footer's keys fitted")  # on a loaded machine, a frame or two late
        before = _looks(app)
        add_rest(app)
        app.refresh_css(animate=False)  # every rule applied to every widget, as a theme change does
        await pilot.pause()
        await wait_until(pilot, lambda: footer.settled, "the footer's keys fitted again")
        assert _looks(app) == before


def test_the_two_parts_are_the_whole_stylesheet():
    first, rest = parts()
    assert LATER in rest and LATER not in first
    assert first + rest.lstrip("\n") == SOURCE.read_text(encoding="utf-8")
    assert rest.count("\n") == SOURCE.read_text(encoding="utf-8").count("\n")  # a rule's line is its line in the file


async def test_quitting_as_the_first_frame_is_drawn_leaves_nothing_half_mounted(monkeypatch, recwarn):
    """The app quits right after its first frame (as the first-frame benchmark does), while the rest is
    being mounted: the rest is given up quietly, no MountError and no coroutine left never awaited."""
    mount = ReadingScreen.on_mount

    def on_mount(screen: ReadingScreen) -> None:
        mount(screen)  # which asks for the rest after the first frame
        screen.call_after_refresh(screen.app.exit, 0)

    monkeypatch.setattr(ReadingScreen, "on_mount", on_mount)
    app = make_app()
    async with App.run_test(app, size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.return_code is not None, "the app quitting by itself")
    assert app._exception is None  # noqa: SLF001 -- what Textual would have shown as a traceback
    assert app.return_code == 0
    assert not [w for w in recwarn if "never awaited" in str(w.message)]
