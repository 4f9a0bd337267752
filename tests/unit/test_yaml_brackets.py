"""An unclosed bracket or quote is reported where it opens (PyYAML says where it gave up: often past the end of the file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.load import yamlsource
from reader.model.problems import ProblemsError
from reader.settings.config import load_config


def problem_of(text: str) -> str:
    with pytest.raises(ProblemsError) as error:
        yamlsource.parse(text, "f.yaml")
    (problem,) = error.value.problems
    return str(problem)


@pytest.mark.parametrize("text, says", [
    ("a: 1\nb: 2\ntitle: [unclosed", "f.yaml:3:8: YAML syntax error: '[' is never closed (the file ends at 4:1)"),
    ("a: 1\nb: 2\ntitle: [unclosed\n", "f.yaml:3:8: YAML syntax error: '[' is never closed (the file ends at 4:1)"),
    ("a: 1\ntitle: {x: 1\n\n", "f.yaml:2:8: YAML syntax error: '{' is never closed (the file ends at 4:1)"),
    ('a: "unclosed\nb: 2\n', "f.yaml:1:4: YAML syntax error: the double quote is never closed (the file ends at 3:1)"),
    ("a: 1\nb: 'x\n", "f.yaml:2:4: YAML syntax error: the single quote is never closed (the file ends at 3:1)"),
])
def test_a_bracket_or_quote_never_closed_is_shown_where_it_opens(text, says):
    assert problem_of(text) == says


@pytest.mark.parametrize("text, says", [
    ("a: [1, 2\nb: 3\n", "f.yaml:1:4: YAML syntax error: '[' is not closed: at 2:2 YAML expected ',' or ']', not ':'"),
    ("a: [1, 2}\n", "f.yaml:1:4: YAML syntax error: '[' is not closed: at 1:9 YAML expected ',' or ']', not '}'"),
    ("x: {é: 1\ny: 2\n", "f.yaml:1:4: YAML syntax error: '{' is not closed: at 2:2 YAML expected ',' or '}', not ':'"),
])
def test_a_bracket_left_open_before_more_text_names_both_places(text, says):
    assert problem_of(text) == says


@pytest.mark.parametrize("text, says", [
    ('id: a\ntitle: "Un titre\nlanguage: fr\npublished: "2025-06-23"\n',
     "f.yaml:2:8: YAML syntax error: this quoted value runs on to the quote at 4:12: is its closing quote missing? "
     "(while parsing a block mapping did not find expected key)"),
    ("id: a\ntitle: 'Un titre\nlanguage: 'fr'\n",
     "f.yaml:2:8: YAML syntax error: this quoted value runs on to the quote at 3:11: is its closing quote missing? "
     "(while parsing a block mapping did not find expected key)"),
])
def test_a_quote_left_open_before_another_quote_is_shown_where_it_opens(text, says):
    """The value reads on to the next quote, lines below, and the error comes after it: the author looks at the opening one."""
    assert problem_of(text) == says


def test_a_value_quoted_over_lines_on_purpose_still_loads():
    assert yamlsource.parse('a: "one\n  two"\nb: 2\n', "f.yaml").value["a"].value == "one two"


def test_columns_count_characters_not_bytes():
    assert problem_of('t: "é"\nüé: [x').startswith("f.yaml:2:5: YAML syntax error: '[' is never closed")


@pytest.mark.parametrize("text, says", [
    ('a: "\\q"\n', "f.yaml:1:5: YAML syntax error: while parsing a quoted scalar found unknown escape character"),
    ("a:\n\t- b\n", "f.yaml:2:1: YAML syntax error: a tab character; YAML indents with spaces, never tabs"),
    ("a: [b, c]]\n", "f.yaml:1:10: YAML syntax error: while parsing a block mapping did not find expected key"),
])
def test_other_syntax_errors_keep_their_place(text, says):
    assert problem_of(text) == says


def test_the_config_file_says_where_its_bracket_opens(tmp_path: Path):
    path = tmp_path / "config.yaml"
    path.write_text("theme: reader-dark\nlibrary: [~/news\n", encoding="utf-8")
    _, problems = load_config(path)
    assert [f"{p.line}:{p.column}: {p.message}" for p in problems] == ["2:10: YAML syntax error: '[' is never closed (the file ends at 3:1)"]
