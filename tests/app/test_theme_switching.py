"""Themes in the app: t cycles, --theme, the palette's theme list, persistence, a bad user theme."""

from __future__ import annotations


import pytest

from reader.cli.main import main
from reader.settings.config import load_config
from reader.ui.themes import DEFAULT_THEME
from tests.apphelpers import make_app, notices, palette, palette_lists, press, rewrite, wait_until
from tests.paths import ROOT

BUILTINS = ["high-contrast", "newsprint", "okabe-ito", "reader-dark"]


async def test_default_theme_and_t_cycles_through_ours():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == DEFAULT_THEME
        assert sorted(app.reader_themes) == BUILTINS
        seen = []
        for _ in range(len(app.reader_themes)):
            await pilot.press("t")
            seen.append(app.theme)
        assert sorted(seen) == BUILTINS and seen[-1] == DEFAULT_THEME


async def test_theme_change_recolours_the_article_at_once():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.view

        def bamako_colour():
            for y in range(view.scrollable_content_region.height):
                for segment in view.render_line(y):
                    if segment.text == "Bamako":
                        return segment.style.color
            return None

        before = bamako_colour()
        app.theme = "newsprint"
        await pilot.pause()
        after = bamako_colour()
        assert before is not None and after is not None and before != after
        expected = app.current_theme.variables["entity-place"].lower()
        assert after.triplet.hex == expected


async def test_choice_is_saved_to_the_config_file(tmp_path):
    config = tmp_path / "config.yaml"
    app = make_app(config_path=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "t")
        chosen = app.theme
    loaded, problems = load_config(config)
    assert problems == [] and loaded.theme == chosen != DEFAULT_THEME


async def test_theme_argument_wins_and_is_remembered(tmp_path):
    config = tmp_path / "config.yaml"
    app = make_app(theme="okabe-ito", config_path=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "okabe-ito"
    assert load_config(config)[0].theme == "okabe-ito"


async def test_palette_change_theme_lists_ours():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await palette(pilot, "theme")
        await pilot.press("enter")  # "Change theme": the palette lists the themes
        await pilot.press(*"newsprint")
        await wait_until(pilot, lambda: palette_lists(app, "newsprint"), "the palette listing newsprint")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.theme == "newsprint", "the theme changing to newsprint")


async def test_bad_user_theme_is_one_notice_and_the_app_starts(tmp_path):
    user = tmp_path / "themes"
    user.mkdir()
    (user / "broken.yaml").write_text("name: broken\nprimay: '#ffffff'\n", encoding="utf-8")
    (user / "mine.yaml").write_text("name: mine\nprimary: '#123456'\n", encoding="utf-8")
    app = make_app(user_themes_dir=user)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "mine" in app.reader_themes and "broken" not in app.reader_themes
        failed = [m for m in notices(app) if "themes could not be loaded" in m]
        assert len(failed) == 1 and "broken.yaml" in failed[0]


async def test_unknown_configured_theme_falls_back_with_a_notice():
    from reader.settings.config import Config

    app = make_app(config=Config(theme="nope"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        assert any("Unknown theme 'nope'" in m and "using reader-dark" in m for m in notices(app))


def test_cli_unknown_theme_is_a_usage_error(capsys):
    assert main(["--theme", "nope"]) == 2
    assert "unknown theme 'nope'" in capsys.readouterr().err


def test_check_validates_theme_files(capsys, tmp_path):
    good = ROOT / "themes"
    assert main(["check", str(good)]) == 0
    assert "ok — theme newsprint" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nprimary: '#zzzzzz'\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2:10:" in err and "not a colour" in err


async def test_no_color_keeps_cues(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.view
        styles = {seg.text: seg.style for y in range(view.scrollable_content_region.height) for seg in view.render_line(y)}
        assert styles["Bamako"].underline and styles["Chef de l’Etat malien"].bold
        assert app.no_color


@pytest.mark.parametrize(("theme", "expected"), [("reader-dark", "#ff5555"), ("newsprint", "#aa0000")])
def test_sixteen_colour_terminals_get_five_distinct_entity_colours(theme, expected):
    """On 16 colours a theme's shades would fall on one colour: the terminal's own five are used."""
    from reader.ui.themes import ANSI_ENTITY_VARIABLES

    app = make_app(theme=theme)
    assert app.get_css_variables()["entity-person"] != expected  # the theme's own shade
    app.few_colours = True
    few = app.get_css_variables()
    assert few["entity-person"] == expected
    colours = [few[f"entity-{kind}"] for kind in ("person", "org", "place", "date", "figure")]
    entities = {value for name, value in ANSI_ENTITY_VARIABLES[theme != "newsprint"].items() if name.startswith("entity-")}
    assert len(set(colours)) == 5 and set(colours) == entities


async def test_a_headless_run_keeps_the_theme_colours_whatever_the_console_says(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")  # a 16-colour terminal, as Rich reads it
    monkeypatch.delenv("COLORTERM", raising=False)
    app = make_app()
    assert app.console.color_system == "standard"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.few_colours is False


async def test_app_uses_the_valid_theme_and_says_once_that_it_cannot_save(tmp_path):
    path = tmp_path / "config.yaml"
    text = "theme: newsprint\ncolour: blue\n"
    path.write_text(text, encoding="utf-8")
    config, problems = load_config(path)
    app = make_app(config=config, config_path=path, notices=[str(p) for p in problems])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "newsprint"
        assert any(f"{path}:2:1: unknown key 'colour'" in n for n in notices(app))
        await press(pilot, "t")
        await press(pilot, "t")
        refusals = [n for n in notices(app) if "settings not saved" in n]
        assert len(refusals) == 1 and f"{path}:2:1" in refusals[0]
        rewrite(path, "theme: newsprint\ncolor: blue\n")  # the user edits it, still wrongly: told again
        await press(pilot, "t")
        assert len([n for n in notices(app) if "settings not saved" in n]) == 2
    assert path.read_text(encoding="utf-8") == "theme: newsprint\ncolor: blue\n"
