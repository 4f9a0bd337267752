"""The reading screen's search keys and messages: requests to its SearchSession, the worker, and showing the outcome.

The session (reader.search.session) decides; this part of the screen runs the search (at once, or
in one exclusive worker thread for big texts), shows what the session says in one place
(``show_search``), and takes the steps (Enter, n / N, the results list) asked for, as data.
"""

from __future__ import annotations

import asyncio
import threading
import time
from functools import partial
from typing import TYPE_CHECKING, Sequence

from textual import work
from textual.binding import Binding
from textual.content import Content
from textual.worker import get_current_worker

from reader.model.article import Article, Location
from reader.search.steps import Pending, Step
from reader.text.safe import label

if TYPE_CHECKING:  # the search's modules are imported when it is first used, not before the first frame
    from reader.model.highlight import Highlight
    from reader.search.engine import SearchOptions
    from reader.search.outcome import IndexCache
    from reader.search.session import ArticleMatch, Carry, Outcome, Place, Request, SearchSession
    from reader.search.library_scope import LibraryCount, LibraryHit
    from reader.ui.screens.context import ReadingContext
    from reader.ui.screens.results import ResultsScreen
    from reader.ui.widgets.article_view import ArticleView
    from reader.ui.widgets.search_bar import SearchBar
    from reader.ui.widgets.sidebar import AccordList

LIBRARY_COUNT_DELAY = 0.3
"""Seconds a query searched with alt+a in a library waits before the library is counted: typing on drops it unread."""
LIBRARY_COUNT_EVERY = 0.1
"""The bar's library count is updated at most this often while the library is counted."""

SEARCH_BINDINGS = [
    # priority: run as the key arrives, before the keys typed after it are handed to the focused text
    # view (a non-priority binding runs only once the key has gone through the text view's queue, by
    # which time a burst like "/goita" has given "goita" to the text as commands); off in the bar (check_action)
    Binding("slash", "search", "Search", priority=True, id="search.open"),
    Binding("n", "search_step(True)", "Next search match", show=False, id="search.next"),
    Binding("N", "search_step(False)", "Previous search match", show=False, id="search.previous"),
    Binding("escape", "search_close", "Hide the search bar; then clear the search", show=False, id="search.close"),
]
"""The reading screen's search keys (the bar has its own)."""


def results_title(outcome: Outcome) -> Content:
    """The results list's title: '7 matches for Mali in this article'."""
    request, total = outcome.request, len(outcome.found)
    where = "every opened article" if request.everywhere else "this article"
    return Content.assemble((f"{total} match{'es' if total != 1 else ''}", "bold"), " for ",
                            (label(request.text), "bold $accent"), (f" in {where}", "$text-muted"))


def top_place(view: ArticleView) -> Place:
    """The place at the top of the view, as the session orders matches."""
    top = view.top_location
    return (top.section, top.paragraph, top.start)


class SearchControl:
    """The search part of ReadingScreen (mixed into it, with SEARCH_BINDINGS): what it needs of the screen is declared below."""

    if TYPE_CHECKING:  # given by ReadingScreen
        article: Article
        context: ReadingContext
        focus_highlight: Highlight | None
        view: ArticleView
        search_bar: SearchBar
        accord_list: AccordList

        def update_position(self, location: Location) -> None: ...
        def opened_articles(self) -> Sequence[Article]: ...
        def open_other_article(self, article: Article, carry: Carry) -> None: ...
        def return_to_previous_article(self) -> None: ...
        @property
        def came_from_article(self) -> bool: ...

    # the session -------------------------------------------------------------------------------

    search_indexes: IndexCache | None = None
    """The folded texts a search carried from another article already made (given by the screen)."""
    _session: SearchSession | None = None

    @property
    def search(self) -> SearchSession:
        """The screen's search session, made (and the search's modules imported, 20-30 ms of CPU) on first
        use: the first frame needs none, and a key typed at once still finds it."""
        if self._session is None:
            from reader.search.session import SearchSession

            self._session = SearchSession(self.article, self.search_indexes, library=bool(self.context.library))
        return self._session

    @search.setter
    def search(self, session: SearchSession) -> None:
        self._session = session

    @property
    def search_active(self) -> bool:
        """A search is shown (without making the session to ask it)."""
        return self._session is not None and self._session.active

    # running ----------------------------------------------------------------------------------

    def request_search(self, text: str, options: SearchOptions, everywhere: bool) -> None:
        """Search again (at once, or in the worker when the text in scope is big); a repeat is ignored."""
        request = self.search.ask(text, options, everywhere, self.opened_articles())
        if request is not None:
            self._start(request)

    def _start(self, request: Request) -> None:
        self.workers.cancel_group(self, "library-count")  # type: ignore[attr-defined]  # the count of an older query
        if self.search.in_thread(request):
            self.search_bar.show_counter("searching…", self.search.error, "searching…")
            delay = self.search.delay(request)
            if delay:  # one letter on a big text: a second one (a newer request) or a pause runs it
                self.set_timer(delay, partial(self._start_waited, request))  # type: ignore[attr-defined]
            else:
                self._search_in_thread(request, self.view.paragraphs_in_sight(), asyncio.get_running_loop())
            return
        if not request.text.strip():
            self.workers.cancel_group(self, "search")  # type: ignore[attr-defined]
        outcome = self.search.run_at_once(request)
        if outcome is None:  # a slow regex: in the worker, the keys typed meanwhile shown as they come
            self.search_bar.show_counter("searching…", self.search.error, "searching…")
            self._search_in_thread(request, self.view.paragraphs_in_sight(), asyncio.get_running_loop())
            return
        self.searched(outcome)

    def _start_waited(self, request: Request) -> None:
        if self.search.still_wanted(request):
            self._search_in_thread(request, self.view.paragraphs_in_sight(), asyncio.get_running_loop())

    # a description of our own: Textual's default is the repr of every argument, the whole article
    # included (1.4 s on the screen's thread for 10 MB, before the worker even started)
    @work(thread=True, exclusive=True, group="search", exit_on_error=False, description="search")
    def _search_in_thread(self, request: Request, in_sight: list[tuple[int, int]], loop: asyncio.AbstractEventLoop) -> None:
        # the paragraphs in sight first (a few milliseconds), painted while the whole text is searched:
        # what the reader looks at is highlighted at once, the counter says "counting…" meanwhile
        from reader.load.bulk import collector_paused
        from reader.search import pacing

        worker = get_current_worker()
        glimpse = self.search.glance(request, in_sight)
        if glimpse is not None and not worker.is_cancelled:
            drawn = threading.Event()
            self.app.call_from_thread(self.glimpsed, glimpse, drawn)  # type: ignore[attr-defined]
            # the frame that paints the glimpse drawn before the search starts: not sharing the interpreter
            # with the index's first steps (made before the first pause), which made that frame twice as long
            drawn.wait(pacing.WAIT_LIMIT)
        if worker.is_cancelled:  # a newer request (a second letter) started its own worker
            return
        # the index (10 MB folded) and 100,000 matches made with the collector on brought full
        # collections that held every thread for 0.3 s each; made without it, and kept out of its sight.
        # Paced: every few milliseconds the search waits for the screen's loop to be done with what it
        # is doing, so a frame is drawn alone rather than sharing the interpreter (twice as long); and a
        # search a newer one replaced stops there rather than running on beside it
        pacer = pacing.LoopPacer(loop, lambda: worker.is_cancelled)
        try:
            with collector_paused(keep=True):
                outcome = self.search.run(request, pacer)
        except pacing.SearchCancelled:
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.searched, outcome)  # type: ignore[attr-defined]

    def glimpsed(self, glimpse: Outcome, drawn: threading.Event | None = None) -> None:
        """The matches in sight are in, the whole search still runs: paint them (unless it is done or
        overtaken); ``drawn`` is set once the frame that shows them is drawn (at once if none is)."""
        if self.search.accept_glimpse(glimpse):
            self.show_search()
            if drawn is not None:
                self.call_after_refresh(drawn.set)  # type: ignore[attr-defined]
                return
        if drawn is not None:
            drawn.set()

    def searched(self, outcome: Outcome) -> None:
        """An outcome is in: show it (unless a newer request was made since), then take the step that waited for it."""
        if not self.search.accept(outcome):
            return
        self.show_search()
        self._count_library_when_settled()
        for pending in self.search.take_pending():
            self.take_step(pending)

    def _count_library_when_settled(self) -> None:
        """alt+a in a library: the bar counts the whole library, once the query has settled (typing on makes a
        newer request, which drops this one before a file is read)."""
        outcome = self.search.outcome
        if outcome is None or outcome.error is not None or not self.search.counts_library(outcome.request):
            return
        counted = self.search.library_count
        if counted is None or counted[0] is not outcome.request or not counted[1].finished:
            self.set_timer(LIBRARY_COUNT_DELAY, partial(self._start_library_count, outcome.request))  # type: ignore[attr-defined]

    def _start_library_count(self, request: Request) -> None:
        outcome = self.search.outcome
        if not self.is_current:  # type: ignore[attr-defined]  # under the results list, which searches the library itself
            return
        if self.search.still_wanted(request) and outcome is not None and outcome.request is request and self.context.library:
            from reader.ui.screens.results import LIMIT  # the results list's limit: the bar counts what it would list

            self._count_library(request, list(self.context.library), self.article.id, max(1, LIMIT - len(outcome.here)))

    @work(thread=True, exclusive=True, group="library-count", exit_on_error=False, description="library count")
    def _count_library(self, request: Request, library: list, here: str, limit: int) -> None:
        """Count the query's matches in every file of the library but this article's (the results list's search,
        counted): the bar shows how far it is, then the count."""
        from reader.search.engine import parse_query
        from reader.search.library_scope import LibraryCount, search_library

        worker = get_current_worker()
        count, shown = LibraryCount(), time.monotonic()
        try:
            query = parse_query(request.text, request.options)
            for step in search_library(library, query, limit=limit, leave_out=here, stop=lambda: worker.is_cancelled):
                count = count.add(step)
                if time.monotonic() - shown >= LIBRARY_COUNT_EVERY:
                    shown = time.monotonic()
                    self.app.call_from_thread(self.library_counted, request, count)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - a vanished cache folder: the results list (ctrl+f) says why; the bar stays as it is
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.library_counted, request, count.finish())  # type: ignore[attr-defined]

    def library_counted(self, request: Request, count: LibraryCount) -> None:
        """The library's count of a request, so far or whole: shown unless a newer request was made since."""
        if self.search.accept_library_count(request, count):  # the counter and the status line alone: no highlight changed
            search = self.search
            self.search_bar.show_counter(search.counter(), search.error, search.counter(short=True))
            self.update_position(self.view.reading_location)

    arriving_at: object | None = None
    """The match this article was opened at from another's results: showing it is no jump of this
    article's own (ctrl+o from it goes back to the other article in one press)."""

    def continue_search(self, carried: Carry) -> None:
        """Run a search carried from another screen, and show its match there."""
        self.search_bar.set_query(carried.text, carried.options, carried.everywhere)
        self.request_search(carried.text, carried.options, carried.everywhere)
        if carried.target is not None:
            self.arriving_at = carried.target
            self.take_step(Pending(Step.MATCH, carried.target))

    def search_bar_carry(self) -> Carry:
        """The search as the bar shows it, to carry to another article."""
        from reader.search.session import Carry

        bar = self.search_bar
        return Carry(bar.input.value, bar.options, bar.flags["everywhere"], self.search.indexes)

    # showing ----------------------------------------------------------------------------------

    def show_search(self) -> None:
        """The one place the search is shown: highlights, accord counts, the bar's counter, the status line."""
        shown = self.search.shown()
        self.view.set_highlights([*shown.marks, *self._focus()], shown.painted)
        self.accord_list.show_counts(shown.counts)
        self.search_bar.show_counter(shown.counter, shown.error, shown.short)
        self.update_position(self.view.reading_location)

    def paint_highlights(self) -> None:
        """Paint the search matches, the current match, then the mention at hand."""
        self.view.set_highlights([*self.search.marks(), *self._focus()], self.search.painted())

    def _focus(self) -> list[Highlight]:
        return [self.focus_highlight] if self.focus_highlight is not None else []

    # steps ------------------------------------------------------------------------------------

    def take_step(self, pending: Pending) -> None:
        """Enter, n / N, the results list or a carried match: now, or when the running search is done."""
        if self.search.wait(pending):
            return
        step = pending.step
        if step is Step.RESULTS:
            self.open_results()
        elif step is Step.MATCH:
            index = self.search.index_of(pending.match) if pending.match is not None else None
            arriving, self.arriving_at = pending.match is not None and pending.match is self.arriving_at, None
            if index is not None:
                self.show_match(index, record=not arriving)
        else:
            top = top_place(self.view)
            if step is Step.SUBMIT:
                move = self.search.submit(top)
            else:
                m = self.search.current_match
                on_screen = m is not None and self.view.shows(Location(m.section, m.paragraph, m.start, m.end))
                move = self.search.step(step is Step.NEXT, top, on_screen)
            if move.notice:
                self.notify(move.notice, severity=move.severity, timeout=move.timeout)  # type: ignore[attr-defined]
            if move.index is not None:
                self.show_match(move.index)

    def show_match(self, index: int, record: bool = True) -> None:
        """Make one match current and show it with context above (``record``: a jump back returns from)."""
        m = self.search.go_to(index)
        self.view.go_to(Location(m.section, m.paragraph, m.start, m.end), context=3, record=record)
        self.show_search()

    def open_results(self) -> None:
        outcome = self.search.outcome
        from reader.ui.screens.library_results import library_results  # imported when first used: off start-up

        listing = library_results(outcome, self.context.library, self.article, lambda: self.search.list_start(top_place(self.view)))
        if listing is not None:  # alt+a in a library: its every file, listed as they are searched
            self.workers.cancel_group(self, "library-count")  # type: ignore[attr-defined]  # the list searches it: once is enough
            self.app.push_screen(listing, partial(self._result_chosen, listing))  # type: ignore[attr-defined]
            return
        if outcome is None or not outcome.found:
            self.notify(self.search.error or "No matches to list.", severity="warning", timeout=2)  # type: ignore[attr-defined]
            return
        from reader.ui.screens.results import ResultsScreen  # imported when first used: off start-up

        screen = ResultsScreen(results_title(outcome), outcome.found, self.article, self.search.list_start(top_place(self.view)))
        self.app.push_screen(screen, partial(self._result_chosen, screen))  # type: ignore[attr-defined]

    def _result_chosen(self, listing: ResultsScreen, found: ArticleMatch | LibraryHit | None) -> None:
        self._show_chosen(found)
        if self.is_current:  # type: ignore[attr-defined]  # back here: a library count the list stopped is taken up again
            self._count_library_when_settled()
        # the keys read after the Enter that chose, now that its match is shown (`n`: the match after it)
        listing.keys_after_enter.hand_on(self.app)  # type: ignore[attr-defined]

    def _show_chosen(self, found: ArticleMatch | LibraryHit | None) -> None:
        # the history keeps only queries submitted with Enter in the bar (a list browsed is no submission);
        # the focus moves at once: the keys handed on after this go where it is
        if found is None:  # Esc: back to reading, where n / N step (typed in the bar, they would rewrite the query)
            self.set_focus(self.view)  # type: ignore[attr-defined]
            return
        from reader.search.library_scope import LibraryCount, LibraryHit
        from reader.ui.screens.library_results import read_hit

        if isinstance(found, LibraryHit):  # a file of the library: read it now
            found = read_hit(self.context.read, found)
            if isinstance(found, str):
                self.set_focus(self.view)  # type: ignore[attr-defined]
                self.notify(label(found), severity="error", timeout=6)  # type: ignore[attr-defined]
                return
        if found.article is self.article:
            self.set_focus(self.view)  # type: ignore[attr-defined]
            self.take_step(Pending(Step.MATCH, found.match))
        else:
            self.open_other_article(found.article, self.search.carry(found))

    # keys and the bar's messages --------------------------------------------------------------

    def action_search(self) -> None:
        self.uncover_text()  # type: ignore[attr-defined]  # the bar and the matches are in the text's pane
        self.search_bar.open()
        # focus at once: the keys that follow (already read from the terminal) go to the focused widget
        self.set_focus(self.search_bar.input)  # type: ignore[attr-defined]

    def action_search_step(self, forward: bool) -> None:
        self.take_step(Pending(Step.NEXT if forward else Step.PREVIOUS))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search_close":
            # or a screen below the article (the picker) that Esc goes back to
            return self.search_bar.is_open or self.search_active or self.came_from_article or len(self.app.screen_stack) > 2
        if action == "search":  # typed in the bar, `/` is a character of the query (has_focus waits for the Focus event)
            return self.focused is not self.search_bar.input  # type: ignore[attr-defined]
        return True

    def action_search_close(self) -> None:
        """Esc outside the bar: close it (the search stays: n / N); with the bar closed, clear the search;
        with no search, go back to the article this one was opened from, or to the picker it was opened from."""
        bar = self.search_bar
        if bar.is_open:
            bar.close()
        elif self.search_active:
            bar.set_query("", bar.options, bar.flags["everywhere"])
            request = self.search.clearing()
            if request is not None:
                self._start(request)
        elif self.came_from_article:
            self.return_to_previous_article()
        else:  # nothing else to close: back to the list, when there is one (the app knows)
            self.call_later(self.run_action, "app.back_to_list")

    def on_search_bar_query_changed(self, event: SearchBar.QueryChanged) -> None:
        self.request_search(event.text, event.options, event.everywhere)

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        # the focus at once, the step before the keys read after Enter are handed on to the text (SearchInput)
        self.set_focus(self.view)  # type: ignore[attr-defined]
        self.take_step(Pending(Step.SUBMIT))

    def on_search_bar_closed(self, event: SearchBar.Closed) -> None:
        self.view.focus()

    def on_search_bar_results_requested(self, event: SearchBar.ResultsRequested) -> None:
        self.take_step(Pending(Step.RESULTS))
