"""A feed's bytes -> its entries (feedparser), refusing malformed XML and entity tricks."""

from __future__ import annotations

import calendar
import datetime as _dt
import hashlib
import io
import re
import warnings
from dataclasses import dataclass

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
LENIENT = ("undefined entity", "reference to invalid character number")
"""XML errors feedparser recovers from as a browser would (`&nbsp;`, `&#x1b;` in a title): the entries are kept."""


class FeedError(Exception):
    """A document that is not a usable feed, with the reason to show."""


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, as the update needs it."""

    key: str
    """What identifies the entry across updates: its guid, else its link, else a hash of title and date."""
    title: str
    link: str | None
    published: _dt.date | None
    author: str | None
    content_html: str
    """The fullest text the feed carries (its content, else its summary), as HTML."""


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title and entries, newest first as the feed lists them."""

    title: str
    link: str | None
    items: list[FeedItem]


def looks_like_feed(data: bytes) -> bool:
    """True when a document's first element is an RSS, RDF or Atom root."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return bool(re.match(rb"(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*)*(?:<!DOCTYPE[^>]*>\s*)?<(?:[\w-]+:)?(?:rss|feed|RDF)\b", head, re.S))


def parse_feed(data: bytes, url: str = "") -> ParsedFeed:
    """The feed in these bytes; FeedError when it is refused or is not a feed."""
    import feedparser

    if _ENTITY_DECLARATION.search(data):
        # billion laughs, quadratic blow-up and external entities all need a declaration: no feed needs one
        raise FeedError("refused: the document declares XML entities (an entity-expansion trick)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # a stream, never the bytes themselves: feedparser would open a str or bytes that names a file or a URL
        parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": url} if url else None,
                                  sanitize_html=True, resolve_relative_uris=bool(url))
    error = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.get("version"):
        from reader.importer.web import looks_like_html

        if looks_like_html(data):
            raise FeedError("an HTML page, not a feed")
        raise FeedError("not a feed" + (f" ({_describe(error)})" if error is not None else ""))
    if error is not None and hasattr(error, "getLineNumber") and not str(error.getMessage()).startswith(LENIENT):
        raise FeedError(f"malformed XML: {_describe(error)}")
    feed = parsed.get("feed", {})
    items = [_item(entry) for entry in parsed.get("entries", [])]
    return ParsedFeed(_one_line(feed.get("title", "")), feed.get("link"), items)


def _describe(error: BaseException) -> str:
    if hasattr(error, "getLineNumber"):
        return f"line {error.getLineNumber()}, column {error.getColumnNumber() + 1}: {error.getMessage()}"
    return str(error) or type(error).__name__


def _item(entry) -> FeedItem:
    title = _one_line(entry.get("title", ""))
    link = entry.get("link") or None
    published = _date(entry.get("published_parsed") or entry.get("updated_parsed"))
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    content = max(contents, key=len) if contents else ""
    summary = entry.get("summary", "") or ""
    html = content if len(content) >= len(summary) else summary
    key = entry.get("id") or link or "sha1:" + hashlib.sha1(f"{title}\n{published}".encode()).hexdigest()
    return FeedItem(str(key), title, str(link) if link else None, published, _one_line(entry.get("author", "")) or None, html)


def _date(parsed) -> _dt.date | None:
    if not parsed:
        return None
    try:
        return _dt.datetime.fromtimestamp(calendar.timegm(parsed), _dt.timezone.utc).date()
    except (OverflowError, ValueError, TypeError):
        return None


def _one_line(text: str) -> str:
    return " ".join(str(text).split())
