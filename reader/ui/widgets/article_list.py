"""The picker's list of articles: a Line API view that draws only the rows in sight (two lines per article)."""

from __future__ import annotations

from typing import Callable, Sequence

from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.library.index import Row
from reader.text.safe import label

ROW_HEIGHT = 2
"""Lines per article: the title, then date · source · accords."""


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


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

    def set_rows(self, rows: Sequence[Row], cursor: int = 0) -> None:
        """Show other rows (a new filter or sort), the cursor on ``cursor``."""
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows) * ROW_HEIGHT)
        self.cursor = max(0, min(cursor, len(rows) - 1))
        self.refresh()

    def on_mount(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) * ROW_HEIGHT)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows) * ROW_HEIGHT)

    def watch_cursor(self, cursor: int) -> None:
        if self.rows:
            self.scroll_to_region_of(cursor)
        self.refresh()

    def scroll_to_region_of(self, index: int) -> None:
        """Bring a row into view (both its lines), scrolling as little as possible, a whole row at the top."""
        top, height = round(self.scroll_y), self.scrollable_content_region.height
        first = index * ROW_HEIGHT
        if first < top:
            top = first
        elif first + ROW_HEIGHT > top + height:
            top = first + ROW_HEIGHT - height
            top += top % ROW_HEIGHT  # never half a row at the top
        else:
            return
        self.scroll_to(y=top, animate=False, immediate=True)

    def move(self, rows: int) -> None:
        """Move the cursor by rows (negative: up), stopping at the ends."""
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + rows))

    @property
    def page(self) -> int:
        """How many rows a page holds."""
        return max(1, self.scrollable_content_region.height // ROW_HEIGHT)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = round(self.scroll_y) + y
        index, part = divmod(line, ROW_HEIGHT)
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        text = row_lines(row)[part]
        style = base
        if part == 0 and not row.loaded:
            style = base + self.get_component_rich_style("article-list--broken")
        elif part == 0 and self.is_unread(row):
            style = base + self.get_component_rich_style("article-list--unread")
        elif part == 1:
            style = base + self.get_component_rich_style("article-list--meta")
        if index == self.cursor:
            style = style + self.get_component_rich_style("article-list--cursor")
        strip = Strip([Segment(" " + text, style)])
        return strip.crop_extend(0, width, style if index == self.cursor else base)

    def on_click(self, event: events.Click) -> None:
        index = (round(self.scroll_y) + event.y) // ROW_HEIGHT
        if 0 <= index < len(self.rows):
            self.cursor = index
            self.post_message(self.Chosen(index))
