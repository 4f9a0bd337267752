"""`reader feeds update`: fetch every feed, import the entries not yet in the library as drafts."""

from __future__ import annotations

import datetime as _dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from reader.feeds.drafts import write_draft
from reader.feeds.fetch import MAX_AT_ONCE, FetchError, Limits, fetch, is_url
from reader.feeds.parse import FeedError, FeedItem, ParsedFeed, parse_feed
from reader.feeds.store import FeedMemory, FeedStore
from reader.importer.web import WebPage, extract_page, html_text
from reader.model.article import Article
from reader.settings.config import FeedSetting

SUMMARY_CHARS = 400
"""An entry whose text is shorter than this is a summary: its page is fetched for the whole article."""

DEFAULT_LIMIT = 100
"""At most this many new entries of one feed per update; the rest come with the next update."""


@dataclass
class FeedResult:
    """What one feed's update did."""

    name: str
    url: str
    written: list[Path] = field(default_factory=list)
    """Draft files written by this update."""
    titles: list[str] = field(default_factory=list)
    """Their titles, as fetched (unsafe: escape them to show them)."""
    failure: str | None = None
    """Why the feed itself failed (then nothing of it was imported)."""
    entry_failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    not_modified: bool = False
    left: int = 0
    """New entries left for the next update (past the limit)."""

    @property
    def failed(self) -> bool:
        return self.failure is not None or bool(self.entry_failures)


@dataclass(frozen=True)
class Progress:
    """Where an update is: for a progress line."""

    feeds_done: int
    feeds_total: int
    new: int
    failed: int


@dataclass
class _Gathered:
    """What a worker brought back for one feed: pages ready to import, or the feed's failure."""

    feed: FeedSetting
    failure: str | None = None
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    pages: list[tuple[FeedItem, WebPage | None, str | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    left: int = 0


def update_feeds(feeds: Sequence[FeedSetting], folder: Path, store: FeedStore, *, limits: Limits = Limits(),
                 limit: int | None = DEFAULT_LIMIT, progress: Callable[[Progress], None] | None = None,
                 library: Sequence[Article] | None = None) -> list[FeedResult]:
    """Fetch the feeds (a few at once), import their new entries into folder; one result per feed, in order."""
    results = {f.name: FeedResult(f.name, f.url) for f in feeds}
    known: list[Article] | None = list(library) if library is not None else None
    done = new = failed = 0
    if progress:
        progress(Progress(0, len(feeds), 0, 0))
    pool = ThreadPoolExecutor(max_workers=MAX_AT_ONCE)
    try:
        jobs = [pool.submit(_gather, f, _copy(store.memory(f.url)), limits, limit) for f in feeds]
        for feed, job in zip(feeds, jobs):  # imported in the feeds' order (fetched in parallel): the same files whatever answers first
            try:
                gathered = job.result()
            except Exception as error:  # a bug or an extractor's crash on odd input costs one feed, never the update
                gathered = _Gathered(feed, failure=f"unexpected {type(error).__name__}: {error} (please report this)")
            result = results[gathered.feed.name]
            if gathered.pages and known is None:
                known = _library(folder)
            _import(gathered, result, store.memory(gathered.feed.url), folder, known or [])
            done += 1
            new += len(result.written)
            failed += result.failed
            if progress:
                progress(Progress(done, len(feeds), new, failed))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)  # ctrl+c: feeds not yet fetched are not fetched
        raise
    pool.shutdown()
    ordered = [results[f.name] for f in feeds]
    if any(r.written for r in ordered):
        note = index_new_articles(folder)
        if note and ordered:
            ordered[0].notes.append(note)
    return ordered


def import_feed(parsed: ParsedFeed, folder: Path, *, limits: Limits = Limits(), fetch_pages: bool = True,
                library: Sequence[Article] = ()) -> FeedResult:
    """Import every entry of an already parsed feed (`reader import feed.xml`), with no memory of earlier runs."""
    feed = FeedSetting(parsed.title or "feed", parsed.link or "")
    gathered = _Gathered(feed)
    gathered.pages = [_page(item, limits if fetch_pages else None, gathered.notes) for item in parsed.items]
    result = FeedResult(feed.name, feed.url)
    _import(gathered, result, FeedMemory(), folder, library)
    if result.written and (note := index_new_articles(folder)):
        result.notes.append(note)
    return result


def index_new_articles(folder: Path) -> str | None:
    """The one place imported drafts reach the library index (issue 13): refresh it over the library folder.

    Returns why the index could not be refreshed (the drafts are written all the same).
    """
    import sqlite3

    from reader.library.index import open_index

    notes: list[str] = []
    try:
        index = open_index(notice=notes.append)
        try:
            if index.in_memory:  # an index in memory would be thrown away at once: the drafts are indexed when it can be used
                notes = [f"the library index was not refreshed: {index.unusable}"]
            else:
                index.refresh([folder], in_memory=False)
        finally:
            index.close()
    except (sqlite3.Error, OSError) as error:
        notes.append(f"the library index was not refreshed ({error})")
    return "; ".join(notes) or None


def _library(folder: Path) -> list[Article]:
    """The articles the importer recognises entities from: the bundled ones and the library's."""
    from reader.importer.draft import library_articles
    from reader.settings.paths import bundled_articles

    return library_articles([bundled_articles(), folder])


def _copy(memory: FeedMemory) -> FeedMemory:
    return FeedMemory(memory.etag, memory.last_modified, set(memory.seen))


def _gather(feed: FeedSetting, memory: FeedMemory, limits: Limits, limit: int | None) -> _Gathered:
    """In a worker: fetch the feed (conditionally), parse it, fetch the pages of its new summary-only entries."""
    out = _Gathered(feed)
    if not is_url(feed.url):
        out.failure = "not an http or https address"
        return out
    try:
        response = fetch(feed.url, etag=memory.etag, last_modified=memory.last_modified, limits=limits)
    except FetchError as error:
        out.failure = error.reason
        return out
    if response.not_modified:
        out.not_modified = True
        return out
    try:
        parsed = parse_feed(response.body, response.url)
    except FeedError as error:
        out.failure = str(error)
        return out
    out.etag, out.last_modified = response.etag, response.last_modified
    fresh = [item for item in parsed.items if item.key not in memory.seen]
    if limit is not None and len(fresh) > limit:
        out.left = len(fresh) - limit
        fresh = fresh[:limit]
    for item in fresh:
        out.pages.append(_page(item, limits, out.notes, parsed.title))
    return out


def _page(item: FeedItem, limits: Limits | None, notes: list[str], site: str = "") -> tuple[FeedItem, WebPage | None, str | None]:
    """The entry as a page: the feed's own text, or its web page's when the feed carries only a summary."""
    paragraphs = html_text(item.content_html)
    title = item.title
    if sum(len(p) for p in paragraphs) < SUMMARY_CHARS and item.link and is_url(item.link) and limits is not None:
        try:
            page = extract_page(fetch(item.link, limits=limits).body, item.link)
        except FetchError as error:
            page = None
            notes.append(f"{item.title or item.link}: page not fetched ({error.reason}); imported the feed's summary")
        if page is not None and page.paragraphs:
            return item, WebPage(title or page.title, page.paragraphs, item.published or page.published,
                                 item.author or page.author, page.site or site or None, item.link), None
    if not paragraphs:
        return item, None, "no text in the entry or its page"
    return item, WebPage(title, paragraphs, item.published, item.author, site or None, item.link), None


def _import(gathered: _Gathered, result: FeedResult, memory: FeedMemory, folder: Path, library: Sequence[Article]) -> None:
    """In the main thread: write the drafts, remember what is in the library, keep validators only when all is in."""
    result.failure, result.not_modified, result.left = gathered.failure, gathered.not_modified, gathered.left
    result.notes += gathered.notes
    if gathered.failure or gathered.not_modified:
        return
    for item, page, problem in gathered.pages:
        name = item.title or item.link or item.key
        if page is None:
            result.entry_failures.append(f"{name}: {problem}")
            continue
        try:
            written = write_draft(page, folder, library, key=item.key, published=item.published or page.published or _dt.date.today())
        except OSError as error:
            result.entry_failures.append(f"{name}: cannot write: {error.strerror or error}")
            continue
        except Exception as error:  # an importer bug on odd text costs one entry, never the update
            result.entry_failures.append(f"{name}: unexpected {type(error).__name__}: {error} (please report this)")
            continue
        if written.problems:
            result.entry_failures.append(f"{name}: the draft does not load (please report this): {written.problems[0]}")
        memory.seen.add(item.key)
        if written.new:
            result.written.append(written.path)
            result.titles.append(page.title or written.path.stem)
    if not result.entry_failures and not result.left:
        # a 304 must never hide entries still to import: validators are kept only once everything is in
        memory.etag, memory.last_modified = gathered.etag, gathered.last_modified
