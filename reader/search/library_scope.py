"""A search over a whole library: the index names the files that may match, the exact matcher searches those alone (pure).

The same path as ``reader search``: the index narrows (never decides), each file it keeps is
loaded and searched with the folded matcher, and the matches come file by file, as they are
found, so a caller can show them at once and stop at any file. Without a usable index (a locked
or read-only cache) every file is read, slower but with the same matches.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple, Sequence

from reader.model.article import Article
from reader.model.problems import ProblemsError
from reader.search.engine import ArticleIndex, Match, SearchTimeout, search_capped
from reader.search.query import Query

if TYPE_CHECKING:
    from reader.library.index import Index


class LibraryHit(NamedTuple):
    """One match in a library file, with just what the results list shows of it (the article is not kept)."""

    path: str
    """The file as listed under the library's paths (what to open)."""
    article_id: str
    title: str
    heading: str
    """The heading of the match's section."""
    text: str
    """The paragraph that holds the match (shared by that paragraph's matches)."""
    match: Match


@dataclass(frozen=True)
class FileSearched:
    """One file of the library searched: its matches (none when the index ruled it out), and how far the search is."""

    path: str
    hits: tuple[LibraryHit, ...]
    done: int
    """Files gone through so far, this one included."""
    total: int
    """Files in the library."""
    capped: bool = False
    """The file had more matches than were asked for."""


@dataclass(frozen=True)
class LibraryCount:
    """A search's matches over a library as far as it has gone, the article on screen left out (it is counted
    apart): what the search bar says of a search of every article (alt+a) in a library."""

    matches: int = 0
    articles: int = 0
    """Files with a match."""
    done: int = 0
    total: int | None = None
    """Files in the library (None until the index has named them)."""
    capped: bool = False
    """The search stopped at its limit: there are more."""
    finished: bool = False

    def add(self, step: FileSearched) -> LibraryCount:
        """The count with one more file searched."""
        return LibraryCount(self.matches + len(step.hits), self.articles + bool(step.hits), step.done, step.total,
                            self.capped or step.capped)

    def finish(self) -> LibraryCount:
        """The count once the search has stopped (before the last file: at its limit)."""
        total = self.total or 0
        return replace(self, finished=True, capped=self.capped or self.done < total)


def scope_text(matches: int, articles: int, total: int | None, capped: bool, word: bool = False) -> str:
    """A count with its scope named, the same in the search bar and the library's results list: '36 in 3 of 41
    articles' (``word``: '36 matches in …'); capped (the search stopped at its limit): '2,000+ in 12+ of 10,000 articles'."""
    plus = "+" if capped else ""
    if not matches and not capped:
        return f"no matches in {total:,} articles" if total is not None else "no matches"
    count = f"{matches:,}{plus}" + ((" match" if matches == 1 and not capped else " matches") if word else "")
    where = f"{articles:,}{plus} of {total:,} articles" if total is not None else f"{articles:,} article{'s' if articles != 1 else ''}"
    return f"{count} in {where}"


def hits_of(path: str, article: Article, matches: Sequence[Match]) -> tuple[LibraryHit, ...]:
    """The matches of a loaded article as hits (its text kept, the article let go)."""
    out = []
    for m in matches:
        section = article.sections[m.section]
        out.append(LibraryHit(path, article.id, article.title, section.heading, section.paragraphs[m.paragraph].text, m))
    return tuple(out)


def candidates(index: Index, paths: Sequence[Path], query: Query, notice: Callable[[str], None]) -> list[tuple[str, bool, int]]:
    """The library's files in order, each with whether it may match and its row in the index (0: none).

    Through the index when it can be used; else every file (which may then match)."""
    from reader.library.files import find_articles

    if not index.in_memory:
        try:
            index.refresh(paths, in_memory=False)
            # read whole (a few bytes a file): no query stays open on the connection while files are searched
            return [(c.shown, bool(c.loaded and c.may_match), c.file_id) for c in index.candidates(query)]
        except sqlite3.Error as error:  # locked past the busy timeout, or the disk full: every file is read
            notice(f"the library index cannot be used now ({error}); searching every file")
    files, _ = find_articles(paths)
    return [(str(path), True, 0) for path in files]


def read_candidate(index: Index, shown: str, file_id: int, load: Callable[[Path], Article]) -> Article:
    """A candidate's article: as the index holds it built (no YAML parsed), else read from its file."""
    article = index.stored(file_id, shown) if file_id else None
    return article if article is not None else load(Path(shown))


def search_library(paths: Sequence[Path], query: Query, *, limit: int, leave_out: str = "",
                   stop: Callable[[], bool] = lambda: False, notice: Callable[[str], None] = lambda text: None,
                   load: Callable[[Path], Article] | None = None) -> Iterator[FileSearched]:
    """Every file of the library in order with its matches, at most ``limit`` matches in all.

    ``leave_out`` is an article id left out (the article on screen, searched already), ``stop`` is asked before
    each file (a closed results list stops the search), ``notice`` hears what is worth saying (the
    index unusable). A file that does not load, or whose regular expression runs too long, has
    no matches here: its problems are for ``reader check``.
    """
    from reader.library.index import open_index
    from reader.load.build import load_article

    index = open_index(notice=notice)
    try:
        rows = candidates(index, paths, query, notice)
        total, left = len(rows), limit
        for done, (path, may_match, file_id) in enumerate(rows, 1):
            if stop():
                return
            if not may_match:
                yield FileSearched(path, (), done, total)
                continue
            try:
                article = read_candidate(index, path, file_id, load or load_article)
                if article.id == leave_out:
                    yield FileSearched(path, (), done, total)
                    continue
                found = search_capped(ArticleIndex(article), query, max_matches=left)
            except (ProblemsError, SearchTimeout, OSError, RecursionError):
                yield FileSearched(path, (), done, total)
                continue
            hits = hits_of(path, article, found.matches)
            left -= len(hits)
            yield FileSearched(path, hits, done, total, found.capped)
            if left <= 0:
                return
    finally:
        index.close()
