"""Safe YAML reading: positions, located errors, and limits that hostile files cannot get past."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.load.build import load_article
from reader.model.problems import ProblemsError
from reader.load.yamlsource import MAX_DEPTH, decode, load, parse, read_text

from tests.paths import MINIMAL as GOOD


def parse_problems(text: str) -> list[tuple[int, int, str]]:
    """(line, column, message) of each problem parse() reports; fails if it reports none."""
    with pytest.raises(ProblemsError) as caught:
        parse(text, "f.yaml")
    return [(p.line, p.column, p.message) for p in caught.value.problems]


def decode_problem(data: bytes) -> tuple[int, int, str]:
    with pytest.raises(ProblemsError) as caught:
        decode(data, "f.yaml")
    [problem] = caught.value.problems
    return problem.line, problem.column, problem.message


def load_problems(path: Path, **kwargs) -> list[tuple[int, int, str]]:
    with pytest.raises(ProblemsError) as caught:
        load_article(path, **kwargs)
    assert all(p.path == str(path) for p in caught.value.problems)
    return [(p.line, p.column, p.message) for p in caught.value.problems]


# --- nodes and positions ---------------------------------------------------------------------

def test_nodes_carry_their_line_and_column() -> None:
    root = parse("title: x\nsections:\n  - id: lede\n    kind: lede\n", "f.yaml")
    assert (root.line, root.column) == (1, 1)
    assert root.keys["sections"].line == 2 and root.keys["sections"].column == 1
    item = root.value["sections"].value[0]
    assert (item.line, item.column) == (3, 5)
    assert (item.value["kind"].line, item.value["kind"].column) == (4, 11)
    assert root.plain() == {"title": "x", "sections": [{"id": "lede", "kind": "lede"}]}


def test_yaml_1_1_values_are_read_as_yaml_reads_them() -> None:
    # the schema has to catch these, so the reader must see them as YAML does
    root = parse("a: NO\nb: 1.10\nc: 2025-06-23\nd: '2025-06-23'\ne: ~\n", "f.yaml")
    assert root.plain() == {"a": False, "b": 1.1, "c": dt.date(2025, 6, 23), "d": "2025-06-23", "e": None}


def test_aliases_of_plain_data_are_allowed() -> None:
    root = parse("a: &x {k: [1, 2]}\nb: *x\n", "f.yaml")
    assert root.plain() == {"a": {"k": [1, 2]}, "b": {"k": [1, 2]}}
    assert root.value["b"].line == 2 and root.value["b"].column == 4


# --- syntax ------------------------------------------------------------------------------------

def test_syntax_error_is_located(loader: str) -> None:
    [(line, column, message)] = parse_problems("id: x\ntitle: a: b\n")
    assert (line, column) == (2, 9)  # the second ':'
    assert message.startswith("YAML syntax error")


def test_unclosed_flow_list_is_located_not_raised() -> None:
    [(line, _column, message)] = parse_problems("id: x\nparties: [mali, russie\ntitle: y\n")
    assert line >= 2
    assert "YAML syntax error" in message


def test_tab_indentation_is_explained(loader: str) -> None:
    [(line, column, message)] = parse_problems("title: x\n\tlanguage: fr\n")
    assert (line, column) == (2, 1)
    assert "tab" in message and "spaces" in message


def test_tab_inside_a_quoted_value_is_fine() -> None:
    assert parse('title: "a\tb"\n', "f.yaml").plain() == {"title": "a\tb"}


def test_duplicate_key_is_located_at_the_second_one(loader: str) -> None:
    [(line, column, message)] = parse_problems("id: a\ntitle: x\nlanguage: fr\ntitle: y\n")
    assert (line, column) == (4, 1)
    assert "duplicate key 'title'" in message and "line 2" in message


def test_duplicate_key_in_a_nested_mapping() -> None:
    [(line, column, message)] = parse_problems("source:\n  agency: APA\n  agency: AFP\n")
    assert (line, column) == (3, 3)
    assert "duplicate key 'agency'" in message


@pytest.mark.parametrize("key", ["1", "yes", "2025-06-23", "[a]"])
def test_keys_must_be_text(key: str) -> None:
    [(line, _column, message)] = parse_problems(f"id: a\n{key}: x\n")
    assert line == 2
    assert "key must be text" in message


def test_second_document_is_refused(loader: str) -> None:
    [(line, column, message)] = parse_problems("id: a\n---\nid: b\n")
    assert (line, column) == (2, 1)
    assert "one YAML document" in message


def test_second_document_after_explicit_first() -> None:
    [(line, _column, message)] = parse_problems("---\nid: a\n...\n---\nid: b\n")
    assert line == 4
    assert "one YAML document" in message


def test_one_explicit_document_is_fine() -> None:
    assert parse("---\nid: a\n...\n", "f.yaml").plain() == {"id": "a"}


def test_comments_only_hold_no_document() -> None:
    [(line, column, message)] = parse_problems("# nothing here\n# still nothing\n")
    assert (line, column) == (1, 1)
    assert "no YAML document" in message


# --- hostile input ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['touch {marker}']\n",
        "a: !!python/object/new:os.system ['touch {marker}']\n",
        "a: !!python/object:pathlib.Path {{}}\n",
        "a: !!python/name:os.system ''\n",
        "a: !!python/module:os ''\n",
        "!!python/object/apply:os.system ['touch {marker}']\n",
    ],
)
def test_python_tags_are_errors_and_execute_nothing(loader: str, tmp_path: Path, text: str) -> None:
    marker = tmp_path / "pwned"
    [(line, column, message)] = parse_problems(text.format(marker=marker))
    assert line == 1 and column in (1, 4)
    assert "!!python/" in message and "not allowed" in message
    assert not marker.exists()


@pytest.mark.parametrize("text", ["a: !foo x\n", "a: !!binary aGVsbG8=\n", "a: !!set {x, y}\n"])
def test_other_tags_are_refused(text: str) -> None:
    [(line, _column, message)] = parse_problems(text)
    assert line == 1
    assert "not allowed" in message


def test_merge_keys_are_refused_by_name() -> None:
    [(line, column, message)] = parse_problems("<<: {a: 1}\nb: 2\n")
    assert (line, column) == (1, 1)
    assert "merge keys (<<) are not supported" in message


def test_billion_laughs_stops_quickly_with_an_error(loader: str) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        name, prev = "abcdefghij"[level], "abcdefghij"[level - 1]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    # stopped by the alias limit, located, not expanded to a billion items (no timing here: a loaded
    # machine would make a time limit flaky; the error itself shows the expansion was cut short)
    [(line, _column, message)] = parse_problems("\n".join(lines) + "\n")
    assert line > 1
    assert "alias" in message


def test_unknown_and_recursive_aliases_are_errors(loader: str) -> None:
    [(_, _, message)] = parse_problems("a: *nope\n")
    assert "unknown alias *nope" in message
    [(_, _, message)] = parse_problems("a: &x [1, *x]\n")
    assert "unknown alias *x" in message


def test_ten_thousand_levels_of_nesting_is_an_error_not_a_crash(loader: str) -> None:
    text = "[" * 10_000 + "]" * 10_000
    [(line, _column, message)] = parse_problems(text)  # a RecursionError would escape here
    assert line == 1
    assert "nesting" in message


def test_depth_limit_applies_to_block_style(loader: str) -> None:
    # x:
    #   -
    #     -
    #       - ...   each item a list one level deeper
    deep = "x:\n" + "".join("  " * (level + 1) + "-\n" for level in range(MAX_DEPTH + 10))
    [(line, _column, message)] = parse_problems(deep)
    assert f"deeper than {MAX_DEPTH}" in message
    assert line == MAX_DEPTH + 1  # the list that would be one level too deep


def test_nesting_under_the_limit_is_fine() -> None:
    text = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    node = parse(text, "f.yaml")
    assert isinstance(node.value, list)


# --- bytes to text -------------------------------------------------------------------------

def test_utf8_bom_is_accepted() -> None:
    assert decode("\ufeffid: a\n".encode("utf-8"), "f.yaml") == "id: a\n"


def test_utf16_with_bom_is_refused() -> None:
    line, column, message = decode_problem("id: a\n".encode("utf-16"))
    assert (line, column) == (1, 1)
    assert "UTF-16" in message and "UTF-8" in message


def test_utf16_without_bom_is_recognised() -> None:
    line, column, message = decode_problem("id: a\n".encode("utf-16-le"))
    assert (line, column) == (1, 1)
    assert "UTF-16" in message and "UTF-8" in message


def test_a_lone_nul_byte_is_binary() -> None:
    line, column, message = decode_problem(b"id: a\ntitle: b\x00c\n")
    assert (line, column) == (2, 9)
    assert "NUL" in message


def test_latin1_reports_the_bad_byte_with_line_and_column() -> None:
    data = 'id: a\ntitle: "Goïta"\n'.encode("latin-1")
    line, column, message = decode_problem(data)
    # line 2 is `title: "Goïta"`: 'title: "Go' is 10 characters, so ï is column 11
    assert (line, column) == (2, 11)
    assert "0xef" in message and "UTF-8" in message


def test_latin1_column_counts_characters_not_bytes() -> None:
    data = 'title: "Sénou Goïta"\n'.encode("utf-8").replace("ï".encode("utf-8"), b"\xef")
    line, column, _ = decode_problem(data)
    assert (line, column) == (1, 17)  # 'title: "Sénou Go' is 16 characters (é is two bytes)


def test_nul_byte_is_binary_and_located() -> None:
    line, column, message = decode_problem(b"id: a\ntitle: x\x00y\n")
    assert (line, column) == (2, 9)
    assert "binary" in message


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n", "\ufeff".encode("utf-8")])
def test_empty_and_whitespace_only(data: bytes) -> None:
    line, column, message = decode_problem(data)
    assert (line, column) == (1, 1)
    assert "empty" in message


# --- files ---------------------------------------------------------------------------------

def test_load_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("\ufeffid: a\n".encode("utf-8"))
    assert load(path).plain() == {"id": "a"}


def test_file_over_max_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    size = path.stat().st_size
    [(line, _column, message)] = load_problems(path, max_bytes=100)
    assert line == 0
    assert f"{size:,}" in message and "100" in message and "READER_MAX_BYTES" in message
    # and exactly at the limit it loads
    assert load_article(path, max_bytes=size).id == "mini"


def test_reader_max_bytes_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    env = dict(os.environ, READER_MAX_BYTES="50")
    result = subprocess.run([sys.executable, "-m", "reader", "check", str(path)], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1
    assert "over the limit of 50" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_read_text_of_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProblemsError) as caught:
        read_text(tmp_path)
    assert "folder" in caught.value.problems[0].message
    with pytest.raises(ProblemsError) as caught:
        read_text(tmp_path / "missing.yaml")
    assert "cannot read" in caught.value.problems[0].message


def test_encoding_problems_through_load_article(tmp_path: Path) -> None:
    """The whole path from a file: each refusal is one located problem naming the file."""
    cases = {
        "latin1.yaml": ('id: a\ntitle: "Goïta"\n'.encode("latin-1"), (2, 11), "UTF-8"),
        "utf16.yaml": ("id: a\n".encode("utf-16"), (1, 1), "UTF-16"),
        "nul.yaml": (b"id: a\x00\n", (1, 6), "NUL"),
        "empty.yaml": (b"", (1, 1), "empty"),
        "blank.yaml": (b"  \n \n", (1, 1), "empty"),
    }
    for name, (data, where, words) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        [(line, column, message)] = load_problems(path)
        assert (line, column) == where, name
        assert words in message, name


def test_utf8_bom_through_load_article(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.read_bytes())
    assert load_article(path).id == "mini"
