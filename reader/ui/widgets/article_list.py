"""The picker's list of articles: a Line API view that draws only the rows in sight (a title, whole, then its details)."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from itertools import accumulate
from time import perf_counter
from typing import Callable, Iterable, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from reader.library.index import Row
from reader.text.safe import has_unsafe, label

ROW_HEIGHT = 2
"""Lines per article whose title fits on one: the title, then date · source · accords."""
EAGER = 1_000
"""Up to this many rows a list is laid out whole before its first frame (about 25 µs a long title: 1,000 of them at 40
columns, 35 ms); a longer one (a big library, before a filter narrows it) lays out the rows in sight, then the rest in the
background."""
REFINE_SECONDS = 0.01
"""How long one step of the background layout runs before keys and frames go through."""
REFINE_PAUSE = 0.002
"""Seconds between two steps of the background layout."""
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


class ArticleList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of the index, in the picker's order; the cursor row is lit, unread articles are bold.

    The picker moves the cursor while its filter has the keyboard; with the keyboard, keys are commands (the picker's: the
    scrolling keys a ScrollView binds would move the view from the cursor once the list is taller than the screen).
    A long list is laid out lazily: the rows in sight (and around the cursor) at once, the others counted as ROW_HEIGHT
    lines until a timer measures them, a chunk at a time, the rows in sight kept where they are."""

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
        self._lines: dict[int, list[str]] = {}
        self._heights = array("l")
        """Lines per row: exact where ``_exact`` says so, ROW_HEIGHT until then."""
        self._exact = bytearray()
        self._starts = array("l", [0])
        """The first line of each row, and after the last the lines in all."""
        self._pending = 0
        """How many rows are not measured yet."""
        self._next = 0
        """Where the measuring in the background goes on."""
        self._refiner: Timer | None = None

    @property
    def laid_out(self) -> bool:
        """Every row is measured: the list's height is exact."""
        return not self._pending

    def set_rows(self, rows: Sequence[Row], cursor: int = 0) -> None:
        """Show other rows (a new filter or sort), the cursor on ``cursor``."""
        self.rows = rows
        self._lay_out()
        self.cursor = max(0, min(cursor, len(rows) - 1))
        self.refresh()

    def _lay_out(self, top: int | None = None) -> None:
        """Start the layout at the width now: a short list whole, a long one from the rows in sight (``top`` the first)."""
        if self._refiner is not None:
            self._refiner.stop()
            self._refiner = None
        self._width = max(1, self.size.width - 1)  # the scrollbar's column kept free, shown or not: no re-wrap loop
        self._lines = {}
        count = len(self.rows)
        self._heights = array("l", [ROW_HEIGHT]) * count
        self._exact = bytearray(count)
        self._starts = array("l", range(0, ROW_HEIGHT * count + 1, ROW_HEIGHT))
        self._pending, self._next = count, 0
        if count <= EAGER:
            self._restack(self._measure_rows(range(count)), keep_top=False)
        else:
            first = top if top is not None else self.index_at(round(self.scroll_y))
            self._restack(self._measure_down(first, self._starts[first] + self.scrollable_content_region.height), keep_top=False)
            self._refiner = self.set_timer(REFINE_PAUSE, self._refine)
        if top is not None and self.rows:
            self.scroll_to(y=self._starts[top], animate=False, immediate=True)

    def _measure(self, index: int) -> int:
        """A row's lines at the width now (most titles are told to fit from their length alone: a character is at most two cells)."""
        row = self.rows[index]
        title = row.title if row.loaded and row.title and not has_unsafe(row.title) else row_lines(row)[0]
        size, room = len(title), self._width - 1
        if size * 2 <= room or (size <= room and (title.isascii() or cell_len(title) <= room)):
            return ROW_HEIGHT
        return len(self.lines_of(index))

    def _measure_one(self, index: int) -> bool:
        """Measure a row not measured yet; whether its height changed."""
        self._exact[index] = 1
        self._pending -= 1
        height = self._measure(index)
        if height == self._heights[index]:
            return False
        self._heights[index] = height
        return True

    def _measure_rows(self, indices: Iterable[int]) -> int:
        """Measure rows (those not measured yet); the first whose height changed, or -1."""
        first = -1
        for index in indices:
            if not self._exact[index] and self._measure_one(index) and (first < 0 or index < first):
                first = index
        return first

    def _measure_down(self, index: int, end: int) -> int:
        """Measure the rows from ``index`` on that start before line ``end`` (a row that grows pushes the next down)."""
        first, at = -1, self._starts[index] if self.rows else 0
        while index < len(self.rows) and at < end:
            if not self._exact[index] and self._measure_one(index) and first < 0:
                first = index
            at += self._heights[index]
            index += 1
        return first

    def _measure_up(self, index: int, lines: int) -> int:
        """Measure a row and the rows above it, until ``lines`` lines are measured (what a view ending on it shows)."""
        first = -1
        while index >= 0 and lines > 0:
            if not self._exact[index] and self._measure_one(index):
                first = index
            lines -= self._heights[index]
            index -= 1
        return first

    def _restack(self, first: int, keep_top: bool = True) -> None:
        """The rows' starts again from the first row whose height changed, the row at the top of the view kept in place."""
        if first >= 0:
            top_line = round(self.scroll_y)
            top = self.index_at(top_line) if self.rows else 0
            offset = top_line - self._starts[top]
            self._starts[first:] = array("l", accumulate(self._heights[first:], initial=self._starts[first]))
            self.virtual_size = Size(self.size.width, self._starts[len(self.rows)])
            if keep_top and first < top:
                self.scroll_to(y=self._starts[top] + offset, animate=False, immediate=True)
            self.refresh()
        elif self.virtual_size.height != self._starts[len(self.rows)] or self.virtual_size.width != self.size.width:
            self.virtual_size = Size(self.size.width, self._starts[len(self.rows)])

    def _refine(self) -> None:
        """Measure the next rows for a few milliseconds, then let keys and frames through and go on."""
        self._refiner = None
        deadline = perf_counter() + REFINE_SECONDS
        first, index, count = -1, self._next, len(self.rows)
        while index < count:
            if not self._exact[index] and self._measure_one(index) and first < 0:
                first = index
            index += 1
            if not index % 64 and perf_counter() > deadline:
                break
        self._next = index
        self._restack(first)
        if index < count and self._pending:
            self._refiner = self.set_timer(REFINE_PAUSE, self._refine)

    def _fit_view(self) -> None:
        """Measure the rows in sight (the view may have scrolled where rows are only counted)."""
        if self._pending and self.rows:
            top = round(self.scroll_y)
            self._restack(self._measure_down(self.index_at(top), top + self.scrollable_content_region.height))

    def lines_of(self, index: int) -> list[str]:
        """A row's lines at the width now: its title's, then its details."""
        lines = self._lines.get(index)
        if lines is None:
            title, meta = row_lines(self.rows[index])
            lines = self._lines[index] = [*title_lines(title, self._width), meta]
            if len(self._lines) > 4096:  # only the rows in sight are drawn again
                self._lines.clear()
        return lines

    def index_range(self, index: int) -> tuple[int, int]:
        """The lines a row is drawn on: its first, and the first after it."""
        return self._starts[index], self._starts[index + 1]

    def index_at(self, line: int) -> int:
        """The row drawn on a line of the whole list."""
        return max(0, bisect_right(self._starts, line, 0, len(self.rows)) - 1)

    def on_mount(self) -> None:
        self._lay_out()

    def on_resize(self, event: events.Resize) -> None:
        if max(1, event.size.width - 1) != self._width or self.virtual_size.width != event.size.width:
            self._lay_out(self.index_at(round(self.scroll_y)) if self.rows else None)
        else:
            self._fit_view()  # taller: more rows in sight

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._fit_view()

    def watch_cursor(self, cursor: int) -> None:
        if self.rows:
            self.scroll_to_region_of(cursor)
        self.refresh()

    def scroll_to_region_of(self, index: int) -> None:
        """Bring a row into view (all its lines), scrolling as little as possible, a whole row at the top."""
        height = self.scrollable_content_region.height
        if self._pending:  # the rows a view around it shows are measured first (G lays out the end, not all)
            changed = (self._measure_up(index, height), self._measure_down(index, self._starts[index] + height))
            self._restack(min((first for first in changed if first >= 0), default=-1))
        top = round(self.scroll_y)
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
        if not self._exact[index]:  # only counted so far (never in sight once the view has settled): its first line
            lines = [lines[0], lines[-1]]
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
