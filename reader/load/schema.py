"""Strict checks of YAML nodes: types, required and unknown keys, each problem located."""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Any, Iterable

from reader.model.problems import Problem, suggest
from reader.load.yamlsource import Node, parse_problems

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
_EXPONENT = re.compile(r"([-+]?)([0-9]+)(?:\.([0-9]*))?[eE]([-+]?[0-9]+)\Z")
"""A YAML 1.2 float that YAML 1.1 reads as text: an exponent with no dot in the digits (1e308)."""
_OCTAL = re.compile(r"[-+]?0o[0-7]+\Z")
"""A YAML 1.2 octal (0o17), text to YAML 1.1."""


def _number_hint(value: str) -> str:
    """How to write a number that YAML 1.2 would read but this reader's YAML 1.1 reads as text."""
    text = value.strip()
    exponent = _EXPONENT.match(text)
    if exponent:
        sign, whole, fraction, power = exponent.groups()
        power = power if power.startswith(("-", "+")) else "+" + power
        return f"; YAML here reads {text!r} as text: write it with a dot, {sign}{whole}.{fraction or '0'}e{power}"
    if _OCTAL.match(text):
        return f"; YAML here reads {text!r} as text: write it in decimal, {int(text.replace('0o', ''), 8)}"
    return ""


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return "a date"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "text"


class Checker:
    """Collects located problems for one file while reading its nodes."""

    def __init__(self, path: str, root: Node | None = None) -> None:
        self.path = path
        self.problems: list[Problem] = parse_problems(root) if root is not None else []
        """Every problem found, starting with those parsing ``root`` went on past (duplicate keys, unreadable values)."""
        self.parsed_at = {(p.line, p.column) for p in self.problems}
        """Where parsing found a problem: a check of the value there says nothing more."""

    def problem(self, node: Node | None, message: str) -> None:
        """Record a problem at a node (or at the file when there is none)."""
        line, column = (node.line, node.column) if node is not None else (0, 0)
        if (line, column) in self.parsed_at:
            return
        self.problems.append(Problem(self.path, line, column, message))

    def mapping(self, node: Node, what: str, required: Iterable[str], optional: Iterable[str] = ()) -> dict[str, Node] | None:
        """The mapping's entries, after reporting missing and unknown keys; None if not a mapping."""
        if not isinstance(node.value, dict):
            self.problem(node, f"{what} must be a mapping of keys to values, not {_kind(node.value)}")
            return None
        required = list(required)
        known = required + list(optional)
        for key, key_node in node.keys.items():
            if key not in known:
                self.problem(key_node, f"unknown key {key!r} in {what}{suggest(key, known)}")
        missing = [key for key in required if key not in node.value]
        for key in missing:
            self.problem(node, f"{what} lacks the required key {key!r}")
        return node.value

    def text(self, node: Node | None, what: str, *, empty: bool = False) -> str | None:
        """A text value; numbers, dates and booleans must be quoted to count as text."""
        if node is None:
            return None
        value = node.value
        if isinstance(value, str):
            if not empty and not value.strip():
                self.problem(node, f"{what} is empty")
                return None
            return value
        hint = ""
        if isinstance(value, (bool, int, float, _dt.date)):
            hint = "; put it in quotes to make it text"
        self.problem(node, f"{what} must be text, not {_kind(value)}{hint}")
        return None

    def identifier(self, node: Node | None, what: str) -> str | None:
        """An id: lower-case letters, digits, '-' and '_'."""
        value = self.text(node, what)
        if value is not None and not ID_PATTERN.match(value):
            self.problem(node, f"{what} {value!r} must be lower-case letters, digits, '-' or '_'")
            return None
        return value

    def choice(self, node: Node | None, what: str, choices: Iterable[str]) -> str | None:
        """Text that must be one of a fixed set."""
        value = self.text(node, what)
        choices = list(choices)
        if value is not None and value not in choices:
            self.problem(node, f"{what} {value!r} is not one of {', '.join(choices)}{suggest(value, choices)}")
            return None
        return value

    def integer(self, node: Node | None, what: str, *, minimum: int | None = None) -> int | None:
        """A whole number."""
        if node is None:
            return None
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(node, f"{what} must be a whole number, not {_kind(value)}")
            return None
        if minimum is not None and value < minimum:
            self.problem(node, f"{what} must be at least {minimum}")
            return None
        return value

    def number(self, node: Node | None, what: str) -> float | int | None:
        """An int or a float."""
        if node is None:
            return None
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            hint = _number_hint(value) if isinstance(value, str) else ""
            self.problem(node, f"{what} must be a number, not {_kind(value)}{hint}")
            return None
        if isinstance(value, float) and math.isnan(value):
            self.problem(node, f"{what} is not a number (.nan); write the figure's value")
            return None
        try:
            finite = math.isfinite(float(value))
        except OverflowError:  # an int past the largest float: every comparison would raise
            finite = False
        if not finite:
            self.problem(node, f"{what} is beyond the range of numbers a figure can hold (about ±1.8e308)")
            return None
        return value

    def boolean(self, node: Node | None, what: str) -> bool | None:
        """true or false."""
        if node is None:
            return None
        if not isinstance(node.value, bool):
            self.problem(node, f"{what} must be true or false, not {_kind(node.value)}")
            return None
        return node.value

    def items(self, node: Node | None, what: str, *, empty: bool = True) -> list[Node]:
        """The nodes of a list (empty when absent or wrong)."""
        if node is None:
            return []
        if not isinstance(node.value, list):
            self.problem(node, f"{what} must be a list, not {_kind(node.value)}")
            return []
        if not empty and not node.value:
            self.problem(node, f"{what} is an empty list")
        return node.value

    def texts(self, node: Node | None, what: str, *, empty: bool = True) -> tuple[str, ...]:
        """A list of texts."""
        out = []
        for index, item in enumerate(self.items(node, what, empty=empty), 1):
            value = self.text(item, f"{what} item {index}")
            if value is not None:
                out.append(value)
        return tuple(out)
