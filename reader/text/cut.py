"""Cutting a line of text to a number of terminal cells at a word, with "…" where it goes on."""

from __future__ import annotations

from rich.cells import cell_len

ELLIPSIS = "…"
TRAILING = " ·—–-,;:"
"""What is dropped before the ellipsis: a cut after a separator leaves no "date ·…"."""


def head(text: str, cells: int) -> str:
    """The longest start of ``text`` at most ``cells`` wide (a character wider than the room left is not split)."""
    if cell_len(text) <= cells:
        return text
    out, used = [], 0
    for char in text:
        used += cell_len(char)
        if used > cells:
            break
        out.append(char)
    return "".join(out)


def cut_at_word(text: str, cells: int) -> str:
    """``text`` whole if it fits in ``cells``, else its start up to the last whole word that fits, then "…"; a first
    word wider than that is cut inside (nothing else would show). Spaces that start the text (an indent) are kept."""
    if cell_len(text) <= cells:
        return text
    if cells <= 0:
        return ""
    indent = len(text) - len(text.lstrip(" "))
    start = head(text, cells - 1)
    if len(start) < len(text) and not text[len(start)].isspace():  # the cut falls inside a word: go back to its start
        space = start.rfind(" ", indent)
        if space > indent:
            start = start[:space]
    start = start.rstrip(TRAILING)
    if len(start) <= indent:  # nothing but the indent (or a separator) before the cut: cut inside the first word
        start = head(text, cells - 1)
    return start + ELLIPSIS
