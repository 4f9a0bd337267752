"""Text folding with an offset map: the one normalisation that annotation and search share.

Folding makes typography irrelevant to matching: case and accents (unless kept), every
apostrophe, every kind of space (collapsed to one), soft hyphens and zero-width characters,
ligatures such as œ. Each folded character remembers the span of original characters it came
from, so a match in folded text maps back to exactly the original characters.
"""

from __future__ import annotations

import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache

APOSTROPHES = "\u2019\u2018\u02bc\u2032\u0060\u00b4\u02bb"
HYPHENS = "\u2010\u2011"
IGNORED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e")
LIGATURES = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"}


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text plus, for each folded character, the original span it came from."""

    text: str
    starts: array
    ends: array
    length: int
    """Length of the original text."""

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span [start, end) to the original span it covers."""
        if start >= end:
            at = self.starts[start] if start < len(self.text) else self.length
            return at, at
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=4096)
def _fold_unit(unit: str, case: bool, accents: bool) -> str:
    """Fold one base character with its combining marks."""
    first = unit[0]
    if first in IGNORED:
        return ""
    if first.isspace():
        return " "
    if first in APOSTROPHES:
        return "'"
    if first in HYPHENS:
        return "-"
    if first in LIGATURES:
        unit = LIGATURES[first] + unit[1:]
    if accents:
        out = unicodedata.normalize("NFC", unit)
    else:
        out = "".join(c for c in unicodedata.normalize("NFKD", unit) if not unicodedata.combining(c))
        out = unicodedata.normalize("NFC", out)
    if not case:
        out = out.casefold()
    if out.isspace():
        return " "
    return out


def fold(text: str, *, case: bool = False, accents: bool = False) -> Folded:
    """Fold text; ``case``/``accents`` keep case or accents significant."""
    out: list[str] = []
    starts = array("l")
    ends = array("l")
    n = len(text)
    i = 0
    last_space = False
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        char = text[i]
        if j == i + 1 and char.isascii() and char.isalnum() and (case or not char.isupper()):
            piece = char  # the common case, without the cache lookup
        else:
            piece = _fold_unit(text[i:j], case, accents)
        if piece == " ":
            if last_space:
                ends[-1] = j
            else:
                out.append(" ")
                starts.append(i)
                ends.append(j)
                last_space = True
        elif piece:
            for c in piece:
                out.append(c)
                starts.append(i)
                ends.append(j)
            last_space = False
        i = j
    return Folded("".join(out), starts, ends, n)


def fold_text(text: str, *, case: bool = False, accents: bool = False) -> str:
    """Just the folded string (for queries and aliases)."""
    return fold(text, case=case, accents=accents).text


def is_word_char(char: str) -> bool:
    """Letters and digits make words; everything else is a boundary."""
    return char.isalnum()


def at_word_boundaries(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not glued to a letter or digit on either side."""
    if start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
        return False
    if end < len(text) and is_word_char(text[end]) and is_word_char(text[end - 1]):
        return False
    return True
