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
from reader.settings.config import Config, KeyChoice, config_path, dump, load_config, save_config


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
    assert config == (Config(theme="a") if "duplicate" in expected else Config())  # a duplicate loses only itself
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


# keymap: binding ids to keys, read with where each was written (the app checks ids and key names)

KEYMAP_TEXT = (
    "theme: newsprint\n"
    "# my keys\n"
    "keymap:\n"
    "  reading.next_accord: x\n"
    "  search.open: \"slash,ctrl+s\"\n"
)


def test_keymap_is_read_in_order_and_located(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(KEYMAP_TEXT, encoding="utf-8")
    config, problems = load_config(path)
    assert problems == []
    assert config == Config(theme="newsprint", keymap=(KeyChoice("reading.next_accord", "x"), KeyChoice("search.open", "slash,ctrl+s")))
    first, second = config.keymap
    assert (first.path, first.line, first.column, first.keys_line, first.keys_column) == (str(path), 4, 3, 4, 24)
    assert str(second.problem("bad", at_keys=True)) == f"{path}:5:16: bad"
    assert str(second.problem("unknown")) == f"{path}:5:3: unknown"


@pytest.mark.parametrize(
    ("text", "expected", "kept"),
    [
        ("theme: newsprint\nkeymap: x\n", "2:9: keymap must be a mapping of binding ids to keys", ()),
        ("theme: newsprint\nkeymap:\n  reading.accord_1: 1\n  reading.inspector: o\n",
         "3:21: the keys of reading.accord_1 must be text, not a number", (KeyChoice("reading.inspector", "o"),)),
        ("theme: newsprint\nkeymap:\n  app.help: h\n  app.help: j\n", "4:3: duplicate key 'app.help'", (KeyChoice("app.help", "h"),)),
    ],
)
def test_a_bad_keymap_entry_is_located_and_the_rest_applies(tmp_path: Path, text: str, expected: str, kept: tuple) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    config, [problem] = load_config(path)
    assert expected in str(problem)
    assert config.theme == "newsprint" and config.keymap == kept


def test_keymap_dump_round_trips(tmp_path: Path) -> None:
    config = Config(theme="newsprint", keymap=(KeyChoice("search.next", "N"), KeyChoice("app.quit", "no,ctrl+x")))
    path = tmp_path / "config.yaml"
    assert save_config(config, path) is None
    assert load_config(path) == (config, [])


def test_theme_saved_beside_a_keymap_keeps_it_and_its_comments(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    text = KEYMAP_TEXT.replace("theme: newsprint\n", "")
    path.write_text(text, encoding="utf-8")
    assert save_config(Config(theme="okabe-ito"), path) is None
    assert path.read_text(encoding="utf-8") == text + "theme: okabe-ito\n"
    path.write_text(KEYMAP_TEXT, encoding="utf-8")
    assert save_config(Config(theme="okabe-ito"), path) is None
    assert path.read_text(encoding="utf-8") == KEYMAP_TEXT.replace("newsprint", "okabe-ito")


def test_theme_save_keeps_a_keymap_added_since_the_app_read_the_file(tmp_path: Path) -> None:
    # the app's config is from start-up; a keymap the user wrote meanwhile must survive pressing `t`
    path = tmp_path / "config.yaml"
    path.write_text("{keymap: {app.help: h}}\n", encoding="utf-8")  # flow style: not edited in place, written whole
    assert save_config(Config(theme="newsprint"), path) is None
    assert load_config(path) == (Config(theme="newsprint", keymap=(KeyChoice("app.help", "h"),)), [])


# --- a settings file with an unknown key keeps its valid keys and is never clobbered ---

def test_an_unknown_key_is_reported_and_the_valid_theme_kept(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("theme: newsprint\ncolour: blue\n", encoding="utf-8")
    config, [problem] = load_config(path)
    assert config == Config(theme="newsprint")
    assert str(problem) == f"{path}:2:1: unknown key 'colour' in the settings"
    # a wrong value next to an unknown key loses only itself
    path.write_text("theme: 12\ncolour: blue\n", encoding="utf-8")
    config, problems = load_config(path)
    assert config == Config() and len(problems) == 2


def test_a_file_with_an_unknown_key_is_never_overwritten_and_said_once(tmp_path):
    path = tmp_path / "config.yaml"
    text = "theme: newsprint\ncolour: blue\n"
    path.write_text(text, encoding="utf-8")
    refused = save_config(Config(theme="okabe-ito"), path)
    assert refused is not None and refused.path == str(path) and (refused.line, refused.column) == (2, 1)
    assert refused.message.startswith("settings not saved: this file has a problem (unknown key 'colour'")
    assert save_config(Config(theme="high-contrast"), path) is not None  # every time: the app says it once
    assert path.read_text(encoding="utf-8") == text


def test_saving_keeps_the_users_comments(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("# my settings\ntheme: newsprint  # the light one\n", encoding="utf-8")
    assert save_config(Config(theme="okabe-ito"), path) is None
    assert path.read_text(encoding="utf-8") == "# my settings\ntheme: okabe-ito  # the light one\n"
    path.write_text("# nothing chosen yet\n", encoding="utf-8")
    assert save_config(Config(theme="no"), path) is None
    assert path.read_text(encoding="utf-8") == "# nothing chosen yet\ntheme: 'no'\n"
    assert load_config(path) == (Config(theme="no"), [])
