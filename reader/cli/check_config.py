"""`reader check` of the settings file (config.yaml): its keys, its theme's name and its keymap, told as the app tells them."""

from __future__ import annotations

from pathlib import Path

from reader.cli.output import count, print_problems
from reader.model.problems import Problem
from reader.text.safe import label

CONFIG_NAME = "config.yaml"
"""A file of this name is read as the settings, wherever it lies."""


def is_config(path: Path) -> bool:
    """Whether `reader check` reads this file as the settings rather than as an article or a theme."""
    return path.name == CONFIG_NAME


def check_config(path: Path) -> bool:
    """Print the settings file's problems and a summary line; True when it has none.

    The app starts whatever the file holds (a bad entry loses only itself); this says, before
    starting it, what it would leave out."""
    from reader.settings.config import load_config, theme_not_known
    from reader.ui.app import ReaderApp
    from reader.ui.keymap import check_keymap
    from reader.ui.themes import known_theme_names

    config, problems = load_config(path)
    if config.theme is not None and config.theme_at is not None:
        known = known_theme_names()
        if config.theme not in known:
            problems.append(Problem(str(path), *config.theme_at, theme_not_known(config.theme, known)))
    keymap: dict[str, str] = {}
    if config.keymap:
        keymap, keymap_problems = check_keymap(config.keymap, ReaderApp.binding_places())
        problems += keymap_problems
    if problems:
        print_problems(sorted(problems))
        print(label(f"{path}: {count(len(problems), 'problem')}"))
        return False
    told = [f"theme {config.theme}" if config.theme else "default theme",
            count(len(keymap), "key binding") + " changed", count(len(config.feeds), "feed")]
    print(label(f"{path}: ok — settings: {', '.join(told)}"))
    return True
