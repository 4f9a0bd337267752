"""The reading screen's wiring, read from the messages its widgets post (``run_test(message_hook=...)``):
the search bar says what to search, the sidebar what was chosen, the inspector where to go."""

from __future__ import annotations

import threading

from textual.widgets import OptionList

from reader.search.session import Pending, Step
from reader.ui.widgets.inspector import Inspector
from reader.ui.widgets.pane_row import PaneRow
from reader.ui.widgets.search_bar import SearchBar, Toggle
from reader.ui.widgets.sidebar import AccordList, EntityIndex, OutlineList, Sidebar
from reader.ui.widgets.status import Status
from tests.apphelpers import make_app, press


class Posted:
    """Every message posted while the app runs, once each and in order (the hook sees a message again
    at every widget it bubbles through)."""

    def __init__(self) -> None:
        self.messages: list[object] = []  # all kept, so that no id is reused by a new message
        self._seen: set[int] = set()
        self._start = 0

    def __call__(self, message: object) -> None:
        if id(message) not in self._seen:
            self._seen.add(id(message))
            self.messages.append(message)

    def of(self, kind: type) -> list:
        """The messages of a kind posted since the last clear()."""
        return [m for m in self.messages[self._start:] if type(m) is kind]

    def clear(self) -> None:
        self._start = len(self.messages)


async def test_typing_in_the_bar_posts_what_to_search_and_enter_posts_submitted():
    posted = Posted()
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=posted) as pilot:
        await press(pilot, "slash")
        await press(pilot, *"goi")
        assert [m.text for m in posted.of(SearchBar.QueryChanged)] == ["g", "go", "goi"]
        assert not posted.of(SearchBar.Submitted)
        await press(pilot, "enter")
        assert len(posted.of(SearchBar.Submitted)) == 1
        assert app.screen.search.current == 0 and app.focused is app.screen.view


async def test_alt_keys_toggle_options_and_are_never_typed():
    posted = Posted()
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=posted) as pilot:
        await press(pilot, "slash")
        await press(pilot, *"mali")
        posted.clear()
        await press(pilot, "alt+c", "alt+w", "alt+a")
        changes = posted.of(SearchBar.QueryChanged)
        assert [m.text for m in changes] == ["mali"] * 3  # no 'c', 'w' or 'a' typed into the query
        last = changes[-1]
        assert last.options.case is True and last.options.whole_word and last.everywhere
        assert app.screen.search_bar.input.value == "mali"


async def test_a_click_on_a_toggle_posts_its_option_and_the_bar_searches_again():
    posted = Posted()
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=posted) as pilot:
        await press(pilot, "slash")
        await press(pilot, *"mali")
        posted.clear()
        await pilot.click("#search-case")
        await pilot.pause()
        assert [m.option for m in posted.of(Toggle.Clicked)] == ["case"]
        assert posted.of(SearchBar.QueryChanged)[-1].options.case is True


async def test_ctrl_f_posts_results_requested_and_escape_on_an_empty_bar_posts_closed():
    posted = Posted()
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=posted) as pilot:
        await press(pilot, "slash")
        await press(pilot, *"mali", "ctrl+f")
        assert len(posted.of(SearchBar.ResultsRequested)) == 1
        await press(pilot, "escape")  # closes the list
        await press(pilot, "slash")
        await press(pilot, "escape")  # clears the query
        assert not posted.of(SearchBar.Closed)
        await press(pilot, "escape")  # closes the empty bar
        assert len(posted.of(SearchBar.Closed)) == 1 and not app.screen.search_bar.is_open


async def test_the_sidebar_posts_what_is_chosen_and_what_is_looked_at():
    posted = Posted()
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=posted) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one(AccordList).focus()
        await press(pilot, "down")
        looked = posted.of(Sidebar.AccordChosen)[-1]
        assert not looked.jump and screen.inspector.subject is looked.accord
        await press(pilot, "enter")
        chosen = posted.of(Sidebar.AccordChosen)[-1]
        assert chosen.jump and chosen.accord is looked.accord
        assert screen.article.accord_at(screen.view.reading_location) is chosen.accord

        screen.query_one(OutlineList).focus()
        await press(pilot, "down", "down", "enter")
        section = posted.of(Sidebar.SectionChosen)[-1]
        assert section.index == screen.query_one(OutlineList).highlighted
        assert screen.view.reading_location.section == section.index

        screen.query_one(EntityIndex).focus()
        await press(pilot, "down", "enter")
        entities = posted.of(Sidebar.EntityChosen)
        assert entities and entities[-1].jump
        assert screen.inspector.subject is entities[-1].entity and not screen.inspector.has_class("-hidden")


async def test_the_inspector_posts_where_to_jump_and_its_mention_is_highlighted():
    posted = Posted()
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=posted) as pilot:
        await pilot.pause()
        screen = app.screen
        goita = next(e for e in screen.article.entities if "goita" in e.id)
        screen.inspect_entity(goita)
        await pilot.pause()
        mentions = screen.inspector.query_one("#mentions", OptionList)
        mentions.focus()
        await press(pilot, "down", "enter")
        [jump] = posted.of(Inspector.JumpRequested)
        second = screen.article.mentions_by_ref[goita.id][1]
        assert jump.location == second.location and screen.focused_mention == second
        await press(pilot, "asterisk")  # the next mention: the inspector's list follows
        assert mentions.highlighted == 2


async def test_enter_pressed_while_a_worker_searches_waits_as_data(monkeypatch):
    from reader.search import session as search_session

    release = threading.Event()
    real = search_session.run

    def held(request, *rest):
        if request.text.strip():
            release.wait(30)  # held until the test has pressed Enter (a guard, not a sleep: released below)
        return real(request, *rest)

    monkeypatch.setattr(search_session, "THREAD_THRESHOLD", 0)
    monkeypatch.setattr(search_session, "run", held)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "slash")
        await press(pilot, *"goita", "enter")
        screen = app.screen
        assert screen.search.searching and screen.search.pending == [Pending(Step.SUBMIT)]
        assert str(screen.search_bar.query_one("#search-counter").render()).strip() == "counting…"  # the matches in sight are shown, the whole count comes from the worker
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert screen.search.pending == [] and screen.search.counter() == "1/3"
        assert app.focused is screen.view


async def test_what_the_app_hands_down():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.inspector.links == app.links
        assert screen.search_bar.history is app.state.history
        assert [a.id for a in screen.opened_articles()] == [e.article.id for e in app.entries]


async def test_the_status_is_built_from_a_place_and_the_panes_show_as_asked():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        article = screen.article
        accord = article.numbered_accords[0]
        status = Status.at(article, accord.anchor, accord, 40, ("2/3", False), "person")
        assert (status.section, status.sections, status.accord, status.percent, status.search, status.highlights) == (
            accord.anchor.section + 1, len(article.sections), "Accord 1", 40, "2/3", "person")
        assert Status.at(article, article.sections[0].paragraphs[0].mentions[0].location, None, 0).accord == "—"

        rows = screen.query_one(PaneRow)
        sidebar = screen.query_one(Sidebar)
        screen.query_one(AccordList).focus()
        await press(pilot, "s")  # hidden: the focus leaves it for the text
        assert sidebar.has_class("-hidden") and not rows.has_class("-sidebar") and app.focused is screen.view
        await press(pilot, "i")
        assert not screen.inspector.has_class("-hidden") and rows.has_class("-inspecting")
        await press(pilot, "s")  # the sidebar back: the inspector closes
        assert rows.has_class("-sidebar") and screen.inspector.has_class("-hidden") and not rows.has_class("-inspecting")
