"""`reader import` of a web page, a feed file or an address: the page's text, or every entry of the feed."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader.cli.output import count
from reader.text.safe import label

FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
SNIFF_BYTES = 4096


def source_argument(text: str) -> str | Path:
    """The import's FILE argument: an http(s) address stays text, anything else is a path."""
    from reader.feeds.fetch import is_url

    return text if is_url(text) else Path(text)


def web_source(args: argparse.Namespace):
    """None for a text or Markdown file; else a WebPage to import, or the exit status once a feed was imported."""
    from reader.feeds.fetch import FetchError, fetch
    from reader.feeds.parse import looks_like_feed
    from reader.importer.web import HTML_SUFFIXES, extract_page, looks_like_html

    source = args.file
    if isinstance(source, Path):
        if source.suffix.lower() not in HTML_SUFFIXES + FEED_SUFFIXES and not _starts_like_markup(source):
            return None
        if source.is_dir() or not os.path.lexists(source):
            return None  # the text path says what is wrong with it
        try:
            data = _read(source, args.max_bytes)
        except OSError as error:
            _error(f"{source}: cannot read: {error.strerror or error}")
            return 2
        name, url = str(source), None
    else:
        try:
            response = fetch(source)
        except FetchError as error:
            _error(f"{error.url}: {error.reason}")
            return 1
        data, name, url = response.body, response.url, response.url
    if looks_like_feed(data) or (isinstance(source, Path) and source.suffix.lower() in FEED_SUFFIXES and not looks_like_html(data)):
        return _import_feed(args, data, name, url)
    page = extract_page(data, url)
    if page is None or not page.paragraphs:
        _error(f"{name}: no article text found in this page")
        return 1
    return page


def _starts_like_markup(path: Path) -> bool:
    from reader.feeds.parse import looks_like_feed
    from reader.importer.web import looks_like_html

    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return looks_like_feed(head) or looks_like_html(head)


def _read(path: Path, max_bytes: int | None) -> bytes:
    from reader.feeds.fetch import MAX_BYTES

    limit = max_bytes or MAX_BYTES
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise OSError(0, f"larger than {limit:,} bytes")
    return data


def _import_feed(args: argparse.Namespace, data: bytes, name: str, url: str | None) -> int:
    """Each entry of the feed becomes a draft in --out; the exit status says whether any failed."""
    from reader.feeds.parse import FeedError, parse_feed
    from reader.feeds.update import import_feed
    from reader.importer.draft import library_articles
    from reader.settings.paths import bundled_articles

    if args.stdout or args.article_id:
        _error(f"{name}: a feed gives one draft per entry: --stdout and --id are for one article")
        return 2
    try:
        parsed = parse_feed(data, url or "")
    except FeedError as error:
        _error(f"{name}: {error}")
        return 1
    library = library_articles([bundled_articles(), args.out]) if args.library else []
    result = import_feed(parsed, args.out, library=library)
    for path in result.written:
        _say(f"wrote {path}")
    for failure in result.entry_failures:
        _error(f"{name}: entry failed: {failure}")
    for note in result.notes:
        _say(f"note: {note}", sys.stderr)
    already = len(parsed.items) - len(result.written) - len(result.entry_failures)
    _say(f"{count(len(parsed.items), 'entry', 'entries')}: {count(len(result.written), 'new draft')}"
         + (f", {already} already in {args.out}" if already else "") + " — all marked draft: true")
    return 1 if result.entry_failures else 0


def _say(text: str, stream=None) -> None:
    print(label(text), file=stream or sys.stdout)


def _error(message: str) -> None:
    _say(f"reader import: {message}", sys.stderr)
