"""A reading screen's search as a pure object: a request in, an outcome out (highlights, counter, accord counts, steps).

reader.search.engine finds matches; a SearchSession keeps the latest request and its outcome, the
current match and a step asked for while a search still runs, and answers what to show and where
n / N / Enter lead. It holds no screen and imports no Textual: the reading screen runs the search
(here, or in a worker for big texts: ``in_thread``) and applies what the session says.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Sequence

from reader.model.article import Article
from reader.model.highlight import Highlight
from reader.search.engine import MAX_MATCHES, REGEX_SECONDS, Match, Pause, QueryError, SearchOptions, SearchTimeout, parse_query
from reader.search.library_scope import LibraryCount, scope_text
from reader.search.outcome import ArticleMatch, IndexCache, Outcome, Painted, Request, accord_counts, glimpse, run
from reader.search.steps import Pending, Step  # noqa: F401 - Pending: a session's callers name it from here too

__all__ = ["ArticleMatch", "Carry", "IndexCache", "Move", "Outcome", "Painted", "Pending", "Place", "Request", "SearchSession",
           "Shown", "Step", "accord_counts", "counter_text", "library_counter_text", "place_of", "step_index"]

THREAD_THRESHOLD = 2_000_000
"""Above this many characters of text in scope, a search runs in a worker thread so typing never freezes."""
AT_ONCE_SECONDS = 0.03
"""How long a regular expression may run on the screen's thread on a small text before it goes to the worker."""

ONE_LETTER_PAUSE = 0.4
"""Seconds a one-character query on a big text waits before it runs: typing a second character
first (the usual case) means the one-letter search, the slowest of all ("c" matches 250,000
times in 10 MB), never runs, and the keystroke shows at once."""

Place = tuple[int, int, int]
"""A place in an article as (section, paragraph, offset): what matches are ordered by."""


def place_of(m: Match) -> Place:
    """Where a match starts, to order it among places."""
    return (m.section, m.paragraph, m.start)


def step_index(matches: Sequence[Match], here: Place, forward: bool, inclusive: bool) -> tuple[int, bool]:
    """The match to go to from a place: (index, wrapped). Forward: the first at/after; back: the last before.

    Matches are in reading order: a binary search (100,000 matches walked at each n held a frame back)."""
    if forward:
        i = (bisect_left if inclusive else bisect_right)(matches, here, key=place_of)
        return (i, False) if i < len(matches) else (0, True)
    i = bisect_left(matches, here, key=place_of)
    return (i - 1, False) if i > 0 else (len(matches) - 1, True)


def counter_text(outcome: Outcome | None, here: int, current: int | None, *, short: bool = False) -> str:
    """The counter: '' (no query), 'no matches', '17 matches' while typing, '3/17' once one is current.

    Searching every article adds the matches in the other articles: '3/17 · +21 elsewhere'.
    ``short``: the figures alone, for a narrow bar ('17 +21', '3/17 +21', '0 +4').
    """
    if outcome is None or not outcome.request.text.strip():
        return ""
    if outcome.error is not None:
        return "bad query"
    total = len(outcome.found)
    if total == 0:
        return "none" if short else "no matches"
    shown = f"{here:,}+" if here >= MAX_MATCHES else f"{here}"  # the search keeps MAX_MATCHES at most
    if current is not None:
        text = f"{current + 1}/{shown}"
    elif here == 0:
        text = "0" if short else "no matches here"
    else:
        text = shown if short else f"{shown} match{'es' if here != 1 else ''}"
    if total > here:
        text += f" +{total - here}" if short else f" · +{total - here} elsewhere"
    return text


def library_counter_text(outcome: Outcome | None, here: int, current: int | None, count: LibraryCount | None, *,
                         short: bool = False) -> str:
    """The counter of a search of every article in a library: this article's part, then one count of the whole
    library with its scope named ('3/17 here · 36 in 3 of 41 articles', this article's 17 among the 36);
    'library 40%…' while the library is being counted. ``short``: '3/17 · 36'."""
    if outcome is None or not outcome.request.text.strip():
        return ""
    if outcome.error is not None:
        return "bad query"
    shown = f"{here:,}+" if here >= MAX_MATCHES else f"{here}"
    mine = f"{current + 1}/{shown}" if current is not None else shown
    if count is None or not count.finished:
        progress = f"library {100 * count.done // count.total}%…" if count is not None and count.total else "library…"
        return f"{mine} · …" if short else f"{mine} here · {progress}"
    matches, articles = here + count.matches, count.articles + (1 if here else 0)
    if not matches:
        return "none" if short else scope_text(0, 0, count.total, False)
    if short:
        return f"{mine} · {matches:,}{'+' if count.capped else ''}"
    return f"{mine} here · {scope_text(matches, articles, count.total, count.capped)}"


@dataclass
class Carry:
    """A search moving to another article's screen (from the results list), and the match to show there."""

    text: str
    options: SearchOptions
    everywhere: bool
    indexes: IndexCache
    target: Match | None = None


@dataclass(frozen=True)
class Shown:
    """What the search shows: its highlights, the bar's counter and error, the sidebar's accord counts."""

    painted: Painted
    """The matches, grouped by paragraph (grouped where the search ran)."""
    marks: list[Highlight]
    """Painted over them: the current match."""
    counter: str
    short: str
    """The counter's figures alone, for a narrow bar."""
    error: str | None
    """The query's error message, for a bad query."""
    counts: dict[str, int] | None
    """Matches per accord id while a search finds something, else None."""

    @property
    def highlights(self) -> list[Highlight]:
        """Every highlight, the matches then the marks."""
        return [Highlight(m.section, m.paragraph, m.start, m.end, "match") for group in self.painted.values() for m in group] + self.marks


@dataclass(frozen=True)
class Move:
    """Where a step leads: a match to make current (its index among this article's), and what to tell the reader."""

    index: int | None = None
    notice: str | None = None
    severity: str = "information"
    timeout: float = 2


class SearchSession:
    """One article's search: the latest request and outcome, the current match, a step waiting for a search."""

    def __init__(self, article: Article, indexes: IndexCache | None = None, library: bool = False) -> None:
        self.article = article
        self.library = library
        """Opened from a library: a search of every article counts the whole library (LibraryCount), not the opened articles."""
        self.library_count: tuple[Request, LibraryCount] | None = None
        """The library's count of a request, as far as it has gone."""
        """The article on screen: the first in scope, the one matches are shown in."""
        self.indexes = indexes if indexes is not None else IndexCache()
        self.outcome: Outcome | None = None
        self.current: int | None = None
        """Index of the current match among this article's matches."""
        self.latest: Request | None = None
        """The last request made (its outcome may not be in yet)."""
        self.pending: list[Pending] = []
        """What to do once the search running in a worker has finished, in order (Enter, then n, pressed meanwhile)."""
        self.glimpse: Outcome | None = None
        """The running search's matches in the paragraphs that were in sight, shown until its outcome is in."""
        self._counted: tuple[Outcome, dict[str, int]] | None = None

    # state ------------------------------------------------------------------------------------

    @property
    def matches(self) -> list[Match]:
        """This article's matches, in reading order."""
        return self.outcome.here if self.outcome is not None else []

    @property
    def active(self) -> bool:
        """A non-blank query has been run: its matches (or its error) are shown."""
        return self.outcome is not None and bool(self.outcome.request.text.strip())

    @property
    def searching(self) -> bool:
        """A search is running in a worker: its outcome is not in yet."""
        return self.latest is not None and (self.outcome is None or self.outcome.request is not self.latest)

    @property
    def glimpsing(self) -> bool:
        """The latest request's glimpse is shown while its whole search runs (the counter says 'counting…')."""
        return self.glimpse is not None and self.glimpse.request is self.latest and self.searching

    @property
    def error(self) -> str | None:
        """The shown query's error message, if it failed."""
        return self.outcome.error.message if self.outcome is not None and self.outcome.error is not None else None

    @property
    def current_match(self) -> Match | None:
        matches = self.matches
        return matches[self.current] if self.current is not None and self.current < len(matches) else None

    # running ----------------------------------------------------------------------------------

    def ask(self, text: str, options: SearchOptions, everywhere: bool, others: Sequence[Article] = ()) -> Request | None:
        """The request to run for a query (``others``: the other opened articles, searched when ``everywhere``);
        None when it would find what the latest request finds."""
        scope = (self.article, *(a for a in others if a is not self.article)) if everywhere else (self.article,)
        request = Request(text, options, everywhere, scope)
        if request.same(self.latest):
            return None
        self.latest = request
        return request

    def clearing(self) -> Request | None:
        """The request that forgets the search (a blank query with the latest options)."""
        latest = self.latest
        return self.ask("", latest.options if latest else SearchOptions(), latest.everywhere if latest else False,
                        latest.articles[1:] if latest else ())

    def in_thread(self, request: Request) -> bool:
        """Whether the request has so much text in scope that it must run in a worker thread."""
        return bool(request.text.strip()) and self.indexes.size(request.articles) > THREAD_THRESHOLD

    def delay(self, request: Request) -> float:
        """Seconds to wait before running a request: ONE_LETTER_PAUSE for one character on a big
        text (a second character makes a newer request and this one is dropped), else none; a
        query that cannot run (a regex's lone "(") is answered at once with its error."""
        if len(request.text.strip()) != 1 or not self.in_thread(request):
            return 0.0
        try:
            parse_query(request.text, request.options)
        except QueryError:
            return 0.0
        return ONE_LETTER_PAUSE

    def still_wanted(self, request: Request) -> bool:
        """Whether a request is still the latest (a delayed one runs only then)."""
        return request is self.latest

    def run(self, request: Request, pause: Pause | None = None, seconds: float | None = None) -> Outcome:
        """Search (safe to call from a worker thread; ``pause``: see reader.search.engine.Pause); a regex stops
        past ``seconds`` in an article (None: REGEX_SECONDS)."""
        return run(request, self.indexes, pause, REGEX_SECONDS if seconds is None else seconds)

    def run_at_once(self, request: Request) -> Outcome | None:
        """Search on the screen's thread; None when the query is a regular expression that ran past
        AT_ONCE_SECONDS (nested repeats backtracking without end): run it in the worker, where it cannot
        hold keys and frames back for its whole time limit."""
        if not request.options.regex:
            return self.run(request)
        outcome = self.run(request, seconds=AT_ONCE_SECONDS)
        return None if isinstance(outcome.error, SearchTimeout) else outcome

    def glance(self, request: Request, places: Sequence[tuple[int, int]]) -> Outcome | None:
        """The request's matches in the paragraphs in sight, or None (safe to call from a worker thread)."""
        return glimpse(request, self.indexes, places)

    def accept_glimpse(self, outcome: Outcome) -> bool:
        """Take a glimpse in while its search runs; False (dropped) when that search is done or overtaken."""
        if outcome.request is not self.latest or not self.searching:
            return False
        self.glimpse = outcome
        return True

    def accept(self, outcome: Outcome) -> bool:
        """Take an outcome in; False (and the outcome dropped) when a newer request has been made since."""
        if outcome.request is not self.latest:
            return False
        self.outcome = outcome
        self.glimpse = None
        self.current = None
        return True

    def counts_library(self, request: Request) -> bool:
        """Whether a request's outcome needs the library counted (every article searched, from a library)."""
        return self.library and request.everywhere and bool(request.text.strip())

    def accept_library_count(self, request: Request, count: LibraryCount) -> bool:
        """Take in the library's count of the request shown; False (dropped) for an older request."""
        if request is not self.latest or self.outcome is None or self.outcome.request is not request:
            return False
        self.library_count = (request, count)
        return True

    def take_pending(self) -> list[Pending]:
        """The steps that were waiting for the outcome just taken in, in order (forgotten once taken)."""
        pending, self.pending = self.pending, []
        return pending

    def wait(self, pending: Pending) -> bool:
        """Keep a step for when the running search is done, after those kept before (Enter then `n`: the
        match after Enter's); False when no search is running (take it now)."""
        if not self.searching:
            return False
        self.pending.append(pending)
        return True

    # showing ----------------------------------------------------------------------------------

    def painted(self) -> Painted:
        """This article's matches grouped by paragraph: the glimpse's while the search runs, else the outcome's."""
        if self.glimpsing:
            assert self.glimpse is not None
            return self.glimpse.painted
        return self.outcome.painted if self.outcome is not None else {}

    def marks(self) -> list[Highlight]:
        """What is painted over the matches: the current one."""
        m = None if self.glimpsing else self.current_match
        return [Highlight(m.section, m.paragraph, m.start, m.end, "current")] if m is not None else []

    def highlights(self) -> list[Highlight]:
        """Every match of this article, then the current one."""
        return [Highlight(m.section, m.paragraph, m.start, m.end, "match") for group in self.painted().values() for m in group] \
            + self.marks()

    def counter(self, *, short: bool = False) -> str:
        if self.glimpsing:  # the matches in sight are painted; the whole text is still being searched
            return "…" if short else "counting…"
        outcome = self.outcome
        if outcome is not None and self.counts_library(outcome.request):
            counted = self.library_count
            count = counted[1] if counted is not None and counted[0] is outcome.request else None
            return library_counter_text(outcome, len(self.matches), self.current, count, short=short)
        return counter_text(outcome, len(self.matches), self.current, short=short)

    def status(self) -> tuple[str, bool]:
        """The status line's search part: the counter ("" when no search is active) and whether the query failed."""
        if not self.active and not self.glimpsing:
            return "", False
        return self.counter(), self.error is not None and not self.glimpsing

    def shown(self) -> Shown:
        """Everything the search shows now."""
        if self.glimpsing:
            return Shown(self.painted(), [], self.counter(), self.counter(short=True), None, None)
        return Shown(self.painted(), self.marks(), self.counter(), self.counter(short=True), self.error, self._accord_counts())

    def _accord_counts(self) -> dict[str, int] | None:
        outcome = self.outcome
        if outcome is None or not self.active or not outcome.found:
            return None
        if outcome.counts is not None:
            return outcome.counts
        if self._counted is None or self._counted[0] is not outcome:  # counted once per outcome, not at every n
            self._counted = (outcome, accord_counts(self.article, outcome.here))
        return self._counted[1]

    # moving -----------------------------------------------------------------------------------

    def submit(self, top: Place) -> Move:
        """Enter: the first match at or after the top of the view."""
        return self._go(True, top, inclusive=True)

    def step(self, forward: bool, top: Place, current_on_screen: bool) -> Move:
        """n / N: the next or previous match from the current one (if on screen) or from the top of the view."""
        if not self.active:
            return Move(notice="No search: press / to search.")
        m = self.current_match
        if m is not None and current_on_screen:
            return self._go(forward, place_of(m), inclusive=False)
        return self._go(forward, top, inclusive=True)

    def _go(self, forward: bool, here: Place, inclusive: bool) -> Move:
        matches = self.matches
        if not matches:
            if self.outcome is not None and self.outcome.error is not None:
                return Move(notice=self.outcome.error.message, severity="error", timeout=3)
            if self.active:
                return Move(notice="No match in this article." if self.outcome and self.outcome.found else "No matches.")
            return Move()
        index, wrapped = step_index(matches, here, forward, inclusive)
        notice = ("search wrapped to the top" if forward else "search wrapped to the bottom") if wrapped else None
        return Move(index, notice, timeout=1.5)

    def go_to(self, index: int) -> Match:
        """Make one match current; the match."""
        self.current = index
        return self.matches[index]

    def index_of(self, match: Match) -> int | None:
        """Where a match stands among this article's matches (None if it is not one of them)."""
        matches = self.matches
        return matches.index(match) if match in matches else None

    def list_start(self, top: Place) -> int:
        """Where the results list starts: the current match, else the first at or after the top of the view."""
        if self.current is not None:
            return self.current
        index, wrapped = step_index(self.matches, top, True, True)
        return 0 if wrapped else index

    def carry(self, target: ArticleMatch) -> Carry:
        """This search, to continue on another article's screen at a match."""
        request = self.outcome.request if self.outcome is not None else self.latest
        assert request is not None
        return Carry(request.text, request.options, request.everywhere, self.indexes, target.match)
