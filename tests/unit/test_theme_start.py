"""Start-up's theme loading: the reader's own themes skip Textual's colour derivation, a user's theme never does."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.theme import Theme

from reader.settings import paths
from reader.ui.themes import check_theme_paths, load_themes


class Refusing:
    """Stands for the colour system of a theme Textual cannot derive colours from."""

    def generate(self) -> dict[str, str]:
        raise ValueError("no colours")


def refuse(self: Theme) -> Refusing:
    """A theme's colour system that cannot be derived."""
    return Refusing()


def test_a_user_theme_textual_cannot_use_is_told_the_bundled_are_not_derived_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mine.yaml").write_text("name: mine\nprimary: '#336699'\n", encoding="utf-8")
    monkeypatch.setattr(Theme, "to_color_system", refuse)
    themes, problems = load_themes(user_dir=tmp_path)
    names = {theme.name for theme in themes}
    assert "mine" not in names and {"reader-dark", "newsprint"} <= names
    [problem] = problems
    assert problem.path == str(tmp_path / "mine.yaml") and problem.line == 1
    assert "Textual cannot use this theme: no colours" in problem.message


def test_reader_check_still_derives_the_bundled_themes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Theme, "to_color_system", refuse)
    problems = check_theme_paths([paths.bundled_themes()])
    assert problems and all("Textual cannot use this theme" in p.message for p in problems)


def test_another_builtin_folder_is_derived_in_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mine.yaml").write_text("name: mine\nprimary: '#336699'\n", encoding="utf-8")
    monkeypatch.setattr(Theme, "to_color_system", refuse)
    themes, [problem] = load_themes(builtin_dir=tmp_path, user_dir=tmp_path / "absent")
    assert themes == [] and "Textual cannot use" in problem.message


def test_the_app_derives_one_colour_system_before_it_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.ui.themes import DEFAULT_THEME
    from tests.apphelpers import make_app

    derived: list[str] = []
    real = Theme.to_color_system

    def counted(self: Theme):
        derived.append(self.name)
        return real(self)

    monkeypatch.setattr(Theme, "to_color_system", counted)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # no user config: the default theme
    app = make_app()
    assert derived == [DEFAULT_THEME]  # not Textual's default theme's first, nor each bundled theme's
    assert app.theme == DEFAULT_THEME and app.theme_variables["entity-person"] == "#f2a580"
