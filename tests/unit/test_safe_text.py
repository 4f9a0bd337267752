"""Untrusted text never reaches a terminal raw: controls are escaped, markup stays literal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.load.build import load_article
from reader.cli.main import main
from reader.text.safe import has_unsafe, visible

from tests.paths import MINIMAL
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e", "\x00", "\x7f")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b", "\\x1b"),
        ("\x07", "\\x07"),
        ("\x9b", "\\x9b"),  # C1 CSI, a one-byte escape sequence start
        ("\x7f", "\\x7f"),
        ("\x00", "\\x00"),
        ("\r", "\\x0d"),
        ("\u202e", "\\u202e"),  # right-to-left override
        ("\u2066", "\\u2066"),
        ("\u200f", "\\u200f"),
        ("\u2028", "\\u2028"),
    ],
)
def test_visible_escapes(raw: str, shown: str) -> None:
    assert visible(f"a{raw}b") == f"a{shown}b"
    assert has_unsafe(raw)


def test_visible_escapes_a_title_setting_sequence() -> None:
    assert visible("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07"


def test_visible_keeps_ordinary_text() -> None:
    text = "Le Chef de l’Etat malien, 10\u00a0000 cadres « ici » [bold]x[/] — Goïta 🇲🇱"
    assert visible(text) == text
    assert not has_unsafe(text)


def test_tabs_and_newlines_are_kept_unless_asked() -> None:
    assert visible("a\tb\nc") == "a\tb\nc"
    assert visible("a\tb\nc", newlines=False) == "a\\x09b\\x0ac"


@settings(max_examples=250, deadline=None)
@given(st.text())
def test_visible_output_is_always_safe(text: str) -> None:
    shown = visible(text)
    assert not has_unsafe(shown)
    one_line = visible(text, newlines=False)
    assert not has_unsafe(one_line) and "\n" not in one_line and "\t" not in one_line
    if not has_unsafe(text):
        assert shown == text


# --- a hostile article through export --------------------------------------------------------

HOSTILE = '"Le Mali et la Fédération de Russie signent avec Rosatom. \\e]0;pwned\\a [bold]x[/] \\x9b2J \\u202eevil Le Mali vise 45 %."'
"""The second paragraph of minimal.yaml, rewritten as a double-quoted YAML string with escapes."""
HOSTILE_TEXT = "Le Mali et la Fédération de Russie signent avec Rosatom. \x1b]0;pwned\x07 [bold]x[/] \x9b2J \u202eevil Le Mali vise 45 %."


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    old = '"Le Mali et la Fédération de Russie signent avec Rosatom. Le Mali vise 45 %."'
    assert text.count(old) == 1
    path = tmp_path / "hostile.yaml"
    path.write_text(text.replace(old, HOSTILE).replace("title: Nucléaire civil", 'title: "\\e[2JNucléaire"'), encoding="utf-8")
    return path


def test_the_hostile_text_loads_verbatim(hostile: Path) -> None:
    article = load_article(hostile)
    assert article.sections[1].paragraphs[0].text == HOSTILE_TEXT


def test_json_export_has_no_raw_controls(capsys: pytest.CaptureFixture[str], hostile: Path) -> None:
    assert main(["export", "--format", "json", str(hostile)]) == 0
    out, err = capsys.readouterr()
    for raw in RAW_CONTROLS:
        assert raw not in out + err, repr(raw)
    assert "[bold]x[/]" in out
    # escaped, not dropped: the JSON still holds the text exactly
    data = json.loads(out)
    assert data["sections"][1]["text"] == HOSTILE_TEXT
    assert data["accords"][0]["title"] == "\x1b[2JNucléaire"


def test_markdown_export_has_no_raw_controls(capsys: pytest.CaptureFixture[str], hostile: Path) -> None:
    assert main(["export", "--format", "markdown", str(hostile)]) == 0
    out, err = capsys.readouterr()
    for raw in RAW_CONTROLS:
        assert raw not in out + err, repr(raw)
    assert "pwned" in out and "evil" in out
    # brackets are escaped for Markdown, so the markup-looking text renders literally
    assert "\\[bold\\]x\\[/\\]" in out
    assert "x1b" in out and "x07" in out and "u202e" in out


def test_markup_looking_text_is_kept_literally_in_the_model(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace("vise 45 %.", "vise 45 %. [Reuters] [/] [AP]")
    path = tmp_path / "markup.yaml"
    path.write_text(text, encoding="utf-8")
    article = load_article(path)
    assert article.sections[1].paragraphs[0].text.endswith("vise 45 %. [Reuters] [/] [AP]")
