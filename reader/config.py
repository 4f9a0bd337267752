"""The user's settings file (config.yaml): read strictly, written atomically, never clobbered."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from reader import paths, yamlsource
from reader.files import write_atomic
from reader.errors import Problem, ProblemsError
from reader.schema import Checker

CONFIG_NAME = "config.yaml"
"""The settings file's name inside the config folder."""

MAX_CONFIG_BYTES = 64 * 1024
"""A settings file is a few lines; refuse anything much larger."""

HEADER = "# Settings for reader. Unknown keys are an error; `theme` names a built-in or user theme.\n"
"""The comment written at the top of a saved settings file."""


@dataclass(frozen=True)
class Config:
    """The user's settings; None means "not chosen, use the default"."""

    theme: str | None = None
    """The name of the chosen theme."""


def config_path() -> Path:
    """Where the settings file lives: config_dir()/config.yaml."""
    return paths.config_dir() / CONFIG_NAME


def load_config(path: Path | str | None = None) -> tuple[Config, list[Problem]]:
    """The settings and any problems with them; a missing or broken file gives the defaults."""
    path = config_path() if path is None else Path(path)
    try:
        text = yamlsource.read_text(path, MAX_CONFIG_BYTES)
    except ProblemsError as error:
        if not path.exists() and not path.is_symlink():
            return Config(), []
        if _only_comments(path):
            return Config(), []
        return Config(), error.problems
    if _blank(text):
        return Config(), []
    try:
        root = yamlsource.parse(text, str(path))
    except ProblemsError as error:
        return Config(), error.problems
    check = Checker(str(path))
    entries = check.mapping(root, "the settings", required=(), optional=("theme",))
    if entries is None:
        return Config(), check.problems
    theme_node = entries.get("theme")
    theme = None if theme_node is None or theme_node.value is None else check.text(theme_node, "theme")
    if check.problems:
        return Config(), check.problems
    return Config(theme=theme), []


def _blank(text: str) -> bool:
    """Nothing but blank lines and comments: a file the user emptied, read as the defaults."""
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _only_comments(path: Path) -> bool:
    """True for an empty file (read_text refuses those, but here they mean the defaults)."""
    try:
        return path.is_file() and path.stat().st_size < MAX_CONFIG_BYTES and _blank(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return False


def dump(config: Config) -> str:
    """The text of a settings file holding this config."""
    text = HEADER
    if config.theme is not None:
        # safe_dump quotes names YAML would otherwise read as something else ("no", "1.10")
        text += yaml.safe_dump({"theme": config.theme}, default_flow_style=False, allow_unicode=True, sort_keys=False)
    return text


def save_config(config: Config, path: Path | str | None = None) -> Problem | None:
    """Write the settings atomically; a problem (never an exception) when that is not possible."""
    path = config_path() if path is None else Path(path)
    # A settings file we cannot read may hold the user's work: never replace it, point at it.
    if os.path.lexists(path):
        _, problems = load_config(path)
        if problems:
            first = problems[0]
            return Problem(first.path, first.line, first.column,
                           f"settings not saved: this file has a problem ({first.message}); fix or remove it")
    try:
        write_atomic(path, dump(config))
    except OSError as error:
        return Problem(str(path), 0, 0, f"settings not saved: {error.strerror or error}")
    return None
