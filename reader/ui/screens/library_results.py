"""The results list of a search over the whole library (alt+a from the picker): matches stream in as files are searched.

The list opens at once with the article on screen's matches; a worker thread asks the index for
the files that can match, searches those alone (reader.search.library_scope) and hands the
matches over in small batches, the title's count growing. Closing the list stops the search.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from textual import work
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.model.article import Article
from reader.search.engine import QueryError, parse_query
from reader.search.library_scope import LibraryHit, scope_text, search_library
from reader.search.outcome import ArticleMatch, Outcome
from reader.text.safe import label
from reader.ui.screens.results import LIMIT, ResultsScreen

if TYPE_CHECKING:
    from reader.library.entries import Entry
    from reader.search.query import Query

BATCH_SECONDS = 0.1
"""Matches found are handed to the list at most this often (a common word matches in every file)."""


def library_title(text: str, matches: int, articles: int, done: int, total: int | None, finished: bool, capped: bool) -> Content:
    """The title: 'searching 65% · 7 matches in 3 articles for Mali', then '36 matches in 3 of 41 articles for Mali'
    (the count the search bar shows, in the same words).

    How far the search is comes first: a narrow list cuts the title's end, never that."""
    count = scope_text(matches, articles, total if finished else None, capped, word=True)
    progress = "" if finished else (f"searching {100 * done // total}% · " if total else "searching… · ")
    return Content.assemble((progress, "$text-muted"), (count, "bold"), " for ", (label(text), "bold $accent"))


class LibraryResultsScreen(ResultsScreen):
    """Every match in the library: this article's at once, the other files' as the search finds them."""

    def __init__(self, outcome: Outcome, library: Sequence[Path], here: Article, selected: int = 0) -> None:
        request = outcome.request
        mine = [f for f in outcome.found if f.article is here]
        self.text = request.text
        self.query_to_run: Query | None = None
        try:
            self.query_to_run = parse_query(request.text, request.options)
        except QueryError:  # cannot happen for an outcome without an error; nothing more is searched then
            pass
        self.library = list(library)
        self.articles = {here.id} if mine else set()
        """The articles with a match listed (by id)."""
        self.done = 0
        self.total: int | None = None
        self.capped = len(mine) > LIMIT
        self.finished = self.query_to_run is None or len(mine) >= LIMIT
        """Nothing more will come: the search went through the library (or stopped at LIMIT matches)."""
        super().__init__(Content(""), mine, here, selected)
        self.heading = self._title()

    def _title(self) -> Content:
        return library_title(self.text, len(self.found), len(self.articles), self.done, self.total, self.finished, self.capped)

    def on_mount(self) -> None:
        super().on_mount()
        if not self.finished:
            self.search_library()

    def on_unmount(self) -> None:
        self.workers.cancel_group(self, "library-search")

    @work(thread=True, exclusive=True, group="library-search", exit_on_error=False)
    def search_library(self) -> None:
        """Search every file the index keeps, handing the matches over as they come (stops when the list closes)."""
        worker = get_current_worker()
        assert self.query_to_run is not None
        batch: list[LibraryHit] = []
        flushed = time.monotonic()
        done, total, capped = 0, 0, False
        notices: list[str] = []
        try:
            for step in search_library(self.library, self.query_to_run, limit=LIMIT - len(self.found), leave_out=self.here.id,
                                       stop=lambda: worker.is_cancelled, notice=notices.append):
                batch.extend(step.hits)
                done, total, capped = step.done, step.total, capped or step.capped
                if time.monotonic() - flushed >= BATCH_SECONDS:
                    if not self._hand_over(worker, batch, done, total, False, capped, notices):
                        return
                    batch, notices, flushed = [], [], time.monotonic()
        except Exception as error:  # a bug or a vanished cache folder: said, and the list keeps what it has
            notices.append(f"The library search stopped: {type(error).__name__}: {error}")
            self._hand_over(worker, batch, done, total, True, capped, notices)
            return
        # stopped before the last file: the limit was reached (a closed list hands nothing over)
        self._hand_over(worker, batch, done, total, True, capped or done < total, notices)

    def _hand_over(self, worker, hits: list[LibraryHit], done: int, total: int, finished: bool, capped: bool, notices: list[str]) -> bool:
        """Give the list what was found (on the app's thread); False once the list is closed."""
        if worker.is_cancelled:
            return False
        try:
            self.app.call_from_thread(self.add_hits, list(hits), done, total, finished, capped, list(notices))
        except RuntimeError:  # the app is gone
            return False
        return not worker.is_cancelled

    def add_hits(self, hits: Sequence[LibraryHit], done: int, total: int, finished: bool, capped: bool,
                 notices: Sequence[str] = ()) -> None:
        """Add matches to the list (the highlight stays where the reader is), and say how far the search is."""
        for notice in notices:
            self.notify(label(notice), severity="warning", timeout=6)
        if not self.is_attached:
            return
        results = self.query_one("#results-list", OptionList)
        width = self.fitted_width or max(20, self.app.size.width - 8)
        start = len(self.found)
        self.found += hits
        self.articles.update(hit.article_id for hit in hits)
        self.done, self.total, self.finished, self.capped = done, total, finished, capped
        options = [Option(self._prompt(hit, width), id=f"match-{i}") for i, hit in enumerate(hits, start)]
        if finished and capped:
            options.append(Option(Content.styled(f"… the search stopped at {LIMIT:,} matches (narrow it)", "$text-muted"),
                                  disabled=True))
        if options:
            results.add_options(options)
        if results.highlighted is None and self.found:
            results.highlighted = 0
        self.heading = self._title()
        self.show_title()


def library_results(outcome: Outcome | None, library: Sequence[Path] | None, here: Article,
                    start: Callable[[], int]) -> LibraryResultsScreen | None:
    """The list for a search of every article when there is a library (``start``: where this article's matches start);
    None when the search is not one over a library (no library, this article only, no query, or its error)."""
    if outcome is None or not library or not outcome.request.everywhere or outcome.error is not None or not outcome.request.text.strip():
        return None
    return LibraryResultsScreen(outcome, library, here, start())


def read_hit(read: Callable[[Path], Entry] | None, hit: LibraryHit) -> ArticleMatch | str:
    """A library match in its article, read now (or as read already); else what kept the file from opening."""
    if read is None:
        return f"{hit.path}: cannot be opened from here"
    entry = read(Path(hit.path))
    if entry.article is None:
        first = entry.problems[0] if entry.problems else None
        return str(first) if first is not None else f"{hit.path}: cannot be read"
    return ArticleMatch(entry.article, hit.match)
