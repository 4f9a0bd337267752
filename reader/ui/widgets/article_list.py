"""The picker's list of articles: a Line API view that draws only the rows in sight (a title, whole, then its details)."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from typing import Callable, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.library.index import Row
from reader.text.safe import has_unsafe, label

ROW_HEIGHT = 2
"""Lines per article whose title fits on one: the title, then date · source · accords."""
WRAP_LIMIT = 1_000
"""Up to this many rows, long titles wrap (about 25 µs a long title to lay out: 1,000 of them at 40 columns, 35 ms); a longer
list (the whole of a big library, before a filter narrows it) keeps one line per title, cut at the edge."""
INDENT = 3
"""Cells before a title's second and later lines, so that they hang under its first (which starts at 1)."""


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def words_to_lines(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells (fast enough to lay out 100,000 titles); a word wider than a line is cut into pieces."""
    lines: list[str] = []
    line, used = "", 0
    for word in text.split():
        size = len(word) if word.isascii() else cell_len(word)
        while size > width:  # a word longer than a line: cut it, as nothing else fits it
            if line:
                lines.append(line)
                line, used = "", 0
            piece = word[:width]
            while cell_len(piece) > width:
                piece = piece[:-1]
            lines.append(piece)
            word = word[len(piece):]
            size = cell_len(word)
        if line and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
        elif line:
            lines.append(line)
            line, used = word, size
        else:
            line, used = word, size
    if line or not lines:
        lines.append(line)
    return lines


def title_lines(title: str, width: int) -> list[str]:
    """A title's lines at a width, whole words to a line where they fit: the first from cell 1, the others hanging at INDENT."""
    room = width - 1
    if cell_len(title) <= room or room - INDENT < 8:  # fits, or too narrow to wrap usefully (the row cuts it)
        return [title]
    lines = words_to_lines(title, room)
    rest = words_to_lines(" ".join(lines[1:]), room - INDENT + 1)
    return [lines[0]] + [" " * (INDENT - 1) + line for line in rest]


def row_lines(row: Row) -> tuple[str, str]:
    """An article's two lines as plain, terminal-safe text (fetched titles are data, never markup)."""
    if not row.loaded:
        folder = str(row.path.parent)
        where = f"  in {folder}" if row.path.name and folder != "." else ""
        return label(row.path.name or str(row.path)) + label(where), f"  could not be opened: {plural(len(row.problems), 'problem')}"
    meta = [row.published or "no date", row.source or "no source", plural(row.accords, "accord")]
    if row.drafts:
        meta.append(plural(row.drafts, "draft mark"))
    return label(row.title or row.path.name), "  " + label(" · ".join(meta))


class ArticleList(ScrollView, can_focus=True):
    """Rows of the index, in the picker's order; the cursor row is lit, unread articles are bold.

    The picker moves the cursor while its filter has the keyboard; with the keyboard, keys are commands."""

    COMPONENT_CLASSES = {"article-list--cursor", "article-list--meta", "article-list--unread", "article-list--broken"}

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)
    """The highlighted row (an index into ``rows``)."""

    class Chosen(Message):
        """A row was clicked: open it."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, rows: Sequence[Row] = (), is_unread: Callable[[Row], bool] = lambda row: False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: Sequence[Row] = rows
        self.is_unread = is_unread
        """Whether a row is unread (the app's reading state, handed down)."""
        self._width = 0
        self._wrapping = True
        self._lines: dict[int, list[str]] = {}
        self._starts = array("l", [0])
        """The first line of each row, and after the last the lines in all."""

    def set_rows(self, rows: Sequence[Row], cursor: int = 0) -> None:
        """Show other rows (a new filter or sort), the cursor on ``cursor``."""
        self.rows = rows
        self._lay_out()
        self.cursor = max(0, min(cursor, len(rows) - 1))
        self.refresh()

    def _lay_out(self) -> None:
        """Where each row starts at the width now (a long title takes more than one line)."""
        width = max(1, self.size.width - 1)  # the scrollbar's column kept free, shown or not: no re-wrap loop
        self._width = width
        self._lines = {}
        self._wrapping = len(self.rows) <= WRAP_LIMIT
        if not self._wrapping:
            self._starts = array("l", range(0, ROW_HEIGHT * len(self.rows) + 1, ROW_HEIGHT))
        else:
            starts = array("l", [0]) * (len(self.rows) + 1)
            at, room = 0, width - 1
            for index, row in enumerate(self.rows):
                starts[index] = at
                title = row.title if row.loaded and row.title and not has_unsafe(row.title) else row_lines(row)[0]
                size = len(title)
                # most titles are told to fit from their length alone (a character is at most two cells)
                fits = size * 2 <= room or (size <= room and (title.isascii() or cell_len(title) <= room))
                at += ROW_HEIGHT if fits else len(self.lines_of(index))
            starts[len(self.rows)] = at
            self._starts = starts
        self.virtual_size = Size(self.size.width, self._starts[len(self.rows)])

    def lines_of(self, index: int) -> list[str]:
        """A row's lines at the width now: its title's, then its details."""
        lines = self._lines.get(index)
        if lines is None:
            title, meta = row_lines(self.rows[index])
            lines = self._lines[index] = [*(title_lines(title, self._width) if self._wrapping else [title]), meta]
            if len(self._lines) > 4096:  # only the rows in sight are drawn again
                self._lines.clear()
        return lines

    def index_at(self, line: int) -> int:
        """The row drawn on a line of the whole list."""
        return bisect_right(self._starts, line, 0, len(self.rows)) - 1

    def on_mount(self) -> None:
        self._lay_out()

    def on_resize(self, event: events.Resize) -> None:
        if max(1, event.size.width - 1) != self._width or self.virtual_size.width != event.size.width:
            self._lay_out()

    def watch_cursor(self, cursor: int) -> None:
        if self.rows:
            self.scroll_to_region_of(cursor)
        self.refresh()

    def scroll_to_region_of(self, index: int) -> None:
        """Bring a row into view (all its lines), scrolling as little as possible, a whole row at the top."""
        top, height = round(self.scroll_y), self.scrollable_content_region.height
        first, end = self._starts[index], self._starts[index + 1]
        if first < top:
            top = first
        elif end > top + height:
            top = end - height
            at = self.index_at(top)
            if self._starts[at] < top:  # never part of a row at the top
                top = min(first, self._starts[at + 1])
        else:
            return
        self.scroll_to(y=top, animate=False, immediate=True)

    def move(self, rows: int) -> None:
        """Move the cursor by rows (negative: up), stopping at the ends."""
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + rows))

    @property
    def page(self) -> int:
        """How many rows a page holds (rows of one line of title)."""
        return max(1, self.scrollable_content_region.height // ROW_HEIGHT)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = round(self.scroll_y) + y
        base = self.rich_style
        if not self.rows or line >= self._starts[len(self.rows)]:
            return Strip.blank(width, base)
        index = self.index_at(line)
        row = self.rows[index]
        lines = self.lines_of(index)
        part = line - self._starts[index]
        text = lines[part]
        style = base
        if part < len(lines) - 1 and not row.loaded:
            style = base + self.get_component_rich_style("article-list--broken")
        elif part < len(lines) - 1 and self.is_unread(row):
            style = base + self.get_component_rich_style("article-list--unread")
        elif part == len(lines) - 1:
            style = base + self.get_component_rich_style("article-list--meta")
        if index == self.cursor:
            style = style + self.get_component_rich_style("article-list--cursor")
        strip = Strip([Segment(" " + text, style)])
        return strip.crop_extend(0, width, style if index == self.cursor else base)

    def on_click(self, event: events.Click) -> None:
        line = round(self.scroll_y) + event.y
        index = self.index_at(line) if self.rows and line < self._starts[len(self.rows)] else -1
        if 0 <= index < len(self.rows):
            self.cursor = index
            self.post_message(self.Chosen(index))
