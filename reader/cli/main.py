"""Command line: `reader [PATH]` opens the app; `reader check`, `export`, `search`, `import`, `feeds`, `index`."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from reader import __version__

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

SUBCOMMANDS = {"check": "check", "export": "export", "search": "search", "import": "importing", "feeds": "feeds", "index": "index"}
"""Each subcommand and the module of reader.cli that holds it."""
USAGES = {"check": "reader check [PATH ...]", "export": "reader export PATH", "search": "reader search QUERY [PATH ...]",
          "import": "reader import FILE", "feeds": "reader feeds add|list|remove|update", "index": "reader index [PATH ...]"}
"""How each subcommand is called, as `reader --help` lists them (every one of SUBCOMMANDS: a test checks)."""


def cmd_open(args: argparse.Namespace) -> int:
    """Open the reading app on the bundled articles or the given paths."""
    from reader.settings.paths import bundled_articles
    from reader.text.safe import label
    from reader.ui.app import run_app

    if args.library:
        from reader.feeds.feedlist import library_folder
        from reader.settings.config import load_config

        folder = library_folder(load_config()[0])
        if not folder.is_dir():
            print(label(f"reader: the library folder {folder} does not exist yet (reader feeds update fills it)"), file=sys.stderr)
            return 2
        return run_app([folder, *args.paths], theme=args.theme)
    return run_app(args.paths or [bundled_articles()], theme=args.theme)


def _close_command(word: str) -> str | None:
    """The subcommand a first argument that is no file or folder reads as a misspelling of (`reader serach goita`)."""
    if word.startswith("-") or os.path.lexists(word) or not word:  # "" is the current folder, as Path("") is
        return None
    import difflib  # only for a first word that is no subcommand

    close = difflib.get_close_matches(word, SUBCOMMANDS, n=1)
    return close[0] if close else None


def build_parser(subcommand: str | None) -> argparse.ArgumentParser:
    """The parser for the app (no subcommand) or for one subcommand."""
    import importlib
    from pathlib import Path

    from reader.cli.arguments import SafeArgumentParser, byte_count

    if subcommand is None:
        parser = SafeArgumentParser(prog="reader", description="Read annotated news articles in the terminal.",
                                         epilog="Subcommands: " + ", ".join(USAGES[name] for name in SUBCOMMANDS)
                                         + " (reader COMMAND --help for each)")
        parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="an article file or a folder of articles (default: the bundled articles)")
        parser.add_argument("--theme", help="the theme to use (remembered for next time)")
        parser.add_argument("--library", action="store_true", help="list the library folder (`library:` in config.yaml) in the picker")
        parser.add_argument("--version", action="version", version=f"reader {__version__}")
        parser.set_defaults(run=cmd_open)
        return parser
    parser = SafeArgumentParser(prog=f"reader {subcommand}")
    parser.add_argument("--max-bytes", type=byte_count, default=None, help="refuse article files larger than this (default 32 MiB)")
    module = importlib.import_module(f"reader.cli.{SUBCOMMANDS[subcommand]}")  # only the command's own code
    module.add_arguments(parser)
    return parser


def _parse(subcommand: str | None, rest: list[str]) -> argparse.Namespace:
    """The command line's arguments; raises SystemExit as argparse does (--help, a usage error)."""
    if subcommand == "search":
        from reader.cli.search import plain_arguments

        # the common `reader search QUERY PATH...` without argparse, whose import and set-up were a
        # good part of a search's time on a small library; anything else is argparse's
        args = plain_arguments(rest)
        if args is not None:
            return args  # type: ignore[return-value]
    parser = build_parser(subcommand)
    # intermixed: `reader search mali --count articles` puts options between positionals
    return parser.parse_intermixed_args(rest) if subcommand == "search" else parser.parse_args(rest)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    from reader.load.limits import environment_limit

    if (problem := environment_limit()[1]) is not None:  # a limit that refuses every file, or none at all
        from reader.text.safe import label

        print(label(f"reader: {problem}"), file=sys.stderr)
        return 2
    subcommand = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    if subcommand is None and argv and (close := _close_command(argv[0])):
        from reader.text.safe import label

        print(label(f"reader: unknown command '{argv[0]}' (did you mean '{close}'?)"), file=sys.stderr)
        return 2
    try:
        args = _parse(subcommand, argv[1:] if subcommand else argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
