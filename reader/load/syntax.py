"""YAML syntax errors as located problems: an unclosed bracket or quote is shown where it opens, not where the file ends."""

from __future__ import annotations

import yaml

from reader.model.problems import Problem

CLOSERS = {"[": "]", "{": "}", '"': '"', "'": "'"}
"""What closes each opener PyYAML names in its context ("while parsing a flow sequence" at the `[`)."""
NAMES = {"[": "'['", "{": "'{'", '"': "the double quote", "'": "the single quote"}
"""Each opener as a message names it (a quote inside quotes would not read)."""


def _at(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def syntax_problem(error: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    """The problem of a YAML syntax error, located where the author has to look.

    PyYAML reports an unclosed `[`, `{` or quote where it gave up, often the end of the file (4:1 for a
    3-line file), and names the opener only in its context mark: the problem goes there, with where
    the reading stopped, since that is the character to fix."""
    problem, context = error.problem_mark, error.context_mark
    opener = text[context.index] if context is not None and 0 <= context.index < len(text) else ""
    # only the errors of an opener left open: a nesting too deep also names a '[' as its context
    left_open = "expected ','" in (error.problem or "") or "end of stream" in (error.problem or "")
    if problem is not None and opener in CLOSERS and left_open:
        closer, (line, column), (end_line, end_column) = CLOSERS[opener], _at(context), _at(problem)
        if not text[problem.index:].strip():
            message = f"{NAMES[opener]} is never closed (the file ends at {end_line}:{end_column})"
            return Problem(name, line, column, f"YAML syntax error: {message}")
        if opener in "[{":  # stopped inside: at a character that neither continues nor closes it
            found = text[problem.index] if problem.index < len(text) else ""
            message = (f"'{opener}' is not closed: at {end_line}:{end_column} YAML expected ',' or '{closer}'"
                       + (f", not {found!r}" if found.strip() else ""))
            return Problem(name, line, column, f"YAML syntax error: {message}")
    mark = problem or context
    message = " ".join(str(part) for part in (error.context, error.problem) if part)
    line, column = _at(mark) if mark else (0, 0)
    if mark and mark.index < len(text) and text[mark.index] == "\t":
        message = "a tab character; YAML indents with spaces, never tabs"
    return Problem(name, line, column, f"YAML syntax error: {message}")
