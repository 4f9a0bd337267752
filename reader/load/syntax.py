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
    run_on = _quote_run_on(text, problem) if problem is not None else None
    if run_on is not None:  # a closing quote left out: the value ran on to the next quote, lines below
        (line, column), (end_line, end_column) = run_on
        return Problem(name, line, column, f"YAML syntax error: this quoted value runs on to the quote at "
                                           f"{end_line}:{end_column}: is its closing quote missing? ({message})")
    line, column = _at(mark) if mark else (0, 0)
    if mark and mark.index < len(text) and text[mark.index] == "\t":
        message = "a tab character; YAML indents with spaces, never tabs"
    return Problem(name, line, column, f"YAML syntax error: {message}")


def _quote_run_on(text: str, problem: yaml.Mark) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Where a quoted value that spans lines opens and ends, when the error comes right after it.

    `title: "Un titre` with its closing quote left out reads on, across the next lines, to the next
    quote in the file; PyYAML then stumbles on what follows that quote, lines below. A value quoted
    over several lines is rare, one missing its closing quote is not: the opening quote is where to look."""
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):  # the pure scanner: only on this error's path
            if token.start_mark.index >= problem.index:
                break
            last = token
    except yaml.YAMLError:
        pass
    if not isinstance(last, yaml.ScalarToken) or last.style not in ('"', "'"):
        return None
    start, end = last.start_mark, last.end_mark
    if start.line == end.line or text[end.index:problem.index].strip():
        return None
    return _at(start), (end.line + 1, end.column)  # the column of the quote that closed it (the mark is after it)
