"""Where the reader finds its bundled data and keeps the user's config and state."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
"""The reader package folder (this module sits in reader/settings/)."""


def _bundled(name: str) -> Path:
    """A bundled data folder: beside the package in a checkout, inside it when installed."""
    inside = PACKAGE_DIR / "data" / name
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent / name


def bundled_articles() -> Path:
    """The folder of articles shipped with the reader."""
    return _bundled("articles")


def bundled_themes() -> Path:
    """The folder of built-in themes."""
    return _bundled("themes")


def _base(env: str, fallback: str, windows_env: str) -> Path:
    value = os.environ.get(env)
    if value and os.path.isabs(value):
        return Path(value)
    if sys.platform == "win32" and os.environ.get(windows_env):
        return Path(os.environ[windows_env])
    if sys.platform == "darwin" and env != "XDG_STATE_HOME":
        return Path.home() / "Library" / "Application Support"
    return Path.home() / fallback


def config_dir() -> Path:
    """The user's config folder: $XDG_CONFIG_HOME/reader or the platform's equivalent."""
    return _base("XDG_CONFIG_HOME", ".config", "APPDATA") / "reader"


def state_dir() -> Path:
    """The user's state folder (reading positions, search history): $XDG_STATE_HOME/reader."""
    return _base("XDG_STATE_HOME", ".local/state", "LOCALAPPDATA") / "reader"


def cache_dir() -> Path:
    """The user's cache folder (the library index): $XDG_CACHE_HOME/reader, else ~/.cache/reader."""
    return _base("XDG_CACHE_HOME", ".cache", "LOCALAPPDATA") / "reader"


def data_dir() -> Path:
    """The user's data folder (the library of articles): $XDG_DATA_HOME/reader, else ~/.local/share/reader."""
    return _base("XDG_DATA_HOME", ".local/share", "LOCALAPPDATA") / "reader"
