"""A theme name nobody knows: located where config.yaml gives it, with the closest names; `--theme` accepts and lists the same themes."""

from __future__ import annotations

from pathlib import Path

from reader.cli.main import main
from reader.settings.config import Config, load_config, theme_not_known, unknown_theme
from reader.ui.app import ReaderApp
from tests.apphelpers import make_app

KNOWN = ["reader-dark", "newsprint", "dracula"]


def test_a_theme_from_the_config_file_is_located_where_it_is_written(tmp_path: Path):
    path = tmp_path / "config.yaml"
    path.write_text("# mine\ntheme:   nosuchtheme\n", encoding="utf-8")
    config, problems = load_config(path)
    assert problems == [] and config.theme_at == (2, 10)
    assert unknown_theme(config, path, "nosuchtheme", KNOWN, "reader-dark") == f"{path}:2:10: unknown theme 'nosuchtheme'; using reader-dark"


def test_a_near_miss_gets_the_closest_name(tmp_path: Path):
    path = tmp_path / "config.yaml"
    path.write_text("theme: drakula\n", encoding="utf-8")
    config, _ = load_config(path)
    assert unknown_theme(config, path, "drakula", KNOWN, "reader-dark") == (
        f"{path}:1:8: unknown theme 'drakula' (did you mean 'dracula'?); using reader-dark")


def test_a_theme_not_from_the_file_has_no_place():
    assert unknown_theme(Config(), None, "drakula", KNOWN, "reader-dark") == "Unknown theme 'drakula' (did you mean 'dracula'?); using reader-dark"
    assert theme_not_known("newsprnt", KNOWN) == "unknown theme 'newsprnt' (did you mean 'newsprint'?)"


def test_the_place_does_not_count_when_settings_are_compared():
    assert Config(theme="x", theme_at=(1, 8)) == Config(theme="x")


def test_the_app_notice_names_the_config_file_line_and_column(tmp_path: Path):
    path = tmp_path / "config.yaml"
    path.write_text("theme: nosuchtheme\n", encoding="utf-8")
    config, _ = load_config(path)
    app = make_app(config=config, config_path=path)
    assert f"{path}:1:8: unknown theme 'nosuchtheme'; using reader-dark" in app.notices
    assert app.theme == "reader-dark"


def test_cli_theme_accepts_textuals_own_themes_and_lists_them_when_unknown(capsys, monkeypatch):
    ran: list[str] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self: ran.append(self.theme) or 0)
    monkeypatch.setattr("reader.settings.config.config_path", lambda: Path("/nonexistent/config.yaml"))
    assert main(["--theme", "dracula"]) == 0 and ran == ["dracula"]
    assert main(["--theme", "drakula"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reader: unknown theme 'drakula' (did you mean 'dracula'?); themes: ")
    assert "reader-dark" in err and "Textual's: " in err and "dracula" in err.split("Textual's: ")[1]
