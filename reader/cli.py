"""Command line: `reader [PATH]` opens the app; `reader check`, `export`, `search`, `import`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from reader import __version__
from reader.errors import Problem, ProblemsError
from reader.paths import bundled_articles
from reader.safetext import visible

SUBCOMMANDS = ("check", "export", "search", "import")


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(visible(str(problem), newlines=False), file=sys.stderr)


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _summary(counts: dict[str, int]) -> str:
    dossiers = f" (+{_count(counts['dossiers'], 'dossier')})" if counts["dossiers"] else ""
    return (
        f"{_count(counts['sections'], 'section')}, {_count(counts['accords'], 'accord')}{dossiers}, "
        f"{_count(counts['entities'], 'entity', 'entities')}, {_count(counts['mentions'], 'mention')}, "
        f"{_count(counts['dates'], 'date')}, {_count(counts['figures'], 'figure')}"
    )


_THEME_KEYS = frozenset(("primary", "variables", "dark"))
"""Keys a theme has and an article has not."""


def _is_theme(root, path: Path) -> bool:
    """A theme file: a mapping with theme keys and no article keys. One that is not a mapping
    (to name it rightly in the message): a file in a ``themes`` folder, or a list of theme-like
    mappings."""
    value = root.value
    if isinstance(value, dict):
        return "sections" not in value and bool(_THEME_KEYS & value.keys())
    first = value[0].value if isinstance(value, list) and value else None
    themelike = isinstance(first, dict) and "sections" not in first and bool(_THEME_KEYS & first.keys())
    return themelike or path.parent.name == "themes"


def cmd_check(args: argparse.Namespace) -> int:
    """Validate articles and themes; print every problem located and a summary line per file."""
    from reader.articles import build_article, find_articles
    from reader.paths import bundled_themes, config_dir
    from reader.themes import check_theme_paths
    from reader.yamlsource import load

    targets = list(args.paths)
    if not targets:
        targets = [bundled_articles(), bundled_themes()]
        if (config_dir() / "themes").is_dir():
            targets.append(config_dir() / "themes")
    files, problems = find_articles(targets)
    if problems and not files:
        _print_problems(problems)
        return 2
    _print_problems(problems)
    bad = bool(problems)
    for path in files:
        try:
            root = load(path, args.max_bytes)
            if _is_theme(root, path):
                theme_problems = check_theme_paths([path])
                if theme_problems:
                    raise ProblemsError(theme_problems)
                print(visible(f"{path}: ok — theme {root.value['name'].value if 'name' in root.value else ''}", newlines=False))
                continue
            article = build_article(root, str(path))
        except ProblemsError as error:
            _print_problems(error.problems)
            print(visible(f"{path}: {_count(len(error.problems), 'problem')}", newlines=False))
            bad = True
            continue
        print(visible(f"{path}: ok — {_summary(article.counts())}", newlines=False))
    return 1 if bad else 0


def cmd_export(args: argparse.Namespace) -> int:
    """Print one resolved article as JSON or Markdown."""
    from reader.articles import load_article
    from reader.export import to_json, to_markdown

    if not args.path.exists():
        _print_problems([Problem(str(args.path), 0, 0, "no such file")])
        return 2
    try:
        article = load_article(args.path, args.max_bytes)
    except ProblemsError as error:
        _print_problems(error.problems)
        return 1
    sys.stdout.write((to_json(article) if args.format == "json" else to_markdown(article)) + "\n")
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    """Open the reading app on the bundled articles or the given paths."""
    from reader.app import run_app

    return run_app(args.paths or [bundled_articles()], theme=args.theme)


def build_parser(subcommand: str | None) -> argparse.ArgumentParser:
    """The parser for the app (no subcommand) or for one subcommand."""
    if subcommand is None:
        parser = argparse.ArgumentParser(prog="reader", description="Read annotated news articles in the terminal.",
                                         epilog="Subcommands: reader check [PATH ...], reader export PATH, reader search QUERY [PATH ...], reader import FILE")
        parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="an article file or a folder of articles (default: the bundled articles)")
        parser.add_argument("--theme", help="the theme to use (remembered for next time)")
        parser.add_argument("--version", action="version", version=f"reader {__version__}")
        parser.set_defaults(run=cmd_open)
        return parser
    parser = argparse.ArgumentParser(prog=f"reader {subcommand}")
    parser.add_argument("--max-bytes", type=int, default=None, help="refuse article files larger than this (default 32 MiB)")
    if subcommand == "check":
        parser.description = "Validate article files or folders; exit 0 when all are valid, 1 on any problem, 2 on a usage error."
        parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
        parser.set_defaults(run=cmd_check)
    elif subcommand == "export":
        parser.description = "Print a resolved article with every span: JSON (displaCy-compatible sections) or Markdown."
        parser.add_argument("path", type=Path, metavar="PATH")
        parser.add_argument("--format", choices=("json", "markdown"), default="json")
        parser.set_defaults(run=cmd_export)
    elif subcommand == "search":
        from reader.search_cli import add_arguments

        add_arguments(parser)
    elif subcommand == "import":
        from reader.import_cli import add_arguments as add_import_arguments

        add_import_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    subcommand = argv[0] if argv and argv[0] in SUBCOMMANDS else None
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
