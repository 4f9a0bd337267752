"""A search request and its outcome: running one (the whole text, or a glimpse of the paragraphs in sight), painting and counting its matches.

Pure and safe to call from a worker thread; reader.search.session keeps the latest request and
decides what is shown.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, groupby, repeat
from operator import itemgetter
from typing import Iterator, NamedTuple, Sequence, overload

from reader.load.bulk import collector_paused
from reader.model.article import Article, Location
from reader.search.engine import REGEX_SECONDS, ArticleIndex, Match, Pause, QueryError, SearchOptions, parse_query, search

GLIMPSE_CHARACTERS = 200_000
"""Above this many characters in the paragraphs in sight, no glimpse is searched first: it would
cost about what the whole search costs (one huge paragraph)."""
Painted = dict[tuple[int, int], list[Match]]
"""Matches grouped by (section, paragraph), as the text view paints them: the matches themselves,
not a Highlight made for each (100,000 of those took 0.8 s)."""
STEP = 8192
"""Matches handled between two pauses of a paced search (a few milliseconds of work)."""


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
    articles: tuple[Article, ...] = field(repr=False)
    """This article first, then the others searched; never in the repr (a 10 MB article would be written out)."""

    def same(self, other: Request | None) -> bool:
        """True when another request would find exactly the same matches."""
        return other is not None and (self.text, self.options, self.everywhere) == (other.text, other.options, other.everywhere) \
            and len(self.articles) == len(other.articles) and all(a is b for a, b in zip(self.articles, other.articles))


class FoundMatches(Sequence[ArticleMatch]):
    """Every match in scope, article by article, each ArticleMatch made when asked for.

    Made all at once, 100,000 pairs cost the worker 40 ms and were 100,000 more objects for the
    garbage collector to walk, on the screen's thread, once the search was done.
    """

    __slots__ = ("groups", "ends")

    def __init__(self, groups: Sequence[tuple[Article, Sequence[Match]]]) -> None:
        self.groups = [(article, matches) for article, matches in groups if matches]
        """(article, its matches in reading order), in the order of the scope."""
        self.ends = list(accumulate(len(matches) for _, matches in self.groups))
        """Where each article's matches end among all of them."""

    def __len__(self) -> int:
        return self.ends[-1] if self.ends else 0

    @overload
    def __getitem__(self, index: int) -> ArticleMatch: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[ArticleMatch, ...]: ...

    def __getitem__(self, index: int | slice) -> ArticleMatch | tuple[ArticleMatch, ...]:
        if isinstance(index, slice):
            return tuple(self[k] for k in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("match index out of range")
        group = bisect_right(self.ends, index)
        article, matches = self.groups[group]
        return ArticleMatch(article, matches[index - (self.ends[group - 1] if group else 0)])

    def __iter__(self) -> Iterator[ArticleMatch]:
        for article, matches in self.groups:
            yield from map(ArticleMatch, repeat(article), matches)


@dataclass(frozen=True, eq=False)
class Outcome:
    """A request's result: every match in scope in reading order, this article's first, or the error."""

    request: Request
    found: Sequence[ArticleMatch] = ()
    """Every match in scope, this article's first (a FoundMatches once searched)."""
    error: QueryError | None = None
    here: list[Match] = field(default_factory=list)
    """The matches of the first article in scope (the one on screen)."""
    painted: Painted = field(default_factory=dict)
    """``here`` as 'match' highlights grouped by paragraph, built with the search (in the worker when
    there is one: 100,000 of them grouped on the screen's thread held its next frame back)."""
    counts: dict[str, int] | None = None
    """Matches per accord id of ``here``, counted with the search (in the worker: 250,000 matches
    counted on the screen's thread held its next frame back)."""


def run(request: Request, indexes: IndexCache, pause: Pause | None = None, seconds: float = REGEX_SECONDS) -> Outcome:
    """Parse and search; a bad or half-typed query is an Outcome with an error, never an exception.

    ``pause`` (see reader.search.engine.Pause) is called between chunks of the work; whatever it
    raises stops the search and goes through. A regex past ``seconds`` in an article is stopped
    (the outcome's error is a SearchTimeout)."""
    if not request.text.strip():
        return Outcome(request)
    try:
        query = parse_query(request.text, request.options)
        found_in = [(article, search(_index(indexes, article, pause), query, pause, seconds)) for article in request.articles]
    except QueryError as error:
        return Outcome(request, error=error)
    except (re.error, RecursionError, ValueError, OverflowError) as error:  # a pattern that compiled but cannot run
        return Outcome(request, error=QueryError(f"cannot search: {error}"))
    with collector_paused():  # 100,000 matches grouped and counted: no collection walks them meanwhile
        found = FoundMatches(found_in)
        here = found_in[0][1]
        counts = accord_counts(request.articles[0], here, pause) if found else None
        return Outcome(request, found, here=here, painted=paint(here, pause), counts=counts)


def _index(indexes: IndexCache, article: Article, pause: Pause | None) -> ArticleIndex:
    """The article's index, with a pause after making it (its list of paragraphs: 18,000 for 10 MB)."""
    index = indexes.get(article)
    if pause is not None:
        pause()
    return index


def glimpse(request: Request, indexes: IndexCache, places: Sequence[tuple[int, int]]) -> Outcome | None:
    """The request's matches in some paragraphs of the article on screen (those in sight), to paint
    while the whole search runs; None when there is nothing to glimpse: a blank, bad or typed-filter
    query (a filter looks through the whole article however few paragraphs are in sight), or
    paragraphs so long that the glimpse would cost what the search does."""
    article = request.articles[0]
    if not request.text.strip() or not places \
            or sum(len(article.sections[s].paragraphs[p].text) for s, p in places) > GLIMPSE_CHARACTERS:
        return None
    try:
        query = parse_query(request.text, request.options)
        if query.kind is not None:
            return None
        here = search(ArticleIndex(article, only=places), query)  # those paragraphs alone: not the whole index
    except (QueryError, re.error, RecursionError, ValueError, OverflowError):
        return None  # the whole search says what is wrong
    return Outcome(request, here=here, painted=paint(here))


def paint(matches: Sequence[Match], pause: Pause | None = None) -> Painted:
    """Matches (in reading order) grouped by paragraph (``pause``: called between steps)."""
    if pause is None:
        return {key: list(group) for key, group in groupby(matches, key=_PARAGRAPH)}
    out: Painted = {}
    for at in range(0, len(matches), STEP):
        for key, group in groupby(matches[at:at + STEP], key=_PARAGRAPH):
            kept = out.get(key)
            if kept is None:
                out[key] = list(group)
            else:  # a paragraph's matches across two steps
                kept.extend(group)
        pause()
    return out


_PARAGRAPH = itemgetter(0, 1)
"""A match's (section, paragraph)."""


def accord_counts(article: Article, matches: Sequence[Match], pause: Pause | None = None) -> dict[str, int]:
    """How many matches each accord holds (a match belongs to the accord read where it stands);
    ``pause``: called every STEP matches."""
    counts: dict[str, int] = {}
    anchored: dict[int, int] = {}
    for a in article.accords:
        anchored[a.anchor.section] = anchored.get(a.anchor.section, 0) + 1
    single = {}  # a section with one anchor gives all its matches to that accord: no need to ask per match
    for k, m in enumerate(matches):
        if pause is not None and k % STEP == STEP - 1:
            pause()
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
