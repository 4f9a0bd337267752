"""The search at hand on a reading screen: requests, matches in scope, the current match, counter, history.

reader.search.engine finds matches; this module decides which article(s) to search, runs the search
here or in a worker thread for big articles, keeps the current match, paints highlights and
accord counts, and answers n / N, Enter and the results list for ReadingScreen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, NamedTuple, Sequence

from textual.content import Content
from textual.worker import get_current_worker

from reader.model.article import Article, Location
from reader.text.safe import label
from reader.search.engine import ArticleIndex, Match, QueryError, SearchOptions, parse_query, search
from reader.settings.state import HISTORY_LIMIT
from reader.ui.widgets.article_view import Highlight

if TYPE_CHECKING:
    from reader.ui.screens.reading import ReadingScreen

THREAD_THRESHOLD = 2_000_000
"""Above this many characters of text in scope, a search runs in a worker thread so typing never freezes."""


class ArticleMatch(NamedTuple):
    """A match and the article that holds it."""

    article: Article
    match: Match

    @property
    def location(self) -> Location:
        m = self.match
        return Location(m.section, m.paragraph, m.start, m.end)


class IndexCache:
    """One ArticleIndex per article, built when first searched and shared with screens a search moves to."""

    def __init__(self) -> None:
        self._indexes: dict[int, tuple[Article, ArticleIndex]] = {}
        self._sizes: dict[int, int] = {}

    def get(self, article: Article) -> ArticleIndex:
        """The article's index (the article is kept alive with it, so its id() stays its own)."""
        entry = self._indexes.get(id(article))
        if entry is None:
            entry = self._indexes[id(article)] = (article, ArticleIndex(article))
        return entry[1]

    def size(self, articles: Sequence[Article]) -> int:
        """How many characters of text the articles hold."""
        total = 0
        for article in articles:
            if id(article) not in self._sizes:
                self._sizes[id(article)] = sum(len(p.text) for s in article.sections for p in s.paragraphs)
            total += self._sizes[id(article)]
        return total


@dataclass(frozen=True, eq=False)
class Request:
    """What to search: the text as typed, the options, and the articles in scope (this one first)."""

    text: str
    options: SearchOptions
    everywhere: bool
    articles: tuple[Article, ...]

    def same(self, other: Request | None) -> bool:
        """True when another request would find exactly the same matches."""
        return other is not None and (self.text, self.options, self.everywhere) == (other.text, other.options, other.everywhere) \
            and len(self.articles) == len(other.articles) and all(a is b for a, b in zip(self.articles, other.articles))


@dataclass(frozen=True, eq=False)
class Outcome:
    """A request's result: every match in scope in reading order, this article's first, or the error."""

    request: Request
    found: tuple[ArticleMatch, ...] = ()
    error: QueryError | None = None
    here: list[Match] = field(default_factory=list)
    """The matches of the first article in scope (the one on screen)."""
    painted: list[Highlight] = field(default_factory=list)
    """``here`` as 'match' highlights, built with the search (in the worker when there is one: it is slow)."""


def run(request: Request, indexes: IndexCache) -> Outcome:
    """Parse and search; a bad or half-typed query is an Outcome with an error, never an exception."""
    if not request.text.strip():
        return Outcome(request)
    try:
        query = parse_query(request.text, request.options)
        found = tuple(ArticleMatch(article, m) for article in request.articles for m in search(indexes.get(article), query))
    except QueryError as error:
        return Outcome(request, error=error)
    except (re.error, RecursionError, ValueError, OverflowError) as error:  # a pattern that compiled but cannot run
        return Outcome(request, error=QueryError(f"cannot search: {error}"))
    here = [f.match for f in found if f.article is request.articles[0]]
    painted = [Highlight(m.section, m.paragraph, m.start, m.end, "match") for m in here]
    return Outcome(request, found, here=here, painted=painted)


def remember(history: list[str], text: str) -> None:
    """Add a query to the history: most recent last, no duplicates, at most HISTORY_LIMIT."""
    if not text.strip():
        return
    if text in history:
        history.remove(text)
    history.append(text)
    del history[:-HISTORY_LIMIT]


def _key(m: Match) -> tuple[int, int, int]:
    return (m.section, m.paragraph, m.start)


def step_index(matches: Sequence[Match], here: tuple[int, int, int], forward: bool, inclusive: bool) -> tuple[int, bool]:
    """The match to go to from a place: (index, wrapped). Forward: the first at/after; back: the last before."""
    if forward:
        for i, m in enumerate(matches):
            if _key(m) > here or (inclusive and _key(m) == here):
                return i, False
        return 0, True
    for i in range(len(matches) - 1, -1, -1):
        if _key(matches[i]) < here:
            return i, False
    return len(matches) - 1, True


def accord_counts(article: Article, matches: Sequence[Match]) -> dict[str, int]:
    """How many matches each accord holds (a match belongs to the accord read where it stands)."""
    counts: dict[str, int] = {}
    anchored: dict[int, int] = {}
    for a in article.accords:
        anchored[a.anchor.section] = anchored.get(a.anchor.section, 0) + 1
    single = {}  # a section with one anchor gives all its matches to that accord: no need to ask per match
    for m in matches:
        if m.section not in anchored:
            continue
        if anchored[m.section] == 1:
            if m.section not in single:
                single[m.section] = article.accord_at(Location(m.section, 0, 0, 0))
            accord = single[m.section]
        else:
            accord = article.accord_at(Location(m.section, m.paragraph, m.start, m.end))
        if accord is not None:
            counts[accord.id] = counts.get(accord.id, 0) + 1
    return counts


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
    if current is not None:
        text = f"{current + 1}/{here}"
    elif here == 0:
        text = "0" if short else "no matches here"
    else:
        text = f"{here}" if short else f"{here} match{'es' if here != 1 else ''}"
    if total > here:
        text += f" +{total - here}" if short else f" · +{total - here} elsewhere"
    return text


@dataclass
class Carry:
    """A search moving to another article's screen (from the results list), and the match to show there."""

    text: str
    options: SearchOptions
    everywhere: bool
    indexes: IndexCache
    target: Match | None = None


@dataclass
class SearchController:
    """One reading screen's search: the latest outcome, the current match, a pending step."""

    screen: ReadingScreen
    indexes: IndexCache = field(default_factory=IndexCache)
    outcome: Outcome | None = None
    current: int | None = None
    """Index of the current match among this article's matches."""
    pending: Callable[[], None] | None = None
    """What to do once a search running in a worker has finished (Enter pressed meanwhile)."""
    _latest: Request | None = None
    _generation: int = 0

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
        return self._latest is not None and (self.outcome is None or self.outcome.request is not self._latest)

    def scope(self, everywhere: bool) -> tuple[Article, ...]:
        """The articles to search: this one, then every other opened article when searching everywhere."""
        article = self.screen.article
        if not everywhere:
            return (article,)
        others = [e.article for e in getattr(self.screen.app, "entries", ()) if e.article is not None and e.article is not article]
        return (article, *others)

    # running ----------------------------------------------------------------------------------

    def request(self, text: str, options: SearchOptions, everywhere: bool) -> None:
        """Search again (here, or in a worker when the text in scope is big); repeats are ignored."""
        request = Request(text, options, everywhere, self.scope(everywhere))
        if request.same(self._latest):
            return
        self._latest = request
        self._generation += 1
        generation = self._generation
        if not text.strip():
            self.screen.workers.cancel_group(self.screen, "search")
            self.apply(Outcome(request), generation)
        elif self.indexes.size(request.articles) > THREAD_THRESHOLD:
            self.show_counter("searching…")
            self.screen.run_worker(lambda: self._in_thread(request, generation), name="search", group="search",
                                   thread=True, exclusive=True, exit_on_error=False)
        else:
            self.apply(run(request, self.indexes), generation)

    def _in_thread(self, request: Request, generation: int) -> None:
        outcome = run(request, self.indexes)
        if not get_current_worker().is_cancelled:
            self.screen.app.call_from_thread(self.apply, outcome, generation)

    def apply(self, outcome: Outcome, generation: int) -> None:
        """Show an outcome (unless a newer request has been made since)."""
        if generation != self._generation:
            return
        self.outcome = outcome
        self.current = None
        self.refresh()
        pending, self.pending = self.pending, None
        if pending is not None:
            pending()

    def clear(self) -> None:
        """Forget the search: no matches, no highlights, no counts."""
        self.request("", self._latest.options if self._latest else SearchOptions(), self._latest.everywhere if self._latest else False)

    def refresh(self) -> None:
        """Repaint highlights, accord counts, the counter and the status line."""
        screen = self.screen
        screen.paint_highlights()
        screen.accord_list.show_counts(accord_counts(screen.article, self.matches) if self.active and self.outcome.found else None)
        self.show_counter(None)
        screen.update_position(screen.view.reading_location)

    def show_counter(self, text: str | None) -> None:
        outcome = self.outcome
        error = outcome.error.message if outcome is not None and outcome.error is not None else None
        if text is None:
            text, short = self.counter(), counter_text(self.outcome, len(self.matches), self.current, short=True)
        else:
            short = text
        self.screen.search_bar.show_counter(text, error, short)

    def counter(self) -> str:
        return counter_text(self.outcome, len(self.matches), self.current)

    def highlights(self) -> list[Highlight]:
        """Every match of this article, then the current one."""
        if self.outcome is None:
            return []
        matches = self.matches
        out = list(self.outcome.painted)
        if self.current is not None and self.current < len(matches):
            m = matches[self.current]
            out.append(Highlight(m.section, m.paragraph, m.start, m.end, "current"))
        return out

    def status(self) -> tuple[str, bool]:
        """The status line's search part: the counter ("" when no search is active) and whether the query failed."""
        if not self.active:
            return "", False
        return self.counter(), bool(self.outcome.error)

    # moving -----------------------------------------------------------------------------------

    def submit(self) -> None:
        """Enter: go to the first match at or after the top of the view."""
        if self.searching:
            self.pending = self.submit
            return
        top = self.screen.view.top_location
        self._go(forward=True, here=(top.section, top.paragraph, top.start), inclusive=True)

    def step(self, forward: bool) -> None:
        """n / N: the next or previous match from the current one (if on screen) or from the top of the view."""
        if self.searching:
            self.pending = lambda: self.step(forward)
            return
        if not self.active:
            self.screen.notify("No search: press / to search.", timeout=2)
            return
        matches = self.matches
        if self.current is not None and self.current < len(matches) and self._on_screen(matches[self.current]):
            self._go(forward, _key(matches[self.current]), inclusive=False)
        else:
            top = self.screen.view.top_location
            self._go(forward, (top.section, top.paragraph, top.start), inclusive=True)

    def _on_screen(self, m: Match) -> bool:
        view = self.screen.view
        row = view.row_of(Location(m.section, m.paragraph, m.start, m.end))
        top = round(view.scroll_y)
        return top <= row < top + view.scrollable_content_region.height

    def _go(self, forward: bool, here: tuple[int, int, int], inclusive: bool) -> None:
        matches = self.matches
        if not matches:
            if self.outcome is not None and self.outcome.error is not None:
                self.screen.notify(self.outcome.error.message, severity="error", timeout=3)
            elif self.active:
                self.screen.notify("No match in this article." if self.outcome.found else "No matches.", timeout=2)
            return
        index, wrapped = step_index(matches, here, forward, inclusive)
        if wrapped:
            self.screen.notify("search wrapped to the top" if forward else "search wrapped to the bottom", timeout=1.5)
        self.go_to(index)

    def go_to(self, index: int) -> None:
        """Make one match current and show it with context above."""
        m = self.matches[index]
        self.current = index
        self.screen.view.go_to(Location(m.section, m.paragraph, m.start, m.end), context=3)
        self.screen.paint_highlights()
        self.show_counter(None)
        self.screen.update_position(self.screen.view.reading_location)

    def go_to_match(self, match: Match) -> None:
        """Make a given match of this article current (after a search carried here has run)."""
        matches = self.matches
        if match in matches:
            self.go_to(matches.index(match))

    def list_start(self) -> int:
        """Where the results list starts: the current match, else the first at or after the top of the view."""
        if self.current is not None:
            return self.current
        top = self.screen.view.top_location
        index, wrapped = step_index(self.matches, (top.section, top.paragraph, top.start), True, True)
        return 0 if wrapped else index

    def carry(self, target: ArticleMatch) -> Carry:
        """This search, to continue on another article's screen at a match."""
        request = self.outcome.request if self.outcome is not None else self._latest
        assert request is not None
        return Carry(request.text, request.options, request.everywhere, self.indexes, target.match)

    def results_title(self) -> Content:
        request = self.outcome.request if self.outcome is not None else None
        text = request.text if request else ""
        total = len(self.outcome.found) if self.outcome else 0
        where = "every opened article" if request and request.everywhere else "this article"
        return Content.assemble((f"{total} match{'es' if total != 1 else ''}", "bold"), " for ",
                                (label(text), "bold $accent"), (f" in {where}", "$text-muted"))
