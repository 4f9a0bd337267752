"""Themes: YAML files turned into textual.theme.Theme, checked strictly, with located problems."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Iterable

from textual.color import Color, ColorParseError
from textual.design import ColorSystem
from textual.theme import BUILTIN_THEMES, Theme

from reader.settings import paths

from reader.load import yamlsource
from reader.model.problems import Problem, ProblemsError, suggest
from reader.load.schema import Checker
from reader.load.yamlsource import Node

READER_VARIABLES: tuple[str, ...] = (
    "entity-person",
    "entity-org",
    "entity-place",
    "entity-date",
    "entity-figure",
    "search-match",
    "search-current",
    "heading",
    "muted",
)
"""The reader's own $variables: entity text colours, search backgrounds, heading and muted text."""

DEFAULT_VARIABLES: dict[str, str] = {
    "entity-person": "#f2a580",
    "entity-org": "#82b8f5",
    "entity-place": "#86cf9f",
    "entity-date": "#e3c27a",
    "entity-figure": "#c9a3ee",
    "search-match": "#4d4220",
    "search-current": "#7c5200",  # not #705000: in 256 colours that rounds onto the match's colour
    "heading": "#f2f4f7",
    "muted": "#9aa3b0",
}
"""Fallbacks for READER_VARIABLES, for dark themes that lack them; chosen for a dark background."""

LIGHT_DEFAULT_VARIABLES: dict[str, str] = {
    "entity-person": "#9a3412",
    "entity-org": "#1d4e89",
    "entity-place": "#2f6b3a",
    "entity-date": "#7a4f00",
    "entity-figure": "#6b3fa0",
    "search-match": "#f5de8c",
    "search-current": "#f2b457",
    "heading": "#111111",
    "muted": "#5f5a51",
}
"""The same for light themes (``dark: false``): the deep tones that read on paper."""


ANSI_ENTITY_VARIABLES = {  # the exact colours of the 16-colour palette, so none is rounded onto another
    True: {"entity-person": "#ff5555", "entity-org": "#5555ff", "entity-place": "#55ff55",
           "entity-date": "#ffff55", "entity-figure": "#ff55ff",
           "search-match": "#555555", "search-current": "#aa5500"},
    False: {"entity-person": "#aa0000", "entity-org": "#0000aa", "entity-place": "#00aa00",
            "entity-date": "#aa5500", "entity-figure": "#aa00aa",
            "search-match": "#55ffff", "search-current": "#ffff55"},
}
"""Entity and search colours for a terminal of 16 colours, per dark or light theme: the terminal's own
colours, told apart, where a theme's fine shades would fall on the same one (newsprint's two search
yellows both become bright yellow): the matches on grey (cyan on paper), the current one on a
colour no entity's text uses over it."""


STYLE_FLAGS = frozenset({"b", "blink", "bold", "dim", "i", "italic", "none", "not", "o", "overline",
                         "reverse", "strike", "u", "underline", "uu"})
"""The words a text-style variable may hold ("bold underline"): Textual's own style flags, listed here
because Textual keeps its list in its private CSS internals."""


def default_variables(dark: bool) -> dict[str, str]:
    """The reader's variables a theme that does not set them gets."""
    return dict(DEFAULT_VARIABLES if dark else LIGHT_DEFAULT_VARIABLES)

DEFAULT_THEME = "reader-dark"
"""The built-in theme used when the user has chosen none."""

THEME_SUFFIXES = (".yaml", ".yml")
"""File name endings read as themes in a themes folder."""

MAX_THEME_BYTES = 256 * 1024
"""A theme file is a few dozen lines; anything far larger is a mistake."""

COLOUR_KEYS = (
    "primary", "secondary", "warning", "error", "success", "accent",
    "foreground", "background", "surface", "panel", "boost",
)
"""Theme keys whose values are colours."""

THEME_KEYS = ("name", *COLOUR_KEYS, "dark", "luminosity_spread", "text_alpha", "ansi", "variables")
"""Every key a theme file may hold: the fields of textual.theme.Theme."""


@functools.cache
def textual_variables() -> frozenset[str]:
    """The names of the $variables Textual itself derives from a theme."""
    return frozenset(ColorSystem("#000000", dark=True).generate())


def _is_style_variable(name: str) -> bool:
    """Textual variables holding a text style ("bold underline") rather than a colour."""
    return name.endswith("-text-style") or name in ("link-style", "link-style-hover")


def load_theme_file(path: Path | str) -> Theme:
    """Read one theme file; raises ProblemsError listing every problem in it."""
    return _read(Path(path))[0]


def _read(path: Path, bundled: bool = False) -> tuple[Theme, Node]:
    """The theme and the node of its name (to locate clashes with other themes); ``bundled``: one of the
    reader's own themes, whose colours Textual is not asked to derive beforehand, nor its variables' names
    checked against the ones Textual derives (each costs 1-2 ms at every start; tests check them)."""
    root = yamlsource.load(path, MAX_THEME_BYTES)
    check = Checker(str(path), root)
    entries = check.mapping(root, "a theme", required=("name", "primary"), optional=THEME_KEYS[2:])
    if entries is None:
        raise ProblemsError(check.problems)
    name = check.identifier(entries.get("name"), "the theme's name")
    colours = {key: _colour(check, entries[key], root.keys[key], key) for key in COLOUR_KEYS if key in entries}
    dark = check.boolean(entries.get("dark"), "dark")
    ansi = check.boolean(entries.get("ansi"), "ansi")
    spread = _fraction(check, entries.get("luminosity_spread"), "luminosity_spread")
    alpha = _fraction(check, entries.get("text_alpha"), "text_alpha")
    variables = _variables(check, entries.get("variables"), bundled)
    if check.problems or name is None or colours.get("primary") is None:
        raise ProblemsError(check.problems)
    options: dict[str, object] = {key: value for key, value in colours.items() if value is not None}
    for key, value in (("dark", dark), ("ansi", ansi), ("luminosity_spread", spread), ("text_alpha", alpha)):
        if value is not None:
            options[key] = value
    theme = Theme(name=name, variables=variables, **options)  # type: ignore[arg-type]
    if bundled:  # deriving all of a theme's colours costs 1-2 ms, on every start: done for the theme applied alone
        return theme, entries["name"]
    try:  # what Textual does with it when the theme is applied: fail here, not in the app
        theme.to_color_system().generate()
    except Exception as error:  # noqa: BLE001 - any failure means Textual cannot use the theme
        raise ProblemsError([Problem(str(path), root.line, root.column, f"Textual cannot use this theme: {error}")]) from None
    return theme, entries["name"]


def _colour(check: Checker, node: Node, key_node: Node, what: str) -> str | None:
    """A literal colour Textual can parse: '#rrggbb', 'rgb(…)', 'hsl(…)' or a name."""
    if node.value is None:
        check.problem(key_node, f"{what} has no value; put a colour in quotes (\"#1e88e5\"): "
                                "unquoted, YAML reads everything after '#' as a comment")
        return None
    value = check.text(node, what)
    if value is None:
        return None
    try:
        Color.parse(value)
    except ColorParseError as error:
        hint = f" (did you mean {error.suggested_color!r}?)" if error.suggested_color else ""
        if value.lstrip().startswith("$") or "%" in value:
            hint = "; a theme holds literal colours, not $variables or percentages"
        check.problem(node, f"{what}: {value!r} is not a colour{hint}; write '#rrggbb', 'rgb(r, g, b)' or a colour name")
        return None
    return value


def _fraction(check: Checker, node: Node | None, what: str) -> float | None:
    """A number from 0 to 1."""
    value = check.number(node, what)
    if value is not None and not 0 <= value <= 1:
        check.problem(node, f"{what} must be between 0 and 1, not {value}")
        return None
    return value


def _variables(check: Checker, node: Node | None, bundled: bool = False) -> dict[str, str]:
    """The 'variables' mapping: reader and Textual variable names, each with a literal value (``bundled``:
    the names are not checked against Textual's, which takes deriving a whole colour system)."""
    if node is None:
        return {}
    if not isinstance(node.value, dict):
        check.problem(node, "variables must be a mapping of variable names to colours")
        return {}
    out: dict[str, str] = {}
    for name, key_node in node.keys.items():
        what = f"variable {name!r}"
        if not bundled and name not in READER_VARIABLES and name not in textual_variables():
            known = (*READER_VARIABLES, *sorted(textual_variables()))
            check.problem(key_node, f"unknown variable {name!r}{suggest(name, known)}; a theme may set "
                                    f"the reader's ({', '.join(READER_VARIABLES)}) and Textual's own")
            continue
        value_node = node.value[name]
        if _is_style_variable(name):
            value = check.text(value_node, what)
            bad = [word for word in (value or "").split() if word not in STYLE_FLAGS]
            if bad:
                check.problem(value_node, f"{what} holds a text style; {bad[0]!r} is not one of "
                                          f"{', '.join(sorted(STYLE_FLAGS))}")
            elif value is not None:
                out[name] = value
        else:
            colour = _colour(check, value_node, key_node, what)
            if colour is not None:
                out[name] = colour
    return out


def theme_files(folder: Path, problems: list[Problem], *, required: bool) -> list[Path]:
    """The theme files in a folder, sorted by name; a folder that cannot be listed is a problem."""
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        if required:
            problems.append(Problem(str(folder), 0, 0, "theme folder not found"))
        return []
    except NotADirectoryError:
        problems.append(Problem(str(folder), 0, 0, "is a file, not a folder of themes"))
        return []
    except OSError as error:
        problems.append(Problem(str(folder), 0, 0, f"cannot list the theme folder: {error.strerror or error}"))
        return []
    return [folder / name for name in names if name.lower().endswith(THEME_SUFFIXES) and not name.startswith(".")]


class _Collector:
    """Reads theme files in order, keeping the good ones and reporting clashing names."""

    def __init__(self) -> None:
        self.themes: list[Theme] = []
        self.problems: list[Problem] = []
        self.owners: dict[str, str] = {}

    def add(self, path: Path, bundled: bool = False) -> None:
        try:
            theme, name_node = _read(path, bundled)
        except ProblemsError as error:
            self.problems.extend(error.problems)
            return
        owner = self.owners.get(theme.name)
        if owner is None and theme.name in BUILTIN_THEMES:
            owner = "Textual's own theme of that name"
        if owner is not None:
            self.problems.append(Problem(str(path), name_node.line, name_node.column,
                                         f"theme name {theme.name!r} is already taken by {owner}; choose another name"))
            return
        self.owners[theme.name] = str(path)
        self.themes.append(theme)


def load_themes(builtin_dir: Path | None = None, user_dir: Path | None = None) -> tuple[list[Theme], list[Problem]]:
    """Built-in then user themes; files with problems are skipped and their problems returned.

    The reader's own themes (no ``builtin_dir`` given) are read and checked but not handed to Textual to
    derive their colours (tests do that for each); any other theme is, so its problem is told here."""
    bundled = builtin_dir is None
    builtin_dir = paths.bundled_themes() if builtin_dir is None else Path(builtin_dir)
    user_dir = paths.config_dir() / "themes" if user_dir is None else Path(user_dir)
    collector = _Collector()
    found: list[Problem] = []
    for path in theme_files(builtin_dir, found, required=True):
        collector.add(path, bundled)
    for path in theme_files(user_dir, found, required=False):
        collector.add(path)
    return collector.themes, found + collector.problems


def known_theme_names(user_dir: Path | None = None) -> list[str]:
    """Every theme a name may choose: the reader's own, the user's that load, and Textual's built-ins."""
    return [theme.name for theme in load_themes(None, user_dir)[0]] + [name for name in BUILTIN_THEMES if name]


def check_theme_paths(targets: Iterable[Path | str], builtin_dir: Path | None = None) -> list[Problem]:
    """Every problem in the given theme files and folders, name clashes with built-ins included."""
    builtin_dir = paths.bundled_themes() if builtin_dir is None else Path(builtin_dir)
    problems: list[Problem] = []
    files: list[Path] = []
    for target in map(Path, targets):
        if target.is_dir():
            files.extend(theme_files(target, problems, required=True))
        elif target.exists():
            files.append(target)
        else:
            problems.append(Problem(str(target), 0, 0, "no such file or folder"))
    checked: set[str] = set()
    unique = []
    for path in files:  # a file named twice (as itself and through its folder) is checked once
        if _identity(path) not in checked:
            checked.add(_identity(path))
            unique.append(path)
    collector = _Collector()
    for path in theme_files(builtin_dir, [], required=False):
        if _identity(path) not in checked:  # the built-ins reserve their names, unless they are what is checked
            collector.add(path)
    collector.problems.clear()
    for path in unique:
        collector.add(path)
    return sorted(problems + collector.problems)


def _identity(path: Path) -> str:
    """One spelling per file, whatever path led to it."""
    return os.path.normcase(os.path.realpath(path))


MIN_CONTRAST = 4.5
"""WCAG's least contrast for body text; `reader check` warns of a theme below it (it still loads)."""


def _luminance(colour: Color) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def text_contrast(theme: Theme) -> float:
    """The contrast ratio (1 to 21) of a theme's text colour on its background, as Textual generates them."""
    system = theme.to_color_system().generate()
    light, dark = sorted((_luminance(Color.parse(system["foreground"])), _luminance(Color.parse(system["background"]))), reverse=True)
    return (light + 0.05) / (dark + 0.05)
