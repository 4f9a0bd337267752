"""The feeds the user follows (the `feeds:` key of config.yaml) and the library folder they go into."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from reader.model.problems import Problem
from reader.settings import paths
from reader.settings.config import Config, FeedSetting, load_config, save_feeds

NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}\Z")
"""A feed's name: short, one word, safe on a terminal and in a shell."""


def library_folder(config: Config) -> Path:
    """Where imported articles go: `library:` (with ~ and $VARS expanded), else data_dir()/articles."""
    if config.library:
        return Path(os.path.expandvars(os.path.expanduser(config.library)))
    return paths.data_dir() / "articles"


def default_name(url: str, taken: set[str]) -> str:
    """A name from the address's host ("www.apa.sn" -> "apa"), made unique."""
    host = (urlsplit(url).hostname or "feed").lower()
    if re.fullmatch(r"[0-9.]+|.*:.*", host):  # an IPv4 or IPv6 address names nothing
        host = "feed"
    parts = [p for p in host.split(".") if p not in ("www", "feeds", "rss", "feed")]
    base = re.sub(r"[^a-z0-9-]", "", (parts[0] if parts else "feed"))[:30] or "feed"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name


def add_feed(url: str, name: str | None = None, path: Path | None = None) -> tuple[str | None, Problem | None]:
    """Add a feed to config.yaml; (its name, None) or (None, the reason it was not added)."""
    config, problems = load_config(path)
    where = str(path or "config.yaml")
    if problems:
        first = problems[0]
        return None, Problem(first.path, first.line, first.column, f"feed not added: this file has a problem ({first.message}); fix it first")
    taken = {f.name for f in config.feeds}
    if name is None:
        name = default_name(url, taken)
    elif not NAME_PATTERN.match(name):
        return None, Problem(where, 0, 0, f"{name!r} is not a feed name (letters, digits, '.', '_' or '-', at most 40)")
    if name in taken:
        return None, Problem(where, 0, 0, f"a feed named {name!r} exists already")
    if any(f.url == url for f in config.feeds):
        other = next(f.name for f in config.feeds if f.url == url)
        return None, Problem(where, 0, 0, f"this address is followed already, as {other!r}")
    problem = save_feeds(config.feeds + (FeedSetting(name, url),), path)
    return (None, problem) if problem else (name, None)


def remove_feed(name: str, path: Path | None = None) -> Problem | None:
    """Remove a feed from config.yaml by name; the reason when it was not removed."""
    config, problems = load_config(path)
    if problems:
        first = problems[0]
        return Problem(first.path, first.line, first.column, f"feed not removed: this file has a problem ({first.message}); fix it first")
    if not any(f.name == name for f in config.feeds):
        return Problem(str(path or "config.yaml"), 0, 0, f"no feed named {name!r} (see `reader feeds list`)")
    return save_feeds(tuple(f for f in config.feeds if f.name != name), path)
