"""Command line: `reader [PATH]` opens the app; `reader check`, `export`, `search`, `import`, `feeds`, `index`."""

from __future__ import annotations

import argparse
import difflib
import importlib
import sys
from pathlib import Path
from typing import Sequence

from reader import __version__
from reader.settings.paths import bundled_articles
from reader.text.safe import label

SUBCOMMANDS = {"check": "check", "export": "export", "search": "search", "import": "importing", "feeds": "feeds", "index": "index"}
"""Each subcommand and the module of reader.cli that holds it."""
USAGES = {"check": "reader check [PATH ...]", "export": "reader export PATH", "search": "reader search QUERY [PATH ...]",
          "import": "reader import FILE", "feeds": "reader feeds add|list|remove|update", "index": "reader index [PATH ...]"}
"""How each subcommand is called, as `reader --help` lists them (every one of SUBCOMMANDS: a test checks)."""


class SafeArgumentParser(argparse.ArgumentParser):
    """argparse whose error messages show what the user typed as escapes: an argument can be a
    file name holding a terminal escape sequence (`reader check *`), which argparse echoed raw."""

    def error(self, message: str):  # argparse's documented hook for how errors are reported
        self.print_usage(sys.stderr)
        self.exit(2, label(f"{self.prog}: error: {message}") + "\n")


def cmd_open(args: argparse.Namespace) -> int:
    """Open the reading app on the bundled articles or the given paths."""
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


def _mistyped_command(word: str) -> bool:
    """A first argument that is no file or folder and reads as a misspelt subcommand (`reader serach goita`)."""
    if word.startswith("-") or Path(word).exists() or Path(word).is_symlink():
        return False
    return bool(difflib.get_close_matches(word, SUBCOMMANDS, n=1))


def build_parser(subcommand: str | None) -> argparse.ArgumentParser:
    """The parser for the app (no subcommand) or for one subcommand."""
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
    parser.add_argument("--max-bytes", type=int, default=None, help="refuse article files larger than this (default 32 MiB)")
    module = importlib.import_module(f"reader.cli.{SUBCOMMANDS[subcommand]}")  # only the command's own code
    module.add_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    subcommand = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    if subcommand is None and argv and _mistyped_command(argv[0]):
        close = difflib.get_close_matches(argv[0], SUBCOMMANDS, n=1)
        print(label(f"reader: unknown command '{argv[0]}' (did you mean '{close[0]}'?)"), file=sys.stderr)
        return 2
    parser = build_parser(subcommand)
    try:
        rest = argv[1:] if subcommand else argv
        # intermixed: `reader search mali --count articles` puts options between positionals
        args = parser.parse_intermixed_args(rest) if subcommand == "search" else parser.parse_args(rest)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
