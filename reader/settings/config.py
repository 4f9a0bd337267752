"""The user's settings file (config.yaml): read strictly, written atomically, never clobbered."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from reader.settings import paths

from reader.load import yamlsource
from reader.load.files import write_atomic
from reader.model.problems import Problem, ProblemsError, suggest
from reader.load.schema import Checker
from reader.load.yamlsource import Node

CONFIG_NAME = "config.yaml"
"""The settings file's name inside the config folder."""

MAX_CONFIG_BYTES = 64 * 1024
"""A settings file is a few lines; refuse anything much larger."""

HEADER = ("# Settings for reader. Unknown keys are an error; `theme` names a built-in or user theme;\n"
          "# `keymap` maps binding ids to keys (the README lists them).\n")
"""The comment written at the top of a saved settings file."""


@dataclass(frozen=True)
class FeedSetting:
    """One feed the user follows: a short name and its address."""

    name: str
    url: str


@dataclass(frozen=True)
class KeyChoice:
    """One line of the keymap: a binding id and the keys the user gives it, with where each was written."""

    binding: str
    """The binding id, as `reading.next_accord`."""
    keys: str
    """The keys as written: Textual key names separated by commas ("slash,ctrl+s")."""
    path: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)
    """Where the binding id was written (1-based; 0 when not from a file)."""
    column: int = field(default=0, compare=False)
    keys_line: int = field(default=0, compare=False)
    """Where the keys were written."""
    keys_column: int = field(default=0, compare=False)

    def problem(self, message: str, *, at_keys: bool = False) -> Problem:
        """A problem located at the binding id, or at its keys."""
        if at_keys:
            return Problem(self.path, self.keys_line, self.keys_column, message)
        return Problem(self.path, self.line, self.column, message)


@dataclass(frozen=True)
class Config:
    """The user's settings; None means "not chosen, use the default"."""

    theme: str | None = None
    """The name of the chosen theme."""
    theme_at: tuple[int, int] | None = field(default=None, compare=False)
    """Where the file gave the theme (line, column): a name the app does not know is shown there."""
    feeds: tuple[FeedSetting, ...] = ()
    """The feeds `reader feeds update` fetches, in the order added."""
    library: str | None = None
    """The folder feeds and pages are imported into (None: data_dir()/articles)."""
    keymap: tuple[KeyChoice, ...] = ()
    """Keys the user gives to bindings, in the file's order; which ids and key names exist is the app's to check."""
    smooth_scroll: bool = False
    """Animate scrolling (space, d, g, jumps); off by default: the next page shows at once, as in less."""


def config_path() -> Path:
    """Where the settings file lives: config_dir()/config.yaml."""
    return paths.config_dir() / CONFIG_NAME


def load_config(path: Path | str | None = None) -> tuple[Config, list[Problem]]:
    """The settings and any problems with them; a missing or unreadable file gives the defaults, a wrong key only loses itself."""
    path = config_path() if path is None else Path(path)
    try:
        text = yamlsource.read_text(path, MAX_CONFIG_BYTES)
    except ProblemsError as error:
        if not path.exists() and not path.is_symlink():
            return Config(), []
        if _only_comments(path):
            return Config(), []
        return Config(), error.problems
    return load_config_text(text, str(path))


def load_config_text(text: str, name: str) -> tuple[Config, list[Problem]]:
    """The settings a file's text holds and any problems with them (located in ``name``)."""
    if _blank(text):
        return Config(), []
    try:
        root = yamlsource.parse(text, name, collect=True)  # a duplicate key loses only itself
    except ProblemsError as error:
        return Config(), error.problems
    check = Checker(name, root)
    entries = check.mapping(root, "the settings", required=(), optional=("theme", "feeds", "library", "keymap", "smooth_scroll"))
    if entries is None:
        return Config(), check.problems
    theme_node = entries.get("theme")
    theme = None if theme_node is None or theme_node.value is None else check.text(theme_node, "theme")
    feeds = _feeds(check, entries.get("feeds"))
    library_node = entries.get("library")
    library = None if library_node is None or library_node.value is None else check.text(library_node, "library")
    keymap = _keymap(check, entries.get("keymap"))
    smooth_node = entries.get("smooth_scroll")
    smooth = None if smooth_node is None or smooth_node.value is None else check.boolean(smooth_node, "smooth_scroll")
    # what is valid is used even beside an unknown key: one typo must not cost the user every setting
    theme_at = (theme_node.line, theme_node.column) if theme is not None and theme_node is not None else None
    return Config(theme=theme, theme_at=theme_at, feeds=feeds, library=library, keymap=keymap,
                  smooth_scroll=bool(smooth)), check.problems


def theme_not_known(name: str, known: list[str]) -> str:
    """`unknown theme 'x' (did you mean 'y'?)`: the words for a theme name that is none of ``known``."""
    return f"unknown theme {name!r}{suggest(name, known)}"


def unknown_theme(config: Config, path: Path | str | None, name: str, known: list[str], fallback: str) -> str:
    """What is said of a theme name the app does not know: where the settings gave it (when they did), and the
    closest known names."""
    message = f"{theme_not_known(name, known)}; using {fallback}"
    if config.theme == name and config.theme_at is not None and path is not None:
        return str(Problem(str(path), *config.theme_at, message))
    return message[0].upper() + message[1:]


def _keymap(check: Checker, node: Node | None) -> tuple[KeyChoice, ...]:
    """The `keymap:` entries whose keys are text, each located (the app checks the ids and key names)."""
    if node is None or node.value is None:
        return ()
    if not isinstance(node.value, dict):
        check.problem(node, "keymap must be a mapping of binding ids to keys, as `reading.next_accord: x`")
        return ()
    choices = []
    for binding, key_node in node.keys.items():
        value_node = node.value[binding]
        keys = check.text(value_node, f"the keys of {binding}")
        if keys is not None:
            choices.append(KeyChoice(str(binding), keys, check.path, key_node.line, key_node.column,
                                     value_node.line, value_node.column))
    return tuple(choices)


def _feeds(check: Checker, node) -> tuple[FeedSetting, ...]:
    """The `feeds:` list: each a mapping with a name and a url; names unique."""
    if node is None or node.value is None:
        return ()
    found: list[FeedSetting] = []
    for item in check.items(node, "feeds"):
        fields = check.mapping(item, "a feed", required=("name", "url"))
        if fields is None:
            continue
        name, url = check.text(fields["name"], "the feed's name"), check.text(fields["url"], "the feed's url")
        if name is None or url is None:
            continue
        if any(f.name == name for f in found):
            check.problem(fields["name"], f"feed name {name!r} is used twice")
            continue
        found.append(FeedSetting(name, url))
    return tuple(found)


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
    if config.library is not None:
        text += yaml.safe_dump({"library": config.library}, default_flow_style=False, allow_unicode=True, sort_keys=False)
    if config.feeds:
        text += dump_feeds(config.feeds)
    if config.smooth_scroll:
        text += "smooth_scroll: true\n"
    if config.keymap:
        keymap = {choice.binding: choice.keys for choice in config.keymap}
        text += yaml.safe_dump({"keymap": keymap}, default_flow_style=False, allow_unicode=True, sort_keys=False)
    return text


def dump_feeds(feeds: tuple[FeedSetting, ...]) -> str:
    """The `feeds:` key's text, one block item per feed."""
    items = [{"name": f.name, "url": f.url} for f in feeds]
    return yaml.safe_dump({"feeds": items}, default_flow_style=False, allow_unicode=True, sort_keys=False, width=float("inf"))


def _updated(text: str, config: Config) -> str | None:
    """The user's settings text with the theme set and every comment kept; None when it cannot be edited in place."""
    if not text.strip():
        return dump(config)
    if _blank(text):
        if config.theme is None:
            return text
        newline = "\r\n" if "\r\n" in text else "\n"
        body = dump(config)[len(HEADER):].replace("\n", newline)
        return (text if not text or text.endswith("\n") else text + newline) + body
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # already checked by load_config; nodes only, no objects
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    value = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "theme"), None)
    if value is None:
        if config.theme is None:
            return text
        if root.flow_style:
            return None
        # no theme yet beside other settings (a keymap, feeds): a line added at the end keeps them and their comments
        newline = "\r\n" if "\r\n" in text else "\n"
        line = yaml.safe_dump({"theme": config.theme}, default_flow_style=False, allow_unicode=True, width=float("inf"))
        return (text if text.endswith("\n") else text + newline) + line.replace("\n", newline)
    if config.theme is None:
        new = "null"
    else:
        new = yaml.safe_dump({"theme": config.theme}, default_flow_style=True, allow_unicode=True,
                             width=float("inf")).strip()[len("{theme: "):-1]
    start, end = value.start_mark.index, value.end_mark.index
    if start == end:  # "theme:" with nothing after it
        new = " " + new
    return text[:start] + new + text[end:]


def save_config(config: Config, path: Path | str | None = None) -> Problem | None:
    """Write the theme atomically, keeping the user's other settings and comments; a problem (never an exception) when not saved.

    A file holding anything the reader does not understand (an unknown key, a bad value, bad
    YAML) is never replaced: the problem says so (the app tells it once per state of the file).
    """
    path = config_path() if path is None else Path(path)
    text = None
    if os.path.lexists(path):
        # A settings file we cannot read may hold the user's work: never replace it, point at it.
        on_disk, problems = load_config(path)
        if problems:
            first = problems[0]
            return Problem(first.path, first.line, first.column,
                           f"settings not saved: this file has a problem ({first.message}); fix or remove it")
        # only the theme is the app's to change: the rest is kept as it is on disk, even if edited since the app read it
        config = replace(on_disk, theme=config.theme)
        try:
            text = _updated(path.read_bytes().decode("utf-8-sig"), config)  # bytes: \r\n kept as written
        except (OSError, UnicodeDecodeError):
            text = None
        if text is not None and load_config_text(text, str(path)) != (config, []):
            text = None  # an edit that would not read back as meant: write the settings whole instead
    try:
        write_atomic(path, dump(config) if text is None else text)
    except OSError as error:
        return Problem(str(path), 0, 0, f"settings not saved: {error.strerror or error}")
    return None


def save_feeds(feeds: tuple[FeedSetting, ...], path: Path | str | None = None) -> Problem | None:
    """Set the `feeds:` key alone, keeping every other line and comment; a problem (never an exception) when not saved."""
    path = config_path() if path is None else Path(path)
    if not os.path.lexists(path):
        text = dump(Config(feeds=feeds))
    else:
        config, problems = load_config(path)
        if problems:
            first = problems[0]
            return Problem(first.path, first.line, first.column,
                           f"feeds not saved: this file has a problem ({first.message}); fix or remove it")
        try:
            old = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            return Problem(str(path), 0, 0, f"feeds not saved: {getattr(error, 'strerror', None) or error}")
        text = _with_feeds(old, feeds)
        if text is None or load_config_text(text, str(path)) != (replace(config, feeds=feeds), []):
            return Problem(str(path), 0, 0, "feeds not saved: the file could not be edited in place; edit its feeds: key by hand")
    try:
        write_atomic(path, text)
    except OSError as error:
        return Problem(str(path), 0, 0, f"feeds not saved: {error.strerror or error}")
    return None


def _with_feeds(text: str, feeds: tuple[FeedSetting, ...]) -> str | None:
    """The settings text with its `feeds:` key (and only it) replaced, or appended when absent."""
    block = dump_feeds(feeds) if feeds else "feeds: []\n"
    if _blank(text):
        return (text if not text or text.endswith("\n") else text + "\n") + block
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        return None
    key = next((k for k, _ in root.value if isinstance(k, yaml.ScalarNode) and k.value == "feeds"), None)
    if key is None:
        return (text if text.endswith("\n") else text + "\n") + block
    value = next(v for k, v in root.value if k is key)
    if key.start_mark.column != 0:
        return None
    start = key.start_mark.index
    end = value.end_mark.index
    # a block list ends where the next key starts; anything after the value on its line stays
    rest = text[end:]
    if not rest.startswith("\n") and end > start and text[end - 1] != "\n":
        newline_at = rest.find("\n")
        end = len(text) if newline_at < 0 else end + newline_at + 1
    elif rest.startswith("\n"):
        end += 1
    return text[:start] + block + text[end:]
