"""`reader check [PATH ...]`: validate article, theme and settings files; every problem located, a summary line per file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.output import count, print_problems
from reader.model.problems import Problem, ProblemsError
from reader.settings.paths import bundled_articles
from reader.text.safe import label


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of `reader check`."""
    parser.description = "Validate article files or folders; exit 0 when all are valid, 1 on any problem, 2 on a usage error."
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    parser.add_argument("--changed", action="store_true",
                        help="check only the files changed since they last passed with this version of the reader (the library index remembers)")
    parser.set_defaults(run=run)


def _summary(counts: dict[str, int]) -> str:
    dossiers = f" (+{count(counts['dossiers'], 'dossier')})" if counts["dossiers"] else ""
    return (
        f"{count(counts['sections'], 'section')}, {count(counts['accords'], 'accord')}{dossiers}, "
        f"{count(counts['entities'], 'entity', 'entities')}, {count(counts['mentions'], 'mention')}, "
        f"{count(counts['dates'], 'date')}, {count(counts['figures'], 'figure')}"
    )


def _suggestions(article) -> str:
    """", 12 suggestions to review" for a draft: what `reader import` guessed and nobody accepted yet (draft: true)."""
    from reader.importer.review import count_left  # the count the review queue (R in the app) starts from

    left = count_left(article)
    return f"; {count(left, 'suggestion')} to review" if left else ""


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


def run(args: argparse.Namespace) -> int:
    """Validate articles and themes; print every problem located and a summary line per file."""
    from reader.load.build import build_article
    from reader.library.files import find_articles
    from reader.settings.paths import bundled_themes, config_dir
    from reader.ui.themes import check_theme_paths
    from reader.cli.progress import ProgressLine
    from reader.load.files import file_stamp
    from reader.load.yamlsource import load
    from reader.cli.check_config import check_config, is_config
    from reader.settings.config import config_path

    targets = list(args.paths)
    if not targets:
        targets = [bundled_articles(), bundled_themes()]
        if (config_dir() / "themes").is_dir():
            targets.append(config_dir() / "themes")
    files, problems = find_articles(targets)
    if not args.paths and config_path().is_file():
        files.append(config_path())  # the user's settings, checked as the app would read them
    if problems and not files:
        print_problems(problems)
        return 2
    print_problems(problems)
    bad = bool(problems)
    index = _index() if getattr(args, "changed", False) else None
    progress = ProgressLine("checking")
    skipped = 0
    theme_names: dict[str, str] = {}
    """Each theme name checked in this run and its file: two user themes may not share one."""
    article_ids: dict[str, str] = {}
    """Each article id checked in this run and its file: the reading state and links know an article by its id."""
    for done, path in enumerate(files, 1):
        progress(done, len(files))
        if index is not None and index.passed(path):
            skipped += 1
            continue
        progress.clear()
        if is_config(path):
            bad |= not check_config(path)
            continue
        stamp = file_stamp(path)  # before reading: a change made meanwhile is checked next time
        try:
            root = load(path, args.max_bytes)
            if _is_theme(root, path):
                theme_problems = check_theme_paths([path])
                name = root.value.get("name") if isinstance(root.value, dict) else None
                if not theme_problems and name is not None:
                    first = theme_names.setdefault(name.value, str(path))
                    if first != str(path):
                        theme_problems = [Problem(str(path), name.line, name.column,
                                                  f"theme name {name.value!r} is already taken by {first}; choose another name")]
                if theme_problems:
                    raise ProblemsError(theme_problems)
                _warn_contrast(path, root)
                print(label(f"{path}: ok — theme {root.value['name'].value if 'name' in root.value else ''}"))
                continue
            article = build_article(root, str(path))
            first = article_ids.setdefault(article.id, str(path))
            if first != str(path):
                node = root.value.get("id")
                raise ProblemsError([Problem(str(path), node.line, node.column,
                                             f"article id {article.id!r} is already the id of {first}; give each article "
                                             "its own id (the two would share a reading place, marks, read state and links)")])
        except ProblemsError as error:
            print_problems(error.problems)
            print(label(f"{path}: {count(len(error.problems), 'problem')}"))
            bad = True
            continue
        if index is not None:
            index.store(path, stamp, article)
        print(label(f"{path}: ok — {_summary(article.counts())}{_suggestions(article)}"))
    progress.clear()
    if index is not None:
        index.close()
        print(f"{count(skipped, 'file')} unchanged since {'it' if skipped == 1 else 'they'} last passed, not checked again")
    return 1 if bad else 0


def _warn_contrast(path: Path, root) -> None:
    """Warn (without failing the check) of a theme whose text is hard to read on its background."""
    from reader.ui.themes import MIN_CONTRAST, load_theme_file, text_contrast

    ratio = text_contrast(load_theme_file(path))
    if ratio < MIN_CONTRAST:
        node = root.value.get("foreground") or root.value.get("background") or root
        where = f"{path}:{node.line}:{node.column}" if node.line else str(path)
        print(label(f"{where}: warning: text on background has a contrast of {ratio:.1f}:1, under {MIN_CONTRAST}:1; "
                    "hard to read (choose a lighter or darker foreground)"), file=sys.stderr)


def _index():
    """The library index, for --changed (in memory when the cache cannot be used: then every file is checked)."""
    from reader.library.index import open_index

    return open_index()
