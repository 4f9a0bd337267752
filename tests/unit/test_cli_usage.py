"""Usage errors of the command line: a misspelt command, a folder where a file is needed (exit 2, one clear line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


@pytest.mark.parametrize(("typed", "meant"), [("serach", "search"), ("chek", "check"), ("exprot", "export"), ("improt", "import")])
def test_a_misspelt_command_is_named_with_a_suggestion(capsys, typed, meant, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, typed, "goita")
    assert status == 2 and out == ""
    assert err.strip() == f"reader: unknown command '{typed}' (did you mean '{meant}'?)"


def test_a_file_named_like_a_command_still_opens_as_a_path(capsys, tmp_path, monkeypatch):
    """`reader serach` where a file of that name exists is that file, not a typo (the app reports it is no article)."""
    monkeypatch.chdir(tmp_path)
    Path("serach").write_text("not: an article\n", encoding="utf-8")
    monkeypatch.setattr("reader.cli.main.cmd_open", lambda args: 0)
    status, _, err = run(capsys, "serach")
    assert status == 0 and "unknown command" not in err


def test_a_misspelt_command_shows_escapes_not_raw_controls(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "serach\x1b")
    assert status == 2
    assert "\x1b" not in err and "'serach\\x1b'" in err


def test_export_of_a_folder_is_a_usage_error(capsys, tmp_path):
    status, out, err = run(capsys, "export", str(tmp_path))
    assert status == 2 and out == ""
    assert err.strip() == f"{tmp_path}: is a folder: reader export takes one article file"


def test_import_into_a_folder_that_does_not_exist_says_it_creates_it(capsys, tmp_path):
    text = tmp_path / "dispatch.txt"
    text.write_text("Le Mali et le Niger ont signé un accord de coopération.\n", encoding="utf-8")
    out_dir = tmp_path / "new" / "drafts"
    status, out, _ = run(capsys, "import", str(text), "--out", str(out_dir), "--no-library")
    assert status == 0
    assert out.splitlines()[0] == f"creating folder {out_dir}"
    assert len(list(out_dir.glob("*.yaml"))) == 1
    status, out, _ = run(capsys, "import", str(text), "--out", str(out_dir), "--no-library", "--id", "second")
    assert status == 0 and "creating folder" not in out
