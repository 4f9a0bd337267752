"""Text folding with an offset map: the one normalisation that annotation and search share.

Folding makes typography irrelevant to matching: case and accents (unless kept), every
apostrophe, every kind of space (collapsed to one), soft hyphens and zero-width characters,
ligatures such as œ. Each folded character remembers the span of original characters it came
from, so a match in folded text maps back to exactly the original characters.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

APOSTROPHES = "\u2019\u2018\u02bc\u2032\u0060\u00b4\u02bb"
HYPHENS = "\u2010\u2011"
IGNORED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e")
LIGATURES = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"}


class OffsetMap:
    """A folded text's offset map where folding is one character for one, but for collapsed
    runs of spaces: per folded index, the original start (``ends=False``) or end; no arrays."""

    __slots__ = ("size", "runs", "run_ends", "shifts", "ends")

    def __init__(self, size: int, runs: Sequence[int], run_ends: Sequence[int], shifts: Sequence[int], ends: bool) -> None:
        self.size = size
        self.runs = runs
        """Folded index of each collapsed run of spaces."""
        self.run_ends = run_ends
        """Original end of each run."""
        self.shifts = shifts
        """Characters dropped before each run (by the runs before it), then in all."""
        self.ends = ends

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, k: int) -> int:
        if k < 0:
            k += self.size
        if not 0 <= k < self.size:
            raise IndexError("offset map index out of range")
        runs = self.runs
        if not runs:
            return k + 1 if self.ends else k
        r = bisect_left(runs, k)
        start = k + self.shifts[r]
        if not self.ends:
            return start
        return self.run_ends[r] if r < len(runs) and runs[r] == k else start + 1

    def __iter__(self):
        return (self[k] for k in range(self.size))


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text plus, for each folded character, the original span it came from."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]
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


_SPACE_RUNS = re.compile(" {2,}")


@lru_cache(maxsize=8192)
def _fold_char(char: str, case: bool, accents: bool) -> str | None:
    """One character's folding when it is one character for one (None otherwise, or for a
    combining mark, which folds together with the character before it)."""
    if unicodedata.combining(char):
        return None
    piece = _fold_unit(char, case, accents)
    return piece if len(piece) == 1 else None


def fold(text: str, *, case: bool = False, accents: bool = False) -> Folded:
    """Fold text; ``case``/``accents`` keep case or accents significant."""
    # the fast path: every character folds to one character (no ligature, no ignored
    # character, no combining mark), so the map is the identity but for runs of spaces
    table = _fast_table(_charset(text), case, accents)
    if table is None:
        return _fold_slow(text, case, accents)
    return _finish(len(text), _translate(text, table, case, accents) if table else text)


def fold_many(texts: Sequence[str], *, case: bool = False, accents: bool = False,
              pause: Callable[[], None] | None = None) -> list[Folded]:
    """``[fold(t, case=case, accents=accents) for t in texts]``, faster for many texts.

    ``pause``, when given, is called between chunks of a few milliseconds' work each (a worker
    thread lets the screen's thread run there: see reader.search.pacing)."""
    return _fold_many(texts, case, accents, pause)[0]


_CHUNK = 1 << 19
"""Characters folded together at most (bounds the memory the joined copies take)."""
_PACED_CHUNK = 1 << 16
"""Characters folded together at most between two pauses: a few milliseconds of work (512K
characters took 15-25 ms, a frame's worth of the screen's thread held back)."""


def _fold_many(texts: Sequence[str], case: bool, accents: bool,
               pause: Callable[[], None] | None = None) -> tuple[list[Folded], set[str] | None]:
    """fold_many, and a superset of the non-ASCII characters of the folded texts (None when not
    known). Texts are folded by chunks of about _CHUNK characters (see _fold_chunk), smaller
    ones with a ``pause`` called after each."""
    texts = list(texts)
    out: list[Folded] = []
    chars: set[str] | None = set()
    limit = _CHUNK if pause is None else _PACED_CHUNK
    at = 0
    while at < len(texts):
        size = 0
        end = at
        while end < len(texts) and (end == at or size + len(texts[end]) <= limit):
            size += len(texts[end]) + 1
            end += 1
        folded, found = _fold_chunk(texts[at:end], case, accents)
        out += folded
        chars = None if chars is None or found is None else chars | found
        at = end
        if pause is not None:
            pause()
    return out, chars


def _fold_chunk(texts: list[str], case: bool, accents: bool) -> tuple[list[Folded], set[str] | None]:
    """_fold_many for a few texts: those that take the fast path are translated together,
    joined by a NUL (which folds to itself)."""
    joined = "\x00".join(texts)
    if len(texts) < 2 or len(joined) < 4096 or joined.count("\x00") != len(texts) - 1:
        return [fold(text, case=case, accents=accents) for text in texts], None
    chars, complete = _charset(joined)
    bad = [c for c in chars if _fold_char(c, case, accents) is None]
    out: list[Folded | None] = [None] * len(texts)
    fast: Sequence[int] = range(len(texts))
    if bad:
        finder = re.compile("[" + "".join(re.escape(c) for c in bad) + "]")
        fast = [i for i, text in enumerate(texts) if not finder.search(text)]
        for i in set(range(len(texts))).difference(fast):
            out[i] = fold(texts[i], case=case, accents=accents)
        joined = "\x00".join(texts[i] for i in fast)
        chars = chars.difference(bad)
    table = _fast_table((chars, complete), case, accents)
    assert table is not None
    pieces = (_translate(joined, table, case, accents) if table else joined).split("\x00")
    for i, piece in zip(fast, pieces):
        out[i] = _finish(len(texts[i]), piece)
    folded_chars = None if bad else {table.get(ord(c), c) for c in chars}
    return out, folded_chars  # type: ignore[return-value]


_ASCII = bytes(range(128))


def _charset(text: str) -> tuple[set[str], bool]:
    """The characters of a text, and whether that set is complete: for a long text, only the
    non-ASCII ones (every ASCII character folds to one character), found through the UTF-8
    bytes with the ASCII bytes deleted, which is much faster than ``set(text)``."""
    if len(text) < 512:
        return set(text), True
    if text.isascii():
        return set(), False
    return set(text.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass")), False


@lru_cache(maxsize=4)
def _ascii_table(case: bool, accents: bool) -> dict[int, str]:
    """The fast path's table for every ASCII character (each folds to one character)."""
    out = {}
    for code in range(128):
        piece = _fold_char(chr(code), case, accents)
        assert piece is not None
        if piece != chr(code):
            out[code] = piece
    return out


def _fast_table(charset: tuple[set[str], bool], case: bool, accents: bool) -> dict[int, str] | None:
    """The fast path's translation table for a text's characters (see _charset), or None
    when one of them does not fold one for one."""
    chars, complete = charset
    table = {} if complete else dict(_ascii_table(case, accents))
    for char in chars:
        piece = _fold_char(char, case, accents)
        if piece is None:
            return None
        if piece != char:
            table[ord(char)] = piece
    return table


@lru_cache(maxsize=8192)
def _identity(n: int, ends: bool) -> OffsetMap:
    """The offset map of a text of n characters folded one for one, shared by every such text (a
    map never changes): 18,000 paragraphs made 36,000 maps and 108,000 empty lists otherwise, all
    for the garbage collector to walk (50 ms a walk) once a search's index was built."""
    return OffsetMap(n, (), (), (), ends)


def _finish(n: int, folded: str) -> Folded:
    """The fast path's Folded for an original of length ``n`` folded one for one to ``folded``."""
    if "  " not in folded:
        return Folded(folded, _identity(n, False), _identity(n, True), n)
    runs: list[int] = []
    run_ends: list[int] = []
    shifts: list[int] = []
    dropped = 0
    for match in _SPACE_RUNS.finditer(folded):
        a, b = match.span()
        runs.append(a - dropped)
        run_ends.append(b)
        shifts.append(dropped)
        dropped += b - a - 1
    shifts.append(dropped)
    size = n - dropped
    return Folded(_SPACE_RUNS.sub(" ", folded), OffsetMap(size, runs, run_ends, shifts, False), OffsetMap(size, runs, run_ends, shifts, True), n)


@lru_cache(maxsize=4)
def _byte_table(case: bool, accents: bool) -> bytes:
    """The folding of every Latin-1 character that folds to one Latin-1 character, as bytes."""
    out = bytearray(range(256))
    for b in range(256):
        piece = _fold_char(chr(b), case, accents)
        if piece is not None and ord(piece) < 256:
            out[b] = ord(piece)
    return bytes(out)


def _translate(text: str, table: dict[int, str], case: bool, accents: bool) -> str:
    """``text.translate(table)``, through bytes when the text is Latin-1 after a few replaces
    (str.translate looks every character up in a dict; bytes.translate does not)."""
    wide = [(chr(c), p) for c, p in table.items() if c > 255 or ord(p) > 255]
    if len(wide) <= 8 and all(ord(p) < 256 for _, p in wide):
        narrow = text
        for char, piece in wide:
            narrow = narrow.replace(char, piece)
        try:
            data = narrow.encode("latin-1")
        except UnicodeEncodeError:
            return text.translate(table)
        return data.translate(_byte_table(case, accents)).decode("latin-1")
    return text.translate(table)


def _fold_slow(text: str, case: bool, accents: bool) -> Folded:
    """Fold character by character (ligatures, ignored characters, combining marks)."""
    out: list[str] = []
    starts = array("I")
    ends = array("I")
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
