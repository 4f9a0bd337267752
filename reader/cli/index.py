"""`reader index [PATH ...] [--status] [--rebuild]`: build or refresh the library index, or say what it holds."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli.output import count, print_problems
from reader.settings.paths import bundled_articles
from reader.text.safe import label


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of `reader index`."""
    parser.description = (
        "Build or refresh the library index (a cache in $XDG_CACHE_HOME/reader) for the article files under the "
        "paths: changed files are indexed again, new ones added, gone ones dropped. Exit 0, or 2 when a path is bad."
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="article files or folders (default: the bundled articles)")
    parser.add_argument("--status", action="store_true", help="print what the index holds and its size, then stop")
    parser.add_argument("--rebuild", action="store_true", help="throw the index away and build it again")
    parser.set_defaults(run=run)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} kB"


def run(args: argparse.Namespace) -> int:
    """Refresh (or rebuild) the index and print a one-line summary; or print its status."""
    from reader.cli.progress import ProgressLine
    from reader.library.index import index_path, open_index, remove_index

    if args.rebuild:
        remove_index(index_path())
    index = open_index()
    try:
        if args.status:
            status = index.status()
            print(label(f"{status['path']}: {count(status['files'], 'file')} in {count(status['folders'], 'folder')} "
                        f"({status['loaded']:,} loaded, {status['broken']:,} broken), "
                        f"{count(status['entities'], 'entity', 'entities')}, {_size(status['bytes'])}, reader {status['version']}"))
            return 0
        progress = ProgressLine("indexing")
        try:
            done = index.refresh(args.paths or [bundled_articles()], progress=progress, max_bytes=args.max_bytes)
        finally:
            progress.clear()
        print_problems(done.problems)
        if done.problems and not done.files:
            return 2  # nothing but bad paths: their messages are the whole answer
        size = index.status()["bytes"]
        where = f"{_size(size)} at {index.path}" if index.path else "in memory only"
        print(label(f"{count(done.files, 'file')}: {done.added:,} added, {done.updated:,} updated, {done.removed:,} removed, "
                    f"{done.unchanged:,} unchanged, {done.broken:,} broken, in {done.seconds:.1f} s; index {where}"))
        return 2 if done.problems else 0
    finally:
        index.close()
