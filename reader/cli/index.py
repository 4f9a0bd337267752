"""`reader index [PATH ...] [--status] [--rebuild]`: build or refresh the library index, or say what it holds."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from reader.cli.output import count, print_problems
from reader.settings.paths import bundled_articles
from reader.text.safe import label


def _count(n: int, word: str, plural: str | None = None) -> str:
    """'1 file', '22,322 files': grouped as the other figures of these lines are."""
    return f"{n:,}{count(n, word, plural)[len(str(n)):]}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of `reader index`."""
    parser.description = (
        "Build or refresh the library index (a cache in $XDG_CACHE_HOME/reader) for the article files under the "
        "paths: changed files are indexed again, new ones added, gone ones dropped. Exit 0; 1 when the index cannot "
        "be saved (a read-only or full cache folder, or one another reader keeps locked), said at once; 2 when a path is bad."
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="article files or folders (default: the bundled articles)")
    parser.add_argument("--status", action="store_true", help="print what the index holds and its size, then stop")
    parser.add_argument("--rebuild", action="store_true",
                        help="index the PATHs' files again from scratch (other folders' entries are kept); "
                             "with no PATH, throw the whole index away and start over")
    parser.set_defaults(run=run)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} kB"


def _notice(message: str) -> None:
    print(label(f"reader: {message}"), file=sys.stderr)


def _cannot(message: str) -> int:
    """Say why the index cannot be saved; exit status 1."""
    print(label(f"reader: {message}"), file=sys.stderr)
    return 1


def run(args: argparse.Namespace) -> int:
    """Refresh (or rebuild) the index and print a one-line summary; or print its status.

    An index that could not be kept is this command's failure: said at once, exit 1, not indexed
    in memory for nothing (other commands work without it, this one's only work is to keep it).
    """
    import sqlite3

    from reader.cli.progress import ProgressLine
    from reader.library.index import index_path, open_index, remove_index

    if args.rebuild and not args.paths:
        try:
            remove_index(index_path())
        except OSError as error:
            return _cannot(f"cannot remove the library index {index_path()} ({error.strerror or error}); nothing rebuilt")
    notices: list[str] = []
    index = open_index(notice=notices.append)
    try:
        if index.in_memory:
            return _cannot(f"{index.unusable}{'' if args.status else '; nothing indexed'}")
        index.notice = _notice
        for notice in notices:  # a corrupt index rebuilt
            _notice(notice)
        if args.status:
            status = index.status()
            print(label(f"{status['path']}: {_count(status['files'], 'file')} in {_count(status['folders'], 'folder')} "
                        f"({status['loaded']:,} loaded, {status['broken']:,} broken), "
                        f"{_count(status['entities'], 'entity', 'entities')}, {_size(status['bytes'])}, reader {status['version']}"))
            return 0
        progress = ProgressLine("indexing")
        started = time.perf_counter()  # the whole refresh's (one made again after another process's writes counts)
        try:
            if args.rebuild and args.paths:
                index.forget(args.paths)
            done = index.refresh(args.paths or [bundled_articles()], progress=progress, max_bytes=args.max_bytes, in_memory=False)
        except sqlite3.Error as error:  # read-only, full, or locked past the busy timeout: what was written is kept
            return _cannot(f"cannot write to the library index {index.path} ({error}); nothing more was indexed")
        finally:
            progress.clear()
        if index.in_memory:  # a corrupt index that could not be made again
            return _cannot(f"{index.unusable}; nothing indexed")
        print_problems(done.problems)
        if done.problems and not done.files:
            return 2  # nothing but bad paths: their messages are the whole answer
        print(label(f"{_count(done.files, 'file')}: {done.added:,} added, {done.updated:,} updated, {done.removed:,} removed, "
                    f"{done.unchanged:,} unchanged, {done.broken:,} broken, in {time.perf_counter() - started:.1f} s; "
                    f"index {_size(index.status()['bytes'])} at {index.path}"))
        return 2 if done.problems else 0
    finally:
        index.close()
