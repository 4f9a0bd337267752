"""`reader check` and `reader export`: exit statuses, located problem lines, never a traceback."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.load.build import load_article
from reader.cli.main import main
from reader.settings.paths import bundled_articles

from tests.paths import DATA, MINIMAL, ROOT
BAD = DATA / "bad-three-problems.yaml"
BUNDLED = bundled_articles() / "mali-russie-accords-2025-06-23.yaml"
REPO = ROOT

PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def bundled_summary() -> str:
    mentions = sum(1 for m in load_article(BUNDLED).mentions if m.kind in ("person", "org", "place"))
    return f"11 sections, 3 accords (+1 dossier), 20 entities, {mentions} mentions, 12 dates, 10 figures"


# --- check ---------------------------------------------------------------------------------

def test_check_bundled_article(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", str(BUNDLED))
    assert status == 0
    assert out == f"{BUNDLED}: ok — {bundled_summary()}\n"
    assert err == ""


def test_check_without_paths_checks_the_bundled_articles(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check")
    assert status == 0
    assert f"{BUNDLED}: ok — {bundled_summary()}" in out.splitlines()


def test_check_minimal_summary_counts(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", str(MINIMAL))
    assert status == 0
    # counted by hand in minimal.yaml: 2 sections, 1 accord, 5 entities; mentions are
    # Chef de l'Etat malien, Moscou, Mali, Fédération de Russie, Rosatom, Mali
    assert re.search(r": ok — 2 sections, 1 accords?, 5 entities, 6 mentions, 1 dates?, 2 figures$", out.strip())


def test_check_bad_file_prints_located_problems(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", str(BAD))
    assert status == 1
    lines = err.splitlines()
    assert len(lines) == 3
    parsed = [PROBLEM_LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert [(m["path"], int(m["line"]), int(m["column"])) for m in parsed] == [
        (str(BAD), 11, 11),  # kind: lead
        (str(BAD), 24, 21),  # parties: [mali, rusie]
        (str(BAD), 38, 40),  # value: many
    ]
    assert "did you mean 'lede'?" in parsed[0]["message"]
    assert "unknown entity 'rusie'" in parsed[1]["message"]
    assert out == f"{BAD}: 3 problems\n"


def test_check_unknown_path_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    status, out, err = run(capsys, "check", str(missing))
    assert status == 2
    assert out == ""
    assert f"{missing}: no such file or folder" in err


def test_check_folder_with_good_and_bad(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copy(MINIMAL, tmp_path / "a-good.yaml")
    shutil.copy(BAD, tmp_path / "b-bad.yaml")
    status, out, err = run(capsys, "check", str(tmp_path))
    assert status == 1
    assert f"{tmp_path / 'a-good.yaml'}: ok — 2 sections" in out
    assert f"{tmp_path / 'b-bad.yaml'}: 3 problems" in out
    assert len(err.splitlines()) == 3
    assert all(line.startswith(f"{tmp_path / 'b-bad.yaml'}:") for line in err.splitlines())


def test_check_tells_two_files_with_one_article_id(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A copy made to edit keeps the id: the second file is told, at its id, with the first one's path."""
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(MINIMAL, tmp_path / name)
    status, out, err = run(capsys, "check", str(tmp_path))
    assert status == 1
    assert f"{tmp_path / 'a.yaml'}: ok" in out
    assert f"{tmp_path / 'b.yaml'}: 1 problem" in out.splitlines()
    match = PROBLEM_LINE.match(err.splitlines()[0])
    assert match and match["path"] == str(tmp_path / "b.yaml") and (match["line"], match["column"]) == ("3", "5")
    assert f"article id 'mini' is already the id of {tmp_path / 'a.yaml'}" in match["message"]


def test_check_data_folder_with_one_good_and_one_bad(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", str(DATA))
    assert status == 1
    assert f"{MINIMAL}: ok" in out


def test_check_good_file_and_missing_file_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "check", str(MINIMAL), str(tmp_path / "gone.yaml"))
    assert status == 1
    assert f"{MINIMAL}: ok" in out
    assert "no such file" in err


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("latin1.yaml", 'id: a\ntitle: "Goïta"\n'.encode("latin-1"), ":2:11: not valid UTF-8"),
        ("binary.yaml", b"\x00\x01\x02", ":1:1: binary file"),
        ("utf16.yaml", "id: a\n".encode("utf-16"), ":1:1: file is UTF-16"),
        ("empty.yaml", b"", ":1:1: file is empty"),
        ("list.yaml", b"- a\n- b\n", ":1:1: the article must be a mapping"),
        ("tabs.yaml", b"id: a\n\ttitle: b\n", ":2:1: YAML syntax error: a tab"),
        ("deep.yaml", b"[" * 10_000 + b"]" * 10_000, ":1:"),
        ("bomb.yaml", b"a: &a [x, x, x, x, x, x, x, x, x, x]\n" + b"".join(
            b"%c: &%c [" % (98 + i, 98 + i) + b", ".join([b"*%c" % (97 + i)] * 10) + b"]\n" for i in range(9)), "alias"),
        ("python.yaml", b"id: !!python/object/apply:os.system ['true']\n", ":1:5: tag !!python/object/apply:os.system is not allowed"),
    ],
)
def test_check_never_shows_a_traceback(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, data: bytes, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    status, out, err = run(capsys, "check", str(path))
    assert status == 1
    assert words in err
    assert err.startswith(f"{path}:")
    assert out == f"{path}: 1 problem\n"


def test_check_max_bytes_option(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "check", "--max-bytes", "100", str(MINIMAL))
    assert status == 1
    assert "over the limit of 100" in err


def test_check_escapes_control_characters_in_problems(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace('quote: "22 juin"', 'quote: "\\e[2J\\e]0;pwned\\a"')
    path = tmp_path / "esc\x1b[31m.yaml"
    path.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, "check", str(path))
    assert status == 1
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "\\x1b[2J" in err and "pwned\\x07" in err
    assert "esc\\x1b[31m.yaml" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "export")
    assert status == 2
    assert "usage" in err
    status, _, err = run(capsys, "export", "--format", "yaml", str(MINIMAL))
    assert status == 2
    assert "invalid choice" in err


# --- export ------------------------------------------------------------------------------------

def test_export_json_of_the_bundled_article(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "export", "--format", "json", str(BUNDLED))
    assert status == 0 and err == ""
    data = json.loads(out)
    assert data["id"] == "mali-russie-accords-2025-06-23"
    assert len(data["sections"]) == 11


def test_export_defaults_to_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "export", str(MINIMAL))
    assert status == 0
    assert json.loads(out)["id"] == "mini"


def test_export_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "export", "--format", "markdown", str(BUNDLED))
    assert status == 0
    assert out.startswith("# Mali–Russie : trois accords signés au Kremlin")
    assert "\n## Au Kremlin, le tête-à-tête Goïta–Poutine\n" in out
    assert "**Vladimir Poutine**" in out


def test_export_bad_file_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "export", str(BAD))
    assert status == 1
    assert out == ""
    assert len(err.splitlines()) == 3 and all(PROBLEM_LINE.match(line) for line in err.splitlines())


def test_export_unknown_path_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "export", str(tmp_path / "nope.yaml"))
    assert status == 2
    assert out == "" and "no such file" in err


# --- a real process ----------------------------------------------------------------------------

def test_python_dash_m_reader_check() -> None:
    result = subprocess.run([sys.executable, "-m", "reader", "check"], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert f": ok — {bundled_summary()}" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_python_dash_m_reader_check_bad_file() -> None:
    result = subprocess.run([sys.executable, "-m", "reader", "check", str(BAD)], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 3
    assert all(PROBLEM_LINE.match(line) for line in result.stderr.splitlines())
    assert "Traceback" not in result.stdout + result.stderr
