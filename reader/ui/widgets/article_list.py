"""The picker's list of articles: a Line API view that draws only the rows in sight (a title, whole, then its details)."""

from __future__ import annotations

import re
from array import array
from time import perf_counter
from typing import Callable, Sequence

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
from reader.text.cut import cut_at_word
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
REFINE_AFTER = 0.25
"""Seconds from a list shown to the start of its background layout: a typist's next key in the filter (a new list, whose
listing in a worker would share the interpreter with it) usually comes sooner."""
SIZE_EVERY = 1.0
"""Seconds between two updates of the list's height (and scrollbar) while the background layout runs."""
INDENT = 3
"""Cells before a title's second and later lines, so that they hang under its first (which starts at 1)."""


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


MAYBE_WIDE = re.compile("[\u1100-\u115f\u231a-\u231b\u2329-\u232a\u23e9-\u23ec\u23f0\u23f3\u25fd-\u25fe\u2614-\u2615\u2630-\u2637\u2648-\u2653\u267f\u268a-\u268f\u2693\u26a1\u26aa-\u26ab\u26bd-\u26be\u26c4-\u26c5\u26ce\u26d4\u26ea\u26f2-\u26f3\u26f5\u26fa\u26fd\u2705\u270a-\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b-\u2b1c\u2b50\u2b55\u2e80-\U0010ffff]")
"""The characters that may take two cells (those Rich counts two below U+2E80, and everything from there on)."""


def cells(text: str) -> int:
    """A text's width in cells, quickly: without a character of MAYBE_WIDE, each takes at most one cell (a combining one
    none: the width is then over, never under); only other texts are measured character by character."""
    return len(text) if text.isascii() or not MAYBE_WIDE.search(text) else cell_len(text)


def words_to_lines(text: str, width: int, rest: int | None = None) -> list[str]:
    """Greedy word wrap by terminal cells (fast enough to lay out 100,000 titles), the first line ``width`` cells wide and the
    others ``rest`` (``width`` if not given); a word wider than its line is cut into pieces as wide as the line."""
    lines: list[str] = []
    line, used, room = "", 0, width

    def flush() -> None:
        nonlocal line, used, room
        lines.append(line)
        line, used, room = "", 0, width if rest is None else rest

    for word in text.split():
        size = cells(word)
        if line and used + 1 + size <= room:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if line:
            flush()
        while size > room:  # a word longer than a line: cut it, as nothing else fits it
            piece = word[:room]
            while len(piece) > 1 and cell_len(piece) > room:
                piece = piece[:-1]
            line = piece
            flush()
            word = word[len(piece):]
            size = cell_len(word)
        line, used = word, size
    if line or not lines:
        lines.append(line)
    return lines


def title_lines(title: str, width: int) -> list[str]:
    """A title's lines at a width, whole words to a line where they fit: the first from cell 1, the others hanging at INDENT."""
    room = width - 1
    if cells(title) <= room or room - INDENT < 8:  # fits, or too narrow to wrap usefully (the row cuts it)
        return [title]
    first, *rest = words_to_lines(title, room, room - INDENT + 1)
    return [first] + [" " * (INDENT - 1) + line for line in rest]


def row_lines(row: Row) -> tuple[str, str]:
    """An article's two lines as plain, terminal-safe text (fetched titles are data, never markup)."""
    if not row.loaded:
        folder = str(row.path.parent)
        where = f"  in {folder}" if row.path.name and folder != "." else ""
        return label(row.path.name or str(row.path)) + label(where), f"  could not be opened: {plural(len(row.problems), 'problem')}"
    return label(row.title or row.path.name), "  " + " · ".join(_meta(row))


def _meta(row: Row) -> list[str]:
    """A loaded row's details: date, source, accords (and draft marks), terminal-safe."""
    meta = [label(row.published or "no date"), label(row.source or "no source"), plural(row.accords, "accord")]
    if row.drafts:
        meta.append(plural(row.drafts, "draft mark"))
    return meta


SOURCE_AT_LEAST = 5
"""Cells a source cut short still needs to say something ("APA…")."""


def meta_line(row: Row, width: int, whole: str) -> str:
    """A row's details in ``width`` cells, ``whole`` being all of them (row_lines' second line): whole when they fit,
    else the source cut at a word (the date and the counts kept), else without the source, else the line cut at a
    word; "…" where something goes."""
    if cell_len(whole) <= width or not row.loaded:
        return cut_at_word(whole, width)
    meta = _meta(row)
    room = width - cell_len("  " + " · ".join(meta[:1] + meta[2:]) + " · ")  # the source's place, its separator taken
    if room >= SOURCE_AT_LEAST:
        return "  " + " · ".join([meta[0], cut_at_word(meta[1], room), *meta[2:]])
    shorter = [meta[:1] + meta[2:]]  # the source goes, then "draft mark" says "draft": the counts stay longest
    if row.drafts:
        shorter.append([meta[0], meta[2], plural(row.drafts, "draft")])
    for parts in shorter:
        if cell_len(line := "  " + " · ".join(parts)) <= width:
            return line
    return cut_at_word(whole, width)  # too narrow for the counts whole: what the line begins with


class RowLines:
    """How many lines each row of a list takes and where each starts, every row ROW_HEIGHT lines until told otherwise.

    A Fenwick tree of the lines over ROW_HEIGHT: telling one row's height, the start of a row and the row on a line
    each cost about log2(rows) steps, so that a list of 100,000 is made in no time and measured in any order."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.heights = array("l", [ROW_HEIGHT]) * count
        self._extra = array("l", [0]) * (count + 1)
        """The tree: node i holds the extra lines of the rows (i - lowbit(i), i]."""
        self._top_bit = 1 << (count.bit_length() - 1) if count else 0
        self.total = ROW_HEIGHT * count
        """The lines of the whole list."""

    def set(self, index: int, height: int) -> None:
        """Tell a row's height."""
        delta = height - self.heights[index]
        if delta:
            self.heights[index] = height
            self.total += delta
            node = index + 1
            while node <= self.count:
                self._extra[node] += delta
                node += node & -node

    def start(self, index: int) -> int:
        """The first line of a row (``count``: the lines in all)."""
        line, node = ROW_HEIGHT * index, index
        while node:
            line += self._extra[node]
            node &= node - 1
        return line

    def index_at(self, line: int) -> int:
        """The row drawn on a line (the last one for a line past the end)."""
        index, rest, step = 0, line, self._top_bit
        while step:
            node = index + step
            if node <= self.count and self._extra[node] + ROW_HEIGHT * step <= rest:
                index = node
                rest -= self._extra[node] + ROW_HEIGHT * step
            step >>= 1
        return min(index, self.count - 1) if self.count else 0


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
        self._layout = RowLines(0)
        self._exact = bytearray()
        """Which rows are measured at the width now (the others count ROW_HEIGHT lines)."""
        self._pending = 0
        """How many rows are not measured yet."""
        self._next = 0
        """Where the measuring in the background goes on."""
        self._refiner: Timer | None = None
        self._sized_at = 0.0
        """When the list's height was last told (perf_counter)."""

    @property
    def laid_out(self) -> bool:
        """Every row is measured: the list's height is exact."""
        return not self._pending

    def hold_layout(self, hold: bool) -> None:
        """Stop the background layout for a while (a new list is being made in a worker), or let it go on."""
        if self._refiner is not None:
            self._refiner.stop()
            self._refiner = None
        if not hold and self._pending:
            self._refiner = self.set_timer(REFINE_PAUSE, self._refine)

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
        self._layout = RowLines(count)
        self._exact = bytearray(count)
        self._pending, self._next = count, 0
        if count <= EAGER:
            for index in range(count):
                self._measure(index)
        else:
            first = top if top is not None else self.index_at(round(self.scroll_y))
            self._measure_down(first, self._layout.start(first) + self.scrollable_content_region.height)
            self._refiner = self.set_timer(REFINE_AFTER, self._refine)
        self.virtual_size = Size(self.size.width, self._layout.total)
        if top is not None and self.rows:
            self.scroll_to(y=self._layout.start(top), animate=False, immediate=True)

    def _measure(self, index: int) -> None:
        """Measure a row not measured yet at the width now (most titles are told to fit from their length alone)."""
        self._exact[index] = 1
        self._pending -= 1
        row = self.rows[index]
        title = row.title if row.loaded and row.title and not has_unsafe(row.title) else row_lines(row)[0]
        size, room = len(title), self._width - 1
        if size > room or (size * 2 > room and cells(title) > room):  # a character takes at most two cells
            self._layout.set(index, len(self.lines_of(index)))

    def _measure_down(self, index: int, end: int) -> None:
        """Measure the rows from ``index`` on that start before line ``end`` (a row that grows pushes the next down)."""
        at = self._layout.start(index)
        while index < len(self.rows) and at < end:
            if not self._exact[index]:
                self._measure(index)
            at += self._layout.heights[index]
            index += 1

    def _measure_up(self, index: int, lines: int) -> None:
        """Measure a row and the rows above it, until ``lines`` lines are measured (what a view ending on it shows)."""
        while index >= 0 and lines > 0:
            if not self._exact[index]:
                self._measure(index)
            lines -= self._layout.heights[index]
            index -= 1

    def _top(self) -> tuple[int, int]:
        """The row at the top of the view, and how many of its lines are above it."""
        line = round(self.scroll_y)
        top = self.index_at(line)
        return top, line - self._layout.start(top)

    def _settle(self, top: int, offset: int, background: bool = False) -> None:
        """After rows were measured: the list's height, and the row that was at the top kept there.

        In the background, the height is told a few times a second only (each change lays the screen out again), unless
        the view must move: the rows in sight are measured already, so nothing else on screen changes."""
        line = self._layout.start(top) + offset if self.rows else 0
        moved = line != round(self.scroll_y)
        now = perf_counter()
        if moved or not background or not self._pending or now - self._sized_at > SIZE_EVERY:
            self._sized_at = now
            if self.virtual_size.height != self._layout.total or self.virtual_size.width != self.size.width:
                self.virtual_size = Size(self.size.width, self._layout.total)
        if moved:
            self.scroll_to(y=line, animate=False, immediate=True)
        if moved or not background:
            self.refresh()

    def _refine(self) -> None:
        """Measure the next rows for a few milliseconds, then let keys and frames through and go on."""
        self._refiner = None
        top, offset = self._top()
        deadline = perf_counter() + REFINE_SECONDS
        index, count = self._next, len(self.rows)
        while index < count:
            if not self._exact[index]:
                self._measure(index)
            index += 1
            if not index % 64 and perf_counter() > deadline:
                break
        self._next = index
        self._settle(top, offset, background=True)
        if index < count and self._pending:
            self._refiner = self.set_timer(REFINE_PAUSE, self._refine)

    def _fit_view(self) -> None:
        """Measure the rows in sight (the view may have scrolled where rows are only counted)."""
        if self._pending and self.rows:
            top, offset = self._top()
            self._measure_down(top, round(self.scroll_y) + self.scrollable_content_region.height)
            self._settle(top, offset)

    def lines_of(self, index: int) -> list[str]:
        """A row's lines at the width now: its title's, then its details."""
        lines = self._lines.get(index)
        if lines is None:
            row = self.rows[index]
            title, meta = row_lines(row)
            lines = self._lines[index] = [*title_lines(title, self._width), meta_line(row, self._width - 1, meta)]
            if len(self._lines) > 4096:  # only the rows in sight are drawn again
                self._lines.clear()
        return lines

    def index_range(self, index: int) -> tuple[int, int]:
        """The lines a row is drawn on: its first, and the first after it."""
        first = self._layout.start(index)
        return first, first + self._layout.heights[index]

    def index_at(self, line: int) -> int:
        """The row drawn on a line of the whole list."""
        return self._layout.index_at(line)

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
            top, offset = self._top()
            self._measure_up(index, height)
            self._measure_down(index, self._layout.start(index) + height)
            self._settle(top, offset)
        top = round(self.scroll_y)
        first, end = self.index_range(index)
        if first < top:
            top = first
        elif end > top + height:
            top = end - height
            at = self.index_at(top)
            start, after = self.index_range(at)
            if start < top:  # never part of a row at the top
                top = min(first, after)
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
        if not self.rows or line >= self._layout.total:
            return Strip.blank(width, base)
        index = self.index_at(line)
        row = self.rows[index]
        lines = self.lines_of(index)
        if not self._exact[index]:  # only counted so far (never in sight once the view has settled): its first line
            lines = [lines[0], lines[-1]]
        part = line - self._layout.start(index)
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
        index = self.index_at(line) if self.rows and line < self._layout.total else -1
        if 0 <= index < len(self.rows):
            self.cursor = index
            self.post_message(self.Chosen(index))
