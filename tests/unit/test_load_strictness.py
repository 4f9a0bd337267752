"""The loader's strictness: raw control characters located, every problem of a file at once (a duplicate
key does not hide the others), a theme whose top level is a list named as a theme."""

from __future__ import annotations

from pathlib import Path

import pytest

import reader.load.yamlsource
from reader.load.build import load_article
from reader.cli.main import main
from reader.model.problems import ProblemsError
from reader.ui.themes import check_theme_paths, load_theme_file, load_themes
from reader.load.yamlsource import load, parse

from tests.paths import MINIMAL as GOOD
RAW = [chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0))]
"""Raw characters a terminal could act on: none may reach the output."""


def check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    """`reader check PATH` in process: exit status, the located problem lines, all output."""
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    lines = [line[len(str(path)) + 1:] for line in err.splitlines() if line.startswith(f"{path}:")]
    return code, lines, out + err


def assert_clean(output: str) -> None:
    """No traceback, none of PyYAML's internals, nothing raw for the terminal."""
    assert "Traceback" not in output and "<unicode string>" not in output and "position" not in output, output
    assert not any(char in output for char in RAW), repr(output)


def problems_of(call, *args) -> list[tuple[int, int, str]]:
    with pytest.raises(ProblemsError) as caught:
        call(*args)
    return [(p.line, p.column, p.message) for p in caught.value.problems]


# --- 1. raw control characters ----------------------------------------------------------------

CONTROL = [
    ("\x07", 'control character U+0007 (BEL) is not allowed in YAML; write it as "\\a" or "\\x07" inside a double-quoted string'),
    ("\x0c", 'control character U+000C (FF) is not allowed in YAML; write it as "\\f" or "\\x0c" inside a double-quoted string'),
    ("\x1b", 'control character U+001B (ESC) is not allowed in YAML; write it as "\\e" or "\\x1b" inside a double-quoted string'),
    ("\x01", 'control character U+0001 (SOH) is not allowed in YAML; write it as "\\x01" inside a double-quoted string'),
    ("\x7f", 'control character U+007F (DEL) is not allowed in YAML; write it as "\\x7f" inside a double-quoted string'),
    ("\x9b", 'control character U+009B (CSI) is not allowed in YAML; write it as "\\x9b" inside a double-quoted string'),
    ("\x80", "control character U+0080 (PAD) is not allowed in YAML"),
    ("\ufffe", 'noncharacter U+FFFE is not allowed in YAML; remove it, or write it as "\\uFFFE" inside a double-quoted string'),
    ("\uffff", "noncharacter U+FFFF is not allowed in YAML"),
]


@pytest.mark.parametrize(("char", "message"), CONTROL, ids=[f"U+{ord(c):04X}" for c, _ in CONTROL])
def test_raw_control_character_is_located_in_characters(tmp_path, capsys, loader, char, message):
    # 'é' and '–' are several bytes: the column counts characters, as an editor does
    path = tmp_path / "ctl.yaml"
    path.write_bytes(f'id: x\n# Mali–Russie\ntitle: "é–a{char}b"\n'.encode("utf-8"))
    code, lines, output = check(path, capsys)
    assert code == 1
    assert_clean(output)
    [line] = lines
    assert line.startswith(f"3:12: {message}")
    assert problems_of(load_article, path) == [(3, 12, line[len("3:12: "):])]


def test_every_raw_control_character_is_reported_at_once(tmp_path, capsys, loader):
    path = tmp_path / "many.yaml"
    path.write_bytes(b'id: x\x07\ntitle: "\x1b[2J"\n# \x7f\nsummary: \xc2\x9b\n')
    code, lines, output = check(path, capsys)
    assert code == 1
    assert_clean(output)
    assert [line.split(": ", 1)[0] for line in lines] == ["1:6", "2:9", "3:3", "4:10"]
    assert ["(BEL)" in lines[0], "(ESC)" in lines[1], "(DEL)" in lines[2], "(CSI)" in lines[3]] == [True] * 4


def test_a_flood_of_control_characters_is_counted_not_listed(tmp_path, loader):
    path = tmp_path / "flood.yaml"
    path.write_bytes(b"id: x\ntitle: " + b"\x1b" * 5000 + b"\n")
    problems = problems_of(load_article, path)
    assert len(problems) == reader.load.yamlsource.MAX_CHARACTER_PROBLEMS + 1
    assert problems[0][:2] == (2, 8)
    assert "4,900 more" in problems[-1][2]


def test_lone_surrogate_in_text_is_located_not_raised(loader):
    # a file cannot hold one (it is not UTF-8), but parse() takes text from anywhere
    [(line, column, message)] = problems_of(parse, "id: x\ntitle: a\ud800\n", "f.yaml")
    assert (line, column) == (2, 9)
    assert message.startswith("lone surrogate U+D800")


def test_control_character_in_a_theme_is_located(tmp_path, capsys, loader):
    path = tmp_path / "ctl.yaml"
    path.write_bytes(b'name: ctl\nprimary: "#5b8fd6\x1b"\n')
    assert problems_of(load_theme_file, path) == [(2, 18, CONTROL[2][1])]


# --- 2. a duplicate key does not hide the file's other problems -------------------------------

def test_duplicate_key_and_every_other_problem_of_an_article(tmp_path, capsys, loader):
    text = GOOD.read_text(encoding="utf-8")
    text = text.replace('language: fr\n', 'language: en\npublished: "2025-06-23"\nlanguage: fr\nlangauge: fr\n', 1)
    text = text.replace("    kind: lede\n", "    kind: lead\n", 1)
    path = tmp_path / "dup.yaml"
    path.write_text(text, encoding="utf-8")
    code, lines, output = check(path, capsys)
    assert code == 1
    assert_clean(output)
    messages = {line.split(": ", 1)[1]: line.split(": ", 1)[0] for line in lines}
    assert messages["duplicate key 'language' (first at line 5)"] == "7:1"
    assert messages["duplicate key 'published' (first at line 6)"] == "9:1"
    assert messages["unknown key 'langauge' in the article (did you mean 'language'?)"] == "8:1"
    assert any(at == "14:11" and message.startswith("section 1 kind 'lead' is not one of") for message, at in messages.items())
    assert len(lines) == 4
    assert len(problems_of(load_article, path)) == 4


def test_the_first_value_of_a_duplicate_key_is_kept(tmp_path, loader):
    path = tmp_path / "first.yaml"
    path.write_text("a: 1\nb: {c: x, c: [y, {d: 1}]}\na: [2]\ne: 3\n", encoding="utf-8")
    root = load(path)
    assert root.plain() == {"a": 1, "b": {"c": "x"}, "e": 3}
    assert (root.keys["a"].line, root.value["b"].keys["c"].column) == (1, 5)
    assert [(p.line, p.column, p.message) for p in root.problems] == [
        (2, 11, "duplicate key 'c' (first at line 2)"),
        (3, 1, "duplicate key 'a' (first at line 1)"),
    ]


def test_a_dropped_duplicate_value_raises_no_problem_of_its_own(tmp_path):
    # 'language: 5' would be "must be text": it is dropped, only the duplicate is reported
    path = tmp_path / "dup.yaml"
    path.write_text(GOOD.read_text(encoding="utf-8").replace("language: fr\n", "language: fr\nlanguage: 5\n", 1), encoding="utf-8")
    assert problems_of(load_article, path) == [(6, 1, "duplicate key 'language' (first at line 5)")]


def test_parse_alone_still_refuses_a_duplicate_key():
    # settings and drafts parse text directly: for them a duplicate still stops everything
    assert problems_of(parse, "a: 1\na: 2\n", "f.yaml") == [(2, 1, "duplicate key 'a' (first at line 1)")]


def test_limits_still_fail_fast_after_a_duplicate(tmp_path):
    path = tmp_path / "tag.yaml"
    path.write_text("id: x\nid: y\ntitle: !!python/name:os.system x\n", encoding="utf-8")
    [(line, _column, message)] = problems_of(load_article, path)
    assert line == 3 and "tag !!python/name:os.system is not allowed" in message


THEME_DUP = 'name: twice\nprimary: "#5b8fd6"\nprimary: "#000000"\nforeground: 12\n'


def test_duplicate_key_and_every_other_problem_of_a_theme(tmp_path, capsys, loader):
    path = tmp_path / "dup.yaml"
    path.write_text(THEME_DUP, encoding="utf-8")
    expected = [
        (3, 1, "duplicate key 'primary' (first at line 2)"),
        (4, 13, "foreground must be text, not a number; put it in quotes to make it text"),
    ]
    assert problems_of(load_theme_file, path) == expected
    assert [(p.line, p.column, p.message) for p in check_theme_paths([path])] == expected
    code, lines, output = check(path, capsys)
    assert code == 1
    assert_clean(output)
    assert lines == [f"{line}:{column}: {message}" for line, column, message in expected]


def test_a_theme_with_only_a_duplicate_key_is_not_loaded(tmp_path):
    (tmp_path / "dup.yaml").write_text('name: twice\nprimary: "#5b8fd6"\nprimary: "#000000"\n', encoding="utf-8")
    themes, problems = load_themes(builtin_dir=tmp_path / "none", user_dir=tmp_path)
    assert "twice" not in [theme.name for theme in themes]
    assert [(p.line, p.column, p.message) for p in problems if p.path.endswith("dup.yaml")] == [
        (3, 1, "duplicate key 'primary' (first at line 2)")
    ]


# --- 3. a theme whose top level is a list -------------------------------------------------------

def test_theme_file_holding_a_list_is_named_a_theme(tmp_path, capsys):
    folder = tmp_path / "themes"
    folder.mkdir()
    (folder / "list.yaml").write_text("- dark: true\n- primary: '#000'\n", encoding="utf-8")
    code, lines, output = check(folder / "list.yaml", capsys)
    assert code == 1
    assert lines == ["1:1: a theme must be a mapping of keys to values, not a list"]
    assert "article" not in output


def test_a_list_of_theme_keys_is_named_a_theme_wherever_it_is(tmp_path, capsys):
    path = tmp_path / "harbour.yaml"
    path.write_text("- name: harbour\n  primary: '#5b8fd6'\n", encoding="utf-8")
    code, lines, _output = check(path, capsys)
    assert code == 1
    assert lines == ["1:1: a theme must be a mapping of keys to values, not a list"]


def test_an_article_holding_a_list_is_still_named_an_article(tmp_path, capsys):
    path = tmp_path / "list.yaml"
    path.write_text("- id: x\n  sections: []\n", encoding="utf-8")
    _code, lines, _output = check(path, capsys)
    assert lines == ["1:1: the article must be a mapping of keys to values, not a list"]


def test_an_unquoted_value_that_is_no_date_is_said_with_the_files_other_problems(tmp_path: Path) -> None:
    """2025-06-31 looks like a date and is none: said at its place, and the file's other problems come in the same
    report (it used to stop the reading: fix it, then learn of the next problem); the date check says nothing twice."""
    path = tmp_path / "several.yaml"
    path.write_text('id: several\ntitle: "Several problems"\nlanguage: fr\npublished: 2025-06-31\nsections: []\n', encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_article(path)
    found = [(p.line, p.column, p.message) for p in caught.value.problems]
    assert (4, 12, "cannot read '2025-06-31' as a date; put it in quotes to keep it as text") in found
    assert any("'source'" in message for _, _, message in found) and any(line == 5 for line, _, _ in found)
    assert [line for line, _, _ in found].count(4) == 1


def test_a_value_tagged_by_hand_that_cannot_be_read_still_stops_the_reading(tmp_path: Path) -> None:
    path = tmp_path / "tagged.yaml"
    path.write_text("id: tagged\ncount: !!int twelve\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_article(path)
    assert [(p.line, p.message) for p in caught.value.problems] == [(2, "cannot read 'twelve' as a whole number")]
