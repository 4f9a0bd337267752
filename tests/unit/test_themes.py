"""Theme files: strict loading with located problems, and the built-ins' readability."""

from __future__ import annotations

import dataclasses
import itertools
import shutil
from pathlib import Path

import pytest
from textual.color import Color
from textual.theme import Theme

from reader.settings import paths
from reader.model.problems import ProblemsError
from reader.ui.themes import (
    DEFAULT_THEME,
    DEFAULT_VARIABLES,
    LIGHT_DEFAULT_VARIABLES,
    default_variables,
    READER_VARIABLES,
    THEME_KEYS,
    check_theme_paths,
    load_theme_file,
    load_themes,
    textual_variables,
)

DATA = Path(__file__).parents[1] / "data" / "themes"
BAD = DATA / "bad"
ENTITY_VARIABLES = READER_VARIABLES[:5]
BUILTIN_NAMES = {"reader-dark", "newsprint", "high-contrast", "okabe-ito"}


# --- colour science, done here rather than trusted to a library -----------------------------

def srgb(colour: str, over: str | None = None) -> tuple[float, float, float]:
    """A colour's sRGB channels in 0..1, composited over `over` when it is translucent."""
    parsed = Color.parse(colour)
    if parsed.a < 1 and over is not None:
        parsed = Color.parse(over).blend(parsed.with_alpha(1), parsed.a)
    return parsed.r / 255, parsed.g / 255, parsed.b / 255


def linear(channel: float) -> float:
    """sRGB transfer function undone (WCAG 2 / IEC 61966-2-1)."""
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2 relative luminance."""
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(text: str, ground: str) -> float:
    """WCAG 2 contrast ratio of text drawn on a background, from 1 to 21."""
    light, dark = sorted((luminance(srgb(text, ground)), luminance(srgb(ground))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# Machado, Oliveira & Fernandes (2009), severity 1.0, for linear RGB.
PROTANOPIA = ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998))
DEUTERANOPIA = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))


def simulate(colour: str, matrix: tuple[tuple[float, ...], ...] | None) -> tuple[float, float, float]:
    """Linear RGB as seen with a colour vision deficiency (None: typical vision)."""
    rgb = [linear(c) for c in srgb(colour)]
    if matrix is None:
        return rgb[0], rgb[1], rgb[2]
    out = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in matrix]
    return out[0], out[1], out[2]


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) from linear sRGB."""
    r, g, b = rgb
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(first: str, second: str, matrix: tuple[tuple[float, ...], ...] | None = None) -> float:
    """CIE76 colour difference, optionally as seen with a colour vision deficiency."""
    a, b = lab(simulate(first, matrix)), lab(simulate(second, matrix))
    return sum((p - q) ** 2 for p, q in zip(a, b)) ** 0.5


def test_colour_science_against_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert lab(simulate("#ffffff", None)) == pytest.approx((100, 0, 0), abs=0.01)
    assert lab(simulate("#ff0000", None)) == pytest.approx((53.24, 80.09, 67.20), abs=0.05)
    # a red and a green people with typical vision tell apart at once, deuteranopes barely
    assert delta_e("#d62728", "#2ca02c") > 70
    assert delta_e("#d62728", "#2ca02c", DEUTERANOPIA) < delta_e("#d62728", "#2ca02c") / 2


# --- the loader ------------------------------------------------------------------------------

def problems_of(path: Path) -> list[str]:
    """Each problem of a theme file as 'line:column: message'."""
    with pytest.raises(ProblemsError) as caught:
        load_theme_file(path)
    assert all(problem.path == str(path) for problem in caught.value.problems)
    return [f"{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


def test_theme_keys_are_the_fields_of_textual_theme() -> None:
    assert set(THEME_KEYS) == {field.name for field in dataclasses.fields(Theme)}


def test_good_file_round_trip() -> None:
    theme = load_theme_file(DATA / "good" / "harbour.yaml")
    assert theme == Theme(
        name="harbour", dark=True, primary="#3f7cac", secondary="#7a9cc6", warning="#f0b429",
        error="#e5484d", success="#46a758", accent="#f0b429", foreground="#e4e7eb",
        background="#141a21", surface="#1b232c", panel="#222c37", boost="#ffffff0a",
        luminosity_spread=0.2, text_alpha=0.9, ansi=False,
        variables={
            "entity-person": "#f4a582", "entity-org": "#92c5de", "entity-place": "#a6d96a",
            "entity-date": "#fee08b", "entity-figure": "rgb(210, 170, 240)",
            "search-match": "#3d3a1e", "search-current": "#6b5300", "heading": "white",
            "muted": "hsl(210, 10%, 65%)", "footer-key-foreground": "#f0b429",
            "markdown-h1-text-style": "bold underline",
        },
    )
    theme.to_color_system().generate()


def test_minimal_file_keeps_textual_defaults() -> None:
    theme = load_theme_file(DATA / "good" / "minimal.yml")
    assert theme == Theme(name="minimal", primary="#888888")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("unknown-key", ["1:1: a theme lacks the required key 'primary'",
                         "2:1: unknown key 'primay' in a theme (did you mean 'primary'?)"]),
        ("bad-colour", ["2:10: primary: '#12345g' is not a colour; write '#rrggbb', 'rgb(r, g, b)' or a colour name"]),
        ("missing-name", ["1:1: a theme lacks the required key 'name'"]),
        ("dark-not-bool", ["3:7: dark must be true or false, not text"]),
        ("empty", ["1:1: file is empty"]),
        ("unknown-variable", ["4:3: unknown variable 'entity-persn' (did you mean 'entity-person'?); a theme may set "
                              "the reader's (entity-person, entity-org, entity-place, entity-date, entity-figure, "
                              "search-match, search-current, heading, muted) and Textual's own"]),
        ("variable-expression", ["4:17: variable 'search-match': '$accent 20%' is not a colour; a theme holds literal "
                                 "colours, not $variables or percentages; write '#rrggbb', 'rgb(r, g, b)' or a colour name"]),
        ("unquoted-hex", ["2:1: primary has no value; put a colour in quotes (\"#1e88e5\"): unquoted, YAML reads "
                          "everything after '#' as a comment"]),
    ],
)
def test_bad_file_problem_located(name: str, expected: list[str]) -> None:
    assert problems_of(BAD / f"{name}.yaml") == expected


def test_yaml_syntax_error_is_located() -> None:
    [problem] = problems_of(BAD / "syntax-error.yaml")
    assert problem.startswith("3:3: YAML syntax error")


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    assert problems_of(BAD / "many.yaml") == [
        "1:7: the theme's name 'Many Problems' must be lower-case letters, digits, '-' or '_'",
        "2:10: primary must be text, not a number; put it in quotes to make it text",
        "3:7: dark must be true or false, not a number",
        "4:13: text_alpha must be between 0 and 1, not 2",
        "6:12: variable 'heading': '#zzz' is not a colour; write '#rrggbb', 'rgb(r, g, b)' or a colour name",
        "7:15: variable 'link-style' holds a text style; 'shiny' is not one of b, blink, bold, dim, i, italic, "
        "none, not, o, overline, reverse, strike, u, underline, uu",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- name: x\n", "1:1: a theme must be a mapping of keys to values, not a list"),
        ("name: x\nprimary: '#fff'\nvariables: [a]\n", "3:12: variables must be a mapping of variable names to colours"),
        ("name: x\nprimary: '#fff'\nluminosity_spread: wide\n", "3:20: luminosity_spread must be a number, not text"),
        ("name: x\nprimary: 'blue 50%'\n", "2:10: primary: 'blue 50%' is not a colour; a theme holds literal colours, "
                                          "not $variables or percentages; write '#rrggbb', 'rgb(r, g, b)' or a colour name"),
        ("name: x\nprimary: '#fff'\n# nothing else\nsurface: 12\n",
         "4:10: surface must be text, not a number; put it in quotes to make it text"),
        ("name: x\nprimary: !!python/object:os.system '#fff'\n", "2:10: tag !!python/object:os.system is not allowed: a file holds plain data"),
    ],
)
def test_more_bad_themes(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "theme.yaml"
    path.write_text(text, encoding="utf-8")
    assert problems_of(path) == [expected]


def test_textual_variables_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "theme.yaml"
    path.write_text("name: x\nprimary: '#fff'\nvariables:\n  block-cursor-background: '#336699'\n"
                    "  button-focus-text-style: 'b reverse'\n", encoding="utf-8")
    theme = load_theme_file(path)
    assert theme.variables == {"block-cursor-background": "#336699", "button-focus-text-style": "b reverse"}
    assert "footer-key-foreground" in textual_variables()


# --- loading all themes ----------------------------------------------------------------------

def test_duplicate_names_across_files_located_at_second_name() -> None:
    themes, problems = load_themes(builtin_dir=DATA / "duplicate", user_dir=DATA / "missing")
    assert [theme.primary for theme in themes] == ["#224466"]
    assert [str(p) for p in problems] == [
        f"{DATA / 'duplicate' / 'b-second.yaml'}:2:7: theme name 'twin' is already taken by "
        f"{DATA / 'duplicate' / 'a-first.yaml'}; choose another name"
    ]


def test_user_theme_may_not_shadow_a_builtin(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("name: newsprint\nprimary: '#000'\n", encoding="utf-8")
    themes, problems = load_themes(user_dir=tmp_path)
    assert sorted(theme.name for theme in themes) == sorted(BUILTIN_NAMES)
    [problem] = problems
    assert (problem.path, problem.line, problem.column) == (str(tmp_path / "mine.yaml"), 1, 7)
    assert "'newsprint' is already taken by" in problem.message


def test_user_theme_may_not_shadow_a_textual_theme(tmp_path: Path) -> None:
    (tmp_path / "nord.yaml").write_text("name: nord\nprimary: '#000'\n", encoding="utf-8")
    _, [problem] = load_themes(user_dir=tmp_path)
    assert problem.message == "theme name 'nord' is already taken by Textual's own theme of that name; choose another name"


def test_bad_user_files_are_skipped_good_ones_kept(tmp_path: Path) -> None:
    for source in [*BAD.glob("*.yaml"), *(DATA / "good").iterdir()]:
        shutil.copy(source, tmp_path / source.name)
    themes, problems = load_themes(user_dir=tmp_path)
    names = [theme.name for theme in themes]
    assert names[-2:] == ["harbour", "minimal"]  # user themes after built-ins, files sorted by name
    assert {p.path for p in problems} == {str(tmp_path / path.name) for path in BAD.glob("*.yaml")}


def test_missing_user_folder_is_fine_builtin_folder_is_not(tmp_path: Path) -> None:
    themes, problems = load_themes(user_dir=tmp_path / "absent")
    assert problems == [] and themes
    themes, [problem] = load_themes(builtin_dir=tmp_path / "absent", user_dir=tmp_path / "absent")
    assert themes == [] and problem.message == "theme folder not found"


def test_user_folder_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "themes").write_text("oops", encoding="utf-8")
    _, [problem] = load_themes(user_dir=tmp_path / "themes")
    assert problem.message == "is a file, not a folder of themes"


def test_default_folders_come_from_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "config_dir", lambda: tmp_path)
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "mine.yaml").write_text("name: mine\nprimary: '#000'\n", encoding="utf-8")
    themes, problems = load_themes()
    assert problems == [] and "mine" in [theme.name for theme in themes]


def test_check_theme_paths() -> None:
    problems = check_theme_paths([BAD, DATA / "good", DATA / "duplicate", DATA / "nowhere.yaml"])
    assert {p.path for p in problems} == {
        *(str(path) for path in BAD.glob("*.yaml")),
        str(DATA / "duplicate" / "b-second.yaml"),
        str(DATA / "nowhere.yaml"),
    }
    assert problems == sorted(problems)


def test_check_theme_paths_on_the_builtins_finds_nothing() -> None:
    builtin = paths.bundled_themes()
    assert check_theme_paths([builtin, builtin / f"{DEFAULT_THEME}.yaml"]) == []


def test_check_theme_paths_reports_clash_with_builtin(tmp_path: Path) -> None:
    (tmp_path / "dark.yaml").write_text("name: reader-dark\nprimary: '#000'\n", encoding="utf-8")
    [problem] = check_theme_paths([tmp_path / "dark.yaml"])
    assert problem.line == 1 and "'reader-dark' is already taken" in problem.message


# --- the built-in themes ---------------------------------------------------------------------

def builtins() -> list[Theme]:
    themes, problems = load_themes(user_dir=Path("/nonexistent-reader-themes"))
    assert problems == []
    return themes


def drawn(theme: Theme) -> dict[str, str]:
    """The variables as the app sees them: Textual's resolved colours plus the theme's own."""
    return {**default_variables(theme.dark), **theme.to_color_system().generate(), **theme.variables}


def readability(theme: Theme) -> dict[str, float]:
    """Contrast ratio of every text/background pair the reader draws with this theme."""
    colours = drawn(theme)
    background, foreground = colours["background"], colours["foreground"]
    ratios = {"foreground": contrast(foreground, background)}
    for name in (*ENTITY_VARIABLES, "heading", "muted"):
        ratios[name] = contrast(colours[name], background)
    for name in ("search-match", "search-current"):
        ratios[f"foreground on {name}"] = contrast(foreground, colours[name])
    return ratios


def test_builtin_themes_are_there_and_complete() -> None:
    themes = builtins()
    assert {theme.name for theme in themes} == BUILTIN_NAMES
    assert DEFAULT_THEME in BUILTIN_NAMES
    for theme in themes:
        assert set(READER_VARIABLES) <= set(theme.variables), theme.name
    assert {theme.name: theme.dark for theme in themes}["newsprint"] is False
    for path in paths.bundled_themes().iterdir():  # packaging ships *.yaml only
        assert path.suffix == ".yaml"


def test_default_variables_are_the_default_theme() -> None:
    [default] = [theme for theme in builtins() if theme.name == DEFAULT_THEME]
    assert set(DEFAULT_VARIABLES) == set(READER_VARIABLES)
    assert {name: default.variables[name] for name in READER_VARIABLES} == DEFAULT_VARIABLES


@pytest.mark.parametrize("theme", builtins(), ids=lambda theme: theme.name)
def test_builtin_theme_is_readable(theme: Theme) -> None:
    minimum = 7.0 if theme.name == "high-contrast" else 4.5
    low = {pair: round(ratio, 2) for pair, ratio in readability(theme).items() if ratio < minimum}
    assert low == {}


def test_default_variables_readable_on_textual_dark_themes() -> None:
    # what a dark theme without the reader's variables (e.g. textual-dark) falls back to
    theme = Theme(name="plain", primary="#0178D4", foreground="#e0e0e0", dark=True)
    assert min(readability(theme).values()) >= 4.5


@pytest.mark.parametrize("theme", builtins(), ids=lambda theme: theme.name)
def test_entity_colours_pairwise_distinct(theme: Theme) -> None:
    colours = [drawn(theme)[name] for name in ENTITY_VARIABLES]
    for first, second in itertools.combinations(colours, 2):
        assert delta_e(first, second) >= 20, (first, second)


@pytest.mark.parametrize("theme", builtins(), ids=lambda theme: theme.name)
def test_search_highlights_stand_out(theme: Theme) -> None:
    colours = drawn(theme)
    assert delta_e(colours["search-match"], colours["background"]) >= 10
    assert delta_e(colours["search-current"], colours["search-match"]) >= 10


@pytest.mark.parametrize("matrix", [DEUTERANOPIA, PROTANOPIA], ids=["deuteranopia", "protanopia"])
def test_okabe_ito_entities_apart_with_colour_blindness(matrix: tuple[tuple[float, ...], ...]) -> None:
    [theme] = [theme for theme in builtins() if theme.name == "okabe-ito"]
    colours = {name: theme.variables[name] for name in ENTITY_VARIABLES}
    for (a, first), (b, second) in itertools.combinations(colours.items(), 2):
        assert delta_e(first, second, matrix) >= 10, (a, b)


def test_light_defaults_are_newsprints_and_read_on_any_light_background() -> None:
    """A light user theme that sets no reader variables gets colours chosen for paper, not the dark ones."""
    [newsprint] = [theme for theme in builtins() if theme.name == "newsprint"]
    assert set(LIGHT_DEFAULT_VARIABLES) == set(READER_VARIABLES)
    assert {name: newsprint.variables[name] for name in READER_VARIABLES} == LIGHT_DEFAULT_VARIABLES
    bare = Theme(name="bare-light", primary="#335577", dark=False, background="#ffffff", foreground="#1a1a1a")
    ratios = readability(bare)
    assert min(ratios[name] for name in (*ENTITY_VARIABLES, "heading", "muted")) >= 4.5, ratios
