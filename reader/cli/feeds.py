"""`reader feeds add|list|remove|update`: the feeds in config.yaml, and importing their new entries."""

from __future__ import annotations

import argparse
import sys

from reader.cli.output import count
from reader.text.safe import label

SHOWN = 5
"""On a terminal, the titles of at most this many new articles per feed."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the feeds command's actions to its parser and set run=run."""
    parser.description = (
        "Follow news feeds (RSS, Atom) and import their new entries as draft articles into the library folder "
        "(`library:` in config.yaml, by default $XDG_DATA_HOME/reader/articles). "
        "Exit 0 when all went well, 1 when a feed or an entry failed, 2 on a usage error."
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="follow a feed")
    add.add_argument("url", metavar="URL", help="the feed's address (http or https)")
    add.add_argument("--name", help="a short name for it (default: from the address)")
    actions.add_parser("list", help="the feeds followed")
    remove = actions.add_parser("remove", help="stop following a feed")
    remove.add_argument("name", metavar="NAME")
    update = actions.add_parser("update", help="fetch the feeds and import their new entries")
    update.add_argument("names", nargs="*", metavar="NAME", help="only these feeds (default: all)")
    update.add_argument("--limit", type=int, default=None, metavar="N",
                        help="at most N new entries per feed this time; the rest come next time (default 100)")
    update.add_argument("--timeout", type=float, default=None, metavar="SECONDS", help="give up on a silent server after this long (default 20)")
    parser.set_defaults(run=run)


def _say(text: str, stream=None) -> None:
    print(label(text), file=stream or sys.stdout)


def run(args: argparse.Namespace) -> int:
    """Run one feeds action; returns the exit status."""
    return {"add": _add, "list": _list, "remove": _remove, "update": _update}[args.action](args)


def _add(args: argparse.Namespace) -> int:
    from reader.feeds.fetch import is_url
    from reader.feeds.feedlist import add_feed

    if not is_url(args.url):
        _say(f"reader feeds: {args.url!r} is not an http or https address", sys.stderr)
        return 2
    name, problem = add_feed(args.url, args.name)
    if problem is not None:
        _say(f"reader feeds: {problem}", sys.stderr)
        return 1
    _say(f"following {name}: {args.url}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from reader.feeds.feedlist import remove_feed
    from reader.settings.config import load_config

    config, problems = load_config()
    if not problems and all(feed.name != args.name for feed in config.feeds):
        # a name that is no feed is a usage error, as with update; a file that cannot be changed is not
        _say(f"reader feeds: no feed named {args.name!r} (see `reader feeds list`)", sys.stderr)
        return 2
    problem = remove_feed(args.name)
    if problem is not None:
        _say(f"reader feeds: {problem}", sys.stderr)
        return 1
    _say(f"no longer following {args.name} (its articles stay in the library)")
    return 0


def _list(args: argparse.Namespace) -> int:
    from reader.feeds.feedlist import library_folder
    from reader.settings.config import load_config

    config, problems = load_config()
    for problem in problems:
        _say(str(problem), sys.stderr)
    if not config.feeds:
        _say("no feeds yet: reader feeds add URL [--name NAME]")
    else:
        width = max(len(f.name) for f in config.feeds)
        for feed in config.feeds:
            _say(f"{feed.name:<{width}}  {feed.url}")
    _say(f"library: {library_folder(config)}")
    return 1 if problems else 0


def _update(args: argparse.Namespace) -> int:
    from reader.feeds.feedlist import library_folder
    from reader.feeds.fetch import Limits
    from reader.feeds.store import load_store
    from reader.feeds.update import DEFAULT_LIMIT, Progress, update_feeds
    from reader.settings.config import load_config

    config, problems = load_config()
    if problems:
        for problem in problems:
            _say(str(problem), sys.stderr)
        return 2
    names = {f.name for f in config.feeds}
    unknown = [n for n in args.names if n not in names]
    if unknown:
        _say(f"reader feeds: no feed named {', '.join(map(repr, unknown))} (see `reader feeds list`)", sys.stderr)
        return 2
    if args.limit is not None and args.limit < 1 or args.timeout is not None and args.timeout <= 0:
        _say("reader feeds: --limit and --timeout must be positive", sys.stderr)
        return 2
    feeds = [f for f in config.feeds if not args.names or f.name in args.names]
    if not feeds:
        _say("no feeds yet: reader feeds add URL [--name NAME]")
        return 0
    folder = library_folder(config)
    store = load_store()
    if store.note:
        _say(f"reader feeds: {store.note}", sys.stderr)
    limits = Limits() if args.timeout is None else Limits(connect_timeout=args.timeout, read_timeout=args.timeout)
    tty = sys.stderr.isatty()

    def progress(p: Progress) -> None:
        if tty:
            sys.stderr.write(f"\r\x1b[Kfeeds {p.feeds_done}/{p.feeds_total} · {count(p.new, 'new article')} · {count(p.failed, 'failure')}")
            sys.stderr.flush()

    try:
        results = update_feeds(feeds, folder, store, limits=limits, limit=args.limit or DEFAULT_LIMIT, progress=progress)
    finally:
        if tty:
            sys.stderr.write("\r\x1b[K")
        saved = store.save()
        if saved:
            _say(f"reader feeds: {saved}", sys.stderr)
    for result in results:
        if result.failure:
            _say(f"{result.name}: failed: {result.failure}", sys.stderr)
        for failure in result.entry_failures:
            _say(f"{result.name}: entry failed: {failure}", sys.stderr)
        for note in result.notes:
            _say(f"{result.name}: note: {note}", sys.stderr)
        if tty and not result.failure:
            state = "not modified" if result.not_modified else count(len(result.written), "new article")
            more = f" ({result.left} more next time)" if result.left else ""
            _say(f"{result.name}: {state}{more}")
            for title in result.titles[:SHOWN]:
                _say(f"  + {title}")
            if len(result.titles) > SHOWN:
                _say(f"  + and {len(result.titles) - SHOWN} more")
    new = sum(len(r.written) for r in results)
    failed = sum(r.failed for r in results)
    # "updated" would be wrong of a feed that failed: the count and what came of it
    failures = f", {failed} with failures (told above)" if failed else ""
    _say(f"{count(len(results), 'feed')}: {count(new, 'new article')}{failures}; library {folder}")
    return 1 if failed else 0
