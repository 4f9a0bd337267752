"""Alias patterns: a character trie of the aliases as one regex, longest first, never nested too deep."""

from __future__ import annotations

import re
from typing import Iterable

MAX_GROUP_DEPTH = 40
"""Deepest nesting of groups in an alias pattern; below it a subtree is one flat alternation,
because re's parser recurses per group (a chain of aliases, each a prefix of the next, nested
one group per alias and raised RecursionError)."""


def trie(words: Iterable[str]) -> dict:
    """A character trie of the words; "" marks the end of a word."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return root


def _suffixes(node: dict) -> list[str]:
    """Every word ending below a trie node, as the rest after the node (without recursion)."""
    out = []
    stack = [(node, "")]
    while stack:
        node, head = stack.pop()
        for char, child in node.items():
            if char:
                stack.append((child, head + char))
            else:
                out.append(head)
    return out


def _flat(node: dict) -> str:
    """A trie node's subtree as one alternation, longest first: the same matches, tried in the
    same order, as the nested form (every candidate at a place is a prefix of the next)."""
    rest = sorted((w for w in _suffixes(node) if w), key=lambda w: (-len(w), w))
    body = "|".join(map(re.escape, rest))
    if not rest:
        return ""
    return f"(?:{body})?" if "" in node else (f"(?:{body})" if len(rest) > 1 else body)


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of the words, trying longer ones first at each position.

    A run of single children is emitted in a loop, and groups nest at most MAX_GROUP_DEPTH
    deep, so neither this function nor re's parser recurses with an alias's length.
    """

    def emit(node: dict, depth: int) -> str:
        if depth >= MAX_GROUP_DEPTH:
            return _flat(node)
        head = []
        while len(node) == 1 and "" not in node:  # a single child: no group needed
            (char, node), = node.items()
            head.append(re.escape(char))
        branches = [re.escape(c) + emit(child, depth + 1) for c, child in sorted(node.items()) if c]
        if not branches:
            return "".join(head)
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "".join(head) + (f"(?:{body})?" if "" in node else body)

    return emit(trie(words), 0)
