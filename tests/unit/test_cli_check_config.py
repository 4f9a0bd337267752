"""`reader check` reads the settings file as the app does and says, located, what the app would leave out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.settings.config import config_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_check_without_paths_checks_the_users_settings_too(capsys):
    path = write_config("theme: nord-ish\n")
    status, out, err = run(capsys, "check")
    assert status == 1
    assert f"{path}:1:8: unknown theme 'nord-ish' (did you mean 'nord'?)" in err.splitlines()
    assert f"{path}: 1 problem" in out.splitlines()


def test_check_of_a_settings_file_locates_each_bad_entry_and_keeps_going(capsys):
    path = write_config("theme: reader-dark\nkeymap:\n  quit: ctrl+x\n  app.quit: notakey!\nfeeds: 3\n")
    status, out, err = run(capsys, "check", str(path))
    assert status == 1
    lines = err.splitlines()
    assert any(line.startswith(f"{path}:3:3: unknown binding id 'quit'") and "app.quit" in line for line in lines)
    assert any(line.startswith(f"{path}:4:") and "app.quit" in line for line in lines)
    assert f"{path}:5:8: feeds must be a list, not a number" in lines
    assert f"{path}: 3 problems" in out.splitlines()


@pytest.mark.parametrize("theme", ["okabe-ito", "nord"])  # the reader's own and one of Textual's
def test_check_of_good_settings_says_what_they_choose(capsys, theme):
    path = write_config(f"theme: {theme}\nkeymap:\n  app.quit: ctrl+x\n")
    status, out, err = run(capsys, "check", str(path))
    assert (status, err) == (0, "")
    assert out == f"{path}: ok — settings: theme {theme}, 1 key binding changed, 0 feeds\n"


def test_check_without_paths_and_without_settings_checks_no_settings(capsys):
    assert not config_path().exists()
    status, out, _ = run(capsys, "check")
    assert status == 0 and "config.yaml" not in out


def test_the_settings_file_is_never_written_by_a_check(capsys):
    path = write_config("theme: nord-ish  # mine\n")
    before = path.read_bytes(), os.stat(path).st_mtime_ns
    run(capsys, "check", str(path))
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
