"""The settings file: strict reading, atomic writing, and never clobbering what it cannot read."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.settings import config as config_module
from reader.settings import paths
from reader.settings.config import Config, config_path, dump, load_config, save_config


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "config.yaml") == (Config(), [])


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "config.yaml"
    assert save_config(Config(theme="newsprint"), path) is None
    assert load_config(path) == (Config(theme="newsprint"), [])
    assert save_config(Config(), path) is None
    assert load_config(path) == (Config(), [])
    assert [p.name for p in path.parent.iterdir()] == ["config.yaml"]  # no temp file left


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30))
def test_any_theme_name_round_trips(name: str) -> None:
    # names YAML would read as something else ("no", "1.10", "#x", "null") must come back as text
    from reader.load.yamlsource import parse

    root = parse(dump(Config(theme=name)), "config.yaml")
    assert root.plain() == {"theme": name}


@pytest.mark.parametrize("name", ["no", "1.10", "2025-06-23", "null", "#fff", "a: b"])
def test_awkward_names_round_trip(tmp_path: Path, name: str) -> None:
    path = tmp_path / "config.yaml"
    assert save_config(Config(theme=name), path) is None
    assert load_config(path) == (Config(theme=name), [])


def test_default_location_is_the_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "config_dir", lambda: tmp_path / "reader")
    assert config_path() == tmp_path / "reader" / "config.yaml"
    assert save_config(Config(theme="okabe-ito")) is None
    assert load_config() == (Config(theme="okabe-ito"), [])


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n", "theme: null\n", "theme:\n"])
def test_empty_settings_are_defaults(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_config(path) == (Config(), [])
    assert save_config(Config(theme="newsprint"), path) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("theme: [newsprint\n", "YAML syntax error"),
        ("theem: newsprint\n", "1:1: unknown key 'theem' in the settings (did you mean 'theme'?)"),
        ("theme: 12\n", "1:8: theme must be text, not a number; put it in quotes to make it text"),
        ("- newsprint\n", "1:1: the settings must be a mapping of keys to values, not a list"),
        ("theme: a\ntheme: b\n", "2:1: duplicate key 'theme' (first at line 1)"),
    ],
)
def test_corrupt_file_problem_default_and_not_overwritten(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    config, [problem] = load_config(path)
    assert config == Config()
    assert problem.path == str(path) and expected in str(problem)
    refused = save_config(Config(theme="newsprint"), path)
    assert refused is not None and refused.path == str(path)
    assert refused.message.startswith("settings not saved: this file has a problem")
    assert path.read_text(encoding="utf-8") == text


def test_binary_file_is_a_problem_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"theme: \xff\xfe\n")
    _, [problem] = load_config(path)
    assert "not valid UTF-8" in problem.message
    assert save_config(Config(theme="x"), path) is not None
    assert path.read_bytes() == b"theme: \xff\xfe\n"


def test_directory_in_place_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.mkdir()
    config, [problem] = load_config(path)
    assert config == Config() and problem.message == "is a folder, not a file"
    assert save_config(Config(theme="newsprint"), path) is not None
    assert path.is_dir() and list(path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_read_only_folder_real(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        problem = save_config(Config(theme="newsprint"), folder / "config.yaml")
    finally:
        folder.chmod(0o700)
    assert problem is not None and "settings not saved" in problem.message


def test_folder_that_cannot_be_made(tmp_path: Path) -> None:
    # a file where the config folder should be: a real OSError, even for root
    (tmp_path / "reader").write_text("not a folder", encoding="utf-8")
    problem = save_config(Config(theme="newsprint"), tmp_path / "reader" / "config.yaml")
    assert problem is not None and problem.path == str(tmp_path / "reader" / "config.yaml")
    assert problem.message.startswith("settings not saved: ")


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC, errno.EACCES])
def test_write_errors_are_problems_and_leave_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    path = tmp_path / "config.yaml"
    assert save_config(Config(theme="newsprint"), path) is None
    before = path.read_bytes()

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(config_module.os, "replace", fail)
    problem = save_config(Config(theme="okabe-ito"), path)
    assert problem is not None and problem.message == f"settings not saved: {os.strerror(code)}"
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["config.yaml"]  # the temp file was removed


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_save_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("theme: newsprint\n", encoding="utf-8")
    path.chmod(0o600)
    assert save_config(Config(theme="okabe-ito"), path) is None
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_save_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "reader.yaml"
    real.parent.mkdir()
    real.write_text("theme: newsprint\n", encoding="utf-8")
    link = tmp_path / "config.yaml"
    link.symlink_to(real)
    assert save_config(Config(theme="okabe-ito"), link) is None
    assert link.is_symlink()
    assert load_config(real) == (Config(theme="okabe-ito"), [])
