"""Lay an article out as display rows for a given width: headings, wrapped paragraphs, blanks.

Pure and Textual-free: the article view renders rows; this module decides what they hold.
Control characters are shown as visible escapes, so display text can be longer than the
original; every paragraph keeps a map between the two.
"""

from __future__ import annotations

from array import array
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len

from reader.model.article import Article, Location
from reader.text.safe import has_unsafe, visible

HEADING, KICKER, TEXT, BLANK = 0, 1, 2, 3
"""Row kinds."""
_SPACES = str.maketrans("\t\n\r\x0b\x0c", "     ")


@dataclass(slots=True)
class DisplayParagraph:
    """A paragraph's text as shown, with maps between original and display offsets."""

    text: str
    to_display: array | None = None
    """Original offset -> display offset (None when they are equal)."""

    def display(self, offset: int) -> int:
        return offset if self.to_display is None else self.to_display[offset]

    def original(self, offset: int) -> int:
        if self.to_display is None:
            return offset
        return max(0, bisect_right(self.to_display, offset) - 1)


def display_paragraph(text: str) -> DisplayParagraph:
    """Escape control characters visibly and turn tabs and newlines into spaces."""
    if not has_unsafe(text):
        if any(char in text for char in "\t\n\r\x0b\x0c"):
            text = text.translate(_SPACES)
        return DisplayParagraph(text)
    out: list[str] = []
    mapping = array("l")
    at = 0
    for char in text:
        mapping.append(at)
        shown = visible(char)
        out.append(shown.translate(_SPACES))
        at += len(shown)
    mapping.append(at)
    return DisplayParagraph("".join(out), mapping)


_BREAK = r"(?:(?<!«)(?:(?<!\d) | (?!\d{3}(?!\d)))(?![»:;!?])|\Z)"
"""Where a line may end: before a space, but not the space of a thousands group ("10 000",
"5 000 hommes" stay whole), nor French typography's spaces inside « » and before : ; ! ? (no line
starts with "»" or ":"), or at the end."""
_GLUED_AFTER = frozenset("»:;!?")
"""A space before one of these keeps it on the line of the word before (French typography)."""


@lru_cache(maxsize=16)
def _line_pattern(width: int) -> re.Pattern[str]:
    """One wrapped line of one-cell characters: leading spaces skipped, then the longest run of
    up to ``width`` characters that ends before a space (see _BREAK) or the end, else ``width`` characters."""
    return re.compile(rf" *+((?:.{{1,{width}}}(?={_BREAK}))|.{{1,{width}}})", re.DOTALL)


def _breaks_at(text: str, i: int) -> bool:
    """text[i] is a space a line may end before (not a thousands group's, nor one French typography keeps: see _BREAK)."""
    if i > 0 and text[i - 1] == "«" or i + 1 < len(text) and text[i + 1] in _GLUED_AFTER:
        return False
    return not (i > 0 and text[i - 1].isdigit() and text[i + 1:i + 4].isdigit() and len(text[i + 1:i + 4]) == 3
                and not text[i + 4:i + 5].isdigit())


_ONE_CELL = frozenset(
    char for a, b in ((0x20, 0x7F), (0xA0, 0x300), (0x2010, 0x205F), (0x20A0, 0x20C1))
    for char in map(chr, range(a, b)) if cell_len(char) == 1
)
"""Common characters that take one cell (Latin, punctuation, currency), checked at once."""


def _one_cell(text: str) -> bool:
    """True when every character of the text takes exactly one terminal cell."""
    return _ONE_CELL.issuperset(text) or all(cell_len(char) == 1 for char in set(text))


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap by terminal cells: (start, end) of each line, trailing spaces dropped."""
    width = max(1, width)
    if not text:
        return [(0, 0)]
    if text.isascii() and len(text) <= width:
        return [(0, len(text))]
    if _one_cell(text):  # the same lines as below, found by the regex engine
        lines = []
        for match in _line_pattern(width).finditer(text):
            start, end = match.span(1)
            lines.append((start, start + len(match.group(1).rstrip(" "))))
        return lines or [(0, 0)]
    return _wrap_cells(text, width)


def _wrap_cells(text: str, width: int) -> list[tuple[int, int]]:
    """wrap() for text with wide or zero-width characters, cell by cell."""
    lines: list[tuple[int, int]] = []
    ascii_text = text.isascii()
    start = 0
    n = len(text)
    while start < n:
        while start < n and text[start] == " ":
            start += 1
        if start >= n:
            break
        cells = 0
        end = start
        last_break = -1
        i = start
        while i < n:
            char = text[i]
            w = 1 if ascii_text else cell_len(char)
            if cells + w > width:
                break
            if char == " " and _breaks_at(text, i):
                last_break = i
            cells += w
            i += 1
        if i >= n:
            end = n
        elif text[i] == " " and _breaks_at(text, i):
            end = i
        elif last_break > start:
            end = last_break
        else:
            end = max(i, start + 1)  # a word longer than the line is cut
        stop = end
        while stop > start and text[stop - 1] == " ":
            stop -= 1
        lines.append((start, stop))
        start = end
    return lines or [(0, 0)]


class Layout:
    """Display rows of an article at one width."""

    def __init__(self, article: Article, width: int, paragraphs: list[list[DisplayParagraph]]) -> None:
        self.width = width
        self.kind = array("b")
        self.section = array("l")
        self.paragraph = array("l")
        self.start = array("l")
        self.end = array("l")
        self.section_rows = array("l")
        self.paragraph_rows: list[array] = []
        self.headings: list[list[str]] = []
        self.kickers: list[str] = []
        numbers = {a.anchor.section: a for a in article.accords}
        for s, section in enumerate(article.sections):
            self._row(BLANK, s)
            self.section_rows.append(len(self.kind))
            accord = numbers.get(s)
            kicker = ""
            if accord is not None:
                kicker = f"ACCORD {accord.number}" if accord.number else "DOSSIER"
            elif section.kind not in ("lede", "body"):
                kicker = section.kind.upper()
            self.kickers.append(kicker)
            if kicker:
                self._row(KICKER, s)
            heading = display_paragraph(section.heading).text
            self.headings.append([heading[a:b] for a, b in wrap(heading, width)])
            for line in range(len(self.headings[-1])):
                self._row(HEADING, s, line)
            rows = array("l")
            for p, shown in enumerate(paragraphs[s]):
                self._row(BLANK, s, p)
                rows.append(len(self.kind))
                lines = wrap(shown.text, width)
                count = len(lines)  # appended all at once: an article can have millions of rows
                self.kind.extend(array("b", [TEXT]) * count)
                self.section.extend(array("l", [s]) * count)
                self.paragraph.extend(array("l", [p]) * count)
                self.start.extend(array("l", [a for a, _ in lines]))
                self.end.extend(array("l", [b for _, b in lines]))
            self.paragraph_rows.append(rows)
        self._row(BLANK, len(article.sections) - 1)

    def _row(self, kind: int, section: int, paragraph: int = 0, start: int = 0, end: int = 0) -> None:
        self.kind.append(kind)
        self.section.append(section)
        self.paragraph.append(paragraph)
        self.start.append(start)
        self.end.append(end)

    def __len__(self) -> int:
        return len(self.kind)

    def row_of(self, location: Location, paragraphs: list[list[DisplayParagraph]]) -> int:
        """The row showing a location (its section heading when the location is a whole section)."""
        if location.start == 0 and location.end == 0 and location.paragraph == 0:
            return self.section_rows[location.section]
        first = self.paragraph_rows[location.section][location.paragraph]
        offset = paragraphs[location.section][location.paragraph].display(location.start)
        row = first
        while row + 1 < len(self) and self.kind[row + 1] == TEXT and self.paragraph[row + 1] == location.paragraph \
                and self.section[row + 1] == location.section and self.start[row + 1] <= offset:
            row += 1
        return row

    def location_of(self, row: int, paragraphs: list[list[DisplayParagraph]]) -> Location:
        """The place in the text a row shows (for the reading position)."""
        row = max(0, min(row, len(self) - 1))
        s = self.section[row]
        if self.kind[row] == TEXT:
            p = self.paragraph[row]
            return Location(s, p, paragraphs[s][p].original(self.start[row]), paragraphs[s][p].original(self.start[row]))
        if self.kind[row] == BLANK and row > self.section_rows[s]:
            return Location(s, self.paragraph[row], 0, 0)
        return Location(s, 0, 0, 0)
