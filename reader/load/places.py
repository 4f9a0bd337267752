"""Where a problem is: the accord item of a number, the longer alias that hides a shorter one."""

from __future__ import annotations

from bisect import bisect_right

from reader.load.yamlsource import Node
from reader.text.spans import Annotator

MAX_EXPLAINED = 50
"""Aliases that match nowhere checked for where they hide inside a longer one (the rest are just named)."""


def covering_alias(annotator: Annotator, spans: list[tuple[int, int, int, int, str]], alias: str) -> str | None:
    """The folded longer alias whose match covers the first place this alias occurs, or None."""
    found = annotator.find(alias)
    if not found:
        return None
    at = found[0]
    i = bisect_right(spans, (at.section, at.paragraph, at.start, float("inf")))
    if i:
        s, p, start, end, text = spans[i - 1]
        if (s, p) == (at.section, at.paragraph) and start <= at.start and at.end <= end:
            return text
    return None


def items_by_number(node: Node | None) -> dict[int, Node]:
    """Each accord's list item by its number, to locate ordering problems (the first of a
    number wins); one pass, where a search per problem was quadratic."""
    out: dict[int, Node] = {}
    if node is None or not isinstance(node.value, list):
        return out
    for item in node.value:
        number = item.value.get("number") if isinstance(item.value, dict) else None
        if number is not None and isinstance(number.value, int) and not isinstance(number.value, bool):
            out.setdefault(number.value, item)
    return out
